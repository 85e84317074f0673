// Names in the official languages (issue #16 item 6): stored per language, validated like the name.
import { afterEach, describe, expect, it } from 'vitest';
import { nameIn } from '../../shared/domain/names';
import { startTestBackend, type TestBackend } from '../helpers/backend';

let t: TestBackend | undefined;
afterEach(() => t?.cleanup());

describe('official names', () => {
  it('created in one language only: every language falls back to it', async () => {
    t = await startTestBackend({});
    const org = await t.api.organisations.create({ abbreviation: 'SM', name: 'Sisäministeriö', kind: 'ministry' });
    expect([org.nameFi, org.nameSv, org.nameEn]).toEqual([null, null, null]);
    for (const lang of ['fi', 'sv', 'en'] as const) expect(nameIn(org, lang)).toBe('Sisäministeriö');
    const updated = await t.api.organisations.update({
      id: org.id,
      patch: { nameSv: 'Inrikesministeriet', abbreviationSv: 'IM' },
    });
    expect(nameIn(updated, 'sv')).toBe('Inrikesministeriet');
    expect(nameIn(updated, 'fi')).toBe('Sisäministeriö');
    expect(updated.abbreviation).toBe('SM');
  });

  it('refuses an over-long name in any language, as for the name', async () => {
    t = await startTestBackend({});
    await expect(
      t.api.organisations.create({ abbreviation: 'X', name: 'X', nameSv: 'x'.repeat(5000), kind: 'agency' }),
    ).rejects.toThrow();
    await expect(
      t.api.groups.create({ kind: 'priority_group', name: 'Ryhmä', shortNameEn: 'y'.repeat(61), status: 'active' }),
    ).rejects.toThrow();
    expect(await t.api.organisations.list({})).toEqual([]);
  });

  it('the example has fi, sv and en names for every organisation and group', async () => {
    t = await startTestBackend({ demo: true });
    for (const o of await t.api.organisations.list({})) {
      for (const v of [o.nameFi, o.nameSv, o.nameEn, o.abbreviationFi, o.abbreviationSv, o.abbreviationEn])
        expect(v, o.abbreviation).toBeTruthy();
    }
    const sm = (await t.api.organisations.list({})).find((o) => o.abbreviation === 'SM')!;
    expect([sm.abbreviationFi, sm.abbreviationSv, sm.abbreviationEn]).toEqual(['SM', 'IM', 'MoI']);
    const groups = await t.api.groups.list({});
    expect(groups.length).toBeGreaterThan(10);
    for (const g of groups) for (const v of [g.nameFi, g.nameSv, g.nameEn]) expect(v, g.name).toBeTruthy();
    expect(groups.find((g) => g.priorityNumber === 9)?.nameFi).toBe('Kyberrikollisuus arjen turvallisuuden uhkana');
  });
});
