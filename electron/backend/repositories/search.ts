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

/** An index entry of one kind: the index's own copy of the row's title and text. */
interface IndexEntry {
  fts_rowid: number;
  ref_id: string;
  title: string;
  body: string;
}

/**
 * One search over everything, grouped by kind. Each kind's index is read newest first, 4 × perKind
 * entries, so a common word costs no more than a rare one; among those, title matches then come before
 * matches in the text (so a title match that is the 30th newest entry still outranks the newest text
 * match: the window, not the page, is what ranking needs). Archived rows, and index entries whose row
 * has changed its rowid, are left out.
 *
 * Only what the page needs is read beyond the index: entries are taken in rank order, a text is folded
 * only when its title does not settle the match, and source rows are looked up (by rowid) only for the
 * entries that can still make the page.
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
    const entries = store
      .prepare(
        `SELECT rowid AS fts_rowid, ref_id, title, body FROM ${index}
           WHERE ${index} MATCH @match ORDER BY rowid DESC LIMIT @limit`,
      )
      .all({ match: terms.match, limit: perKind * 4 }) as IndexEntry[];
    if (entries.length === 0) continue;
    // Rank order: entries whose title holds every word (matchesAll's rule: a word matches when it
    // begins a word of the title or of the text), newest first, then the others, newest first.
    const inTitle: IndexEntry[] = [];
    const others: IndexEntry[] = [];
    for (const e of entries) {
      const title = fold(e.title);
      (terms.words.every((w) => beginsWord(title, w)) ? inTitle : others).push(e);
    }
    // A cut word: FTS5 found a shorter prefix, so an entry is a hit only if every whole word begins a
    // word of its title or text (checked lazily, in rank order, only as far as the page needs).
    const isHit = (e: IndexEntry, titleMatch: boolean) => {
      if (titleMatch || !terms.cut) return true;
      const title = fold(e.title);
      const body = fold(e.body);
      return terms.words.every((w) => beginsWord(title, w) || beginsWord(body, w));
    };
    const ranked = [...inTitle, ...others];
    const hits: SearchHit[] = [];
    const lookup = store.prepare(`${h.sql} WHERE x.rowid IN (SELECT value FROM json_each(?)) AND x.deleted = 0`);
    let next = 0;
    while (hits.length < perKind && next < ranked.length) {
      // The next entries that are hits, as many as the page still lacks; their rows in one read.
      const batch: IndexEntry[] = [];
      while (batch.length < perKind - hits.length && next < ranked.length) {
        const e = ranked[next]!;
        if (isHit(e, next < inTitle.length)) batch.push(e);
        next++;
      }
      if (batch.length === 0) break;
      const rows = new Map(
        (lookup.all(JSON.stringify(batch.map((e) => e.fts_rowid))) as RawRow[]).map((r) => [Number(r.rid), r]),
      );
      for (const e of batch) {
        const r = rows.get(e.fts_rowid);
        // A row whose rowid changed (the index entry is stale) has another id at this rowid, or none.
        if (!r || r.id !== e.ref_id) continue;
        hits.push({
          kind,
          id: r.id as string,
          title: String(r.title ?? ''),
          snippet: e.body.trim() ? snippetOf(e.body, terms.words) : '',
          groupName: (r.group_name as string | null) ?? null,
          route: h.route(r),
        });
      }
    }
    if (hits.length) {
      groups.push({ kind, hits });
      total += hits.length;
    }
  }
  return { query, groups, total };
}
