// Names in the official languages travel in exchange files (issue #16 item 6): a file whose
// organisation or group row carries a per-language name longer than the contract allows is refused
// whole, with the table, record, field and problem named, and nothing changes; a valid file brings every
// language's name across unchanged.
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/contract/core';
import { LIMITS } from '../../shared/contract/schemas';
import type { Row } from '../../shared/exchange/merge';
import { applyImport, previewImport } from '../../electron/backend/exchange/service';
import { databaseContent } from '../helpers/backend';
import { editedRow, exportFrom, importInto, rebuildFile, replica, seedGroup, type Replica } from './exchange-helpers';

const T0 = Date.UTC(2027, 0, 4, 8);
const open: Replica[] = [];
afterEach(() => {
  for (const r of open.splice(0)) r.cleanup();
});

async function refusal(attempt: () => unknown): Promise<ApiError> {
  try {
    await attempt();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

/** The organisation's names in the three languages, as A writes them and every import must bring them. */
const SM_NAMES = {
  nameFi: 'Sisäministeriö',
  nameSv: 'Inrikesministeriet',
  nameEn: 'Ministry of the Interior',
  abbreviationFi: 'SM',
  abbreviationSv: 'IM',
  abbreviationEn: 'MoI',
};

/** A with a group and its organisation named in three languages; B holding A's whole database. */
async function pair() {
  const a = await replica(T0);
  const b = await replica(T0 + 5000);
  open.push(a, b);
  const s = await seedGroup(a);
  await a.api.organisations.update({
    id: s.org.id,
    patch: SM_NAMES,
  });
  await a.api.groups.update({
    id: s.group.id,
    patch: {
      nameFi: 'Kyberturvallisuus',
      nameSv: 'Cybersäkerhet',
      nameEn: 'Cyber security',
      shortNameFi: 'Kyber',
      shortNameSv: 'Cyber',
      shortNameEn: 'Cyber',
    },
  });
  await importInto(b, exportFrom(a, { kind: 'database' }));
  a.tick(3_600_000);
  b.tick(3_600_000);
  return { a, b, s };
}

describe('per-language names in exchange files', () => {
  const cases = [
    ['organisations', 'name_sv', LIMITS.name + 1],
    ['organisations', 'abbreviation_en', 41],
    ['work_groups', 'short_name_fi', 61],
  ] as const;

  it.each(cases)('refuses a file whose %s row has an over-long %s, changing nothing', async (table, column, length) => {
    const { a, b, s } = await pair();
    const id = table === 'organisations' ? s.org.id : s.group.id;
    const file = rebuildFile(
      exportFrom(a, { kind: 'group', groupId: s.group.id }),
      (tables) => {
        const rows = tables[table]!;
        const i = rows.findIndex((r) => r.id === id);
        rows[i] = editedRow(rows[i]!, { [column]: 'x'.repeat(length) }, T0 + 4_000_000);
      },
      { exportId: crypto.randomUUID() },
    );
    const before = databaseContent(b.backend);
    for (const attempt of [() => previewImport(b.backend.ctx, file), () => applyImport(b.backend.ctx, file)]) {
      const e = await refusal(attempt);
      // "The file was refused: record … in … would get an invalid value in the field …. Nothing was changed."
      expect(e.key).toBe('exchange.invalidValue');
      expect(e.params).toEqual({ table, id, field: column, problem: 'validation.too_long' });
    }
    expect(databaseContent(b.backend)).toBe(before);
    // The same length one character shorter is within the rule and is taken.
    const fits = rebuildFile(
      exportFrom(a, { kind: 'group', groupId: s.group.id }),
      (tables) => {
        const rows = tables[table]!;
        const i = rows.findIndex((r) => r.id === id);
        rows[i] = editedRow(rows[i]!, { [column]: 'y'.repeat(length - 1) }, T0 + 4_000_000);
      },
      { exportId: crypto.randomUUID() },
    );
    await importInto(b, fits);
    expect((b.backend.ctx.store.getRaw(table, id) as Row)[column]).toBe('y'.repeat(length - 1));
  });

  it('a valid file brings every language across: export, import into a fresh database, the same names', async () => {
    const { a, s } = await pair();
    const fresh = await replica(T0 + 7_200_000);
    open.push(fresh);
    for (const scope of [{ kind: 'database' as const }, { kind: 'group' as const, groupId: s.group.id }]) {
      const target = scope.kind === 'database' ? fresh : await replica(T0 + 7_200_000);
      if (target !== fresh) open.push(target);
      await importInto(target, exportFrom(a, scope));
      const pick = (o: object, keys: string[]) => Object.fromEntries(keys.map((k) => [k, (o as Record<string, unknown>)[k]]));
      const orgKeys = [
        'abbreviation',
        'name',
        'nameFi',
        'nameSv',
        'nameEn',
        'abbreviationFi',
        'abbreviationSv',
        'abbreviationEn',
      ];
      const groupKeys = ['name', 'shortName', 'nameFi', 'nameSv', 'nameEn', 'shortNameFi', 'shortNameSv', 'shortNameEn'];
      const org = (await target.api.organisations.list({})).find((o) => o.id === s.org.id)!;
      expect(pick(org, orgKeys)).toEqual({ abbreviation: 'SM', name: 'Sisäministeriö', ...SM_NAMES });
      const group = (await target.api.groups.list({})).find((g) => g.id === s.group.id)!;
      expect(pick(group, groupKeys)).toEqual(
        pick(
          (await a.api.groups.list({})).find((g) => g.id === s.group.id)!,
          groupKeys,
        ),
      );
      expect(group.nameSv).toBe('Cybersäkerhet');
      expect(group.shortNameFi).toBe('Kyber');
    }
  });
});
