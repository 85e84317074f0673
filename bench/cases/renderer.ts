/**
 * Renderer: the built browser-mode server on a copy of the generated database, driven in Chromium.
 * Cold start = from the server's "running at" line to the first screen painted (fresh browser context
 * each run, so nothing is cached). The action-item list is measured only when `#/actions` shows a
 * virtualised list (far fewer rows in the DOM than items). Its first screen is compared with the same
 * page over a copy of the database that keeps only 100 action items (issue #19: virtualisation makes
 * the first screen independent of the list's size), and scrolling counts frames that miss the frame
 * interval measured in the page. Chromium runs headless with --disable-gpu: pages are rasterised in
 * software on the CPU (the case's notes say what WebGL reports), so frame figures are a CPU's.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { DATABASE_FILE, openDatabase } from '../../electron/backend/db/open';
import { NotAvailable, defineCase, type BenchCase, type ScaleEnv } from '../harness';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The small list the first screen is compared with. */
export const SMALL_LIST = 100;
/** Issue #19: the first screen of the large list at most this × the small list's. */
export const LIST_SIZE_RATIO = 1.5;
/** Rows of a list, whatever markup the list uses. */
const ROW_SELECTOR = '#main [role="row"], #main tbody tr, #main [role="listitem"], #main [data-index]';
/** Rows showing data (a virtualised row shows a loading text until its page arrives; data rows have a title). */
const DATA_ROW_SELECTOR = '#main [role="listitem"] strong, #main tbody tr td, #main [role="row"] [role="cell"]';
const FIRST_SCREEN = '#main h1';

