#!/usr/bin/env node
// Regenerate docs/screenshot.png: the built app in browser mode with the example data, in Chromium.
// Usage: npm run build && node scripts/screenshot.mjs
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'painopiste-shot-'));
const server = spawn(process.execPath, [path.join(root, 'dist/node/browser.js'), '--data-dir', dataDir, '--demo'], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve) => {
  server.stdout.on('data', (d) => {
    const m = /running at (\S+)/.exec(d.toString());
    if (m) resolve(m[1]);
  });
});
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
await page.goto(url);
await page.getByRole('link', { name: /^7\. Polarisation/ }).waitFor();
fs.mkdirSync(path.join(root, 'docs'), { recursive: true });
await page.screenshot({ path: path.join(root, 'docs/screenshot.png') });
await browser.close();
server.kill('SIGTERM');
fs.rmSync(dataDir, { recursive: true, force: true });
console.log('docs/screenshot.png written');
