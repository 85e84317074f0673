import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../renderer/app/App';
import { ActionsPage } from '../../renderer/features/meetings/ActionsPage';
import { GroupPanel } from '../../renderer/features/meetings/GroupPanel';
import { MeetingsPage } from '../../renderer/features/meetings/MeetingsPage';
import { SUCCESS_NOTICE_MS, to, useApp } from '../../renderer/store/app';
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

    r.rerender(<MeetingsPage params={[meeting.id, 'minutes']} />);
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
    r.rerender(<MeetingsPage params={[meeting.id, 'agenda']} />);
    const agenda = await screen.findByRole('region', { name: 'Agenda' });
    await user.click(within(agenda).getByRole('button', { name: 'Down (Opening of the meeting)' }));
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

describe('meeting page: findings of issue 14', () => {
  async function twoMeetings() {
    const r = await renderWithBackend(<p />, { example: false });
    t = r.t;
    const { group, meeting: first } = await seed(t.api);
    await t.api.meetings.addAction({ groupId: group.id, meetingId: first.id, title: 'Book the venue', dueDate: '2027-02-20' });
    const second = await t.api.meetings.create({
      groupId: group.id,
      title: 'March meeting',
      date: '2027-03-01',
      startTime: '13:00',
      endTime: '15:00',
    });
    return { r, group, first, second };
  }

  it('the details form shows the meeting it is for, whether reached by a link or by Back (finding 1)', async () => {
    const { r, first, second } = await twoMeetings();
    useApp.setState({ route: to('meetings', second.id, 'agenda') });
    window.history.replaceState(null, '', `#/meetings/${second.id}/agenda`);
    r.rerender(<App />);
    const user = userEvent.setup();
    // Meeting 2's agenda lists meeting 1's open action with a link to meeting 1.
    const review = await screen.findByRole('list', { name: 'Open action items to review' });
    await user.click(within(review).getByRole('link', { name: 'Spring meeting' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Spring meeting' })).toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: 'Details' }));
    const details = await screen.findByRole('form', { name: 'Meeting details' });
    expect(within(details).getByLabelText('Date')).toHaveValue('2027-02-01');
    expect(within(details).getByLabelText('Start time')).toHaveValue('09:00');

    // To meeting 2's details, then Back: meeting 1's values again, and Save changes nothing of meeting 2's.
    act(() => useApp.getState().navigate(to('meetings', second.id, 'details')));
    const d2 = await screen.findByRole('form', { name: 'Meeting details' });
    await waitFor(() => expect(within(d2).getByLabelText('Date')).toHaveValue('2027-03-01'));
    act(() => window.history.back());
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Spring meeting'));
    const back = await screen.findByRole('form', { name: 'Meeting details' });
    await waitFor(() => expect(within(back).getByLabelText('Date')).toHaveValue('2027-02-01'));
    expect(within(back).getByLabelText('Start time')).toHaveValue('09:00');
    await user.click(within(back).getByRole('button', { name: 'Save details' }));
    const after = await t!.api.meetings.get({ id: first.id });
    expect([after.date, after.startTime, after.endTime]).toEqual(['2027-02-01', '09:00', '10:00']);
  });

  it('forms start clean after an add: no presenter or owner carried into the next entry (finding 2)', async () => {
    const { r, first } = await twoMeetings();
    const person = await t!.api.people.create({ name: 'Aino Virtanen' });
    const org = await t!.api.organisations.create({ name: 'Police', abbreviation: 'POL', kind: 'agency' });
    const detail = await t!.api.meetings.get({ id: first.id });
    await t!.api.groups.addMember({ groupId: detail.groupId, personId: person.id, role: 'member' });
    r.rerender(<MeetingsPage params={[first.id, 'agenda']} />);
    const user = userEvent.setup();
    const add = await screen.findByRole('form', { name: 'Add agenda item' });
    await user.type(within(add).getByRole('textbox', { name: 'Title' }), 'Situation picture');
    await waitFor(() => expect(within(add).getByRole('option', { name: 'Aino Virtanen' })).toBeInTheDocument());
    await user.selectOptions(within(add).getByLabelText('Presenter (person)'), person.id);
    await user.click(within(add).getByRole('button', { name: 'Add agenda item' }));
    await screen.findByRole('listitem', { name: /Situation picture/ });
    expect(within(add).getByRole('textbox', { name: 'Title' })).toHaveValue('');
    expect(within(add).getByLabelText('Presenter (person)')).toHaveValue('');

    r.rerender(<MeetingsPage params={[first.id, 'actions']} />);
    const actions = await screen.findByRole('form', { name: 'Add action item' });
    await user.type(within(actions).getByRole('textbox', { name: 'Action' }), 'Write to the city');
    await waitFor(() => expect(within(actions).getAllByRole('option', { name: 'Aino Virtanen' }).length).toBeGreaterThan(0));
    await user.selectOptions(within(actions).getByLabelText('Owner (person)'), person.id);
    await user.click(within(actions).getByRole('button', { name: 'Add action item' }));
    await screen.findByText(/Write to the city —/);
    expect(within(actions).getByLabelText('Owner (person)')).toHaveValue('');
    // The next one, meant for an organisation, is saved with the organisation only.
    await user.type(within(actions).getByRole('textbox', { name: 'Action' }), 'Police to report');
    await user.selectOptions(within(actions).getByLabelText('Owner (organisation)'), org.id);
    await user.click(within(actions).getByRole('button', { name: 'Add action item' }));
    await screen.findByText(/Police to report —/);
    const saved = (await t!.api.meetings.get({ id: first.id })).actions.find((a) => a.title === 'Police to report')!;
    expect([saved.ownerPersonId, saved.ownerOrganisationId]).toEqual([null, org.id]);
  });

  it("an action item's title, owner, due date and description can be edited (finding 3)", async () => {
    const { r, first } = await twoMeetings();
    const org = await t!.api.organisations.create({ name: 'Rescue services', abbreviation: 'RES', kind: 'agency' });
    r.rerender(<MeetingsPage params={[first.id, 'actions']} />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Edit Book the venue' }));
    const form = screen.getByRole('form', { name: 'Edit Book the venue' });
    const title = within(form).getByRole('textbox', { name: 'Action' });
    await user.clear(title);
    await user.type(title, 'Book the hall');
    await waitFor(() => expect(within(form).getAllByRole('option', { name: /RES/ }).length).toBeGreaterThan(0));
    await user.selectOptions(within(form).getByLabelText('Owner (organisation)'), org.id);
    fireEvent.change(within(form).getByLabelText('Due'), { target: { value: '2027-04-30' } });
    await user.type(within(form).getByRole('textbox', { name: /Description/ }), 'Seats for 40.');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    await screen.findByText(/Book the hall —/);
    const a = (await t!.api.meetings.get({ id: first.id })).actions[0]!;
    expect([a.title, a.ownerOrganisationId, a.dueDate, a.description]).toEqual([
      'Book the hall',
      org.id,
      '2027-04-30',
      'Seats for 40.',
    ]);
  });

  it('a new agenda item lands before the closing items; removing one asks first (finding 5)', async () => {
    const { r, first } = await twoMeetings();
    r.rerender(<MeetingsPage params={[first.id, 'agenda']} />);
    const user = userEvent.setup();
    const add = await screen.findByRole('form', { name: 'Add agenda item' });
    await user.type(within(add).getByRole('textbox', { name: 'Title' }), 'Winter storms');
    await user.click(within(add).getByRole('button', { name: 'Add agenda item' }));
    await screen.findByRole('listitem', { name: /Winter storms/ });
    const agenda = screen.getByRole('region', { name: 'Agenda' });
    const names = within(agenda)
      .getAllByRole('listitem')
      .map((li) => li.getAttribute('aria-label'));
    expect(names.slice(-4)).toEqual(['5. Winter storms', '6. Other business', '7. Next meeting', '8. Closing of the meeting']);

    await user.click(within(agenda).getByRole('button', { name: 'Remove Winter storms' }));
    expect(screen.getByRole('listitem', { name: /Winter storms/ })).toBeInTheDocument();
    await user.click(within(agenda).getByRole('button', { name: 'Keep it' }));
    await user.click(within(agenda).getByRole('button', { name: 'Remove Winter storms' }));
    await user.click(within(agenda).getByRole('button', { name: 'Yes, remove Winter storms' }));
    await waitFor(() => expect(screen.queryByRole('listitem', { name: /Winter storms/ })).not.toBeInTheDocument());
  });

  it("the agenda form checks with the contract's schema: a negative duration gets its own message (finding 6)", async () => {
    const { r, first } = await twoMeetings();
    r.rerender(<MeetingsPage params={[first.id, 'agenda']} />);
    const user = userEvent.setup();
    const add = await screen.findByRole('form', { name: 'Add agenda item' });
    const before = (await t!.api.meetings.get({ id: first.id })).agenda.length;
    await user.type(within(add).getByRole('textbox', { name: 'Title' }), 'Budget');
    fireEvent.change(within(add).getByLabelText('Duration (minutes)'), { target: { value: '-5' } });
    await user.click(within(add).getByRole('button', { name: 'Add agenda item' }));
    expect(await within(add).findByText('This is too small (at least 0).')).toBeInTheDocument();
    expect(within(add).queryByText(/Some fields need attention/)).not.toBeInTheDocument();
    expect((await t!.api.meetings.get({ id: first.id })).agenda.length).toBe(before);
    // An empty title says so at the title, and nothing else.
    await user.clear(within(add).getByRole('textbox', { name: 'Title' }));
    fireEvent.change(within(add).getByLabelText('Duration (minutes)'), { target: { value: '5' } });
    await user.click(within(add).getByRole('button', { name: 'Add agenda item' }));
    expect(await within(add).findByText('Fill in this field.')).toBeInTheDocument();
    expect(within(add).queryByText('This is too small (at least 0).')).not.toBeInTheDocument();
  });

  it('the per-organisation attendance keeps a stand-in (finding 7)', async () => {
    const { r, first, group } = await twoMeetings();
    const org = await t!.api.organisations.create({ name: 'Police', abbreviation: 'POL', kind: 'agency' });
    const aino = await t!.api.people.create({ name: 'Aino Virtanen', organisationId: org.id });
    const bertil = await t!.api.people.create({ name: 'Bertil Nyberg', organisationId: org.id });
    await t!.api.groups.addMember({ groupId: group.id, personId: aino.id, role: 'member' });
    await t!.api.groups.addMember({ groupId: group.id, personId: bertil.id, role: 'substitute' });
    await t!.api.meetings.setAttendance({ meetingId: first.id, personId: aino.id, status: 'excused' });
    await t!.api.meetings.setAttendance({
      meetingId: first.id,
      personId: bertil.id,
      status: 'present',
      substituteForPersonId: aino.id,
    });
    r.rerender(<MeetingsPage params={[first.id, 'attendance']} />);
    const byOrg = await screen.findByText(/^POL/, { selector: 'strong' });
    expect(byOrg.closest('li')).toHaveTextContent('Bertil Nyberg (standing in for Aino Virtanen) – Present');
  });

  it('the details panel is headed as such, and an empty group says "no meetings" once (finding 8)', async () => {
    const r = await renderWithBackend(<p />, { example: false });
    t = r.t;
    const { meeting } = await seed(t.api);
    const empty = await t.api.groups.create({ kind: 'priority_group', name: 'Quiet group', status: 'active' });
    r.rerender(<MeetingsPage params={[meeting.id]} />);
    expect(await screen.findByRole('heading', { level: 2, name: 'Meeting details' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { level: 2, name: 'Title' })).not.toBeInTheDocument();
    r.rerender(<GroupPanel group={await t.api.groups.get({ id: empty.id })} />);
    expect(await screen.findByText('No meetings yet.')).toBeInTheDocument();
    expect(screen.queryAllByText('No meetings match these filters.')).toHaveLength(0);
  });
});

describe('notifications (finding 4)', () => {
  it('a success closes by itself after a few seconds; an error stays until dismissed', async () => {
    vi.useFakeTimers();
    try {
      useApp.setState({ notices: [] });
      act(() => useApp.getState().notify('success', 'Saved.'));
      act(() => useApp.getState().notify('error', 'The minutes are locked.'));
      expect(useApp.getState().notices.map((n) => n.text)).toEqual(['Saved.', 'The minutes are locked.']);
      act(() => vi.advanceTimersByTime(SUCCESS_NOTICE_MS + 10));
      expect(useApp.getState().notices.map((n) => n.text)).toEqual(['The minutes are locked.']);
      // Many successes never pile up: the newest two at most.
      for (let i = 0; i < 5; i++) act(() => useApp.getState().notify('success', `Saved ${i}.`));
      expect(useApp.getState().notices.map((n) => n.text)).toEqual(['The minutes are locked.', 'Saved 3.', 'Saved 4.']);
      act(() => vi.advanceTimersByTime(SUCCESS_NOTICE_MS + 10));
      expect(useApp.getState().notices.map((n) => n.text)).toEqual(['The minutes are locked.']);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('run mode speaker queue', () => {
  it('adds, orders, gives the floor to and removes speakers with the keyboard only', async () => {
    const r = await renderWithBackend(<p />, { example: false });
    t = r.t;
    const { meeting } = await seed(t.api);
    r.rerender(<MeetingsPage params={[meeting.id, 'run']} />);
    const user = userEvent.setup();
    const queue = await screen.findByRole('region', { name: 'Speakers' });
    const name = within(queue).getByLabelText('Or another name');
    // Keyboard only: focus the field, type, Enter submits the form.
    act(() => name.focus());
    await user.keyboard('Aino Virtanen{Enter}');
    await user.keyboard('Bertil Nyberg{Enter}');
    await user.keyboard('Carita Laine{Enter}');
    const list = within(queue).getByRole('list', { name: 'Speaker queue' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.firstChild?.textContent?.trim()),
    ).toEqual(['Aino Virtanen', 'Bertil Nyberg', 'Carita Laine']);
    // Carita up one place: Tab to her Up button and press Enter.
    const up = within(list).getByRole('button', { name: 'Up (Carita Laine)' });
    act(() => up.focus());
    await user.keyboard('{Enter}');
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.firstChild?.textContent?.trim()),
    ).toEqual(['Aino Virtanen', 'Carita Laine', 'Bertil Nyberg']);
    // Alt+J gives the floor to the first in the queue; her time is shown.
    await user.keyboard('{Alt>}j{/Alt}');
    expect(within(queue).getByText('Speaking: Aino Virtanen')).toBeInTheDocument();
    expect(within(queue).getByRole('timer')).toHaveTextContent('0:00');
    // Remove Bertil with Space on his Remove button.
    const remove = within(queue).getByRole('button', { name: 'Remove (Bertil Nyberg)' });
    act(() => remove.focus());
    await user.keyboard(' ');
    expect(within(queue).queryByText('Bertil Nyberg')).not.toBeInTheDocument();
    // An optional limit shows beside the speaker's time.
    fireEvent.change(within(queue).getByLabelText('Speaking time limit (minutes)'), { target: { value: '2' } });
    expect(within(queue).getByRole('timer')).toHaveTextContent('0:00 / 2:00');
    // The presentation view (another tab) reads the same shared state.
    const shared = JSON.parse(localStorage.getItem(`painopiste.run.${meeting.id}`)!) as {
      view: { meetingTitle: string; currentItemId: string };
      speakers: { limitSeconds: number };
    };
    expect(shared.view.meetingTitle).toBe('Spring meeting');
    expect(shared.speakers.limitSeconds).toBe(120);
    r.rerender(<MeetingsPage params={[meeting.id, 'present']} />);
    expect(await screen.findByRole('heading', { level: 1, name: '1. Opening of the meeting' })).toBeInTheDocument();
    expect(screen.getByText(/Speaking: Aino Virtanen/)).toBeInTheDocument();
    expect(screen.getByText('Next up: 2. Approval of the agenda')).toBeInTheDocument();
  });
});

describe('minutes reviewers and history that says who', () => {
  it('names reviewers, records each approval, and the history shows who changed what', async () => {
    const r = await renderWithBackend(<p />, { example: false });
    t = r.t;
    const { group, meeting } = await seed(t.api);
    const aino = await t.api.people.create({ name: 'Aino Virtanen' });
    const bertil = await t.api.people.create({ name: 'Bertil Nyberg' });
    for (const p of [aino, bertil]) await t.api.groups.addMember({ groupId: group.id, personId: p.id, role: 'member' });
    await t.api.portfolio.setMe({ personId: aino.id });
    await t.api.meetings.addDecision({ meetingId: meeting.id, agendaItemId: null, text: 'Approved.' });
    r.rerender(<MeetingsPage params={[meeting.id, 'minutes']} />);
    const user = userEvent.setup();
    expect(
      await screen.findByText('Changes are recorded as Aino Virtanen (Who am I, on Today).', undefined, { timeout: 5000 }),
    ).toBeInTheDocument();
    const changes = screen.getByRole('list', { name: 'Changes' });
    expect(within(changes).getByText(/Decision 1\/2027 recorded — by Aino Virtanen/)).toBeInTheDocument();

    const add = screen.getByRole('form', { name: 'Add reviewer' });
    for (const p of [aino, bertil]) {
      await waitFor(() => expect(within(add).getByRole('option', { name: p.name })).toBeInTheDocument());
      await user.selectOptions(within(add).getByLabelText('Reviewer'), p.id);
      await user.click(within(add).getByRole('button', { name: 'Add reviewer' }));
      await screen.findByRole('button', { name: `Record approval by ${p.name}` });
    }
    await user.click(screen.getByRole('button', { name: 'Approve minutes' }));
    // The refusal is an error notice (shown by the app shell, which this test does not render).
    await waitFor(() =>
      expect(useApp.getState().notices.map((n) => [n.kind, n.text])).toContainEqual([
        'error',
        "The minutes wait for their reviewers' approval: Aino Virtanen, Bertil Nyberg.",
      ]),
    );
    await user.click(screen.getByRole('button', { name: 'Record approval by Aino Virtanen' }));
    await user.click(await screen.findByRole('button', { name: 'Record approval by Bertil Nyberg' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: /^Record approval by/ })).not.toBeInTheDocument());
    await user.click(screen.getByRole('button', { name: 'Approve minutes' }));
    await screen.findByText('The minutes are approved and locked. Reopen them to make changes.');
    const history = within(screen.getByRole('list', { name: 'Changes' }));
    expect(history.getByText(/Approval by Bertil Nyberg recorded — by Aino Virtanen/)).toBeInTheDocument();
    expect(history.getByText(/Minutes approved — by Aino Virtanen/)).toBeInTheDocument();
  });
});
