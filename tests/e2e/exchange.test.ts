import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/backend';
import { expectAccessible, launchBrowser, newPage, startApp, type RunningApp } from './harness';

let browser: Browser;
const dirs: string[] = [];
const apps: RunningApp[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  for (const a of apps) await a.stop();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const GROUP = '7. Polarisation, conflict resolution and harassment';

async function openGroup(page: Page) {
  await page.getByRole('navigation').getByRole('link', { name: 'Groups', exact: true }).click();
  await page.getByRole('link', { name: GROUP }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1, name: GROUP }).isVisible()).toBe(true);
}

async function editDescription(page: Page, text: string) {
  await openGroup(page);
  await page.getByRole('button', { name: 'Edit', exact: true }).first().click();
  const form = page.getByRole('region', { name: 'Edit group' });
  await form.getByRole('textbox', { name: /^Description/ }).fill(text);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => page.getByText(text).first().isVisible()).toBe(true);
}

/** From a group page: the handover wizard, a note, the file downloaded to `target`. */
async function exportHandover(page: Page, target: string, note: string) {
  await openGroup(page);
  await page.getByRole('link', { name: 'Chair and handover' }).click();
  await page.getByRole('region', { name: 'Handover and files' }).getByRole('link', { name: 'Prepare handover file' }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1, name: /^Handover file: .*Polarisation/ }).isVisible()).toBe(true);
  await page.getByRole('textbox', { name: 'Handover note' }).fill(note);
  await page.getByText('Protect the file with a passphrase').click();
  await expect.poll(() => page.getByLabel('Passphrase again').isVisible()).toBe(true);
  await expectAccessible(page, 'export wizard', { nameStartsWithLabel: true });
  await page.getByText('Protect the file with a passphrase').click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Create the handover file' }).click();
  await (await download).saveAs(target);
  await expect.poll(() => page.getByRole('heading', { name: 'The handover file is ready' }).isVisible()).toBe(true);
  await expectAccessible(page, 'export wizard, done', { nameStartsWithLabel: true });
}

async function importFile(page: Page, file: string) {
  await page.goto(`${page.url().split('#')[0]}#/exchange/import`);
  await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Import a file' }).isVisible()).toBe(true);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose a file…' }).click();
  await (await chooser).setFiles(file);
  await page.getByRole('button', { name: 'Check the file' }).click();
  await expect.poll(() => page.getByRole('heading', { name: 'What importing will change' }).isVisible()).toBe(true);
  await expectAccessible(page, 'import preview', { nameStartsWithLabel: true });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect.poll(() => page.getByRole('heading', { name: 'The file was imported' }).isVisible()).toBe(true);
}

