import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/contract/core';
import { applyImport, previewImport } from '../../electron/backend/exchange/service';
import { contentHash, exportFrom, importInto, replica, seedGroup, travellingContent, type Replica } from './exchange-helpers';

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
const row = (r: Replica, table: string, id: string) => r.backend.ctx.store.getRaw(table, id)!;
const edit = (r: Replica, table: string, id: string, patch: Record<string, unknown>) =>
  r.backend.ctx.tx(() => r.backend.ctx.store.update(table, id, patch));

async function refusal(p: Promise<unknown> | (() => unknown)): Promise<ApiError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('handover round trips on real SQLite', () => {
  it('A exports, B imports, both edit, B exports, A imports: both converge, nothing lost', async () => {
    const [a, b] = await two();
    const s = await seedGroup(a);
    const file1 = exportFrom(a, { kind: 'group', groupId: s.group.id });

    const preview = await previewImport(b.backend.ctx, file1);
    expect(preview.totals.added).toBeGreaterThanOrEqual(8);
    expect(preview.alreadyImportedAt).toBeNull();
    const res = await importInto(b, file1);
    expect(res.applied).toBe(true);
    expect(res.backupFileName).toMatch(/before-import/);
    // B keeps its own replica id; nothing of A's meta travels.
    expect((await b.api.app.info({})).replicaId).not.toBe((await a.api.app.info({})).replicaId);
    expect(travellingContent(b)).toEqual(travellingContent(a));
    // The subgroup and its meeting came along.
    expect(row(b, 'meetings', s.subMeeting.id).title).toBe('Alaryhmän kokous');

    a.tick(60_000);
    b.tick(60_000);
    edit(a, 'meetings', s.meeting.id, { place: 'Tampere' });
    edit(b, 'meetings', s.meeting.id, { startTime: '10:00' });
    await b.api.organisations.update({ id: s.org.id, patch: { name: 'Sisäministeriö (SM)' } });
    const newOnB = await b.api.people.create({ name: 'Bertil Öst', organisationId: s.org.id });
    await b.api.groups.addMember({ groupId: s.group.id, personId: newOnB.id, role: 'member' });

    await importInto(a, exportFrom(b, { kind: 'group', groupId: s.group.id }));
    await importInto(b, exportFrom(a, { kind: 'group', groupId: s.group.id }));
    expect(travellingContent(a)).toEqual(travellingContent(b));
    const m = row(a, 'meetings', s.meeting.id);
    expect(m.place).toBe('Tampere');
    expect(m.start_time).toBe('10:00');
    expect(row(a, 'organisations', s.org.id).name).toBe('Sisäministeriö (SM)');
    expect(row(a, 'people', newOnB.id).name).toBe('Bertil Öst');

    // Later local edits sort after everything imported.
    a.tick(1);
    const after = a.backend.ctx.store.tick();
    expect(after > (row(a, 'organisations', s.org.id).hlc as string)).toBe(true);
  });

  it('the same file twice: the second import says when and changes nothing', async () => {
    const [a, b] = await two();
    const s = await seedGroup(a);
    const file = exportFrom(a, { kind: 'group', groupId: s.group.id });
    await importInto(b, file);
    const hash = contentHash(b.backend);
    const again = await importInto(b, file);
    expect(again.applied).toBe(false);
    expect(again.alreadyImportedAt).toMatch(/^2027-01-04T/);
    expect(contentHash(b.backend)).toBe(hash);
    expect((await previewImport(b.backend.ctx, file)).alreadyImportedAt).toBe(again.alreadyImportedAt);
  });

  it('two imports of the same file at once run one after the other: the second changes nothing', async () => {
    const [a, b] = await two();
    const s = await seedGroup(a);
    const file = exportFrom(a, { kind: 'group', groupId: s.group.id });
    const [first, second] = await Promise.all([importInto(b, file), importInto(b, file)]);
    expect(first.applied).toBe(true);
    expect(second.applied).toBe(false);
    expect(second.alreadyImportedAt).not.toBeNull();
    expect(b.backend.ctx.db.prepare(`SELECT COUNT(*) FROM exchange_log WHERE direction = 'import'`).pluck().get()).toBe(1);
  });

  it('a local edit landing while the import waits for its backup is kept (the plan is made again)', async () => {
    const [a, b] = await two();
    const s = await seedGroup(a);
    await importInto(b, exportFrom(a, { kind: 'group', groupId: s.group.id }));
    a.tick(1000);
    edit(a, 'meetings', s.meeting.id, { place: 'Kuopio' });
    const file = exportFrom(a, { kind: 'group', groupId: s.group.id });
    b.tick(5000);
    const pending = importInto(b, file);
    // The import has planned and is awaiting the backup by now (or is already done); edit the same field.
    await new Promise((resolve) => setImmediate(resolve));
    edit(b, 'meetings', s.meeting.id, { place: 'Joensuu' });
    const res = await pending;
    expect(res.applied).toBe(true);
    expect(row(b, 'meetings', s.meeting.id).place).toBe('Joensuu');
    await importInto(a, exportFrom(b, { kind: 'group', groupId: s.group.id }));
    expect(travellingContent(a)).toEqual(travellingContent(b));
  });

  it('the same minutes edited on both sides: the newer is kept, a conflict is listed, and resolving it travels', async () => {
    const [a, b] = await two();
    const s = await seedGroup(a);
    await importInto(b, exportFrom(a, { kind: 'group', groupId: s.group.id }));
    a.tick(10_000);
    b.tick(20_000);
    edit(a, 'agenda_items', s.item.id, { minutes: 'A:n versio.' });
    edit(b, 'agenda_items', s.item.id, { minutes: 'B:n versio.' });

    const preview = await previewImport(a.backend.ctx, exportFrom(b, { kind: 'group', groupId: s.group.id }));
    expect(preview.conflicts).toHaveLength(1);
    expect(preview.conflicts[0]).toMatchObject({
      table: 'agenda_items',
      field: 'minutes',
      localValue: 'A:n versio.',
      remoteValue: 'B:n versio.',
    });
    await importInto(a, exportFrom(b, { kind: 'group', groupId: s.group.id }));
    const conflicts = await a.api.exchange.conflicts({});
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ currentValue: 'B:n versio.', otherValue: 'A:n versio.', kind: 'text' });

    a.tick();
    await a.api.exchange.resolveConflict({ id: conflicts[0]!.id, choice: 'merged', text: 'Yhdistetty versio.' });
    expect(await a.api.exchange.conflicts({})).toEqual([]);
    expect(row(a, 'agenda_items', s.item.id).minutes).toBe('Yhdistetty versio.');

    // B gets the resolution without a new conflict of its own... apart from the one its own import lists.
    const back = await previewImport(b.backend.ctx, exportFrom(a, { kind: 'group', groupId: s.group.id }));
    expect(back.conflicts).toEqual([]);
    await importInto(b, exportFrom(a, { kind: 'group', groupId: s.group.id }));
    expect(row(b, 'agenda_items', s.item.id).minutes).toBe('Yhdistetty versio.');
    expect(travellingContent(a)).toEqual(travellingContent(b));
  });

  it("the other side's text of a conflict meets the field's rule before 'use the other' writes it", async () => {
    const [a, b] = await two();
    const s = await seedGroup(a);
    await importInto(b, exportFrom(a, { kind: 'group', groupId: s.group.id }));
    // A's minutes are older and longer than any form accepts (written past the API, as a broken exporter could).
    a.tick(10_000);
    b.tick(20_000);
    const tooLong = 'x'.repeat(100_001);
    edit(a, 'agenda_items', s.item.id, { minutes: tooLong });
    edit(b, 'agenda_items', s.item.id, { minutes: 'B:n versio.' });
    await importInto(b, exportFrom(a, { kind: 'group', groupId: s.group.id }));
    const [conflict] = await b.api.exchange.conflicts({});
    expect(conflict).toMatchObject({ currentValue: 'B:n versio.', kind: 'text' });
    expect(conflict!.otherValue).toHaveLength(100_001);
    const before = row(b, 'agenda_items', s.item.id);
    const e = await refusal(b.api.exchange.resolveConflict({ id: conflict!.id, choice: 'other' }));
    expect(e.key).toBe('exchange.errors.resolvedInvalid');
    expect(e.params).toMatchObject({ field: 'minutes', problem: 'validation.too_long' });
    expect(row(b, 'agenda_items', s.item.id)).toEqual(before);
    expect(await b.api.exchange.conflicts({})).toHaveLength(1);
    // Keeping this side's text or writing a merged one still works.
    await b.api.exchange.resolveConflict({ id: conflict!.id, choice: 'merged', text: 'Yhdistetty.' });
    expect(row(b, 'agenda_items', s.item.id).minutes).toBe('Yhdistetty.');
  });

  it('delete against edit keeps the newer edit and flags it', async () => {
    const [a, b] = await two();
    const s = await seedGroup(a);
    await importInto(b, exportFrom(a, { kind: 'group', groupId: s.group.id }));
    a.tick(1000);
    a.backend.ctx.tx(() => a.backend.ctx.store.archive('meetings', s.meeting.id));
    b.tick(5000);
    edit(b, 'meetings', s.meeting.id, { title: 'Kokous 1 (siirretty)' });

    const res = await importInto(a, exportFrom(b, { kind: 'group', groupId: s.group.id }));
    expect(res.flags).toEqual([expect.objectContaining({ table: 'meetings', rowId: s.meeting.id, flag: 'edit_vs_delete' })]);
    expect(row(a, 'meetings', s.meeting.id)).toMatchObject({ deleted: 0, title: 'Kokous 1 (siirretty)' });
    const listed = await a.api.exchange.conflicts({});
    expect(listed.map((c) => c.kind)).toEqual(['edit_vs_delete']);
    await importInto(b, exportFrom(a, { kind: 'group', groupId: s.group.id }));
    expect(travellingContent(a)).toEqual(travellingContent(b));
  });

  it('a member deleted while still in a rotation travels as a tombstone the rotation can still point at', async () => {
    const [a, b] = await two();
    const s = await seedGroup(a);
    const ctx = a.backend.ctx;
    const rotation = ctx.tx(() =>
      ctx.store.insert<{ id: string }>('rotations', { groupId: s.group.id, name: 'Puheenjohtajuus', unit: 'people' }),
    );
    const version = ctx.tx(() =>
      ctx.store.insert<{ id: string }>('rotation_versions', {
        rotationId: rotation.id,
        effectiveFrom: '2027-01-01',
        mode: 'per_meeting',
      }),
    );
    ctx.tx(() => ctx.store.insert('rotation_slots', { versionId: version.id, position: 0, personId: s.person.id }));
    await a.api.groups.removeMember({ id: s.membership.id });
    await a.api.people.archive({ id: s.person.id });

    await importInto(b, exportFrom(a, { kind: 'group', groupId: s.group.id }));
    expect(row(b, 'people', s.person.id).deleted).toBe(1);
    expect(row(b, 'memberships', s.membership.id).deleted).toBe(1);
    expect(b.backend.ctx.db.prepare(`SELECT person_id FROM rotation_slots`).pluck().all()).toEqual([s.person.id]);
    expect(b.backend.ctx.db.pragma('foreign_key_check')).toEqual([]);
    expect(travellingContent(b)).toEqual(travellingContent(a));
  });

  it('whole-database scope carries everything; candidate scope carries the round and its references', async () => {
    const [a, b] = await two();
    await seedGroup(a);
    await importInto(b, exportFrom(a, { kind: 'database' }));
    expect(travellingContent(b)).toEqual(travellingContent(a));
  });
});

