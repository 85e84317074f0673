import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseContent, startTestBackend, type TestBackend } from '../helpers/backend';
import { MAX_MATERIAL_BYTES, MAX_MATERIALS_PER_MEETING } from '../../shared/materials';
import { b64, invitationFixture, PDF, PNG, sha256 } from './materials-helpers';

let t: TestBackend;
const now = new Date('2027-01-10T08:00:00Z');
beforeEach(async () => {
  t = await startTestBackend({ now: () => now });
});
afterEach(() => t.cleanup());

const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e as { code: string; key: string; message: string; params?: Record<string, unknown> };
  }
  throw new Error('expected the call to fail');
};

describe('materials through the contract', () => {
  it('adds, lists with name, size and type, downloads intact, and removes as a tombstone', async () => {
    const { meeting } = await invitationFixture(t);
    const detail = await t.api.meetings.get({ id: meeting.id });
    const item = detail.agenda[1]!;
    const memo = await t.api.materials.add({ meetingId: meeting.id, name: 'Muistio.pdf', contentBase64: b64(PDF) });
    const chart = await t.api.materials.add({
      meetingId: meeting.id,
      agendaItemId: item.id,
      name: 'kaavio.png',
      contentBase64: b64(PNG),
    });
    expect(memo).toMatchObject({
      name: 'Muistio.pdf',
      mimeType: 'application/pdf',
      size: PDF.length,
      sha256: sha256(PDF),
      agendaItemId: null,
    });
    expect(chart).toMatchObject({ mimeType: 'image/png', agendaItemId: item.id });
    const list = await t.api.materials.list({ meetingId: meeting.id });
    expect(list.map((m) => m.name)).toEqual(['Muistio.pdf', 'kaavio.png']);
    const file = await t.api.materials.download({ id: memo.id });
    expect(file.fileName).toBe('Muistio.pdf');
    expect(sha256(Buffer.from(file.contentBase64, 'base64'))).toBe(sha256(PDF));

    // The agenda lists them: the meeting's under Materials, an item's under the item.
    const md = Buffer.from(
      (await t.api.meetings.document({ id: meeting.id, kind: 'agenda', format: 'md', lang: 'fi' })).contentBase64,
      'base64',
    ).toString('utf8');
    expect(md).toMatch(/## Materiaalit[\s\S]*Muistio\.pdf \(1 kB\)[\s\S]*Materiaalit: kaavio\.png/);

    const removed = await t.api.materials.remove({ id: memo.id });
    expect(removed.deleted).toBe(true);
    expect((await t.api.materials.list({ meetingId: meeting.id })).map((m) => m.name)).toEqual(['kaavio.png']);
    // The row stays (the removal travels); the bytes no live material uses are gone.
    expect((await t.api.materials.list({ meetingId: meeting.id, includeArchived: true })).length).toBe(2);
    const blobs = t.backend.ctx.db.prepare(`SELECT sha256 FROM blobs`).pluck().all();
    expect(blobs).toEqual([sha256(PNG)]);
    expect((await failure(t.api.materials.download({ id: memo.id }))).code).toBe('not_found');
  });

  it('stores the same bytes once (content-addressed)', async () => {
    const { meeting } = await invitationFixture(t);
    await t.api.materials.add({ meetingId: meeting.id, name: 'a.pdf', contentBase64: b64(PDF) });
    await t.api.materials.add({ meetingId: meeting.id, name: 'b.pdf', contentBase64: b64(PDF) });
    expect(t.backend.ctx.db.prepare(`SELECT count(*) FROM blobs`).pluck().get()).toBe(1);
    expect((await t.api.materials.list({ meetingId: meeting.id })).length).toBe(2);
  });

  it('sniffs the type from the bytes and keeps only a safe name', async () => {
    const { meeting } = await invitationFixture(t);
    // A PDF called .docx is a PDF; a path in the name is dropped.
    const m = await t.api.materials.add({
      meetingId: meeting.id,
      name: '..\\..\\evil/dir/Raportti.docx',
      contentBase64: b64(PDF),
    });
    expect(m).toMatchObject({ name: 'Raportti.docx.pdf', mimeType: 'application/pdf' });
    const exe = await failure(
      t.api.materials.add({ meetingId: meeting.id, name: 'setup.pdf', contentBase64: b64('MZ\x90\x00program') }),
    );
    expect(exe.key).toBe('materials.errors.unsupportedType');
    const html = await failure(
      t.api.materials.add({ meetingId: meeting.id, name: 'page.html', contentBase64: b64('<script>alert(1)</script>') }),
    );
    expect(html.key).toBe('materials.errors.unsupportedType');
    const text = await t.api.materials.add({ meetingId: meeting.id, name: 'huomiot.txt', contentBase64: b64('Hyvä kokous\n') });
    expect(text.mimeType).toBe('text/plain');
  });

  it('refuses a file over the cap with a sentence, and more than the per-meeting count, changing nothing', async () => {
    const { meeting } = await invitationFixture(t);
    const before = databaseContent(t.backend);
    const big = Buffer.concat([PDF, Buffer.alloc(MAX_MATERIAL_BYTES - PDF.length + 1)]);
    const e = await failure(t.api.materials.add({ meetingId: meeting.id, name: 'big.pdf', contentBase64: b64(big) }));
    expect(e.key).toBe('materials.errors.tooLarge');
    expect(e.message).toMatch(/at most 25 MB/);
    const empty = await failure(t.api.materials.add({ meetingId: meeting.id, name: 'x.pdf', contentBase64: '' }));
    expect(empty.key).toBe('materials.errors.empty');
    expect(databaseContent(t.backend)).toBe(before);
    const db = t.backend.ctx.db;
    for (let i = 0; i < MAX_MATERIALS_PER_MEETING; i++) {
      await t.api.materials.add({ meetingId: meeting.id, name: `m${i}.txt`, contentBase64: b64(`note ${i}`) });
    }
    const count = db.prepare(`SELECT count(*) FROM attachments`).pluck().get();
    const many = await failure(t.api.materials.add({ meetingId: meeting.id, name: 'one-more.txt', contentBase64: b64('x') }));
    expect(many.key).toBe('materials.errors.tooMany');
    expect(db.prepare(`SELECT count(*) FROM attachments`).pluck().get()).toBe(count);
  });

  it('refuses an agenda item of another meeting', async () => {
    const { meeting, group } = await invitationFixture(t);
    const other = await t.api.meetings.create({
      groupId: group.id,
      title: 'Toinen',
      date: '2027-03-01',
      startTime: '09:00',
      endTime: '10:00',
    });
    const otherItem = (await t.api.meetings.get({ id: other.id })).agenda[0]!;
    const e = await failure(
      t.api.materials.add({ meetingId: meeting.id, agendaItemId: otherItem.id, name: 'a.pdf', contentBase64: b64(PDF) }),
    );
    expect(e.code).toBe('not_found');
  });

  it('open: only the desktop host opens a material; the backend (browser mode) says to download instead', async () => {
    const { meeting } = await invitationFixture(t);
    const m = await t.api.materials.add({ meetingId: meeting.id, name: 'a.pdf', contentBase64: b64(PDF) });
    const e = await failure(t.api.host.openMaterial({ id: m.id }));
    expect(e.code).toBe('unsupported');
    expect(e.key).toBe('materials.errors.openInBrowser');
    expect(fs.existsSync(path.join(t.dataDir, 'opened-materials'))).toBe(false);
  });
});
