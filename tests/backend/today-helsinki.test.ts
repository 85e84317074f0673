import { afterEach, describe, expect, it } from 'vitest';
import { adHocTimeline } from '../../shared/scanning/rounds';
import { startTestBackend, type TestBackend } from '../helpers/backend';

/**
 * The one "today" (electron/backend/clock.ts → shared/today.ts): at 00:30 in Helsinki on New Year's Day
 * the UTC date is still 31 December. Every "as of today" the backend computes must take the Helsinki
 * date (the configured time zone), never the UTC one.
 */
const HALF_PAST_MIDNIGHT_IN_HELSINKI = new Date('2026-12-31T22:30:00Z'); // 2027-01-01 00:30 EET

let t: TestBackend;
afterEach(() => t.cleanup());

async function world() {
  const group = await t.api.groups.create({ kind: 'priority_group', name: 'Cybercrime', status: 'proposed' });
  const yesterday = await t.api.meetings.addAction({
    groupId: group.id,
    meetingId: null,
    agendaItemId: null,
    title: 'Due on New Year’s Eve',
    ownerPersonId: null,
    ownerOrganisationId: null,
    dueDate: '2026-12-31',
  });
  const meeting = await t.api.meetings.create({
    groupId: group.id,
    title: 'New Year’s Eve meeting',
    date: '2026-12-31',
    startTime: '10:00',
    endTime: '11:00',
  });
  return { group, yesterday, meeting };
}

describe('today at 00:30 Helsinki time', () => {
  it('overdue marks, Home, scanning dates, reports and history use the Helsinki date', async () => {
    t = await startTestBackend({ now: () => HALF_PAST_MIDNIGHT_IN_HELSINKI });
    const { group, yesterday, meeting } = await world();

    // Overdue marks in the action list.
    const list = await t.api.meetings.listActions({});
    expect(list.rows.find((r) => r.id === yesterday.id)?.overdue).toBe(true);
    expect((await t.api.meetings.listActions({ overdue: true })).rows.map((r) => r.id)).toEqual([yesterday.id]);

    // Home: yesterday's action is overdue (not "due soon"), yesterday's meeting is not upcoming.
    const home = await t.api.portfolio.home({});
    expect(home.overdueActions.map((a) => a.id)).toEqual([yesterday.id]);
    expect(home.soonDueActions.map((a) => a.id)).toEqual([]);
    expect(home.upcomingMeetings.map((m) => m.id)).not.toContain(meeting.id);
    expect((await t.api.portfolio.view({})).today).toBe('2027-01-01');

    // Scanning: an ad-hoc round proposed now starts on 1 January 2027 (and so is a 2027 round).
    const network = await t.api.groups.create({ kind: 'expert_network', name: 'Expert network', status: 'active' });
    const proposal = await t.api.scanning.proposeRound({ lane: 'adhoc' });
    expect(proposal.label.startsWith('2027')).toBe(true);
    expect(proposal.timeline).toEqual(adHocTimeline('2027-01-01'));

    // Files are named by the Helsinki date: a round's candidate file and the whole database.
    const round = await t.api.scanning.createRound({
      groupId: network.id,
      label: proposal.label,
      lane: 'adhoc',
      timeline: proposal.timeline,
      proposalCap: null,
    });
    expect((await t.api.scanning.exportCandidates({ roundId: round.id })).fileName).toMatch(/-2027-01-01\.wgx$/);
    expect((await t.api.exchange.exportDatabase({})).fileName).toBe('painopiste-all-2027-01-01.wgx');

    // A minutes reviewer approving now approved on 1 January in the minutes document.
    const reviewer = await t.api.people.create({ name: 'Rita Reviewer' });
    await t.api.meetings.setMinutesReviewers({ id: meeting.id, personIds: [reviewer.id] });
    await t.api.meetings.approveAsReviewer({ id: meeting.id, personId: reviewer.id });
    const minutes = await t.api.meetings.document({ id: meeting.id, kind: 'minutes', format: 'md', lang: 'en' });
    expect(Buffer.from(minutes.contentBase64, 'base64').toString('utf8')).toContain('approved 1 January 2027');

    // Reports say they were generated on 1 January 2027.
    const report = await t.api.portfolio.report({ lang: 'en', format: 'md', from: '2026-01-01', to: '2027-01-01' });
    expect(Buffer.from(report.contentBase64, 'base64').toString('utf8')).toContain('1 January 2027');

    // History rows are dated in Helsinki too, and so is a completion without a date.
    const history = t.backend.ctx.db.prepare(`SELECT date FROM status_history WHERE entity_id = ?`).pluck().all(group.id);
    expect(history).toEqual(['2027-01-01']);
    const done = await t.api.meetings.setActionStatus({ id: yesterday.id, status: 'done' });
    expect(done.completedDate).toBe('2027-01-01');
  });

  it('follows the configured time zone, not a hard-coded one', async () => {
    t = await startTestBackend({ now: () => HALF_PAST_MIDNIGHT_IN_HELSINKI });
    await t.api.settings.update({ timeZone: 'America/New_York' }); // 17:30 on 31 December there
    const { yesterday } = await world();
    expect((await t.api.meetings.listActions({})).rows.find((r) => r.id === yesterday.id)?.overdue).toBe(false);
    expect((await t.api.portfolio.home({})).soonDueActions.map((a) => a.id)).toEqual([yesterday.id]);
    expect((await t.api.portfolio.view({})).today).toBe('2026-12-31');
  });
});
