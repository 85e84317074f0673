import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import ICAL from 'ical.js';
import PostalMime from 'postal-mime';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/backend';
import { expectAccessible, launchBrowser, newPage, startApp, type RunningApp } from './harness';

/** Meeting materials, invitations and replies in browser mode, by the file chooser, in Chromium. */
let browser: Browser;
const dirs: string[] = [];
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

/** Seed through the same HTTP API the page uses (a group with a convener and members with addresses). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function call(app: RunningApp, method: string, input: unknown): Promise<any> {
  const res = await fetch(`http://127.0.0.1:${app.port}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${app.token}` },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
  if (!body.ok) throw new Error(`${method}: ${body.error?.message}`);
  return body.value;
}

async function seed(app: RunningApp) {
  await call(app, 'app.chooseStart', { example: false });
  const org = await call(app, 'organisations.create', { abbreviation: 'SM', name: 'Sisäministeriö', kind: 'ministry' });
  const people = [];
  for (const [name, email, role] of [
    ['Kaisa Koollekutsuja', 'kaisa@sm.example', 'convener'],
    ['Anna Aho', 'anna@sm.example', 'chair'],
    ['Ben Berg', 'ben@sm.example', 'member'],
  ] as const) {
    people.push({ ...(await call(app, 'people.create', { name, organisationId: org.id, email })), role });
  }
  const group = await call(app, 'groups.create', { kind: 'priority_group', name: 'Turvallinen arki', status: 'active' });
  for (const p of people) await call(app, 'groups.addMember', { groupId: group.id, personId: p.id, role: p.role });
  const meeting = await call(app, 'meetings.create', {
    groupId: group.id,
    title: 'Spring meeting',
    date: '2030-02-16',
    startTime: '09:00',
    endTime: '11:00',
    place: 'Kirkkokatu 12',
  });
  return { meeting, people };
}

async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [dl] = await Promise.all([page.waitForEvent('download'), click()]);
  const file = await dl.path();
  return { name: dl.suggestedFilename(), bytes: fs.readFileSync(file!) };
}

describe('meeting materials and invitations, end to end', () => {
  it('adds materials by the file chooser, downloads and removes them, makes invitations and email drafts, and records replies', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const app = await startApp(dataDir);
    try {
      const { meeting } = await seed(app);
      const page = await newPage(browser);
      await page.goto(`${app.url}`);
      // The app takes the token from the address first (and rewrites it to #/); go on after it has.
      await expect
        .poll(() => page.getByRole('navigation').getByRole('link', { name: 'Meetings', exact: true }).isVisible())
        .toBe(true);
      await page.evaluate((id) => (window.location.hash = `#/meetings/${id}/documents`), meeting.id);
      const materials = page.getByRole('region', { name: 'Materials' });
      await expect.poll(() => materials.isVisible(), { timeout: 15_000 }).toBe(true);
      await expectAccessible(page, 'documents tab without materials');

      // The file dialog: the chooser opens from the labelled input and takes a PDF for the whole meeting.
      const dir = tempDir();
      dirs.push(dir);
      const memo = path.join(dir, 'Muistio.pdf');
      fs.writeFileSync(memo, PDF);
      const notes = path.join(dir, 'Huomiot.txt');
      fs.writeFileSync(notes, 'Kokouksen huomiot\n');
      const [chooser] = await Promise.all([
        page.waitForEvent('filechooser'),
        materials.getByLabel('Choose a file to add').click(),
      ]);
      await chooser.setFiles(memo);
      await expect.poll(() => materials.getByRole('rowheader', { name: 'Muistio.pdf' }).isVisible()).toBe(true);
      const row = materials.getByRole('row', { name: /Muistio\.pdf/ });
      await expect.poll(() => row.innerText()).toMatch(/Whole meeting\s+PDF\s+\d+ B/);

      // A second file, attached to an agenda item.
      await materials.getByRole('combobox', { name: 'Attach to' }).selectOption({ index: 1 });
      const [chooser2] = await Promise.all([
        page.waitForEvent('filechooser'),
        materials.getByLabel('Choose a file to add').click(),
      ]);
      await chooser2.setFiles(notes);
      await expect.poll(() => materials.getByRole('rowheader', { name: 'Huomiot.txt' }).isVisible()).toBe(true);
      // Refused with a sentence: a program.
      const exe = path.join(dir, 'setup.exe');
      fs.writeFileSync(exe, 'MZ\x90\x00program');
      await materials.getByLabel('Choose a file to add').setInputFiles(exe);
      await expect
        .poll(() => page.getByText('This kind of file cannot be added as a material.', { exact: false }).isVisible())
        .toBe(true);
      await expectAccessible(page, 'documents tab with materials');

      // Browser mode opens a material as a download, byte for byte.
      const got = await download(page, () => materials.getByRole('button', { name: 'Download Muistio.pdf' }).click());
      expect(got.name).toBe('Muistio.pdf');
      expect(sha256(got.bytes)).toBe(sha256(PDF));

      // Listed on the agenda document.
      const agenda = await call(app, 'meetings.document', { id: meeting.id, kind: 'agenda', format: 'md', lang: 'en' });
      expect(Buffer.from(agenda.contentBase64, 'base64').toString('utf8')).toContain('Muistio.pdf');

      // Remove asks first, then the row goes.
      await materials.getByRole('button', { name: 'Remove Huomiot.txt' }).click();
      await materials.getByRole('button', { name: 'Yes, remove' }).click();
      await expect.poll(() => materials.getByRole('rowheader', { name: 'Huomiot.txt' }).count()).toBe(0);

      // Invitation (.ics) and the email draft (.eml) as downloads.
      const inv = page.getByRole('region', { name: 'Invitations and replies' });
      const ics = await download(page, () => inv.getByRole('button', { name: 'Invitation for this meeting (.ics)' }).click());
      expect(ics.name).toMatch(/\.ics$/);
      const cal = new ICAL.Component(ICAL.parse(ics.bytes.toString('utf8')));
      expect(cal.getFirstPropertyValue('method')).toBe('REQUEST');
      const eml = await download(page, () => inv.getByRole('button', { name: 'Invitation email draft (.eml)' }).click());
      expect(eml.name).toMatch(/\.eml$/);
      const mail = await PostalMime.parse(eml.bytes);
      expect(mail.headers.find((h) => h.key === 'x-unsent')?.value).toBe('1');
      expect((mail.to ?? []).map((a) => a.address).sort()).toEqual(['anna@sm.example', 'ben@sm.example']);
      expect(mail.attachments.length).toBe(2);

      // A member's reply, imported by the file chooser, and one recorded by hand.
      const ev = cal.getFirstSubcomponent('vevent')!;
      const reply = path.join(dir, 'reply.ics');
      fs.writeFileSync(
        reply,
        [
          'BEGIN:VCALENDAR',
          'VERSION:2.0',
          'PRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN',
          'METHOD:REPLY',
          'BEGIN:VEVENT',
          `UID:${ev.getFirstPropertyValue('uid')}`,
          'DTSTAMP:20300110T090000Z',
          'ORGANIZER:mailto:kaisa@sm.example',
          'ATTENDEE;PARTSTAT=ACCEPTED:mailto:anna@sm.example',
          'END:VEVENT',
          'END:VCALENDAR',
          '',
        ].join('\r\n'),
      );
      const [chooser3] = await Promise.all([page.waitForEvent('filechooser'), inv.getByLabel('Import a reply (.ics)').click()]);
      await chooser3.setFiles(reply);
      await expect.poll(() => page.getByText('Recorded 1 answers from the reply.').isVisible()).toBe(true);
      await expect.poll(() => inv.getByText('Accepted 1 · Tentative 0 · Declined 0 · No answer 2').isVisible()).toBe(true);
      await inv.getByRole('combobox', { name: 'Answer Ben Berg' }).selectOption('declined');
      await expect.poll(() => inv.getByText('Accepted 1 · Tentative 0 · Declined 1 · No answer 1').isVisible()).toBe(true);
      await expectAccessible(page, 'invitations with replies');
      await page.screenshot({ path: path.join(process.env.SCREENSHOT_DIR ?? dir, 'materials-documents.png'), fullPage: true });

      // Run mode shows the expected attendance.
      await page.evaluate((id) => (window.location.hash = `#/meetings/${id}/run`), meeting.id);
      const expected = page.getByRole('region', { name: 'Expected attendance' });
      await expect.poll(() => expected.isVisible()).toBe(true);
      await expect.poll(() => expected.getByText('Anna Aho (SM): Expected: Accepted').isVisible()).toBe(true);
      await expectAccessible(page, 'run mode with expected attendance');
    } finally {
      await app.stop();
    }
  });
});