describe('handover between two laptops, end to end', () => {
  it('exports from one, imports into the other, both edit, exchange back, and a conflict is resolved', async () => {
    const dirA = tempDir();
    const dirB = tempDir();
    const files = tempDir();
    dirs.push(dirA, dirB, files);
    const a = await startApp(dirA, ['--demo']);
    const b = await startApp(dirB);
    apps.push(a, b);
    const pageA = await newPage(browser);
    const pageB = await newPage(browser);
    await pageA.goto(a.url);
    await pageB.goto(b.url);
    await expect.poll(() => pageB.getByRole('heading', { name: 'Welcome to Painopiste' }).isVisible()).toBe(true);
    await pageB.getByRole('button', { name: 'Start with an empty database' }).click();

    const first = path.join(files, 'handover.wgx');
    await exportHandover(pageA, first, 'Budget proposal is due in March.');

    // B refuses a file that is not a Painopiste file, with a sentence, before anything else.
    const junk = path.join(files, 'junk.wgx');
    fs.writeFileSync(junk, 'not a zip');
    await pageB.goto(`${b.url.split('#')[0]}#/exchange/import`);
    const chooser = pageB.waitForEvent('filechooser');
    await pageB.getByRole('button', { name: 'Choose a file…' }).click();
    await (await chooser).setFiles(junk);
    await pageB.getByRole('button', { name: 'Check the file' }).click();
    await expect.poll(() => pageB.getByText('This is not a Painopiste exchange file.', { exact: false }).isVisible()).toBe(true);
    await expectAccessible(pageB, 'import refused', { nameStartsWithLabel: true });

    await importFile(pageB, first);
    await openGroup(pageB);
    await pageB.getByRole('link', { name: 'Chair and handover' }).click();
    await expectAccessible(pageB, 'group page with the exchange panel', { nameStartsWithLabel: true });
    await expect.poll(() => pageB.getByText(/^Last exchange: Imported/).isVisible()).toBe(true);

    // Both edit the group's description, concurrently.
    await editDescription(pageA, 'Description written on laptop A.');
    await editDescription(pageB, 'Description written on laptop B.');

    const back = path.join(files, 'back.wgx');
    await exportHandover(pageB, back, 'Back to A.');
    await importFile(pageA, back);
    await pageA.getByRole('link', { name: /conflict/ }).click();
    const card = pageA.getByRole('region', { name: /Groups: .*\(description\)/ });
    await expect.poll(() => card.getByTestId('conflict-current').textContent()).toContain('laptop B');
    await expect.poll(() => card.getByTestId('conflict-other').textContent()).toContain('laptop A');
    await expectAccessible(pageA, 'conflicts', { nameStartsWithLabel: true });
    await card.getByRole('textbox', { name: 'Merged text' }).fill('Merged description from A and B.');
    await card.getByRole('button', { name: 'Save the merged text' }).click();
    await expect.poll(() => pageA.getByText('No conflicts to resolve.').isVisible()).toBe(true);

    // The resolution travels to B without a new conflict.
    const resolved = path.join(files, 'resolved.wgx');
    await exportHandover(pageA, resolved, 'Resolved.');
    await importFile(pageB, resolved);
    await openGroup(pageB);
    await expect.poll(() => pageB.getByText('Merged description from A and B.').isVisible()).toBe(true);

    await pageA.goto(`${a.url.split('#')[0]}#/exchange/backups`);
    await expect.poll(() => pageA.getByRole('cell', { name: 'Before import' }).first().isVisible()).toBe(true);
    await expectAccessible(pageA, 'backups', { nameStartsWithLabel: true });
    await pageA.goto(`${a.url.split('#')[0]}#/exchange`);
    await expect.poll(() => pageA.getByRole('heading', { level: 1, name: 'Handover and files' }).isVisible()).toBe(true);
    await expectAccessible(pageA, 'exchange hub', { nameStartsWithLabel: true });
  });
});

describe('the handover checklist', () => {
  it('has the rotation, the plan and a recipient, and prints', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const app = await startApp(dir, ['--demo']);
    apps.push(app);
    const page = await newPage(browser);
    await page.goto(app.url);
    await openGroup(page);
    await page.getByRole('link', { name: 'Chair and handover' }).click();
    await page.getByRole('region', { name: 'Handover and files' }).getByRole('link', { name: 'Prepare handover file' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1, name: /^Handover file: .*Polarisation/ }).isVisible())
      .toBe(true);
    const checklist = page.getByRole('region', { name: 'Handover checklist' });
    for (const heading of ['Rotating chair', 'Measures of the plan', 'Indicators'])
      await expect.poll(() => checklist.getByRole('heading', { name: heading }).isVisible()).toBe(true);
    await expect.poll(() => checklist.getByText('Next chair').isVisible()).toBe(true);

    // The recipient: suggested from the rotation (the next chair) or chosen; shown on the checklist.
    const recipient = page.getByRole('region', { name: 'Recipient' }).getByRole('combobox', { name: 'Recipient' });
    const options = await recipient.getByRole('option').allTextContents();
    const chosen = options.find((o) => /^MEAE – /.test(o)) ?? options[1]!;
    await recipient.selectOption({ label: chosen });
    await expect.poll(() => checklist.textContent()).toContain(`Recipient: ${chosen}`);
    await expectAccessible(page, 'export wizard with the checklist and the recipient', { nameStartsWithLabel: true });

    // Print: the checklist document goes to the browser's print (a frame that prints and goes away).
    await page.evaluate(() => {
      const w = window as unknown as { printed: string[] };
      w.printed = [];
      new MutationObserver((records) => {
        for (const r of records) for (const n of r.addedNodes) if (n instanceof HTMLIFrameElement) w.printed.push(n.srcdoc);
      }).observe(document.body, { childList: true });
    });
    await checklist.getByRole('button', { name: 'Print the checklist' }).click();
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { printed: string[] }).printed.join('\n')))
      .toContain('Handover checklist: 7. Polarisation');
    const printed = await page.evaluate(() => (window as unknown as { printed: string[] }).printed.join('\n'));
    // The wizard and the printed checklist name the recipient alike, in English (MEAE for TEM).
    expect(printed).toContain(chosen.replace(/&/g, '&amp;'));
    expect(printed).toContain('Next chair');
    expect(printed).toContain('Measures of the plan');
  });
});
