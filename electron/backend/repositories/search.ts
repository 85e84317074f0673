import { type SearchHit, type SearchKind, type SearchResult } from '../../../shared/domain/portfolio';
import { beginsWord, fold, searchTerms, snippetOf } from '../../../shared/portfolio/search';
import type { RawRow, RowStore } from '../db/store';
import { SEARCH_SOURCES } from '../db/migrations/0006-portfolio';

/** A LIKE pattern matching `query` anywhere, with the pattern characters escaped (use ESCAPE '\'). */
export function likePattern(query: string): string {
  return `%${query.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
}

/** Per kind: how a hit is read from its source table (`rid` = the source rowid = the index rowid) and where it is handled. */
const HYDRATE: Record<SearchKind, { table: string; sql: string; route: (r: RawRow) => SearchHit['route'] }> = {
  group: {
    table: 'work_groups',
    sql: `SELECT x.rowid AS rid, x.id, x.name AS title, p.name AS group_name FROM work_groups x LEFT JOIN work_groups p ON p.id = x.parent_id`,
    route: (r) => ({ page: 'groups', params: [r.id as string] }),
  },
  meeting: {
    table: 'meetings',
    sql: `SELECT x.rowid AS rid, x.id, x.title || ' · ' || x.date AS title, g.name AS group_name FROM meetings x JOIN work_groups g ON g.id = x.group_id`,
    route: (r) => ({ page: 'meetings', params: [r.id as string] }),
  },
  agenda_item: {
    table: 'agenda_items',
    sql: `SELECT x.rowid AS rid, x.id, x.title, g.name AS group_name, m.id AS meeting_id FROM agenda_items x
          JOIN meetings m ON m.id = x.meeting_id JOIN work_groups g ON g.id = m.group_id`,
    route: (r) => ({ page: 'meetings', params: [r.meeting_id as string] }),
  },
  decision: {
    table: 'decisions',
    sql: `SELECT x.rowid AS rid, x.id, coalesce(x.number || ' ', '') || substr(x.text, 1, 120) AS title, g.name AS group_name,
            x.meeting_id, x.group_id FROM decisions x JOIN work_groups g ON g.id = x.group_id`,
    route: (r) =>
      r.meeting_id ? { page: 'meetings', params: [r.meeting_id as string] } : { page: 'groups', params: [r.group_id as string] },
  },
  action_item: {
    table: 'action_items',
    sql: `SELECT x.rowid AS rid, x.id, x.title, g.name AS group_name FROM action_items x JOIN work_groups g ON g.id = x.group_id`,
    route: (r) => ({ page: 'actions', params: [r.id as string] }),
  },
  measure: {
    table: 'measures',
    sql: `SELECT x.rowid AS rid, x.id, x.title, g.name AS group_name, x.group_id FROM measures x JOIN work_groups g ON g.id = x.group_id`,
    // A measure opens its group's plan.
    route: (r) => ({ page: 'groups', params: [r.group_id as string, 'plan'] }),
  },
  candidate: {
    table: 'candidates',
    sql: `SELECT x.rowid AS rid, x.id, x.title, s.label AS group_name, x.round_id FROM candidates x JOIN scanning_rounds s ON s.id = x.round_id`,
    // A candidate opens itself (its page links to its round).
    route: (r) => ({ page: 'scanning', params: ['candidate', r.id as string] }),
  },
};

/**
 * One search over everything, grouped by kind. Each kind's index is read newest first and stops after
 * a few pages, so a common word costs no more than a rare one; title matches then come before matches
 * in the text. Archived rows, and index entries whose row has
 * changed its rowid, are left out.
 */
export function searchEverything(store: RowStore, query: string, perKind: number): SearchResult {
  const terms = searchTerms(query);
  const empty: SearchResult = { query, groups: [], total: 0 };
  if (!terms) return empty;
  const groups: SearchResult['groups'] = [];
  let total = 0;
  for (const source of SEARCH_SOURCES) {
    const kind = source.kind;
    const h = HYDRATE[kind];
    const index = `search_${kind}`;
    const hitsOfIndex = store
      .prepare(
        `SELECT rowid AS fts_rowid, ref_id, title, body FROM ${index}
           WHERE ${index} MATCH @match ORDER BY rowid DESC LIMIT @limit`,
      )
      .all({ match: terms.match, limit: perKind * 4 }) as Array<{
      fts_rowid: number;
      ref_id: string;
      title: string;
      body: string;
    }>;
    // Each row's title and text folded once; every word is then looked for in them (matchesAll's rule:
    // a word matches when it begins a word of the title or of the text).
    const found: Array<(typeof hitsOfIndex)[number] & { titleMatch: boolean }> = [];
    for (const f of hitsOfIndex) {
      const title = fold(f.title);
      const inTitle = terms.words.map((w) => beginsWord(title, w));
      const body = terms.cut && !inTitle.every(Boolean) ? fold(f.body) : '';
      if (terms.cut && !terms.words.every((w, i) => inTitle[i] || beginsWord(body, w))) continue;
      found.push({ ...f, titleMatch: inTitle.every(Boolean) });
    }
    if (found.length === 0) continue;
    const rows = new Map(
      (
        store
          .prepare(`${h.sql} WHERE x.id IN (SELECT value FROM json_each(?)) AND x.deleted = 0`)
          .all(JSON.stringify(found.map((f) => f.ref_id))) as RawRow[]
      ).map((r) => [r.id as string, r]),
    );
    const hits: Array<SearchHit & { titleMatch: boolean; order: number }> = [];
    found.forEach((f, order) => {
      const r = rows.get(f.ref_id);
      if (!r || Number(r.rid) !== f.fts_rowid) return;
      const title = String(r.title ?? '');
      hits.push({
        kind,
        id: r.id as string,
        title,
        snippet: f.body,
        groupName: (r.group_name as string | null) ?? null,
        route: h.route(r),
        titleMatch: f.titleMatch,
        order,
      });
    });
    hits.sort((a, b) => Number(b.titleMatch) - Number(a.titleMatch) || a.order - b.order);
    // Snippets only for the hits shown (the body is carried in `snippet` until here).
    const page = hits.slice(0, perKind).map(({ titleMatch: _t, order: _o, ...hit }) => ({
      ...hit,
      snippet: hit.snippet.trim() ? snippetOf(hit.snippet, terms.words) : '',
    }));
    if (page.length) {
      groups.push({ kind, hits: page });
      total += page.length;
    }
  }
  return { query, groups, total };
}
