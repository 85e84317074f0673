import fc from 'fast-check';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, METHOD_NAMES, type MethodName } from '../../shared/contract';
import { startTestBackend, type TestBackend } from '../helpers/backend';
import { databaseHash } from '../helpers/security-db';

/**
 * Contract fuzzing: every API method (whatever the contract holds when the test runs) gets random and
 * hostile input through the in-memory transport. Every answer must be a result or a typed error with a
 * sentence; nothing may throw; a rejected call must leave the database exactly as it was.
 */
const RUNS_PER_METHOD = 120;
const MIN_RUNS = 25;
const EXTRA_RUNS_BUDGET_MS = 1_000;

let t: TestBackend;
let knownIds: string[] = [];
/** Known ids by table, so a field like `meetingId` usually gets a real meeting's id. */
const idsByTable = new Map<string, string[]>();

/** Ids likely to fit a field: `ownerPersonId` → people, `groupId` → work_groups, `id` of meetings.* → meetings. */
function idsFor(key: string, method: string): string[] {
  const snake = (key === 'id' ? method.split('.')[0]! : key.replace(/Id$/, '')).replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
  const word = snake.split('_').at(-1)!.replace(/s$/, '');
  const stem =
    word === 'person' || word === 'people' ? 'people' : word === 'criterion' ? 'criteri' : word === 'parent' ? 'group' : word;
  const ids = [...idsByTable].filter(([table]) => table.includes(stem)).flatMap(([, v]) => v);
  return ids.length ? ids : knownIds;
}
let cases = 0;
let rejected = 0;
const problems: string[] = [];

const hash = () => databaseHash(t.backend.ctx.db);

/** Strings that have broken software before: injection, markup, formulas, paths, odd Unicode. */
const HOSTILE_STRINGS = [
  '',
  ' ',
  '__proto__',
  'constructor',
  'prototype',
  "'; DROP TABLE organisations; --",
  "' OR '1'='1",
  '" OR 1=1 --',
  "x'); DELETE FROM groups; --",
  '<img src=x onerror=alert(1)>',
  '<script>alert(document.cookie)</script>',
  '</title><svg onload=alert(1)>',
  "=cmd|' /C calc'!A0",
  '+SUM(1,2)',
  '-2+3',
  '@import',
  '\u0000',
  '\u202eexe.txt',
  '\ud800',
  '../../../../etc/passwd',
  '..\\..\\windows\\system32',
  'app://painopiste/index.html',
  'javascript:alert(1)',
  '%00%2e%2e%2f',
  '00000000-0000-0000-0000-000000000000',
  '2024-02-30',
  '9999-99-99',
  '25:61',
  'Europe/Nowhere',
  'NaN',
  '1e309',
  '{"__proto__":{"polluted":1}}',
  'x'.repeat(70_000),
  'ä'.repeat(1_100_000),
];

const hostileNumbers = fc.constantFrom(NaN, Infinity, -Infinity, -0, -1, 0, 1, 1e308, 2 ** 53 + 2, 2 ** 31, -(2 ** 31), 0.5);

function deepObject(depth: number): unknown {
  let v: unknown = { leaf: true };
  for (let i = 0; i < depth; i++) v = i % 2 ? { a: v } : [v];
  return v;
}

/** Objects whose own keys include __proto__ and constructor, as JSON.parse would build them. */
const pollutingObject = fc.constantFrom(
  JSON.parse('{"__proto__":{"polluted":"yes"}}'),
  JSON.parse('{"constructor":{"prototype":{"polluted":"yes"}}}'),
  JSON.parse('{"id":"x","__proto__":{"isAdmin":true}}'),
);

function scalar() {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
    { weight: 3, arbitrary: fc.constantFrom(...(knownIds.length ? knownIds : ['none'])) },
    { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
    { weight: 2, arbitrary: hostileNumbers },
    { weight: 1, arbitrary: fc.integer() },
    { weight: 1, arbitrary: fc.double() },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.constantFrom(null, undefined) },
    { weight: 1, arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()) },
  );
}

