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

/** A meeting with members, a stand-in, minutes, a decision and actions, made through the real API. */
async function seedMeeting(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const token = sessionStorage.getItem('painopiste.token');
    const call = async (m: string, input: unknown) => {
      const r = await fetch(`/api/${m}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(input),
      });
      const b = (await r.json()) as { ok: boolean; value: never; error: unknown };
      if (!b.ok) throw new Error(`${m}: ${JSON.stringify(b.error)}`);
      return b.value as Record<string, never> & { id: string };
    };
    const org = await call('organisations.create', { name: 'Police', abbreviation: 'POL', kind: 'agency' });
    const group = await call('groups.create', { kind: 'priority_group', name: 'Safe schools', status: 'active' });
    const people = [];
    for (const name of ['Aino Virtanen', 'Bertil Nyberg', 'Carita Laine'])
      people.push(await call('people.create', { name, organisationId: org.id }));
    await call('groups.addMember', { groupId: group.id, personId: people[0]!.id, role: 'member' });
    await call('groups.addMember', { groupId: group.id, personId: people[1]!.id, role: 'substitute' });
    await call('groups.addMember', { groupId: group.id, personId: people[2]!.id, role: 'chair' });
    const m = await call('meetings.create', {
      groupId: group.id,
      title: 'Steering meeting',
      date: '2030-02-04',
      startTime: '09:00',
      endTime: '11:00',
    });
    await call('meetings.addAgendaItem', { meetingId: m.id, type: 'discussion', title: 'Winter storms', durationMinutes: 20 });
    await call('meetings.setAttendance', { meetingId: m.id, personId: people[0]!.id, status: 'excused' });
    await call('meetings.setAttendance', {
      meetingId: m.id,
      personId: people[1]!.id,
      status: 'present',
      substituteForPersonId: people[0]!.id,
    });
    await call('meetings.setAttendance', { meetingId: m.id, personId: people[2]!.id, status: 'present' });
    await call('meetings.addDecision', { meetingId: m.id, text: 'The agenda was approved.' });
    await call('meetings.addAction', {
      groupId: group.id,
      meetingId: m.id,
      title: 'Book the venue',
      ownerPersonId: people[2]!.id,
    });
    return m.id;
  });
}

describe('the meeting page in parts, end to end', () => {
  it('walks through every part with its own address, Back returns, each part is accessible; run mode and the presentation view follow each other', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const app = await startApp(dataDir, ['--demo']);
    const page = await newPage(browser);
    await page.goto(app.url);
    await expect.poll(() => page.getByRole('navigation', { name: /./ }).first().isVisible()).toBe(true);
    const id = await seedMeeting(page);
    await page.evaluate((hash) => (location.hash = hash), `#/meetings/${id}`);
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Steering meeting' }).isVisible()).toBe(true);
    const tabs = page.getByRole('navigation', { name: 'Parts of the meeting' });
    const parts: Array<[RegExp, string, string]> = [
      [/^Details/, 'details', 'Meeting details'],
      [/^Agenda/, 'agenda', 'Agenda'],
      [/^Attendance/, 'attendance', 'Attendance'],
      [/^Minutes and decisions/, 'minutes', 'Minutes'],
      [/^Action items/, 'actions', 'Action items'],
      [/^Documents/, 'documents', 'Documents'],
    ];
    for (const [tab, slug, heading] of parts) {
      await tabs.getByRole('link', { name: tab }).click();
      await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#/meetings/${id}/${slug}`);
      await expect.poll(() => page.getByRole('heading', { level: 2, name: heading, exact: true }).isVisible()).toBe(true);
      expect(await tabs.getByRole('link', { name: tab }).getAttribute('aria-current')).toBe('page');
      await expectAccessible(page, `meeting page: ${slug}`, { nameStartsWithLabel: true });
    }
    // The attendance part keeps the stand-in in the per-organisation list.
    await tabs.getByRole('link', { name: /^Attendance/ }).click();
    await expect
      .poll(() => page.getByText('Bertil Nyberg (standing in for Aino Virtanen) – Present').first().isVisible())
      .toBe(true);
    // Back returns to the previous part; a link can point straight at the minutes.
    await page.goBack();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#/meetings/${id}/documents`);
    await page.evaluate((hash) => (location.hash = hash), `#/meetings/${id}/minutes`);
    await expect.poll(() => page.getByRole('button', { name: 'Approve minutes' }).isVisible()).toBe(true);
    // Reviewers named, one approval pending: the state with the most controls.
    const reviewers = page.getByRole('form', { name: 'Add reviewer' });
    await reviewers.getByLabel('Reviewer').selectOption({ label: 'Carita Laine' });
    await reviewers.getByRole('button', { name: 'Add reviewer' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Record approval by Carita Laine' }).isVisible()).toBe(true);
    await expectAccessible(page, 'minutes with a reviewer to approve', { nameStartsWithLabel: true });
    // States: an agenda item's edit form and remove confirmation, an action's edit form.
    await tabs.getByRole('link', { name: /^Agenda/ }).click();
    await page.getByRole('button', { name: 'Edit Winter storms' }).click();
    await page.getByRole('button', { name: 'Remove Winter storms' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Yes, remove Winter storms' }).isVisible()).toBe(true);
    await expectAccessible(page, 'agenda with an edit form and a remove confirmation', { nameStartsWithLabel: true });
    await tabs.getByRole('link', { name: /^Action items/ }).click();
    await page.getByRole('button', { name: 'Edit Book the venue' }).click();
    await expectAccessible(page, 'action item edit form', { nameStartsWithLabel: true });

    // Run mode, with the presentation view in a second tab following it.
    await page.getByRole('link', { name: 'Run mode' }).click();
    await expect.poll(() => page.getByRole('heading', { name: /Current item: 1\./ }).isVisible()).toBe(true);
    const [present] = await Promise.all([
      page.context().waitForEvent('page'),
      page.getByRole('button', { name: 'Presentation view' }).click(),
    ]);
    await expect.poll(() => present.getByRole('heading', { level: 1, name: '1. Opening of the meeting' }).isVisible()).toBe(true);
    const speakers = page.getByRole('region', { name: 'Speakers' });
    await speakers.getByLabel('Or another name').fill('Carita Laine');
    await speakers.getByLabel('Or another name').press('Enter');
    await speakers.getByLabel('Or another name').fill('Bertil Nyberg');
    await speakers.getByLabel('Or another name').press('Enter');
    await expect.poll(() => speakers.getByRole('list', { name: 'Speaker queue' }).getByRole('listitem').count()).toBe(2);
    await page.keyboard.press('Alt+j');
    await expect.poll(() => speakers.getByText('Speaking: Carita Laine').isVisible()).toBe(true);
    await expect.poll(() => present.getByText(/Speaking: Carita Laine/).isVisible()).toBe(true);
    await page.keyboard.press('Alt+n');
    await expect.poll(() => present.getByRole('heading', { level: 1, name: '2. Approval of the agenda' }).isVisible()).toBe(true);
    await expect.poll(() => present.getByText('Next up: 3. Approval of the previous minutes').isVisible()).toBe(true);
    await expectAccessible(page, 'run mode with a speaker queue', { nameStartsWithLabel: true });
    await expectAccessible(present, 'presentation view', { nameStartsWithLabel: true });
    await app.stop();
  });
});
