import { afterEach, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from '../helpers/backend';
import { domainTable } from '../helpers/seed-fixtures';

let t: TestBackend | undefined;
afterEach(() => t?.cleanup());

describe('example data (the cooperation model of the 2022 interim report)', () => {
  it('is offered once on first run and loads every priority with its organisations', async () => {
    t = await startTestBackend();
    expect((await t.api.app.info({})).firstRun).toBe(true);
    const info = await t.api.app.chooseStart({ example: true });
    expect(info.firstRun).toBe(false);
    await expect(t.api.app.chooseStart({ example: true })).rejects.toMatchObject({ key: 'errors.startAlreadyChosen' });

    const groups = await t.api.groups.list({});
    const table = domainTable();
    expect(table).toHaveLength(9);
    for (const row of table) {
      const g = groups.find((x) => x.priorityNumber === row.number);
      expect(g, `priority ${row.number}`).toBeDefined();
      expect(g!.name).toBe(row.title);
      const detail = await t.api.groups.get({ id: g!.id });
      const participants = detail.organisations.filter((o) => o.role === 'participant').map((o) => o.abbreviation);
      const leads = detail.organisations.filter((o) => o.role === 'lead').map((o) => o.abbreviation);
      // "Poliisihallitus" and "POHA" are one organisation (the National Police Board).
      const expected = row.others === '—' ? [] : row.others.split(',').map((s) => s.trim().replace(/^Poliisihallitus$/, 'POHA'));
      expect(participants.sort()).toEqual(expected.sort());
      for (const lead of leads) expect(row.responsible).toContain(lead);
    }
    const byNumber = (n: number) => groups.find((g) => g.priorityNumber === n)!;
    expect(byNumber(7).kind).toBe('network');
    expect(byNumber(8).status).toBe('transferred');
    expect(byNumber(8).transferredTo).toMatch(/action programme against illegal entry/);
    // Priority 9 comes from the scanning decision of 2021 (cybercrime): a priority group in preparation.
    expect(byNumber(9).status).toBe('preparing');
    const subgroups = await t.api.groups.list({ parentId: byNumber(5).id });
    expect(subgroups.map((s) => s.leadAbbreviations)).toEqual([['SPEK'], ['Ikäinstituutti']]);
    expect(groups.filter((g) => g.kind === 'cooperation_group' || g.kind === 'expert_network')).toHaveLength(2);

    // Priority 7's chair rotates among SM, TEM and STM, in that order.
    const slots = t.backend.ctx.db
      .prepare(
        `SELECT o.abbreviation FROM rotation_slots s JOIN rotation_versions v ON v.id = s.version_id
         JOIN rotations r ON r.id = v.rotation_id JOIN organisations o ON o.id = s.organisation_id
         WHERE r.group_id = ? ORDER BY s.position`,
      )
      .pluck()
      .all(byNumber(7).id);
    expect(slots).toEqual(['SM', 'TEM', 'STM']);
  });

  it('loads with --demo on first run only, and an empty start stays empty', async () => {
    t = await startTestBackend({ demo: true });
    expect((await t.api.groups.list({})).length).toBe(13);
    t.close();
    const again = await startTestBackend({ dataDir: t.dataDir, demo: true });
    expect((await again.api.groups.list({})).length).toBe(13);
    again.close();

    const empty = await startTestBackend();
    await empty.api.app.chooseStart({ example: false });
    expect(await empty.api.groups.list({})).toEqual([]);
    empty.cleanup();
  });
});
