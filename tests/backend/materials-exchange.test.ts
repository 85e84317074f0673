import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/contract/core';
import { unpackEntries, packEntries } from '../../electron/backend/exchange/zip';
import { blobEntryName, MANIFEST_ENTRY } from '../../electron/backend/exchange/format';
import { databaseContent } from '../helpers/backend';
import { rowProblem } from '../../shared/domain/rows';
import { exportFrom, importInto, replica, travellingContent, type Replica } from './exchange-helpers';
import { b64, invitationFixture, PDF, PNG, sha256 } from './materials-helpers';

/** Materials in handover files between two databases: bytes beside the rows, hash-checked, deduplicated. */
const open: Replica[] = [];
afterEach(() => {
  for (const r of open.splice(0)) r.cleanup();
});
async function two() {
  const a = await replica();
  const b = await replica(Date.UTC(2027, 0, 4, 8, 0, 30));
  open.push(a, b);
  return [a, b] as const;
}
async function refusal(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}
const blobCount = (r: Replica) => r.backend.ctx.db.prepare(`SELECT count(*) FROM blobs`).pluck().get();

/** Rewrites one zip entry of an (unencrypted) exchange file, keeping the manifest as it was. */
function rewrite(file: Uint8Array, change: (entries: Map<string, Uint8Array>) => void): Uint8Array {
  const entries = new Map(unpackEntries(file, { maxEntries: 10_000, maxEntryBytes: 1 << 30, maxTotalBytes: 1 << 30 }));
  change(entries);
  return packEntries(entries);
}

async function seeded(a: Replica) {
  const f = await invitationFixture(a);
  const item = (await a.api.meetings.get({ id: f.meeting.id })).agenda[1]!;
  const memo = await a.api.materials.add({ meetingId: f.meeting.id, name: 'Muistio.pdf', contentBase64: b64(PDF) });
  const copy = await a.api.materials.add({
    meetingId: f.meeting.id,
    agendaItemId: item.id,
    name: 'Liite.pdf',
    contentBase64: b64(PDF),
  });
  const chart = await a.api.materials.add({
    meetingId: f.meeting.id,
    agendaItemId: item.id,
    name: 'kaavio.png',
    contentBase64: b64(PNG),
  });
  await a.api.invitations.setReply({ meetingId: f.meeting.id, personId: f.anna.id, response: 'accepted' });
  return { ...f, item, memo, copy, chart };
}

