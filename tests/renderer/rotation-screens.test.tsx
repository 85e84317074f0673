// Issue #15 on the schedule page: a swapped and skipped meeting says what the order gave it and whose turn
// was skipped (finding 8), and every button's accessible name starts with its visible label (finding 6).

import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/app/App';
import { useApp } from '../../renderer/store/app';
import { formatDate } from '../../renderer/ui/dates';
import { addCalendarDays, localDateOf } from '../../shared/rotation';
import type { TestBackend } from '../helpers/backend';
import { addMeeting, setUpGroup } from '../backend/rotation-helpers';
import { renderWithBackend } from './harness';

let t: TestBackend | undefined;
afterEach(() => t?.cleanup());

const today = () => localDateOf(new Date());

describe('rotation schedule', () => {
  it('says a skip that a swap then moved, and names every button by its label first', async () => {
    useApp.setState({ route: { page: 'rotation', params: [] } });
    const r = await renderWithBackend(<App />, { example: false });
    t = r.t;
    const { orgs, groupId } = await setUpGroup(t.api);
    const meetings = [10, 40, 70, 100].map((days) =>
      addMeeting(t!.backend, groupId, addCalendarDays(today(), days), { title: `Network meeting ${days}` }),
    );
    const created = await t.api.rotation.create({
      groupId,
      name: 'Chair',
      unit: 'organisations',
      mode: 'per_meeting',
      effectiveFrom: today(),
      members: [orgs.SM!, orgs.TEM!, orgs.STM!],
    });
    const rotationId = created.rotation.id;
    // Meeting 40 is TEM's turn: skipped, it goes to STM (and 70 to SM, 100 to TEM); then 40 and 100 swap.
    await t.api.rotation.addSkip({ rotationId, target: { meetingId: meetings[1]! }, memberId: orgs.TEM! });
    await t.api.rotation.addSwap({ rotationId, first: { meetingId: meetings[1]! }, second: { meetingId: meetings[3]! } });
    useApp.getState().navigate({ page: 'rotation', params: [groupId] });

    const schedule = await screen.findByRole('region', { name: 'Schedule for the next 24 months' });
    const row = within(schedule).getByRole('row', { name: /Network meeting 40/ });
    expect(row).toHaveTextContent('Swapped');
    expect(row).toHaveTextContent('Skipped');
    expect(row).toHaveTextContent("by the order, after TEM's turn was skipped: STM");
    const partner = within(schedule).getByRole('row', { name: /Network meeting 100/ });
    expect(partner).toHaveTextContent('by the order: TEM');
    expect(partner).not.toHaveTextContent('Skipped');

    const buttons = within(schedule).getAllByRole('button');
    expect(buttons.length).toBeGreaterThan(6);
    for (const b of buttons) {
      const visible = (b.textContent ?? '').trim();
      const name = b.getAttribute('aria-label') ?? visible;
      expect(name.startsWith(visible), `${name} starts with ${visible}`).toBe(true);
    }
  });
});

describe('marking a meeting ahead as held', () => {
  it('asks first, and a no changes nothing', async () => {
    const { vi } = await import('vitest');
    const { default: userEvent } = await import('@testing-library/user-event');
    useApp.setState({ route: { page: 'rotation', params: [] } });
    const r = await renderWithBackend(<App />, { example: false });
    t = r.t;
    const { groupId } = await setUpGroup(t.api);
    const id = addMeeting(t.backend, groupId, addCalendarDays(today(), 90), { title: 'Meeting ahead' });
    useApp.getState().navigate({ page: 'meetings', params: [id] });
    const form = await screen.findByRole('form', { name: 'Status' });
    const user = userEvent.setup();
    await user.selectOptions(within(form).getByRole('combobox'), 'held');
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(false);
    await user.click(within(form).getByRole('button'));
    expect(confirm).toHaveBeenCalledOnce();
    expect(confirm.mock.calls[0]![0]).toMatch(/keeps its chair for good/);
    expect((await t.api.meetings.get({ id })).status).toBe('planned');
    confirm.mockRestore();
  });
});