/** Any JSON-ish value: scalars, arrays, objects with hostile keys, deep nesting. */
function anyValue(): fc.Arbitrary<unknown> {
  const { value } = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { maxDepth: 3, depthIdentifier: 'v' },
      { weight: 5, arbitrary: scalar() },
      { weight: 1, arbitrary: fc.array(tie('value'), { maxLength: 4 }) },
      {
        weight: 1,
        arbitrary: fc
          .array(
            fc.tuple(
              fc.oneof(fc.constantFrom('__proto__', 'constructor', 'id', 'name', 'toString'), fc.string({ maxLength: 8 })),
              tie('value'),
            ),
            {
              maxLength: 4,
            },
          )
          .map((entries) => Object.fromEntries(entries)),
      },
      { weight: 1, arbitrary: pollutingObject },
    ),
  }));
  return fc.oneof({ weight: 12, arbitrary: value }, { weight: 1, arbitrary: fc.constantFrom(deepObject(5_000), deepObject(50)) });
}

/** The top-level keys of a method's input schema, when it is an object. */
function keysOf(m: MethodName): string[] {
  const schema = contract[m].input as unknown as { shape?: Record<string, unknown>; def?: { innerType?: { shape?: object } } };
  const shape = schema.shape ?? schema.def?.innerType?.shape;
  return shape ? Object.keys(shape) : [];
}

/** A JSON Schema (zod's own export of the input schema) as a fast-check arbitrary of valid-looking values. */
type JsonSchema = {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
};

function fromSchema(s: JsonSchema | undefined, depth = 0, key = '', method = ''): fc.Arbitrary<unknown> {
  if (!s || depth > 6) return scalar();
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum?.length) return fc.constantFrom(...s.enum);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((x) => fromSchema(x, depth + 1, key, method)));
  if (Array.isArray(s.type)) return fc.oneof(...s.type.map((type) => fromSchema({ ...s, type }, depth, key, method)));
  switch (s.type) {
    case 'string': {
      if (s.format === 'uuid') {
        const fitting = idsFor(key, method);
        return fc.oneof(
          { weight: 6, arbitrary: fc.constantFrom(...(fitting.length ? fitting : ['none'])) },
          { weight: 1, arbitrary: fc.uuid() },
        );
      }
      if (/timezone/i.test(key)) return fc.constantFrom('Europe/Helsinki', 'Europe/Stockholm', 'UTC', 'Mars/Olympus');
      if (s.format === 'date' || s.pattern?.includes('\\d{4}-\\d{2}-\\d{2}'))
        return fc
          .date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10));
      if (s.format === 'date-time')
        return fc
          .date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
          .map((d) => d.toISOString());
      if (s.pattern?.includes('[0-5]\\d')) return fc.constantFrom('00:00', '09:30', '23:59');
      const min = s.minLength ?? 0;
      const max = Math.min(s.maxLength ?? 80, 80);
      return fc.oneof(
        {
          weight: 3,
          arbitrary: fc
            .stringMatching(/^[A-Za-zÄÖäö][A-Za-zÄÖäö0-9 ]{0,30}$/)
            .filter((x) => x.length >= min && x.length <= max && x.trim() === x),
        },
        fc.string({ minLength: min, maxLength: Math.max(min, max) }),
        fc.constantFrom(...HOSTILE_STRINGS.filter((x) => x.length >= min && x.length <= (s.maxLength ?? Infinity) && x.trim())),
        fc.constantFrom('Europe/Helsinki', 'fi', 'en', 'sv'),
      );
    }
    case 'integer':
    case 'number': {
      const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : -1_000);
      const max = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : 1_000_000);
      return s.type === 'integer'
        ? fc.integer({ min: Math.ceil(min), max: Math.max(Math.ceil(min), Math.floor(max)) })
        : fc.double({ min, max: Math.max(min, max), noNaN: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(fromSchema(s.items, depth + 1, key, method), {
        minLength: s.minItems ?? 0,
        maxLength: Math.max(s.minItems ?? 0, Math.min(s.maxItems ?? 3, 3)),
      });
    case 'object': {
      const props = Object.fromEntries(
        Object.entries(s.properties ?? {}).map(([k, v]) => [k, fromSchema(v, depth + 1, k, method)]),
      );
      return fc.record(props, { requiredKeys: (s.required ?? []).filter((k) => k in props) });
    }
    default:
      return scalar();
  }
}

