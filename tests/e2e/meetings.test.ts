import fs from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import type { Browser } from 'playwright-core';
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

describe('meetings, end to end', () => {
  it('template, series, agenda, run with attendance, minutes, a decision and two actions, approval, documents, carry-over', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const app = await startApp(dataDir, ['--demo']);
    const page = await newPage(browser);
    await page.goto(app.url);
    const groupsNav = page.getByRole('navigation').getByRole('link', { name: 'Groups', exact: true });
    await expect.poll(() => groupsNav.isVisible()).toBe(true);
    const groupLink = page.getByRole('link', { name: '5. Housing safety of older people and help in emergencies' });

    // Two people: a member of the group and someone who stands in for her.
    for (const name of ['Aino Virtanen', 'Pekka Sijainen']) {
      await page.getByRole('navigation').getByRole('link', { name: 'People', exact: true }).click();
      await page.getByRole('button', { name: 'New person' }).click();
      const personForm = page.getByRole('region', { name: 'New person' });
      await personForm.getByRole('textbox', { name: 'Name' }).fill(name);
      await personForm.getByRole('combobox', { name: 'Organisation' }).selectOption({ index: 1 });
      await personForm.getByRole('button', { name: 'Save' }).click();
      await expect.poll(() => page.getByRole('cell', { name, exact: true }).first().isVisible()).toBe(true);
    }
    await groupsNav.click();
    await groupLink.click();
    await page.getByRole('link', { name: 'Who takes part' }).click();
    const members = page.getByRole('form', { name: 'Add member' });
    await expect.poll(() => members.isVisible()).toBe(true);
    const aino = await members.getByRole('option', { name: /^Aino Virtanen/ }).getAttribute('value');
    await members.getByRole('combobox', { name: 'Person' }).selectOption(aino!);
    await members.getByRole('button', { name: 'Add member' }).click();
    await expect.poll(() => page.getByRole('cell', { name: 'Aino Virtanen' }).first().isVisible()).toBe(true);
    // Then to the group's meetings.
    await page.getByRole('link', { name: 'Meeting calendar' }).click();
    const panel = page.getByRole('region', { name: 'Meetings' });
    await expect.poll(() => panel.isVisible()).toBe(true);

    // The group's template: add an item of its own and save.
    const tpl = panel.getByRole('form', { name: 'Add item to template' });
    await tpl.getByRole('textbox', { name: 'Title' }).fill('Situation picture');
    await tpl.getByRole('button', { name: 'Add item to template' }).click();
    await panel.getByRole('button', { name: 'Save template' }).click();
    await expect.poll(() => page.getByText('The agenda template was saved.').isVisible()).toBe(true);

    // A weekly series of two meetings.
    await panel.getByRole('button', { name: 'New series' }).click();
    const form = page.getByRole('region', { name: 'New series' });
    await form.getByRole('textbox', { name: 'Title' }).fill('Steering meeting');
    await form.getByLabel('First date').fill('2030-03-04');
    await form.getByLabel('Number of meetings').fill('2');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByText('The series was created with 2 meetings.').isVisible()).toBe(true);
    await expectAccessible(page, 'group meetings panel');

    await panel.getByRole('link', { name: 'Steering meeting' }).first().click();
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Steering meeting' }).isVisible()).toBe(true);
    const tabs = page.getByRole('navigation', { name: 'Parts of the meeting' });
    await tabs.getByRole('link', { name: /^Agenda/ }).click();
    const agenda = page.getByRole('region', { name: 'Agenda' });
    await expect.poll(() => agenda.getByRole('listitem', { name: /Situation picture/ }).isVisible()).toBe(true);
    const add = agenda.getByRole('form', { name: 'Add agenda item' });
    await add.getByRole('textbox', { name: 'Title' }).fill('Winter storms');
    await add.getByRole('button', { name: 'Add agenda item' }).click();
    await expect.poll(() => agenda.getByRole('listitem', { name: /Winter storms/ }).isVisible()).toBe(true);
    await agenda.getByRole('button', { name: 'Up (Winter storms)' }).click();
    await expect.poll(() => page.getByText(/Winter storms moved to position/).count()).toBe(1);
    await expectAccessible(page, 'meeting page');

    // Run mode.
    await page.getByRole('link', { name: 'Run mode' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1, name: /Run the meeting/ }).isVisible()).toBe(true);
    const attendance = page.getByRole('region', { name: 'Attendance' });
    await attendance.getByRole('combobox', { name: 'Status: Aino Virtanen' }).selectOption('excused');
    const guest = attendance.getByRole('form', { name: 'Add a substitute or guest' });
    await guest.getByRole('combobox', { name: 'Person' }).selectOption({ index: 2 });
    await guest.getByRole('combobox', { name: 'Standing in for' }).selectOption({ label: 'Aino Virtanen' });
    await guest.getByRole('button', { name: 'Add attendee' }).click();
    await expect
      .poll(() =>
        attendance
          .getByText(/standing in for Aino Virtanen/)
          .first()
          .isVisible(),
      )
      .toBe(true);
    expect(await attendance.getByText('Represented', { exact: true }).count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Start timer' }).click();
    await page.keyboard.press('Alt+n');
    await expect.poll(() => page.getByRole('heading', { name: /Current item: 2\./ }).isVisible()).toBe(true);
    await page.getByRole('textbox', { name: /Minutes for 2\./ }).fill('The agenda was approved as sent.');
    await expect
      .poll(() =>
        page
          .getByRole('status')
          .filter({ hasText: /^Saved$/ })
          .count(),
      )
      .toBeGreaterThan(0);
    const current = page.getByRole('region', { name: /Current item/ });
    await current.getByRole('textbox', { name: 'Decision text' }).fill('The agenda was approved.');
    await current.getByRole('button', { name: 'Record decision' }).click();
    await expect.poll(() => current.getByText('The agenda was approved.').isVisible()).toBe(true);
    for (const title of ['Update the contact list', 'Book the venue']) {
      await current.getByRole('textbox', { name: 'Action' }).fill(title);
      await current.getByRole('button', { name: 'Add action item' }).click();
      await expect.poll(() => current.getByRole('button', { name: `Edit ${title}` }).isVisible()).toBe(true);
    }
    await expectAccessible(page, 'run mode');

    // Approve the minutes and download them.
    await page.getByRole('link', { name: 'Back to the meeting page' }).click();
    await tabs.getByRole('link', { name: 'Minutes and decisions' }).click();
    await page.getByRole('button', { name: 'Approve minutes' }).click();
    await expect
      .poll(() => page.getByText('The minutes are approved and locked. Reopen them to make changes.').isVisible())
      .toBe(true);
    await tabs.getByRole('link', { name: 'Documents' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Minutes as DOCX' }).click(),
    ]);
    const docx = fs.readFileSync((await download.path())!);
    const xml = strFromU8(unzipSync(new Uint8Array(docx))['word/document.xml']!);
    expect(xml).toContain('The agenda was approved.');
    expect(xml).toContain('Book the venue');
    // PDF: the same printable HTML the print dialog gets, rendered by Chromium.
    const html = await page.evaluate(async () => {
      const token = sessionStorage.getItem('painopiste.token') ?? '';
      const id = location.hash.split('/')[2];
      const r = await fetch('/api/meetings.document', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ id, kind: 'minutes', format: 'html', lang: 'en' }),
      });
      const body = (await r.json()) as { ok: boolean; value: { contentBase64: string } };
      return new TextDecoder().decode(Uint8Array.from(atob(body.value.contentBase64), (c) => c.charCodeAt(0)));
    });
    const printer = await newPage(browser);
    await printer.setContent(html);
    const pdf = await printer.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await expectAccessible(page, 'approved meeting');

    // The group's decisions register finds the decision and links back to the meeting.
    await page.getByRole('link', { name: 'Decisions register' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1, name: /Decisions register/ }).isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('cell', { name: 'The agenda was approved.' }).isVisible()).toBe(true);
    await page.getByRole('textbox', { name: 'Search decisions' }).fill('nothing like this');
    await expect.poll(() => page.getByText('No decisions yet.').isVisible()).toBe(true);
    await expectAccessible(page, 'decisions register');
    await page.goBack();

    // The next meeting of the series lists both actions for review.
    await page.getByRole('link', { name: 'All meetings' }).click();
    await expect.poll(() => page.getByRole('link', { name: 'Steering meeting' }).count()).toBe(2);
    await expectAccessible(page, 'meetings list');
    await page.getByRole('link', { name: 'Steering meeting' }).nth(1).click();
    await tabs.getByRole('link', { name: /^Agenda/ }).click();
    const review = page.getByRole('list', { name: 'Open action items to review' });
    await expect.poll(() => review.getByText(/Update the contact list/).isVisible()).toBe(true);
    expect(await review.getByText(/Book the venue/).isVisible()).toBe(true);

    await page.getByRole('navigation').getByRole('link', { name: 'Action items', exact: true }).click();
    await expect.poll(() => page.getByText('Book the venue', { exact: true }).isVisible()).toBe(true);
    await expectAccessible(page, 'action items');
    await app.stop();
  });
});
