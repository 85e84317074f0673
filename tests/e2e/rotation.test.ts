import fs from 'node:fs';
import ICAL from 'ical.js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays, localDateOf } from '../../shared/rotation';
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

const P7 = '7. Polarisation, conflict resolution and harassment';

/** Calls the API from inside the page, with the tab's token, as the app itself does. */
function call<T>(page: Page, method: string, input: unknown): Promise<T> {
  return page.evaluate(
    async ([m, i]) => {
      const token = sessionStorage.getItem('painopiste.token') ?? '';
      const r = await fetch(`/api/${m}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(i),
      });
      const body = (await r.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
      if (!body.ok) throw new Error(body.error?.message ?? 'failed');
      return body.value;
    },
    [method, input] as const,
  ) as Promise<T>;
}

async function chairColumn(page: Page): Promise<string[]> {
  const rows = page.getByRole('region', { name: 'Schedule for the next 24 months' }).getByRole('row');
  const out: string[] = [];
  for (let i = 1; i < (await rows.count()); i++) out.push((await rows.nth(i).getByRole('cell').nth(2).textContent()) ?? '');
  return out;
}

describe('rotating chair, end to end', () => {
  it('priority 7: view the rotation, add meetings, swap two, see the chairs on the meetings, export the .ics', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const app = await startApp(dataDir, ['--demo']);
    const page = await newPage(browser);
    await page.goto(app.url);
    await expect
      .poll(() => page.getByRole('navigation').getByRole('link', { name: 'Rotation', exact: true }).isVisible())
      .toBe(true);

    await page.getByRole('navigation').getByRole('link', { name: 'Rotation', exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Rotation' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('row', { name: /SM → TEM → STM/ }).isVisible()).toBe(true);
    await expectAccessible(page, 'rotation list', { nameStartsWithLabel: true });
    await page.getByRole('link', { name: P7 }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1, name: `Chair rotation: ${P7}` }).isVisible()).toBe(true);
    const groupId = /#\/rotation\/([0-9a-f-]{36})/.exec(page.url())![1]!;

    // Meetings are created through the meetings API from inside the page (the meetings screens are built
    // in parallel); the rotation writes their chairs.
    const today = localDateOf(new Date());
    const ids: string[] = [];
    for (const [n, days] of [
      [1, 14],
      [2, 44],
      [3, 74],
      [4, 104],
    ] as const) {
      const m = await call<{ id: string }>(page, 'meetings.create', {
        groupId,
        title: `Network meeting ${n}`,
        date: addCalendarDays(today, days),
        startTime: '13:00',
        endTime: '15:00',
      });
      ids.push(m.id);
    }
    await page.reload();
    await expect.poll(() => chairColumn(page)).toEqual(['SM', 'TEM', 'STM', 'SM']);
    await expectAccessible(page, 'priority 7 schedule', { nameStartsWithLabel: true });

    // Swap meetings 1 and 2 with the keyboard-operable dialog.
    await page.getByRole('button', { name: /^Swap… Network meeting 1 / }).click();
    const dialog = page.getByRole('dialog', { name: 'Swap chairs' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await expectAccessible(page, 'swap dialog', { nameStartsWithLabel: true });
    await dialog
      .getByRole('combobox', { name: 'Swap with' })
      .selectOption({ label: await optionLabel(page, /Network meeting 2/) });
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => chairColumn(page)).toEqual(['TEM', 'SM', 'STM', 'SM']);
    await expect
      .poll(() => page.getByRole('region', { name: 'Overrides, swaps and skips' }).getByText('Swapped').isVisible())
      .toBe(true);

    // The chairs are on the meetings themselves.
    const meeting = await call<{ chairOrganisationId: string | null; chairSource: string | null }>(page, 'meetings.get', {
      id: ids[0],
    });
    expect(meeting.chairSource).toBe('swap');
    await page.goto(`${app.url.split('#')[0]}#/meetings/${ids[0]}`);
    await expect
      .poll(
        () =>
          page
            .getByText(/Chair:\s*TEM/)
            .first()
            .isVisible(),
        { timeout: 10_000 },
      )
      .toBe(true);

    // The group page shows the next chairs; the schedule exports an iCalendar file.
    await page.goto(`${app.url.split('#')[0]}#/groups/${groupId}`);
    const panel = page.getByRole('region', { name: 'Rotating chair' });
    await expect.poll(() => panel.getByRole('link', { name: 'Open the schedule' }).isVisible()).toBe(true);
    await expectAccessible(page, 'group page with rotation panel', { nameStartsWithLabel: true });
    await panel.getByRole('link', { name: 'Open the schedule' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Calendar (.ics)' }).click(),
    ]);
    const text = fs.readFileSync((await download.path())!, 'utf8');
    const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    const chairs = events.filter((e) => e.summary.startsWith('Chair:')).map((e) => e.summary);
    expect(chairs).toEqual([`Chair: TEM (${P7})`, `Chair: SM (${P7})`, `Chair: STM (${P7})`, `Chair: SM (${P7})`]);
    expect(events.every((e) => e.startDate.isDate)).toBe(true);
    expect(download.suggestedFilename()).toMatch(/\.ics$/);
    await app.stop();
  });
});

async function optionLabel(page: Page, pattern: RegExp): Promise<string> {
  const labels = await page.getByRole('dialog').getByRole('option').allTextContents();
  const found = labels.find((l) => pattern.test(l));
  if (!found) throw new Error(`no option ${pattern} in ${labels.join(' | ')}`);
  return found;
}
