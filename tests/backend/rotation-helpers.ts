import type { Backend } from '../../electron/backend';
import type { TypedApi } from '../../shared/contract/client';
import { refreshRotationChairs } from '../../electron/backend/services/rotation-chairs';

/** Fixtures for the rotation tests: organisations, a group, and meetings written straight into the store. */
export async function setUpGroup(api: TypedApi, abbreviations = ['SM', 'TEM', 'STM']) {
  const orgs: Record<string, string> = {};
  for (const a of abbreviations) {
    const o = await api.organisations.create({ abbreviation: a, name: `Ministry ${a}`, kind: 'ministry' });
    orgs[a] = o.id;
  }
  const group = await api.groups.create({ kind: 'network', name: 'Polarisation network', status: 'active' });
  for (const a of abbreviations)
    await api.groups.setOrganisation({ groupId: group.id, organisationId: orgs[a]!, role: 'participant' });
  return { orgs, groupId: group.id };
}

export function addMeeting(
  backend: Backend,
  groupId: string,
  date: string,
  extra: Partial<{ status: string; title: string; startTime: string; movedToDate: string; chairOrganisationId: string }> = {},
): string {
  const m = backend.ctx.store.insert<{ id: string }>('meetings', {
    groupId,
    title: extra.title ?? `Meeting ${date}`,
    date,
    startTime: extra.startTime ?? '10:00',
    endTime: '12:00',
    timeZone: 'Europe/Helsinki',
    status: extra.status ?? 'planned',
    ...(extra.movedToDate ? { movedToDate: extra.movedToDate } : {}),
    ...(extra.chairOrganisationId ? { chairOrganisationId: extra.chairOrganisationId, chairSource: 'rotation' } : {}),
  });
  return m.id;
}

export function refresh(backend: Backend, groupId: string) {
  refreshRotationChairs(backend.ctx, groupId);
}

export interface StoredMeeting {
  id: string;
  date: string;
  status: string;
  chair_organisation_id: string | null;
  chair_source: string | null;
  hlc: string;
}

export function storedMeetings(backend: Backend, groupId: string): StoredMeeting[] {
  return backend.ctx.db
    .prepare(
      `SELECT id, date, status, chair_organisation_id, chair_source, hlc FROM meetings WHERE group_id = ? ORDER BY date, start_time`,
    )
    .all(groupId) as StoredMeeting[];
}

/** Chairs of the stored meetings as abbreviations, in date order. */
export function chairs(backend: Backend, groupId: string, orgs: Record<string, string>): Array<string | null> {
  const byId = new Map(Object.entries(orgs).map(([a, id]) => [id, a]));
  return storedMeetings(backend, groupId).map((m) =>
    m.chair_organisation_id ? (byId.get(m.chair_organisation_id) ?? '?') : null,
  );
}

export function setStatus(backend: Backend, meetingId: string, status: string) {
  backend.ctx.store.update('meetings', meetingId, { status });
}

/** Every row of every table, for "nothing changed" assertions. */
export { databaseContent as snapshot } from '../helpers/backend';