describe('rotation at a glance', () => {
  /** A held meeting 20 days ago (SM), then TEM in 10 days, STM in 40, SM in 70; a fourth member OKM. */
  async function setUp() {
    const { default: userEvent } = await import('@testing-library/user-event');
    useApp.setState({ route: { page: 'rotation', params: [] } });
    const r = await renderWithBackend(<App />, { example: false });
    t = r.t;
    const { orgs, groupId } = await setUpGroup(t.api, ['SM', 'TEM', 'STM', 'OKM']);
    const days = [-20, 10, 40, 70];
    const meetings = days.map((d) =>
      addMeeting(t!.backend, groupId, addCalendarDays(today(), d), { title: `Network meeting ${d}` }),
    );
    const created = await t.api.rotation.create({
      groupId,
      name: 'Chair',
      unit: 'organisations',
      mode: 'per_meeting',
      effectiveFrom: addCalendarDays(today(), -30),
      members: [orgs.SM!, orgs.TEM!, orgs.STM!],
    });
    t.backend.ctx.store.update('meetings', meetings[0]!, { status: 'held' });
    useApp.getState().navigate({ page: 'rotation', params: [groupId] });
    return { orgs, groupId, meetings, rotationId: created.rotation.id, user: userEvent.setup() };
  }
  const day = (d: number) => formatDate(addCalendarDays(today(), d));

  it('says who chairs now, until when, the handover and who is next; the timeline marks today', async () => {
    await setUp();
    const now = await screen.findByRole('region', { name: 'Who chairs now' });
    expect(now).toHaveTextContent(`Chair now: SM until ${day(9)} (handover ${day(10)}) · Next: TEM`);

    const timeline = screen.getByRole('region', { name: 'Timeline of chairs' });
    const figure = within(timeline).getByRole('img');
    expect(figure).toHaveAccessibleName(expect.stringContaining(`Today, ${day(0)}: SM.`));
    // The text equivalent: one row per chair run, today's row between the current run and the next.
    const rows = within(timeline)
      .getAllByRole('row')
      .slice(1)
      .map((row) => row.textContent ?? '');
    expect(rows).toHaveLength(5);
    expect(rows[0]).toMatch(new RegExp(`^${day(-20)} – ${day(9)}SM.*Network meeting -20 \\(held\\)Now$`));
    expect(rows[1]).toBe(`Today, ${day(0)}`);
    expect(rows[2]).toMatch(/^.* – .*HandoverTEM.*Network meeting 10Coming$/);
    expect(rows[3]).toContain('STM');
    expect(rows[4]).toContain('SM');
  });

  it('each dialog shows which meetings change before it saves, and the history then says what changed', async () => {
    const { user } = await setUp();
    const schedule = await screen.findByRole('region', { name: 'Schedule for the next 24 months' });

    // Override: nothing to show until a chair is chosen; then the one meeting that changes.
    await user.click(within(schedule).getByRole('button', { name: /^Override chair… Network meeting 10 / }));
    let dialog = await screen.findByRole('dialog', { name: 'Override the chair' });
    let preview = within(dialog).getByRole('region', { name: 'These meetings change:' });
    expect(preview).toHaveTextContent('Choose above to see which meetings change.');
    await user.selectOptions(
      within(dialog).getByRole('combobox', { name: 'Chair' }),
      within(dialog).getByRole('option', { name: /^OKM/ }),
    );
    await waitFor(() => expect(preview).toHaveTextContent(`Network meeting 10 ${day(10)}: TEM → OKM`));
    expect(within(preview).getAllByRole('listitem')).toHaveLength(1);
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    // Swap 10 with 40: both meetings change.
    await user.click(within(schedule).getByRole('button', { name: /^Swap… Network meeting 10 / }));
    dialog = await screen.findByRole('dialog', { name: 'Swap chairs' });
    preview = within(dialog).getByRole('region', { name: 'These meetings change:' });
    await user.selectOptions(
      within(dialog).getByRole('combobox', { name: 'Swap with' }),
      within(dialog).getByRole('option', { name: /Network meeting 40/ }),
    );
    await waitFor(() =>
      expect(
        within(preview)
          .getAllByRole('listitem')
          .map((li) => li.textContent),
      ).toEqual([`Network meeting 10 ${day(10)}: TEM → STM`, `Network meeting 40 ${day(40)}: STM → TEM`]),
    );
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    // Skip TEM at 10: every later meeting moves up one.
    await user.click(within(schedule).getByRole('button', { name: /^Skip… Network meeting 10 / }));
    dialog = await screen.findByRole('dialog', { name: 'Skip a turn' });
    preview = within(dialog).getByRole('region', { name: 'These meetings change:' });
    await waitFor(() =>
      expect(
        within(preview)
          .getAllByRole('listitem')
          .map((li) => li.textContent),
      ).toEqual([
        `Network meeting 10 ${day(10)}: TEM → STM`,
        `Network meeting 40 ${day(40)}: STM → SM`,
        `Network meeting 70 ${day(70)}: SM → TEM`,
      ]),
    );
    // Saving makes exactly that change, and the history says so.
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const history = screen.getByRole('region', { name: 'History of changes' });
    await waitFor(() => expect(history).toHaveTextContent(`${day(10)}: TEM's turn skipped`));
    expect(history).toHaveTextContent(`3 chairs changed:Network meeting 10 ${day(10)}: TEM → STM`);
  });
});