/** Valid-looking input from the method's schema, with sometimes one field swapped for a hostile value. */
function nearValidFor(m: MethodName): fc.Arbitrary<unknown> {
  let schema: JsonSchema | undefined;
  try {
    schema = z.toJSONSchema(contract[m].input, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  } catch {
    return anyValue();
  }
  return fc
    .tuple(
      fromSchema(schema, 0, '', m),
      fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.tuple(fc.nat(), anyValue()) }),
    )
    .map(([value, swap]) => {
      if (!swap || value === null || typeof value !== 'object' || Array.isArray(value)) return value;
      const keys = Object.keys(value);
      if (!keys.length) return value;
      return { ...value, [keys[swap[0] % keys.length]!]: swap[1] };
    });
}

/** Inputs shaped like the method's own: its keys, each with a hostile or well-formed-looking value. */
function inputFor(m: MethodName): fc.Arbitrary<unknown> {
  const keys = keysOf(m);
  const shaped = keys.length
    ? fc
        .tuple(
          fc.subarray(keys),
          fc.array(anyValue(), { minLength: keys.length, maxLength: keys.length }),
          fc.option(fc.tuple(fc.constantFrom('__proto__', 'extra', 'constructor'), anyValue()), { nil: undefined }),
        )
        .map(([chosen, values, extra]) => {
          const entries: [string, unknown][] = chosen.map((k, i) => [k, values[i]]);
          if (extra) entries.push(extra);
          return Object.fromEntries(entries);
        })
    : fc.constant({});
  return fc.oneof(
    { weight: 3, arbitrary: nearValidFor(m) },
    { weight: 2, arbitrary: shaped },
    { weight: 1, arbitrary: anyValue() },
  );
}

function checkAnswer(m: MethodName, input: unknown, result: unknown) {
  const r = result as { ok?: unknown; value?: unknown; error?: { code?: unknown; key?: unknown; message?: unknown } };
  const where = `${m} ${show(input)}`;
  if (r === null || typeof r !== 'object' || (r.ok !== true && r.ok !== false)) {
    problems.push(`${where}: not a result: ${show(result)}`);
    return;
  }
  if (r.ok === true) {
    try {
      JSON.stringify(r.value);
    } catch (e) {
      problems.push(`${where}: value does not serialise: ${String(e)}`);
    }
    return;
  }
  const e = r.error;
  if (!e || typeof e.code !== 'string' || typeof e.key !== 'string' || !e.key || typeof e.message !== 'string') {
    problems.push(`${where}: untyped error ${show(e)}`);
    return;
  }
  if (!/[A-Za-zÅÄÖåäö]{2,}.*\S/.test(e.message) || e.message.length > 2_000) problems.push(`${where}: no sentence: ${e.message}`);
  if (e.key === e.message) problems.push(`${where}: untranslated key ${e.key}`);
  if (/node_modules|\/work\/|\bat \w+ \(|SQLITE_|sqlite_schema/.test(e.message)) {
    problems.push(`${where}: internals leak: ${e.message.slice(0, 200)}`);
  }
  if (e.code === 'internal') problems.push(`${where}: internal error ${e.message}`);
}

function show(v: unknown): string {
  try {
    const s = JSON.stringify(v, (_k, x) => (typeof x === 'number' && !Number.isFinite(x) ? String(x) : x));
    return (s ?? String(v)).slice(0, 300);
  } catch {
    return String(v).slice(0, 300);
  }
}

/** Rows written on this connection so far (rolled-back writes count too, so it only says "maybe"). */
const writes = () => t.backend.ctx.db.prepare('SELECT total_changes()').pluck().get() as number;

async function fuzz(m: MethodName, input: unknown) {
  // Hash the whole database only when a call wrote something: most rejected calls write nothing.
  const writesBefore = writes();
  const before = lastHash !== undefined && lastWrites === writesBefore ? lastHash : hash();
  let result: unknown;
  try {
    result = await t.backend.call(m, input);
  } catch (e) {
    problems.push(`${m} ${show(input)}: threw ${String(e)}`);
    return;
  }
  cases++;
  checkAnswer(m, input, result);
  const writesAfter = writes();
  lastWrites = writesAfter;
  lastHash = writesAfter === writesBefore ? before : undefined;
  if ((result as { ok?: boolean }).ok === false) {
    rejected++;
    const err = (result as { error: { code: string; key: string } }).error;
    byKey.set(`${err.code} ${err.key}`, (byKey.get(`${err.code} ${err.key}`) ?? 0) + 1);
    if (writesAfter !== writesBefore) {
      hashed++;
      lastHash = hash();
      if (lastHash !== before) problems.push(`${m} ${show(input)}: rejected call changed the database`);
    }
  }
}
let lastHash: string | undefined;
let lastWrites = -1;
let hashed = 0;
const byKey = new Map<string, number>();

beforeAll(async () => {
  t = await startTestBackend({ now: () => new Date('2026-03-02T09:00:00Z') });
  // The example model gives every feature real rows, so fuzzed ids sometimes hit existing records.
  expect((await t.backend.call('app.chooseStart', { example: true })).ok).toBe(true);
  const db = t.backend.ctx.db;
  const tables = db
    .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
    .pluck()
    .all() as string[];
  for (const table of tables) {
    const hasId = (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]).includes('id');
    if (!hasId) continue;
    const ids = (db.prepare(`SELECT id FROM ${table} ORDER BY rowid LIMIT 6`).pluck().all() as unknown[]).filter(
      (id): id is string => typeof id === 'string',
    );
    idsByTable.set(table, ids);
    knownIds.push(...ids.slice(0, 2));
  }
  knownIds = knownIds.filter((id) => typeof id === 'string');
});
afterAll(() => {
  t.cleanup();
  console.log(
    `contract fuzzing: ${METHOD_NAMES.length} methods, ${cases} calls, ${rejected} rejected (${hashed} after writing, compared by full hash)`,
    Object.fromEntries([...byKey].sort((a, b) => b[1] - a[1])),
  );
});

