import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface RunningApp {
  url: string;
  port: number;
  token: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Start the real browser-mode server (the built app) on a data folder, as `npm start` would. */
export async function startApp(dataDir: string, extra: string[] = []): Promise<RunningApp> {
  const entry = path.join(ROOT, 'dist/node/browser.js');
  if (!fs.existsSync(entry)) throw new Error('Build the app first: npm run build');
  const child = spawn(process.execPath, [entry, '--data-dir', dataDir, '--port', '0', ...extra], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${stderr}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Painopiste is running at (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
  });
  const m = /^http:\/\/127\.0\.0\.1:(\d+)\/#token=(.+)$/.exec(line);
  if (!m) throw new Error(`unexpected start line: ${line}`);
  return {
    url: line,
    port: Number(m[1]),
    token: m[2]!,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/**
 * axe-core on the current screen: no serious or critical violations. `nameStartsWithLabel` also runs axe's
 * label-content-name-mismatch (WCAG 2.5.3: an accessible name contains the visible label), which axe keeps
 * among its experimental rules and does not run by default.
 */
export async function expectAccessible(page: Page, screen: string, opts: { nameStartsWithLabel?: boolean } = {}) {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  if (opts.nameStartsWithLabel) builder = builder.options({ rules: { 'label-content-name-mismatch': { enabled: true } } });
  const results = await builder.analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(' | ')}`,
    );
  expect(bad, `accessibility of ${screen}`).toEqual([]);
}

/** A page in its own context (axe needs one; it also keeps sessionStorage per test). */
export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Helsinki' });
  return context.newPage();
}