describe('the handover wizard and the group page', () => {
  it("suggest the rotation's next chair as the recipient, print it on the checklist, and keep it with the handover", async () => {
    const { vi } = await import('vitest');
    const { default: userEvent } = await import('@testing-library/user-event');
    useApp.setState({ route: { page: 'groups', params: [] } });
    const r = await renderWithBackend(<App />, { example: false });
    t = r.t;
    const { orgs, groupId } = await setUpGroup(t.api, ['SM', 'TEM', 'STM']);
    const first = addMeeting(t.backend, groupId, addCalendarDays(today(), -10), { title: 'Past meeting' });
    addMeeting(t.backend, groupId, addCalendarDays(today(), 20), { title: 'Next meeting' });
    await t.api.rotation.create({
      groupId,
      name: 'Chair',
      unit: 'organisations',
      mode: 'per_meeting',
      effectiveFrom: addCalendarDays(today(), -30),
      members: [orgs.SM!, orgs.TEM!, orgs.STM!],
    });
    t.backend.ctx.store.update('meetings', first, { status: 'held' });

    // The group page's chair and handover part says who chairs now.
    useApp.getState().navigate({ page: 'groups', params: [groupId, 'chair'] });
    const panel = await screen.findByRole('region', { name: 'Rotating chair' }, { timeout: 5000 });
    await waitFor(() =>
      expect(panel).toHaveTextContent(
        `Chair now: SM until ${formatDate(addCalendarDays(today(), 19))} (handover ${formatDate(addCalendarDays(today(), 20))}) · Next: TEM`,
      ),
    );

    useApp.getState().navigate({ page: 'exchange', params: ['export', groupId] });
    const checklist = await screen.findByRole('region', { name: 'Handover checklist' });
    const recipient = screen.getByRole('combobox', { name: 'Recipient' });
    expect(recipient).toHaveDisplayValue('TEM – Ministry TEM');
    expect(checklist).toHaveTextContent('Recipient: TEM – Ministry TEM');
    expect(checklist).toHaveTextContent('Chair nowSM');
    expect(checklist).toHaveTextContent('Next chairTEM');

    // Print: the checklist document, with the recipient, goes to the print frame.
    const user = userEvent.setup();
    const frames: string[] = [];
    const append = vi.spyOn(document.body, 'appendChild').mockImplementation(<T extends Node>(node: T): T => {
      if (node instanceof HTMLIFrameElement) frames.push(node.srcdoc);
      return node;
    });
    await user.click(within(checklist).getByRole('button', { name: 'Print the checklist' }));
    await waitFor(() => expect(frames).toHaveLength(1));
    append.mockRestore();
    expect(frames[0]).toContain('Handover checklist: Polarisation network');
    expect(frames[0]).toContain('TEM – Ministry TEM');

    // Another recipient, then the file: the handover names them.
    await user.selectOptions(recipient, 'STM – Ministry STM');
    expect(checklist).toHaveTextContent('Recipient: STM – Ministry STM');
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    URL.createObjectURL = vi.fn(() => 'blob:painopiste');
    URL.revokeObjectURL = vi.fn();
    await user.click(screen.getByRole('button', { name: 'Create the handover file' }));
    expect(await screen.findByRole('heading', { name: 'The handover file is ready' })).toBeInTheDocument();
    click.mockRestore();
    const row = t.backend.ctx.db
      .prepare(`SELECT to_organisation_id, checklist FROM handovers WHERE group_id = ?`)
      .get(groupId) as {
      to_organisation_id: string;
      checklist: string;
    };
    expect(row.to_organisation_id).toBe(orgs.STM);
    expect(JSON.parse(row.checklist).recipient).toMatchObject({ name: 'STM – Ministry STM' });
  });
});
