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

async function scheduleRows(page: Page): Promise<{ slot: string; chair: string }[]> {
  const rows = page.getByRole('region', { name: 'Schedule for the next 24 months' }).getByRole('row');
  const out: { slot: string; chair: string }[] = [];
  for (let i = 1; i < (await rows.count()); i++) {
    const cells = rows.nth(i).getByRole('cell');
    out.push({ slot: (await cells.nth(1).textContent()) ?? '', chair: (await cells.nth(2).textContent()) ?? '' });
  }
  return out;
}

async function chairColumn(page: Page): Promise<string[]> {
  return (await scheduleRows(page)).map((r) => r.chair);
}

/** The chairs of a per-meeting rotation among SM, TEM and STM (in English MoI, MEAE, MSAH), continuing from the first one's. */
const CYCLE = ['MoI', 'MEAE', 'MSAH'];
const cycleFrom = (first: string, n: number) => Array.from({ length: n }, (_, i) => CYCLE[(CYCLE.indexOf(first) + i) % 3]!);

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
    await expect.poll(() => page.getByRole('row', { name: /MoI → MEAE → MSAH/ }).isVisible()).toBe(true);
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
    // The example has planned meetings of its own: the chairs of all of them follow the cycle per meeting.
    await expect.poll(async () => (await scheduleRows(page)).filter((r) => /Network meeting/.test(r.slot)).length).toBe(4);
    const before = await chairColumn(page);
    expect(before).toEqual(cycleFrom(before[0]!, before.length));
    const rows = await scheduleRows(page);
    const first = rows.findIndex((r) => r.slot.includes('Network meeting 1'));
    const second = rows.findIndex((r) => r.slot.includes('Network meeting 2'));
    const swapped = [...before];
    [swapped[first], swapped[second]] = [before[second]!, before[first]!];
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
    await expect.poll(() => chairColumn(page)).toEqual(swapped);
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
            .getByText(new RegExp(`Chair:\\s*${swapped[first]}`))
            .first()
            .isVisible(),
        { timeout: 10_000 },
      )
      .toBe(true);

    // The group page shows the next chairs; the schedule exports an iCalendar file.
    await page.goto(`${app.url.split('#')[0]}#/groups/${groupId}/chair`);
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
    expect(chairs).toEqual(swapped.map((c) => `Chair: ${c} (${P7})`));
    expect(events.every((e) => e.startDate.isDate)).toBe(true);
    expect(download.suggestedFilename()).toMatch(/\.ics$/);
    await app.stop();
  });
});

interface Glance {
  members: Array<{ id: string; label: string }>;
  chairNow: { chairId: string | null; nextChairId: string | null };
}