describe('contract fuzzing', () => {
  it('covers every method of the contract', () => {
    expect(METHOD_NAMES.length).toBeGreaterThan(20);
  });

  it.each(METHOD_NAMES.map((m) => [m]))(
    '%s answers hostile input with a result or a typed error and no side effects',
    async (m) => {
      problems.length = 0;
      // Fixed hostile shapes first, then random ones.
      for (const input of [
        undefined,
        null,
        42,
        'x',
        [],
        [{}],
        NaN,
        deepObject(10_000),
        JSON.parse('{"__proto__":{"polluted":1}}'),
      ]) {
        await fuzz(m, input);
      }
      // fast-check's interruptAfterTimeLimit races a run against the time limit and abandons the loser:
      // an abandoned call kept running into the next method's cases (a backup finishing there wrote its
      // log row during another method's rejected call). Each method waits for its last call to settle.
      let inFlight: Promise<void> = Promise.resolve();
      const property = fc.asyncProperty(inputFor(m), async (input) => {
        inFlight = fuzz(m, input);
        await inFlight;
      });
      const seed = 8_2026 + METHOD_NAMES.indexOf(m);
      // Every method gets MIN_RUNS cases; cheap methods get up to RUNS_PER_METHOD, while methods that
      // do real work per call (exporting or backing up the whole database) stop at a time budget,
      // which keeps the suite short. The budget only limits the count; it is not an assertion.
      await fc.assert(property, { numRuns: MIN_RUNS, seed });
      await fc.assert(property, {
        numRuns: RUNS_PER_METHOD - MIN_RUNS,
        seed: seed + 1,
        interruptAfterTimeLimit: EXTRA_RUNS_BUDGET_MS,
        markInterruptAsFailure: false,
      });
      await inFlight;
      expect(problems.slice(0, 10)).toEqual([]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    },
  );

  it('host methods answer "unsupported" cleanly without a host', async () => {
    for (const m of METHOD_NAMES.filter((x) => x.startsWith('host.'))) {
      const valid: Record<string, unknown> = {
        'host.saveFile': { suggestedName: 'a.txt', contentBase64: '' },
        'host.printToPdf': { html: '<p>x</p>' },
        'host.openFile': {},
      };
      const result = await t.backend.call(m, valid[m] ?? {});
      expect(result).toMatchObject({ ok: false, error: { code: expect.stringMatching(/unsupported|validation/) } });
    }
  });
});
