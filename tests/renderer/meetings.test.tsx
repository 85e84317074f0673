import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ActionsPage } from '../../renderer/features/meetings/ActionsPage';
import { MeetingsPage } from '../../renderer/features/meetings/MeetingsPage';
import type { TestBackend } from '../helpers/backend';
import { renderWithBackend } from './harness';

let t: TestBackend | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
  localStorage.clear();
});

async function seed(api: TestBackend['api']) {
  const group = await api.groups.create({ kind: 'priority_group', name: 'Safe schools', status: 'active' });
  const meeting = await api.meetings.create({
    groupId: group.id,
    title: 'Spring meeting',
    date: '2027-02-01',
    startTime: '09:00',
    endTime: '10:00',
  });
  return { group, meeting };
}

describe('meeting page', () => {
  it('saves minutes as you type, and writes back a draft left behind by a closed window', async () => {
    // The data is created first, so the draft can be planted before the screen opens.
    const r = await renderWithBackend(<p />, { example: false });
    t = r.t;
    const { meeting } = await seed(t.api);
    const detail = await t.api.meetings.get({ id: meeting.id });
    const [opening, approval] = [...detail.agenda].sort((a, b) => a.position - b.position);
    localStorage.setItem(`painopiste.minutes.${approval!.id}`, 'Typed before the crash.');

    r.rerender(<MeetingsPage params={[meeting.id]} />);
    const user = userEvent.setup();
    const box = await screen.findByRole('textbox', { name: 'Minutes for 1. Opening of the meeting' });
    await user.type(box, 'Opened at 9.02.');
    await waitFor(async () => {
      const now = await t!.api.meetings.get({ id: meeting.id });
      expect(now.agenda.find((a) => a.id === opening!.id)!.minutes).toBe('Opened at 9.02.');
      expect(now.agenda.find((a) => a.id === approval!.id)!.minutes).toBe('Typed before the crash.');
    });
    expect(localStorage.getItem(`painopiste.minutes.${approval!.id}`)).toBeNull();

    // The agenda builder: reorder by keyboard and see the overrun warning after adding a long item.
    const agenda = screen.getByRole('region', { name: 'Agenda' });
    await user.click(within(agenda).getByRole('button', { name: 'Move Opening of the meeting down' }));
    expect(await within(agenda).findByText('Opening of the meeting moved to position 2.')).toBeInTheDocument();
    const add = within(agenda).getByRole('form', { name: 'Add agenda item' });
    await user.type(within(add).getByRole('textbox', { name: 'Title' }), 'Long debate');
    await user.clear(within(add).getByLabelText('Duration (minutes)'));
    await user.type(within(add).getByLabelText('Duration (minutes)'), '45');
    await user.click(within(add).getByRole('button', { name: 'Add agenda item' }));
    expect(await within(agenda).findByText("The agenda runs 35 minutes past the meeting's end time.")).toBeInTheDocument();
  });
});

describe('action items', () => {
  it('counts, filters and marks overdue items across groups', async () => {
    const r = await renderWithBackend(<p />, { example: false });
    t = r.t;
    const { group, meeting } = await seed(t.api);
    for (let i = 0; i < 30; i++) {
      await t.api.meetings.addAction({
        groupId: group.id,
        meetingId: meeting.id,
        title: `Action ${i}`,
        dueDate: i < 5 ? '2000-01-01' : '2999-01-01',
      });
    }
    r.rerender(<ActionsPage params={[]} />);
    expect(await screen.findByText('30 action items')).toBeInTheDocument();
    const user = userEvent.setup();
    await user.click(screen.getByRole('checkbox', { name: 'Only overdue' }));
    expect(await screen.findByText('5 action items')).toBeInTheDocument();
  });
});