describe('materials in exchange files', () => {
  it('travel with their rows: the bytes arrive intact, once per hash, and a second import changes nothing', async () => {
    const [a, b] = await two();
    const s = await seeded(a);
    const file = exportFrom(a, { kind: 'group', groupId: s.group.id });
    const entries = unpackEntries(file, { maxEntries: 10_000, maxEntryBytes: 1 << 30, maxTotalBytes: 1 << 30 });
    // Two materials share the PDF's bytes: the file holds them once.
    expect([...entries.keys()].filter((n) => n.startsWith('blobs/')).sort()).toEqual(
      [blobEntryName(sha256(PDF)), blobEntryName(sha256(PNG))].sort(),
    );
    const manifest = JSON.parse(Buffer.from(entries.get(MANIFEST_ENTRY)!).toString('utf8'));
    expect(manifest.formatMinor).toBe(1);
    expect(manifest.blobs.map((x: { sha256: string }) => x.sha256).sort()).toEqual([sha256(PDF), sha256(PNG)].sort());

    // Every material and reply row the API wrote meets the travelling rows' domain schema.
    for (const table of ['attachments', 'meeting_replies']) {
      const rows = a.backend.ctx.db.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[];
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.map((r) => rowProblem(table, r)).filter(Boolean)).toEqual([]);
    }
    expect(
      rowProblem('attachments', { ...(a.backend.ctx.db.prepare(`SELECT * FROM attachments`).get() as object), size: -1 })?.field,
    ).toBe('size');

    const res = await importInto(b, file);
    expect(res.applied).toBe(true);
    expect(travellingContent(b)).toEqual(travellingContent(a));
    const list = await b.api.materials.list({ meetingId: s.meeting.id });
    expect(list.map((m) => m.name)).toEqual(['Muistio.pdf', 'Liite.pdf', 'kaavio.png']);
    for (const m of list) {
      const got = await b.api.materials.download({ id: m.id });
      expect(sha256(Buffer.from(got.contentBase64, 'base64'))).toBe(m.sha256);
    }
    expect(blobCount(b)).toBe(2);
    expect((await b.api.invitations.expected({ meetingId: s.meeting.id })).counts.accepted).toBe(1);

    const before = databaseContent(b.backend);
    const again = await importInto(b, file);
    expect(again.applied).toBe(false);
    expect(databaseContent(b.backend)).toBe(before);
  });

  it('a removal travels as a tombstone and the bytes nobody uses go with it; a whole-database file carries them too', async () => {
    const [a, b] = await two();
    const s = await seeded(a);
    await importInto(b, exportFrom(a, { kind: 'group', groupId: s.group.id }));
    a.tick(5000);
    await a.api.materials.remove({ id: s.chart.id });
    const file = exportFrom(a, { kind: 'group', groupId: s.group.id });
    expect(
      [...unpackEntries(file, { maxEntries: 10_000, maxEntryBytes: 1 << 30, maxTotalBytes: 1 << 30 }).keys()].filter((n) =>
        n.startsWith('blobs/'),
      ),
    ).toEqual([blobEntryName(sha256(PDF))]);
    await importInto(b, file);
    expect((await b.api.materials.list({ meetingId: s.meeting.id })).map((m) => m.name)).toEqual(['Muistio.pdf', 'Liite.pdf']);
    expect(blobCount(b)).toBe(1);

    const c = await replica();
    open.push(c);
    await importInto(c, exportFrom(a, { kind: 'database' }));
    const m = await c.api.materials.download({ id: s.memo.id });
    expect(sha256(Buffer.from(m.contentBase64, 'base64'))).toBe(sha256(PDF));
  });

  it('refuses tampered content, a missing blob, a blob under another name, a wrong type or size, changing nothing', async () => {
    const [a, b] = await two();
    const s = await seeded(a);
    const file = exportFrom(a, { kind: 'group', groupId: s.group.id });
    const before = databaseContent(b.backend);
    const pdfEntry = blobEntryName(sha256(PDF));

    const tampered = rewrite(file, (e) => {
      const bytes = Buffer.from(e.get(pdfEntry)!);
      bytes[bytes.length - 3] = bytes[bytes.length - 3]! ^ 1;
      e.set(pdfEntry, bytes);
    });
    expect((await refusal(importInto(b, tampered))).key).toBe('exchange.tamperedEntry');

    const missing = rewrite(file, (e) => void e.delete(pdfEntry));
    expect((await refusal(importInto(b, missing))).key).toBe('exchange.missingEntry');

    // A blob not listed in the manifest, and one listed under a name that is not its hash.
    const extra = rewrite(file, (e) => void e.set(blobEntryName('0'.repeat(64)), PDF));
    expect((await refusal(importInto(b, extra))).key).toBe('exchange.unexpectedEntry');
    const misnamed = rewrite(file, (e) => {
      const manifest = JSON.parse(Buffer.from(e.get(MANIFEST_ENTRY)!).toString('utf8'));
      manifest.blobs[0].name = 'blobs/memo.pdf';
      e.set(MANIFEST_ENTRY, Buffer.from(JSON.stringify(manifest)));
    });
    expect((await refusal(importInto(b, misnamed))).key).toBe('exchange.invalidManifest');

    // A row claiming another type than its bytes, or another size: the same rules as an add.
    const retype = rewrite(file, (e) => {
      const text = Buffer.from(e.get('tables/attachments.ndjson')!).toString('utf8');
      const changed = text.replace('"mime_type":"image/png"', '"mime_type":"application/pdf"');
      expect(changed).not.toBe(text);
      fixEntry(e, 'tables/attachments.ndjson', changed);
    });
    expect((await refusal(importInto(b, retype))).key).toBe('materials.errors.badIncoming');

    // An executable smuggled in as a blob with a correct hash is still refused by its type.
    const exe = Buffer.from('MZ\x90\x00 not a memo');
    const smuggled = rewrite(file, (e) => {
      const text = Buffer.from(e.get('tables/attachments.ndjson')!).toString('utf8');
      fixEntry(
        e,
        'tables/attachments.ndjson',
        text.split(sha256(PNG)).join(sha256(exe)).replace(`"size":${PNG.length}`, `"size":${exe.length}`),
      );
      e.delete(blobEntryName(sha256(PNG)));
      e.set(blobEntryName(sha256(exe)), exe);
      const manifest = JSON.parse(Buffer.from(e.get(MANIFEST_ENTRY)!).toString('utf8'));
      manifest.blobs = manifest.blobs.map((x: { sha256: string }) =>
        x.sha256 === sha256(PNG) ? { name: blobEntryName(sha256(exe)), sha256: sha256(exe), size: exe.length } : x,
      );
      e.set(MANIFEST_ENTRY, Buffer.from(JSON.stringify(manifest)));
    });
    expect((await refusal(importInto(b, smuggled))).key).toBe('materials.errors.badIncoming');
    expect(databaseContent(b.backend)).toBe(before);
  });
});

/** Replaces an NDJSON entry and its size and hash in the manifest (a well-formed file with other rows). */
function fixEntry(e: Map<string, Uint8Array>, name: string, text: string) {
  const bytes = Buffer.from(text, 'utf8');
  e.set(name, bytes);
  const manifest = JSON.parse(Buffer.from(e.get(MANIFEST_ENTRY)!).toString('utf8'));
  for (const entry of manifest.entries)
    if (entry.name === name) Object.assign(entry, { size: bytes.length, sha256: sha256(bytes) });
  e.set(MANIFEST_ENTRY, Buffer.from(JSON.stringify(manifest)));
}
