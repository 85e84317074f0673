/**
 * The backend off the server's thread, in the browser: a large whole-database import shows what is
 * happening with a progress bar, and another tab's group list loads while it runs (reads go to the
 * read-only connection in its own worker). "Save as PDF" leaves no print frame behind.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBackend, tempDir } from '../helpers/backend';
import { exportFrom } from '../backend/exchange-helpers';
import { expectAccessible, launchBrowser, newPage, startApp, type RunningApp } from './harness';

let browser: Browser;
let app: RunningApp;
const dirs: string[] = [];
let bigFile: string;
const ROWS = 60_000;
const GROUP = '7. Polarisation, conflict resolution and harassment';

beforeAll(async () => {
  const files = tempDir();
  dirs.push(files);
  // A large database (its own replica) exported whole, to import into the running app.
  const source = await startTestBackend({ backupOnStart: false });
  const ctx = source.backend.ctx;
  ctx.tx(() => {
    for (let i = 0; i < ROWS; i++) {
      ctx.store.insert('organisations', {
        abbreviation: `E${i}`,
        name: `Suuri organisaatio ${i}`,
        kind: 'agency',
        notes: 'x'.repeat(40),
      });
    }
  });
  bigFile = path.join(files, 'Large database.wgx');
  fs.writeFileSync(bigFile, exportFrom(source, { kind: 'database' }));
  source.cleanup();
  const dataDir = tempDir();
  dirs.push(dataDir);
  app = await startApp(dataDir, ['--demo']);
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('long work in the browser', () => {
  it('a large import shows progress, and the group list still loads while it runs', async () => {
    const importing = await newPage(browser);
    await importing.goto(app.url);
    await expect.poll(() => importing.getByRole('navigation').isVisible(), { timeout: 15_000 }).toBe(true);
    await importing.goto(`${app.url.split('#')[0]}#/exchange/import`);
    await expect
      .poll(() => importing.getByRole('heading', { level: 1, name: 'Import a file' }).isVisible(), { timeout: 15_000 })
      .toBe(true);
    const chooser = importing.waitForEvent('filechooser');
    await importing.getByRole('button', { name: 'Choose a file…' }).click();
    await (await chooser).setFiles(bigFile);
    await importing.getByRole('button', { name: 'Check the file' }).click();
    await expect
      .poll(() => importing.getByRole('heading', { name: 'What importing will change' }).isVisible(), { timeout: 60_000 })
      .toBe(true);

    // A second tab, on the groups page, before the import starts.
    const reading = await newPage(browser);
    await reading.goto(app.url);
    await expect.poll(() => reading.getByRole('navigation').isVisible(), { timeout: 15_000 }).toBe(true);

    await importing.getByRole('button', { name: 'Import', exact: true }).click();
    const status = importing.getByRole('status').filter({ has: importing.getByRole('progressbar') });
    await expect.poll(() => status.isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toMatch(/Writing the changes — [\d,  ]+ of 60[,  ]?000/);

    // While the import writes, the other tab opens the group list.
    await reading.getByRole('navigation').getByRole('link', { name: 'Groups', exact: true }).click();
    await expect.poll(() => reading.getByRole('link', { name: GROUP }).isVisible(), { timeout: 10_000 }).toBe(true);
    const stillImporting = await status.isVisible();
    expect(stillImporting, 'the group list loaded while the import was still running').toBe(true);
    if (process.env.PAINOPISTE_SCREENSHOTS)
      await status.screenshot({ path: path.join(process.env.PAINOPISTE_SCREENSHOTS, 'import-progress.png') });
    await expectAccessible(importing, 'import with progress');

    await expect
      .poll(() => importing.getByRole('heading', { name: 'The file was imported' }).isVisible(), { timeout: 120_000 })
      .toBe(true);
    await expect.poll(() => status.isVisible()).toBe(false);
  });

  it('"Save as PDF" in browser mode prints through a frame that is gone afterwards', async () => {
    const page = await newPage(browser);
    await page.goto(app.url);
    await expect.poll(() => page.getByRole('navigation').isVisible(), { timeout: 15_000 }).toBe(true);
    await page.getByRole('navigation').getByRole('link', { name: 'Reports', exact: true }).click();
    const exportForm = page.getByRole('form', { name: 'Export the interim progress report' });
    await expect.poll(() => exportForm.isVisible()).toBe(true);
    await exportForm.getByRole('combobox', { name: 'Format' }).selectOption('pdf');
    // Record every frame the page adds, to know the print went through one.
    await page.evaluate(() => {
      const w = window as unknown as { framesAdded: string[] };
      w.framesAdded = [];
      new MutationObserver((records) => {
        for (const r of records) for (const n of r.addedNodes) if (n instanceof HTMLIFrameElement) w.framesAdded.push(n.title);
      }).observe(document.body, { childList: true, subtree: true });
    });
    await exportForm.getByRole('button', { name: 'Export report' }).click();
    await expect
      .poll(
        () =>
          page
            .getByText(/^The report .* was created\.$/)
            .first()
            .isVisible(),
        { timeout: 30_000 },
      )
      .toBe(true);
    await expect.poll(() => page.locator('iframe').count(), { timeout: 10_000 }).toBe(0);
    // One frame was used, with the document's title as its name.
    expect(await page.evaluate(() => (window as unknown as { framesAdded: string[] }).framesAdded)).toEqual([
      expect.stringMatching(/interim progress report/i),
    ]);
    await expectAccessible(page, 'reports after Save as PDF');
  });
});
