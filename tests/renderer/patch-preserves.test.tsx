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
const ACTION_DESCRIPTION = 'What the action is about, which a new title must not erase.';

async function open(tab: 'details' | 'agenda' | 'actions') {
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
  const action = await t.api.meetings.addAction({
    groupId: group.id,
    meetingId: meeting.id,
    agendaItemId: null,
    title: 'Ask the schools',
    description: ACTION_DESCRIPTION,
    ownerPersonId: null,
    ownerOrganisationId: null,
    dueDate: '2027-03-01',
  });
  r.rerender(<MeetingsPage params={[meeting.id, tab]} />);
  return { meeting, item, action, api: t.api };
}

describe('a screen that saves part of a record keeps the rest', () => {
  it('saving the meeting details keeps the meeting notes', async () => {
    const { meeting, api } = await open('details');
    const user = userEvent.setup();
    const title = await screen.findByDisplayValue('Spring meeting');
    const details = title.closest('form')!;
    await user.clear(within(details).getByRole('textbox', { name: 'Place' }));
    await user.type(within(details).getByRole('textbox', { name: 'Place' }), 'Room 2');
    await user.click(within(details).getByRole('button', { name: 'Save details' }));
    await waitFor(async () => expect((await api.meetings.get({ id: meeting.id })).place).toBe('Room 2'));
    expect((await api.meetings.get({ id: meeting.id })).notes).toBe(NOTES);
  });

  it('ticking "continue next time" keeps the item description', async () => {
    const { meeting, item, api } = await open('agenda');
    const user = userEvent.setup();
    await screen.findAllByText(/Situation picture/);
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

  it('retitling an action item keeps its description', async () => {
    const { action, api } = await open('actions');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /^Edit.*Ask the schools/ }));
    const form = await screen.findByRole('form', { name: /^Edit.*Ask the schools/ });
    const title = within(form).getByRole('textbox', { name: /^Action/ });
    await user.clear(title);
    await user.type(title, 'Ask the schools and the parents');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    const stored = async () => (await api.meetings.listActions({})).rows.find((a) => a.id === action.id)!;
    await waitFor(async () => expect((await stored()).title).toBe('Ask the schools and the parents'));
    expect((await stored()).description).toBe(ACTION_DESCRIPTION);
  });
});