describe('rotation at a glance, end to end', () => {
  it('priority 7: who chairs now, the timeline with today, the preview in every dialog, and the history', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const app = await startApp(dataDir, ['--demo']);
    const page = await newPage(browser);
    await page.goto(app.url);
    await expect
      .poll(() => page.getByRole('navigation').getByRole('link', { name: 'Rotation', exact: true }).isVisible())
      .toBe(true);
    await page.getByRole('navigation').getByRole('link', { name: 'Rotation', exact: true }).click();
    await page.getByRole('link', { name: P7 }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1, name: `Chair rotation: ${P7}` }).isVisible()).toBe(true);
    const groupId = /#\/rotation\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    const today = localDateOf(new Date());
    for (const [n, days] of [
      [1, 14],
      [2, 44],
      [3, 74],
      [4, 104],
    ] as const) {
      await call(page, 'meetings.create', {
        groupId,
        title: `Glance meeting ${n}`,
        date: addCalendarDays(today, days),
        startTime: '13:00',
        endTime: '15:00',
      });
    }
    await page.reload();

    // Who chairs now: what the page says is what the rotation computes (the example decides who).
    const view = await call<Glance>(page, 'rotation.forGroup', { groupId });
    // The backend labels members as written (SM); the English screen names them in English (MoI).
    const inEnglish: Record<string, string> = { SM: 'MoI', TEM: 'MEAE', STM: 'MSAH' };
    const label = (id: string | null) =>
      (view.members.find((m) => m.id === id)?.label ?? '').replace(/^(SM|TEM|STM)\b/, (a) => inEnglish[a] ?? a);
    const now = page.getByRole('region', { name: 'Who chairs now' });
    const expected = view.chairNow.chairId ? `Chair now: ${label(view.chairNow.chairId)}` : 'Nobody chairs yet';
    await expect.poll(() => now.textContent()).toContain(expected);
    if (view.chairNow.nextChairId) await expect.poll(() => now.textContent()).toContain(label(view.chairNow.nextChairId));

    // The timeline: a figure named with today, and its table with today's row.
    const timeline = page.getByRole('region', { name: 'Timeline of chairs' });
    await expect.poll(() => timeline.getByRole('img').getAttribute('aria-labelledby')).toBeTruthy();
    await timeline.locator('summary').click();
    await expect.poll(() => timeline.getByRole('rowheader', { name: /^Today, / }).isVisible()).toBe(true);
    await expectAccessible(page, 'rotation page with the timeline', { nameStartsWithLabel: true });

    // Override: the preview appears once a chair is chosen.
    await page.getByRole('button', { name: /^Override chair… Glance meeting 1 / }).click();
    let dialog = page.getByRole('dialog', { name: 'Override the chair' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    const chairs = dialog.getByRole('combobox', { name: 'Chair' });
    const current = label(
      (
        await call<{ schedule: Array<{ title: string | null; chairId: string | null }> }>(page, 'rotation.forGroup', { groupId })
      ).schedule.find((e) => e.title === 'Glance meeting 1')?.chairId ?? null,
    );
    const options = await chairs.getByRole('option').allTextContents();
    const other = options.findIndex((o, i) => i > 0 && !o.startsWith(`${current} `));
    await chairs.selectOption({ index: other });
    const preview = dialog.getByRole('region', { name: 'These meetings change:' });
    await expect.poll(() => preview.getByRole('listitem').first().textContent()).toMatch(/^Glance meeting 1 .* → /);
    await expectAccessible(page, 'override dialog with its preview', { nameStartsWithLabel: true });
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // Swap meeting 1 with 2: both change.
    await page.getByRole('button', { name: /^Swap… Glance meeting 1 / }).click();
    dialog = page.getByRole('dialog', { name: 'Swap chairs' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await dialog
      .getByRole('combobox', { name: 'Swap with' })
      .selectOption({ label: await optionLabel(page, /Glance meeting 2/) });
    // Two meetings change, unless the example's own meetings in between give both the same chair.
    const sched = (
      await call<{ schedule: Array<{ title: string | null; chairId: string | null }> }>(page, 'rotation.forGroup', { groupId })
    ).schedule;
    const chairOf = (title: string) => sched.find((e) => e.title === title)?.chairId ?? null;
    const differ = chairOf('Glance meeting 1') !== chairOf('Glance meeting 2');
    await expect
      .poll(() => dialog.getByRole('region', { name: 'These meetings change:' }).getByRole('listitem').count())
      .toBe(differ ? 2 : 0);
    await expectAccessible(page, 'swap dialog with its preview', { nameStartsWithLabel: true });
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // Skip meeting 1's chair: the preview lists the meetings that move up; saving records exactly those.
    await page.getByRole('button', { name: /^Skip… Glance meeting 1 / }).click();
    dialog = page.getByRole('dialog', { name: 'Skip a turn' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    const skipPreview = dialog.getByRole('region', { name: 'These meetings change:' });
    await expect.poll(() => skipPreview.getByRole('listitem').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'skip dialog with its preview', { nameStartsWithLabel: true });
    const lines = await skipPreview.getByRole('listitem').allTextContents();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    const history = page.getByRole('region', { name: 'History of changes' });
    await history.locator('summary').click();
    await expect
      .poll(() =>
        history
          .getByText(/turn skipped/)
          .first()
          .isVisible(),
      )
      .toBe(true);
    for (const line of lines) await expect.poll(() => history.getByText(line, { exact: true }).first().isVisible()).toBe(true);
    await expectAccessible(page, 'rotation page with the history', { nameStartsWithLabel: true });

    // A member leaving: the dialog previews too.
    await page.getByRole('button', { name: 'Member leaving…' }).click();
    dialog = page.getByRole('dialog', { name: 'A member leaves the rotation' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    const leaving = dialog.getByRole('combobox', { name: 'Leaving member' });
    await leaving.selectOption({ index: 1 });
    await expect
      .poll(() => dialog.getByRole('region', { name: 'These meetings change:' }).textContent())
      .not.toContain('Choose above');
    await expectAccessible(page, 'leaving dialog with its preview', { nameStartsWithLabel: true });
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // The group's panel says who chairs now as well.
    await page.goto(`${app.url.split('#')[0]}#/groups/${groupId}/chair`);
    const panel = page.getByRole('region', { name: 'Rotating chair' });
    await expect.poll(() => panel.textContent()).toMatch(/Chair now: |Nobody chairs yet/);
    await app.stop();
  });
});

async function optionLabel(page: Page, pattern: RegExp): Promise<string> {
  const labels = await page.getByRole('dialog').getByRole('option').allTextContents();
  const found = labels.find((l) => pattern.test(l));
  if (!found) throw new Error(`no option ${pattern} in ${labels.join(' | ')}`);
  return found;
}