interface Server {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

function serverEntry(): string {
  return path.join(path.dirname(fileURLToPath(import.meta.url)), 'browser.js');
}

async function startServer(dataDir: string): Promise<Server> {
  const child = spawn(process.execPath, [serverEntry(), '--data-dir', dataDir, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${stderr}`)), 60_000);
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
  return {
    url,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function launch(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run'],
  });
}

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    locale: 'en-GB',
    timezoneId: 'Europe/Helsinki',
    viewport: { width: 1280, height: 900 },
  });
  return context.newPage();
}

function unavailableRenderer(): string | null {
  if (!fs.existsSync(serverEntry())) return 'not available: dist/node/browser.js missing (run npm run build)';
  if (!fs.existsSync(CHROMIUM)) return `not available: no Chromium at ${CHROMIUM}`;
  return null;
}

interface ColdState {
  browser: Browser;
  dir: string;
}

const coldStart = defineCase<ColdState>({
  name: 'browser mode: cold start to first screen',
  area: 'renderer',
  scales: ['W/100', 'W'],
  kind: 'renderer',
  runs: 5,
  target: { max: 1500, label: '< 1.5 s' },
  unavailable: unavailableRenderer,
  setup: async (env) => ({ browser: await launch(), dir: env.copyTemplate('renderer') }),
  run: async (_env, s) => {
    const server = await startServer(s.dir);
    const page = await newPage(s.browser);
    try {
      const t0 = performance.now();
      await page.goto(server.url);
      await page.locator(FIRST_SCREEN).first().waitFor({ state: 'visible', timeout: 30_000 });
      // Wait for the frame that shows it.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
      return { value: performance.now() - t0 };
    } finally {
      await page.context().close();
      await server.stop();
    }
  },
  teardown: async (_env, s) => {
    await s.browser.close();
  },
});

interface ListState {
  browser: Browser;
  server: Server;
  page: Page;
  rowsInDom: number;
  rendering: string;
}

/**
 * A copy of the generated database keeping only the first `keep` live, active action items (the
 * default filter's rows; nothing references action items), for the small-list baseline.
 */
function withActionItems(env: ScaleEnv, keep: number): string {
  const dir = env.copyTemplate('renderer-list-small');
  const db = openDatabase(path.join(dir, DATABASE_FILE));
  try {
    db.prepare(
      `DELETE FROM action_items WHERE rowid NOT IN (
         SELECT rowid FROM action_items WHERE deleted = 0 AND status IN ('open', 'in_progress') ORDER BY rowid LIMIT ?)`,
    ).run(keep);
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  return dir;
}

/** How the page is rasterised: WebGL's renderer string (SwiftShader/llvmpipe = software), or none. */
async function rendering(page: Page): Promise<string> {
  const gl = await page.evaluate(() => {
    const c = document.createElement('canvas').getContext('webgl');
    if (!c) return null;
    const info = c.getExtension('WEBGL_debug_renderer_info');
    return String(info ? c.getParameter(info.UNMASKED_RENDERER_WEBGL) : c.getParameter(c.RENDERER));
  });
  if (!gl) return 'software (headless, --disable-gpu; no WebGL)';
  const soft = /swiftshader|llvmpipe|software/i.exec(gl);
  return soft ? `software (${soft[0]}; headless, --disable-gpu)` : `GPU (${gl.slice(0, 80)})`;
}

/** Open #/actions once; decide whether the list is there and virtualised. */
async function openList(env: ScaleEnv, keep?: number): Promise<ListState> {
  const browser = await launch();
  const server = await startServer(keep ? withActionItems(env, keep) : env.copyTemplate('renderer-list'));
  const page = await newPage(browser);
  await page.goto(server.url);
  await page.locator(FIRST_SCREEN).first().waitFor({ state: 'visible', timeout: 30_000 });
  await page.evaluate(() => (location.hash = '#/actions'));
  let rowsInDom = 0;
  try {
    await page.waitForFunction((sel) => document.querySelectorAll(sel).length > 10, DATA_ROW_SELECTOR, { timeout: 30_000 });
    rowsInDom = await page.evaluate((sel) => document.querySelectorAll(sel).length, ROW_SELECTOR);
  } catch {
    await closeList({ browser, server, page, rowsInDom, rendering: '' });
    throw new NotAvailable('not available: #/actions shows no list rows');
  }
  const items = keep ?? env.generated.counts.action_items ?? 0;
  if (items > 2000 && rowsInDom >= 2000) {
    await closeList({ browser, server, page, rowsInDom, rendering: '' });
    throw new NotAvailable(`not available: #/actions is not virtualised (${rowsInDom} rows in the DOM)`);
  }
  return { browser, server, page, rowsInDom, rendering: await rendering(page) };
}

async function closeList(s: ListState): Promise<void> {
  await s.browser.close();
  await s.server.stop();
}

/** Hash change to #/actions → the first painted frame with list rows. */
function listFirstScreenCase(name: string, opts: { keep?: number; baseline?: string; target?: BenchCase['target'] }): BenchCase {
  return defineCase<ListState>({
    name,
    area: 'renderer',
    scales: ['W/100', 'W'],
    kind: 'renderer',
    runs: 5,
    baseline: opts.baseline,
    target: opts.target,
    unavailable: unavailableRenderer,
    setup: (env) => openList(env, opts.keep),
    run: async (_env, s) => {
      // Navigate away and back: the list page mounts, loads and paints its first screen.
      await s.page.evaluate(() => (location.hash = '#/home'));
      await s.page.waitForFunction((sel) => document.querySelectorAll(sel).length === 0, ROW_SELECTOR);
      const ms = await s.page.evaluate(
        (sel) =>
          new Promise<number>((resolve) => {
            const t0 = performance.now();
            const done = () => requestAnimationFrame(() => resolve(performance.now() - t0));
            const observer = new MutationObserver(() => {
              if (document.querySelectorAll(sel).length > 10) {
                observer.disconnect();
                done();
              }
            });
            observer.observe(document.body, { childList: true, subtree: true });
            location.hash = '#/actions';
          }),
        DATA_ROW_SELECTOR,
      );
      // The page's own count line ("77 000 action items"): the list's size in its default filter.
      const shown = await s.page.evaluate(() => document.querySelector('#main [role="status"]')?.textContent ?? '');
      return { value: ms, extra: { 'rows in DOM': s.rowsInDom, list: shown.slice(0, 60), rendering: s.rendering } };
    },
    teardown: (_env, s) => closeList(s),
  });
}

const SMALL_FIRST_SCREEN = `action-item list: first screen, ${SMALL_LIST} items (same page)`;
const listFirstScreenSmall = listFirstScreenCase(SMALL_FIRST_SCREEN, { keep: SMALL_LIST });
const listFirstScreen = listFirstScreenCase('action-item list: first screen (default filter)', {
  baseline: SMALL_FIRST_SCREEN,
  target: { max: 100, maxRatio: LIST_SIZE_RATIO, label: `< 100 ms; ≤ ${LIST_SIZE_RATIO}× the ${SMALL_LIST}-item list` },
});

/**
 * Scrolling: first the page's frame interval, measured as the median of 60 idle
 * requestAnimationFrame gaps (the machine's display rate as Chromium drives it), then 240 frames each
 * scrolled by 240 px. A frame is dropped when its gap exceeds 1.5 × that interval (a whole vsync
 * missed; jitter below that is not a lost frame); gaps over the interval itself are shown too.
 */
const listScroll = defineCase<ListState>({
  name: 'action-item list: scroll (dropped frames)',
  area: 'renderer',
  scales: ['W/100', 'W'],
  kind: 'renderer',
  runs: 3,
  unit: 'frames',
  target: { atMost: 0, label: 'no dropped frames (frame gaps > 1.5 × the measured frame interval)' },
  unavailable: unavailableRenderer,
  setup: (env) => openList(env),
  run: async (_env, s) => {
    const r = await s.page.evaluate(
      (sel) =>
        new Promise<{ interval: number; dropped: number; over: number; frames: number; worst: number; scrolled: number }>(
          (resolve) => {
            const first = document.querySelector(sel);
            // The nearest scrolling ancestor of a row, else the page.
            let box: Element | null = first?.parentElement ?? null;
            while (box && !(box.scrollHeight > box.clientHeight + 10 && /(auto|scroll)/.test(getComputedStyle(box).overflowY))) {
              box = box.parentElement;
            }
            const scroller = box ?? document.scrollingElement ?? document.documentElement;
            scroller.scrollTop = 0;
            const idle: number[] = [];
            const deltas: number[] = [];
            let last = 0;
            let frames = 0;
            let interval = 0;
            const step = (t: number) => {
              if (last) deltas.push(t - last);
              last = t;
              scroller.scrollTop += 240;
              if (++frames < 240) requestAnimationFrame(step);
              else
                resolve({
                  interval,
                  dropped: deltas.filter((d) => d > interval * 1.5).length,
                  over: deltas.filter((d) => d > interval * 1.05).length,
                  frames: deltas.length,
                  worst: Math.max(...deltas),
                  scrolled: scroller.scrollTop,
                });
            };
            const measure = (t: number) => {
              if (last) idle.push(t - last);
              last = t;
              if (idle.length < 60) return requestAnimationFrame(measure);
              const sorted = [...idle].sort((a, b) => a - b);
              interval = sorted[sorted.length >> 1]!;
              last = 0;
              requestAnimationFrame(step);
            };
            requestAnimationFrame(measure);
          },
        ),
      ROW_SELECTOR,
    );
    return {
      value: r.dropped,
      extra: {
        'frame interval ms': +r.interval.toFixed(1),
        frames: r.frames,
        'gaps > interval': r.over,
        'worst frame ms': +r.worst.toFixed(1),
        'scrolled px': r.scrolled,
        rendering: s.rendering,
      },
    };
  },
  teardown: (_env, s) => closeList(s),
});

export const rendererCases: BenchCase[] = [coldStart, listFirstScreenSmall, listFirstScreen, listScroll];
