import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/contract/core';
import { databaseContent, startTestBackend, type TestBackend } from '../helpers/backend';

let t: TestBackend;
beforeEach(async () => {
  t = await startTestBackend();
});
afterEach(() => t.cleanup());

async function rejection(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    return e as ApiError;
  }
  throw new Error('expected the call to fail');
}

describe('organisations', () => {
  it('creates, lists, searches, edits, archives and restores', async () => {
    const sm = await t.api.organisations.create({ abbreviation: ' SM ', name: 'Ministry of the Interior', kind: 'ministry' });
    expect(sm.abbreviation).toBe('SM');
    expect(sm.notes).toBeNull();
    await t.api.organisations.create({ abbreviation: 'STM', name: 'Ministry of Social Affairs and Health', kind: 'ministry' });
    expect((await t.api.organisations.list({})).map((o) => o.abbreviation)).toEqual(['SM', 'STM']);
    expect((await t.api.organisations.list({ query: 'social' })).map((o) => o.abbreviation)).toEqual(['STM']);
    // LIKE wildcards in the query are literal characters.
    expect(await t.api.organisations.list({ query: '%' })).toEqual([]);

    const edited = await t.api.organisations.update({ id: sm.id, patch: { notes: 'Leads the model' } });
    expect(edited.notes).toBe('Leads the model');
    expect(edited.hlc > sm.hlc).toBe(true);

    await t.api.organisations.archive({ id: sm.id });
    expect((await t.api.organisations.list({})).map((o) => o.abbreviation)).toEqual(['STM']);
    const all = await t.api.organisations.list({ includeArchived: true });
    expect(all.find((o) => o.id === sm.id)?.deleted).toBe(true);
    await t.api.organisations.restore({ id: sm.id });
    expect((await t.api.organisations.list({})).length).toBe(2);
  });

  it('refuses invalid input with field problems and changes nothing', async () => {
    const before = databaseContent(t.backend);
    const e = await rejection(
      t.api.organisations.create({ abbreviation: '  ', name: 'x'.repeat(301), kind: 'bogus' as 'ministry' }),
    );
    expect(e.code).toBe('validation');
    expect(e.fields?.map((f) => [f.path, f.key])).toEqual([
      ['abbreviation', 'validation.required'],
      ['name', 'validation.too_long'],
      ['kind', 'validation.choice'],
    ]);
    expect(e.message).toMatch(/^Some fields need attention: abbreviation, name, kind\./);
    const extra = await rejection(
      t.backend.call('organisations.create', { abbreviation: 'A', name: 'B', kind: 'ministry', admin: true }).then((r) => {
        if (!r.ok) throw new ApiError(r.error);
      }),
    );
    expect(extra.fields?.[0]?.key).toBe('validation.unknown_field');
    expect(databaseContent(t.backend)).toBe(before);
  });

  it('refuses a duplicate abbreviation with a sentence naming it', async () => {
    await t.api.organisations.create({ abbreviation: 'OM', name: 'Ministry of Justice', kind: 'ministry' });
    const e = await rejection(t.api.organisations.create({ abbreviation: 'om', name: 'Other', kind: 'other' }));
    expect(e.code).toBe('conflict');
    expect(e.message).toContain('abbreviation om');
  });

  it('says which thing was not found', async () => {
    const e = await rejection(t.api.organisations.get({ id: '00000000-0000-4000-8000-000000000000' }));
    expect(e.code).toBe('not_found');
    expect(e.message).toBe('The organisation was not found. It may have been archived or removed; reload the view.');
  });
});

describe('people', () => {
  it('links a person to an organisation and filters by it', async () => {
    const thl = await t.api.organisations.create({
      abbreviation: 'THL',
      name: 'Institute for Health and Welfare',
      kind: 'research',
    });
    const p = await t.api.people.create({ name: 'Aino Virtanen', organisationId: thl.id, email: 'aino@example.fi' });
    await t.api.people.create({ name: 'Bertil Holm', email: '' });
    const list = await t.api.people.list({ organisationId: thl.id });
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ name: 'Aino Virtanen', organisationAbbreviation: 'THL' });
    expect((await t.api.people.list({ query: 'thl' })).map((x) => x.id)).toEqual([p.id]);
    const e = await rejection(t.api.people.update({ id: p.id, patch: { email: 'not an address' } }));
    expect(e.fields?.[0]).toMatchObject({ path: 'patch.email', key: 'validation.email' });
  });

  it('refuses an organisation that does not exist', async () => {
    const e = await rejection(t.api.people.create({ name: 'X', organisationId: '00000000-0000-4000-8000-000000000001' }));
    expect(e.code).toBe('not_found');
  });
});

describe('the contract', () => {
  it('answers an unknown method with a sentence, not a crash', async () => {
    const r = await t.backend.call('organisations.drop', {});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.key).toBe('errors.unknownMethod');
  });

  it('stamps every change with a clock that survives a restart', async () => {
    const o = await t.api.organisations.create({ abbreviation: 'VM', name: 'Ministry of Finance', kind: 'ministry' });
    const raw = t.backend.ctx.db.prepare(`SELECT hlc, field_hlc FROM organisations WHERE id = ?`).get(o.id) as {
      hlc: string;
      field_hlc: string;
    };
    expect(JSON.parse(raw.field_hlc)).toEqual({ '*': raw.hlc });
    const u = await t.api.organisations.update({ id: o.id, patch: { name: 'Valtiovarainministeriö' } });
    const after = t.backend.ctx.db.prepare(`SELECT field_hlc FROM organisations WHERE id = ?`).get(o.id) as { field_hlc: string };
    expect(JSON.parse(after.field_hlc)).toEqual({ '*': raw.hlc, name: u.hlc });
    // Saving the same value again changes nothing and stamps nothing.
    const same = await t.api.organisations.update({ id: o.id, patch: { name: 'Valtiovarainministeriö' } });
    expect(same.hlc).toBe(u.hlc);

    t.close();
    const reopened = await startTestBackend({ dataDir: t.dataDir, now: () => new Date('2000-01-01T00:00:00Z') });
    // Even with the wall clock far behind, new stamps sort after the old ones.
    const later = await reopened.api.organisations.update({ id: o.id, patch: { notes: 'x' } });
    expect(later.hlc > u.hlc).toBe(true);
    reopened.close();
  });
});