describe('encrypted files and refusals', () => {
  it('round trips with a passphrase; a wrong one, a changed header or ciphertext is refused and changes nothing', async () => {
    const [a, b] = await two();
    const s = await seedGroup(a);
    const file = exportFrom(a, { kind: 'group', groupId: s.group.id }, 'oikea salasana');
    const before = contentHash(b.backend);

    const missing = await refusal(() => previewImport(b.backend.ctx, file));
    expect(missing.key).toBe('exchange.passphraseRequired');
    const wrong = await refusal(applyImport(b.backend.ctx, file, { passphrase: 'väärä salasana' }));
    expect(wrong.key).toBe('exchange.wrongPassphraseOrDamaged');
    expect(wrong.message).toMatch(/cannot tell these two apart/);

    const header = file.slice();
    header[20] = header[20]! ^ 1;
    expect((await refusal(applyImport(b.backend.ctx, header, { passphrase: 'oikea salasana' }))).key).toBe(
      'exchange.wrongPassphraseOrDamaged',
    );
    const body = file.slice();
    body[body.length - 40] = body[body.length - 40]! ^ 0x80;
    expect((await refusal(applyImport(b.backend.ctx, body, { passphrase: 'oikea salasana' }))).key).toBe(
      'exchange.wrongPassphraseOrDamaged',
    );
    expect((await refusal(applyImport(b.backend.ctx, file.slice(0, 30), { passphrase: 'oikea salasana' }))).key).toBe(
      'exchange.truncated',
    );
    expect(contentHash(b.backend)).toBe(before);

    const res = await importInto(b, file, { passphrase: 'oikea salasana' });
    expect(res.encrypted).toBe(true);
    expect(travellingContent(b)).toEqual(travellingContent(a));
  });

  it('a file for another group than the chosen one, or not a Painopiste file, is refused with a sentence', async () => {
    const [a, b] = await two();
    const s = await seedGroup(a);
    const file = exportFrom(a, { kind: 'group', groupId: s.group.id });
    const before = contentHash(b.backend);
    const wrongGroup = await refusal(applyImport(b.backend.ctx, file, { expectedScope: { kind: 'group', groupId: s.sub.id } }));
    expect(wrongGroup.key).toBe('exchange.wrongScope');
    expect(wrongGroup.message).toMatch(/another group/);
    const junk = await refusal(applyImport(b.backend.ctx, new TextEncoder().encode('hello, not a zip')));
    expect(junk.key).toBe('exchange.notAPainopisteFile');
    const cut = await refusal(applyImport(b.backend.ctx, file.slice(0, file.length - 10)));
    expect(['exchange.truncated', 'exchange.damaged']).toContain(cut.key);
    expect(contentHash(b.backend)).toBe(before);
    // The right group is accepted through the API too.
    const content = Buffer.from(file).toString('base64');
    const viaApi = await b.api.exchange.import({ contentBase64: content, expectedGroupId: s.group.id, fileName: 'x.wgx' });
    expect(viaApi.applied).toBe(true);
    expect((await b.api.exchange.log({ groupId: s.group.id }))[0]).toMatchObject({ direction: 'import', fileName: 'x.wgx' });
  });

  it('a newer major version is refused naming the version needed', async () => {
    const [a, b] = await two();
    const s = await seedGroup(a);
    const { unpackEntries, packEntries } = await import('../../electron/backend/exchange/zip');
    const entries = unpackEntries(exportFrom(a, { kind: 'group', groupId: s.group.id }));
    const manifest = JSON.parse(new TextDecoder().decode(entries.get('manifest.json'))) as Record<string, unknown>;
    entries.set(
      'manifest.json',
      new TextEncoder().encode(JSON.stringify({ ...manifest, formatMajor: 2, minReaderVersion: '3.1.0' })),
    );
    const e = await refusal(applyImport(b.backend.ctx, packEntries(entries)));
    expect(e.key).toBe('exchange.newerVersion');
    expect(e.message).toMatch(/Painopiste 3\.1\.0 or newer/);
  });

  it('clocks hours ahead warn but do not refuse', async () => {
    const a = await replica(Date.UTC(2027, 0, 4, 14));
    const b = await replica(Date.UTC(2027, 0, 4, 8));
    open.push(a, b);
    const s = await seedGroup(a);
    const res = await importInto(b, exportFrom(a, { kind: 'group', groupId: s.group.id }));
    expect(res.applied).toBe(true);
    expect(res.clockSkewMinutes).toBeGreaterThanOrEqual(359);
    // B's next stamp sorts after A's, even though B's wall clock is behind.
    edit(b, 'meetings', s.meeting.id, { place: 'Oulu' });
    await importInto(a, exportFrom(b, { kind: 'group', groupId: s.group.id }));
    expect(row(a, 'meetings', s.meeting.id).place).toBe('Oulu');
  });

  it('rows that reference data missing from both the file and the database are refused before writing', async () => {
    const [a, b] = await two();
    const s = await seedGroup(a);
    const { unpackEntries } = await import('../../electron/backend/exchange/zip');
    const { buildExchangeFile, readExchangeFile } = await import('../../electron/backend/exchange/format');
    const file = readExchangeFile(exportFrom(a, { kind: 'group', groupId: s.group.id }));
    expect(unpackEntries(exportFrom(a, { kind: 'group', groupId: s.group.id })).size).toBeGreaterThan(3);
    const { people: _dropped, ...rest } = file.tables;
    const bytes = buildExchangeFile({ ...file.manifest, tables: rest, exportId: crypto.randomUUID() });
    const before = contentHash(b.backend);
    const e = await refusal(applyImport(b.backend.ctx, bytes));
    expect(e.key).toBe('exchange.missingReference');
    expect(contentHash(b.backend)).toBe(before);
  });
});
