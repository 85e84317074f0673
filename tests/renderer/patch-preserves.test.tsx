/**
 * Issue #20 at the screens: saving one part of a record keeps the rest. Each case used to erase text
 * that the screen did not show (the meeting's notes, the agenda item's description).
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { MeetingsPage } from '../../renderer/features/meetings/MeetingsPage';
import type { TestBackend } from '../helpers/backend';
import { renderWithBackend } from './harness';

let t: TestBackend | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
  localStorage.clear();
});

const NOTES = 'Notes the details form does not show, and must not lose.';
const DESCRIPTION = 'A description the checkbox does not show, and must not lose.';

async function open() {
  const r = await renderWithBackend(<p />, { example: false });
  t = r.t;
  const group = await t.api.groups.create({ kind: 'priority_group', name: 'Safe schools', status: 'active' });
  const meeting = await t.api.meetings.create({
    groupId: group.id,
    title: 'Spring meeting',
    date: '2027-02-01',
    startTime: '09:00',
    endTime: '10:00',
    place: 'Room 1',
    notes: NOTES,
  });
  const item = await t.api.meetings.addAgendaItem({
    meetingId: meeting.id,
    parentId: null,
    type: 'discussion',
    title: 'Situation picture',
    description: DESCRIPTION,
    presenterPersonId: null,
    presenterOrganisationId: null,
    durationMinutes: 15,
  });
  r.rerender(<MeetingsPage params={[meeting.id]} />);
  return { meeting, item, api: t.api };
}

describe('a screen that saves part of a record keeps the rest', () => {
  it('saving the meeting details keeps the meeting notes', async () => {
    const { meeting, api } = await open();
    const user = userEvent.setup();
    const title = await screen.findByDisplayValue('Spring meeting');
    const details = title.closest('form')!;
    await user.clear(within(details).getByRole('textbox', { name: 'Place' }));
    await user.type(within(details).getByRole('textbox', { name: 'Place' }), 'Room 2');
    await user.click(within(details).getByRole('button', { name: 'Save' }));
    await waitFor(async () => expect((await api.meetings.get({ id: meeting.id })).place).toBe('Room 2'));
    expect((await api.meetings.get({ id: meeting.id })).notes).toBe(NOTES);
  });

  it('ticking "continue next time" keeps the item description', async () => {
    const { meeting, item, api } = await open();
    const user = userEvent.setup();
    await screen.findByDisplayValue('Spring meeting');
    const box = screen
      .getAllByRole('checkbox')
      .find((c) => /Continue next time.*Situation picture/.test(c.closest('label')?.textContent ?? ''))!;
    expect(box).toBeDefined();
    await user.click(box);
    await waitFor(async () =>
      expect((await api.meetings.get({ id: meeting.id })).agenda.find((a) => a.id === item.id)!.continueNext).toBe(true),
    );
    expect((await api.meetings.get({ id: meeting.id })).agenda.find((a) => a.id === item.id)!.description).toBe(DESCRIPTION);
  });
});
