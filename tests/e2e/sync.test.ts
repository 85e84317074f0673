/**
 * Done-when of #18: two browser-mode servers on two data folders, linked to one folder, exchange an
 * edit without anyone exporting or importing. The folder is shared as a network share would be (both
 * see the same files); the servers' own schedulers write after the edit (debounced) and read when the
 * other window gets focus.
 */
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

/** The group's link in the groups list carries its priority number; its name does not. */
const GROUP = '7. Polarisation, conflict resolution and harassment';
const NAME = 'Polarisation, conflict resolution and harassment';
const PASSPHRASE = 'polarisaatio-verkosto-2027';

async function call<T>(app: RunningApp, method: string, input: unknown = {}): Promise<T> {
  const r = await fetch(`http://127.0.0.1:${app.port}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${app.token}` },
    body: JSON.stringify(input),
  });
  const body = (await r.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${method}: ${body.error?.message}`);
  return body.value;
}

async function link(page: Page, folder: string, laptop: string) {
  await page.getByRole('navigation').getByRole('link', { name: 'Shared folders', exact: true }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Shared folders' }).isVisible()).toBe(true);
  await expectAccessible(page, 'shared folders, nothing linked');
  const form = page.getByRole('region', { name: 'Link a group to a folder' });
  await form.getByRole('button', { name: 'Link group' }).click();
  await expect.poll(() => form.getByText('Fill in this field.').first().isVisible()).toBe(true);
  await expectAccessible(page, 'shared folders, link form with errors');
  await form.getByLabel('Group', { exact: true }).selectOption({ label: NAME });
  await form.getByRole('textbox', { name: /^Folder/ }).fill(folder);
  await form.getByRole('textbox', { name: /^Name of this laptop/ }).fill(laptop);
  await form.getByLabel(/^Group passphrase/).fill(PASSPHRASE);
  await form.getByRole('button', { name: 'Link group' }).click();
  const linked = page.getByRole('region', { name: NAME });
  await expect.poll(() => linked.getByText('Exchanging', { exact: true }).first().isVisible(), { timeout: 20_000 }).toBe(true);
  // The form starts clean after the link.
  expect(await form.getByRole('textbox', { name: /^Folder/ }).inputValue()).toBe('');
  return linked;
}

describe('shared sync folder', () => {
  it('two browser-mode servers linked to one folder exchange an edit without an export or an import', async () => {
    const folder = tempDir('painopiste-shared-');
    const dataA = tempDir('painopiste-e2e-a-');
    const dataB = tempDir('painopiste-e2e-b-');
    dirs.push(folder, dataA, dataB);
    const a = await startApp(dataA, ['--demo']);
    const b = await startApp(dataB);
    apps.push(a, b);

    // Before: B gets the group once by a handover file (the ordinary way a new chair gets it).
    await call(b, 'app.chooseStart', { example: false });
    const groups = await call<Array<{ id: string; name: string }>>(a, 'groups.list', {});
    const group = groups.find((g) => g.name === NAME)!;
    const file = await call<{ contentBase64: string }>(a, 'exchange.exportGroup', { groupId: group.id });
    await call(b, 'exchange.import', { contentBase64: file.contentBase64 });

    const pageA = await newPage(browser);
    await pageA.goto(a.url);
    const pageB = await newPage(browser);
    await pageB.goto(b.url);
    const linkedA = await link(pageA, folder, "SM's laptop");
    await link(pageB, folder, "TEM's laptop");
    expect(fs.readdirSync(folder).sort()).toHaveLength(2);

    // A edits the group's description in the group page; nobody exports or imports.
    const text = `Jaettu kansio toimii ${Date.now()}`;
    await pageA.getByRole('navigation').getByRole('link', { name: 'Groups', exact: true }).click();
    await pageA.getByRole('link', { name: GROUP }).click();
    await expect.poll(() => pageA.getByRole('heading', { level: 1, name: GROUP }).isVisible()).toBe(true);
    await pageA.getByRole('button', { name: 'Edit', exact: true }).first().click();
    const form = pageA.getByRole('region', { name: 'Edit group' });
    await form.getByRole('textbox', { name: /^Description/ }).fill(text);
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => pageA.getByText(text).first().isVisible()).toBe(true);

    // B's window gets focus now and then; A's scheduler writes its change file once edits are quiet.
    await pageB.getByRole('navigation').getByRole('link', { name: 'Groups', exact: true }).click();
    await pageB.getByRole('link', { name: GROUP }).click();
    await expect
      .poll(
        async () => {
          await pageB.evaluate(() => window.dispatchEvent(new Event('focus')));
          const g = await call<{ description: string | null }>(b, 'groups.get', { id: group.id });
          return g.description;
        },
        { timeout: 60_000, interval: 3_000 },
      )
      .toBe(text);
    await pageB.reload();
    await expect.poll(() => pageB.getByText(text).first().isVisible()).toBe(true);

    // B's status line and log say what came in, from whom.
    await pageB.getByRole('navigation').getByRole('link', { name: 'Shared folders', exact: true }).click();
    const linkedB = pageB.getByRole('region', { name: NAME });
    await expect.poll(() => linkedB.getByText(/^Exchanged .* ago with 1 laptop$/).isVisible(), { timeout: 20_000 }).toBe(true);
    await linkedB.getByRole('button', { name: 'What came in' }).click();
    await expect.poll(() => linkedB.getByRole('cell', { name: 'Applied' }).first().isVisible()).toBe(true);
    expect(await linkedB.getByRole('cell', { name: "SM's laptop" }).count()).toBeGreaterThan(0);
    // Record by record: the group whose description changed.
    await expect.poll(() => linkedB.getByText(`Changed: Groups ${NAME}`).first().isVisible()).toBe(true);
    await expectAccessible(pageB, 'shared folders, linked, log open');
    await pageB.screenshot({ path: path.join(dataB, 'sync-page.png'), fullPage: true });
    if (process.env.SYNC_SCREENSHOT) fs.copyFileSync(path.join(dataB, 'sync-page.png'), process.env.SYNC_SCREENSHOT);

    // Pause on A: the state says so; resume.
    await pageA.getByRole('navigation').getByRole('link', { name: 'Shared folders', exact: true }).click();
    await linkedA.getByRole('button', { name: /^Pause/ }).click();
    await expect.poll(() => linkedA.getByText('Paused', { exact: true }).isVisible()).toBe(true);
    await expectAccessible(pageA, 'shared folders, paused');
    await linkedA.getByRole('button', { name: /^Resume/ }).click();
    await expect.poll(() => linkedA.getByText('Exchanging', { exact: true }).first().isVisible()).toBe(true);

    // Browser mode asks for the passphrase once per session: after a restart, B is locked until given.
    await b.stop();
    const b2 = await startApp(dataB);
    apps.push(b2);
    const pageB2 = await newPage(browser);
    await pageB2.goto(b2.url);
    await pageB2.getByRole('navigation').getByRole('link', { name: 'Shared folders', exact: true }).click();
    const lockedB = pageB2.getByRole('region', { name: NAME });
    await expect.poll(() => lockedB.getByText('Passphrase needed', { exact: true }).isVisible()).toBe(true);
    await expectAccessible(pageB2, 'shared folders, passphrase needed');
    await lockedB.getByLabel(/^Group passphrase/).fill(PASSPHRASE);
    await lockedB.getByRole('button', { name: 'Unlock' }).click();
    await expect.poll(() => lockedB.getByText('Exchanging', { exact: true }).first().isVisible(), { timeout: 20_000 }).toBe(true);

    // Unlink on B.
    await lockedB.getByRole('button', { name: /^Unlink/ }).click();
    await lockedB.getByRole('alertdialog').getByRole('button', { name: 'Unlink' }).click();
    // A last exchange first (two scrypt keys at the production cost), then the index says it left.
    await expect
      .poll(() => pageB2.getByText('No group is linked to a shared folder yet.').isVisible(), { timeout: 30_000 })
      .toBe(true);
  }, 240_000);
});
