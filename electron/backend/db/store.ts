import { randomUUID } from 'node:crypto';
import { HlcClock, type Hlc } from '../../../shared/hlc';
import { applyLocalEdit, createRow, type Row } from '../../../shared/exchange/merge';
import type { ApiError } from '../../../shared/contract/core';
import { userError } from '../errors';
import type { Db } from './open';
import { getMeta, setMeta } from './open';
import { TABLE_CODECS, camelToSnake, columnsOf, snakeToCamel } from './tables';

export type RawRow = Record<string, unknown>;

/**
 * The one way travelling rows are written: every insert, update and archive stamps the row's clock
 * (`hlc`) and the changed fields' clocks (`field_hlc`) so exchange files can merge field by field.
 * Repositories build their queries on top of this; services wrap calls in transactions.
 */
const PLAIN = 0;
const BOOL = 1;
const JSON_TEXT = 2;
const SKIP = 3;
type ColumnKind = typeof PLAIN | typeof BOOL | typeof JSON_TEXT | typeof SKIP;

export class RowStore {
  readonly clock: HlcClock;
  private readonly statements = new Map<string, import('better-sqlite3').Statement>();

  constructor(
    readonly db: Db,
    replica: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.clock = new HlcClock(replica, () => this.now().getTime(), getMeta(db, 'clock') ?? undefined);
  }

  /**
   * A cached prepared statement, always in its default mode: pluck/raw/expand are settings of the
   * statement object, so a caller's `.pluck()` would otherwise change what the next caller of the same
   * SQL gets (a repository reading `{ name }` got the plucked string, and the sync status lost its name).
   */
  prepare(sql: string) {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    } else if (s.reader) {
      s.raw(false);
      s.pluck(false);
      s.expand(false);
    }
    return s;
  }

  tick(): Hlc {
    const stamp = this.clock.tick();
    this.prepare(`INSERT INTO meta (key, value) VALUES ('clock', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(
      stamp,
    );
    return stamp;
  }

  nowIso(): string {
    return this.now().toISOString();
  }

  /** Insert a row given camelCase values; returns the decoded row. */
  insert<T>(table: string, values: Record<string, unknown>): T {
    const cols = columnsOf(this.db, table);
    const data: RawRow = {};
    for (const [key, value] of Object.entries(values)) {
      if (key === 'id') continue;
      const col = camelToSnake(key);
      if (!cols.includes(col)) throw new Error(`${table} has no column ${col}`);
      data[col] = this.encodeValue(table, col, value);
    }
    // The stamping rules live in shared/exchange/merge.ts (createRow): times are the stamp's wall
    // clock, which never runs behind anything imported, so updated_at converges across replicas.
    const row: RawRow = createRow((values.id as string | undefined) ?? randomUUID(), data, this.tick());
    const names = Object.keys(row);
    this.prepare(`INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map((n) => '@' + n).join(', ')})`).run(row);
    return this.decode<T>(table, row);
  }

  getRaw(table: string, id: string): RawRow | undefined {
    return this.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(id) as RawRow | undefined;
  }

  get<T>(table: string, id: string): T | undefined {
    const raw = this.getRaw(table, id);
    return raw ? this.decode<T>(table, raw) : undefined;
  }

  /** A row that must exist (archived rows count as existing); otherwise a not-found error. */
  require<T>(table: string, id: string, entity: string = table): T {
    const row = this.get<T>(table, id);
    if (!row) throw notFound(entity);
    return row;
  }

  /** Change the given camelCase fields; unchanged values are not stamped. */
  update<T>(table: string, id: string, patch: Record<string, unknown>): T {
    const current = this.getRaw(table, id);
    if (!current) throw notFound(table);
    const cols = columnsOf(this.db, table);
    const changes: RawRow = {};
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      const col = camelToSnake(key);
      if (!cols.includes(col) || col === 'id' || col === 'hlc' || col === 'field_hlc') {
        throw new Error(`${table} has no writable column ${col}`);
      }
      const encoded = this.encodeValue(table, col, value);
      if (current[col] !== encoded) changes[col] = encoded;
    }
    if (Object.keys(changes).length === 0) return this.decode<T>(table, current);
    // applyLocalEdit (shared/exchange/merge.ts) is the one stamping rule: it keeps version-vector keys
    // and re-stamps `deleted` when a tombstone is edited, so the edit cannot revive the row in a merge.
    const edited = applyLocalEdit(current as Row, changes, this.tick());
    const next: RawRow = { ...changes, hlc: edited.hlc, field_hlc: edited.field_hlc, updated_at: edited.updated_at };
    const names = Object.keys(next);
    this.prepare(`UPDATE ${table} SET ${names.map((n) => `${n} = @${n}`).join(', ')} WHERE id = @id`).run({ ...next, id });
    return this.decode<T>(table, { ...current, ...next });
  }

  /** Advance the clock past stamps seen in an imported file, and persist it. */
  observe(stamps: Iterable<Hlc>): void {
    for (const stamp of stamps) this.clock.observe(stamp);
    this.saveClock();
  }

  /** Tombstone a row; it stays in the file so the delete can travel. */
  archive<T>(table: string, id: string): T {
    return this.update<T>(table, id, { deleted: true });
  }

  restore<T>(table: string, id: string): T {
    return this.update<T>(table, id, { deleted: false });
  }

  private encodeValue(table: string, col: string, value: unknown): unknown {
    const codec = TABLE_CODECS[table] ?? {};
    if (value === undefined || value === null) return null;
    if (col === 'deleted' || codec.bool?.includes(col)) return value ? 1 : 0;
    if (codec.json?.includes(col)) return JSON.stringify(value);
    if (typeof value === 'boolean') return value ? 1 : 0;
    return value;
  }

  /** A stored row as the API returns it: camelCase, booleans and JSON decoded, clock map hidden. */
  decode<T>(table: string, raw: RawRow): T {
    const out: Record<string, unknown> = {};
    for (const col in raw) {
      const kind = this.columnKind(table, col);
      if (kind === SKIP) continue;
      const value = raw[col];
      out[snakeToCamel(col)] =
        kind === BOOL ? value === 1 : kind === JSON_TEXT && typeof value === 'string' ? JSON.parse(value) : value;
    }
    return out as T;
  }

  /** How `decode` treats a column: looked up once per table and column, not per row. */
  private columnKind(table: string, col: string): ColumnKind {
    let kinds = this.kinds.get(table);
    if (!kinds) {
      kinds = new Map();
      this.kinds.set(table, kinds);
    }
    let kind = kinds.get(col);
    if (kind === undefined) {
      const codec = TABLE_CODECS[table] ?? {};
      kind =
        col === 'field_hlc'
          ? SKIP
          : col === 'deleted' || codec.bool?.includes(col)
            ? BOOL
            : codec.json?.includes(col)
              ? JSON_TEXT
              : PLAIN;
      kinds.set(col, kind);
    }
    return kind;
  }
  private readonly kinds = new Map<string, Map<string, ColumnKind>>();

  /** Persist the clock (also done on every tick; this is for shutdown paths). */
  saveClock(): void {
    setMeta(this.db, 'clock', this.clock.last());
  }
}

/** `entity` is a key under common.entities (organisation, person, group, meeting, …). */
export function notFound(entity: string): ApiError {
  return userError('not_found', 'errors.notFound', { entity });
}
