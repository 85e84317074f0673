// Issue #15 on the schedule page: a swapped and skipped meeting says what the order gave it and whose turn
// was skipped (finding 8), and every button's accessible name starts with its visible label (finding 6).

import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/app/App';
import { useApp } from '../../renderer/store/app';
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
