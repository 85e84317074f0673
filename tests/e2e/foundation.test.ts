import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/backend';
import { expectAccessible, launchBrowser, newPage, startApp } from './harness';

let browser: Browser;
const dirs: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

async function nav(page: Page, name: string) {
  await page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
}

describe('browser mode, end to end', () => {
  it('creates an organisation and a group through the UI, and finds them again after a restart', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    let app = await startApp(dataDir);
    const page = await newPage(browser);
    await page.goto(app.url);
    await expect.poll(() => page.getByRole('heading', { name: 'Welcome to Painopiste' }).isVisible()).toBe(true);
    await expectAccessible(page, 'welcome');
    await page.getByRole('button', { name: 'Start with an empty database' }).click();

    await nav(page, 'Organisations');
    await page.getByRole('button', { name: 'New organisation' }).click();
    const orgForm = page.getByRole('region', { name: 'New organisation' });
    await orgForm.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => orgForm.getByText('Fill in this field.').count()).toBe(2);
    await expectAccessible(page, 'organisation form with errors');
    await orgForm.getByRole('textbox', { name: 'Abbreviation' }).fill('TEM');
    await orgForm.getByRole('textbox', { name: 'Name' }).fill('Ministry of Economic Affairs and Employment');
    await orgForm.getByRole('combobox', { name: 'Kind' }).selectOption('ministry');
    await orgForm.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByRole('cell', { name: 'TEM', exact: true }).isVisible()).toBe(true);

    await nav(page, 'Groups');
    await page.getByRole('button', { name: 'New group' }).click();
    const groupForm = page.getByRole('region', { name: 'New group' });
    await groupForm.getByRole('textbox', { name: 'Name', exact: true }).fill('Polarisation network');
    await groupForm.getByRole('combobox', { name: 'Kind' }).selectOption('network');
    await groupForm.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Polarisation network' }).isVisible()).toBe(true);
    const orgs = page.getByRole('region', { name: 'Organisations' });
    await orgs
      .getByRole('combobox', { name: 'Organisation' })
      .selectOption({ label: 'TEM – Ministry of Economic Affairs and Employment' });
    await orgs.getByRole('combobox', { name: 'Role' }).selectOption('lead');
    await orgs.getByRole('button', { name: 'Add organisation' }).click();
    await expect.poll(() => orgs.getByRole('cell', { name: 'TEM', exact: true }).isVisible()).toBe(true);
    await expectAccessible(page, 'group page');

    await app.stop();
    app = await startApp(dataDir);
    const again = await newPage(browser);
    await again.goto(app.url);
    await nav(again, 'Groups'); // the app opens on Home
    await expect.poll(() => again.getByRole('link', { name: 'Polarisation network' }).isVisible()).toBe(true);
    await expect.poll(() => again.getByRole('row', { name: /Polarisation network.*TEM/ }).isVisible()).toBe(true);
    await nav(again, 'Organisations');
    await expect.poll(() => again.getByRole('cell', { name: 'TEM', exact: true }).isVisible()).toBe(true);
    // Without the token the API refuses; the page says how to get in.
    const fresh = await newPage(browser);
    await fresh.goto(`http://127.0.0.1:${app.port}/`);
    await expect.poll(() => fresh.getByRole('alert').textContent()).toContain('Start Painopiste again');
    await app.stop();
  });

  it('shows the example data in Finnish, Swedish and English, with every screen accessible', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const app = await startApp(dataDir, ['--demo']);
    const page = await newPage(browser);
    await page.goto(app.url);
    await nav(page, 'Groups'); // the app opens on Home
    await expect
      .poll(() =>
        page.getByRole('link', { name: '2. Security capital of children and young people at risk of exclusion' }).isVisible(),
      )
      .toBe(true);

    const screens: Array<[string, string]> = [
      ['Today', 'Today'],
      ['Groups', 'Groups'],
      ['Organisations', 'Organisations'],
      ['People', 'People'],
      ['Meetings', 'Meetings'],
      ['Action items', 'Action items'],
      ['Rotation', 'Rotation'],
      ['Handover and files', 'Handover and files'],
      ['Scanning', 'Scanning'],
      ['Reports', 'Reports'],
      ['Settings', 'Settings'],
    ];
    for (const [link, heading] of screens) {
      await nav(page, link);
      await expect.poll(() => page.getByRole('heading', { level: 1, name: heading }).isVisible()).toBe(true);
      await expectAccessible(page, link);
    }
    await nav(page, 'Groups');
    await page.getByRole('link', { name: '5. Housing safety of older people and help in emergencies' }).click();
    // Its two subgroups are named under the heading, each a link.
    await expect
      .poll(() =>
        page.getByRole('main').getByRole('link', { name: 'Housing safety of older people: help in emergencies' }).isVisible(),
      )
      .toBe(true);
    await expectAccessible(page, 'priority 5');

    for (const [lng, groupsLabel, settingsLabel, languageLabel, status] of [
      ['fi', 'Ryhmät', 'Asetukset', 'Kieli', 'Toimeenpanossa'],
      ['sv', 'Grupper', 'Inställningar', 'Språk', 'Genomförs'],
      ['en', 'Groups', 'Settings', 'Language', 'Implementing'],
    ] as const) {
      await page.getByRole('navigation').first().getByRole('link').last().click(); // the app's navigation, not a page's parts
      await page.getByRole('combobox').first().selectOption(lng);
      await expect.poll(() => page.getByRole('heading', { level: 1, name: settingsLabel }).isVisible()).toBe(true);
      expect(await page.getByRole('combobox', { name: languageLabel }).isVisible()).toBe(true);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(lng);
      await nav(page, groupsLabel);
      await expect.poll(() => page.getByRole('cell', { name: status }).first().isVisible()).toBe(true);
      await expectAccessible(page, `groups in ${lng}`);
    }
    await app.stop();
  });
});
