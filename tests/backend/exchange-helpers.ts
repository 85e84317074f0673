/** Helpers for the exchange tests: replicas on real SQLite files, a few rows, content comparison. */
import { createHash } from 'node:crypto';
import { normaliseRow, type Row } from '../../shared/exchange/merge';
import { TABLE_CODECS, travellingTables } from '../../electron/backend/db/tables';
import { applyImport, exportScope, type ImportOptions, type Scope } from '../../electron/backend/exchange/service';
import type { Backend } from '../../electron/backend';
import type { TestBackend } from '../helpers/backend';
import { databaseContent, startTestBackend } from '../helpers/backend';

/** Fast scrypt for tests that encrypt many files (files for people use the defaults). */
export const FAST_SCRYPT = { N: 2 ** 10, r: 8, p: 1, maxmem: 32 * 1024 * 1024 };

export interface Replica extends TestBackend {
  /** Milliseconds since the start of the test clock. */
  tick(ms?: number): void;
}

/** A backend whose clock the test moves. */
export async function replica(startMs = Date.UTC(2027, 0, 4, 8)): Promise<Replica> {
  let t = startMs;
  const b = await startTestBackend({ now: () => new Date(t), backupOnStart: false });
  return Object.assign(b, {
    tick(ms = 1000) {
      t += ms;
    },
  });
}

/** All travelling rows in canonical form (what two converged replicas must share). */
export function travellingContent(r: TestBackend, skipTables: string[] = []): Record<string, Row[]> {
  const backend: Backend = r.backend;
  const db = backend.ctx.db;
  const out: Record<string, Row[]> = {};
  for (const t of travellingTables(db)) {
    if (skipTables.includes(t)) continue;
    const rows = db.prepare(`SELECT * FROM ${t} ORDER BY id`).all() as Row[];
    if (rows.length) out[t] = rows.map((r) => normaliseRow(r, { longTextFields: TABLE_CODECS[t]?.longText ?? [] }));
  }
  return out;
}

export function contentHash(backend: Backend): string {
  return createHash('sha256').update(databaseContent(backend)).digest('hex');
}

export function exportFrom(r: TestBackend, scope: Scope, passphrase?: string): Uint8Array {
  return exportScope(r.backend.ctx, scope, { passphrase, build: { scrypt: FAST_SCRYPT } }).bytes;
}

export function importInto(r: TestBackend, bytes: Uint8Array, opts: ImportOptions = {}) {
  return applyImport(r.backend.ctx, bytes, opts);
}

/** A group with an organisation, a person as its chair, and one meeting with minutes. */
export async function seedGroup(r: TestBackend) {
  const org = await r.api.organisations.create({ abbreviation: 'SM', name: 'Sisäministeriö', kind: 'ministry' });
  const person = await r.api.people.create({ name: 'Aino Virtanen', organisationId: org.id, email: 'aino@example.fi' });
  const group = await r.api.groups.create({ kind: 'priority_group', name: 'Kyberturvallisuus', status: 'active' });
  const sub = await r.api.groups.create({ kind: 'subgroup', name: 'Alatyöryhmä', status: 'active', parentId: group.id });
  const membership = await r.api.groups.addMember({ groupId: group.id, personId: person.id, role: 'chair' });
  const ctx = r.backend.ctx;
  const meeting = ctx.tx(() =>
    ctx.store.insert<{ id: string }>('meetings', {
      groupId: group.id,
      title: 'Kokous 1',
      date: '2027-02-01',
      startTime: '09:00',
      endTime: '11:00',
      timeZone: 'Europe/Helsinki',
      status: 'planned',
      place: 'Helsinki',
      chairPersonId: person.id,
    }),
  );
  const item = ctx.tx(() =>
    ctx.store.insert<{ id: string }>('agenda_items', {
      meetingId: meeting.id,
      position: 1,
      type: 'discussion',
      title: 'Tilannekuva',
      minutes: 'Alkuperäinen pöytäkirja.',
    }),
  );
  const subMeeting = ctx.tx(() =>
    ctx.store.insert<{ id: string }>('meetings', {
      groupId: sub.id,
      title: 'Alaryhmän kokous',
      date: '2027-01-10',
      startTime: '13:00',
      endTime: '14:00',
      timeZone: 'Europe/Helsinki',
      status: 'held',
    }),
  );
  return { org, person, group, sub, membership, meeting, item, subMeeting };
}
