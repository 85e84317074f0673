/**
 * What a benchmark case is and the environment it runs in. A case is timed over repeated runs; its
 * figure is compared with a baseline measured in the same process run (raw SQLite for bulk work, the
 * same case at W/100 for interactive queries), so results read as "how far from the physical limit"
 * rather than as absolute milliseconds on one machine.
 */
import fs from 'node:fs';
import path from 'node:path';
import { contract, isMethodName } from '../shared/contract';
import { openBackend, type Backend } from '../electron/backend';
import { DATABASE_FILE, migrate, openDatabase, type Db } from '../electron/backend/db/open';
import type { GenerateResult, ScaleName } from './generate';

export type Unit = 'ms' | 'MB' | 'frames';

export interface Target {
  /** Median must be below this many milliseconds (or MB for memory). */
  max?: number;
  /** Median must be at most this (counts such as dropped frames). */
  atMost?: number;
  /** Median divided by the baseline's median must be at most this. */
  maxRatio?: number;
  /** Interactive: median at W divided by the same case's median at W/100 must be at most this. */
  maxGrowth?: number;
  /** Human description of the target, as the report and docs state it. */
  label: string;
}

/** What a run may report besides its wall time. */
export interface RunOutput {
  /** Replaces the measured wall time (cases that time only part of their work, or report MB). */
  value?: number;
  /** Extra figures shown in the report (file size, dropped frames, rows). */
  extra?: Record<string, number | string>;
}

export interface BenchCase<S = unknown> {
  name: string;
  area: 'foundation' | 'meetings' | 'rotation' | 'exchange' | 'scanning' | 'portfolio' | 'renderer';
  /** Scales the case runs at (filtered further by --scale). */
  scales: readonly ScaleName[];
  /** Interactive cases report growth against W/100; others against `baseline`. */
  kind: 'interactive' | 'bulk' | 'compute' | 'memory' | 'renderer';
  unit?: Unit;
  /** Name of another case measured at the same scale in the same run: ratio = median / its median. */
  baseline?: string;
  /** Checked at W only. */
  target?: Target;
  /** Repetitions (overridden by --runs for cases that do not set `fixedRuns`). */
  runs?: number;
  /** Fewer runs where one run is long (whole-database work at W). */
  runsAt?: Partial<Record<ScaleName, number>>;
  fixedRuns?: boolean;
  warmup?: number;
  /**
   * Run in a child process that is stopped after this many seconds (reported as an error), for
   * operations that may be pathologically slow at W and must not hold up the rest of the suite.
   */
  timeoutSeconds?: number;
  /** Why the case cannot run yet (a feature not landed), or null. */
  unavailable?(env: ScaleEnv): string | null;
  setup?(env: ScaleEnv): Promise<S> | S;
  /** Untimed work before each run (a fresh empty database for an import). */
  beforeEach?(env: ScaleEnv, state: S): unknown;
  run(env: ScaleEnv, state: S): Promise<RunOutput | void> | RunOutput | void;
  teardown?(env: ScaleEnv, state: S): unknown;
}

/** Thrown by a case's setup or run when what it measures does not exist yet: reported, not an error. */
export class NotAvailable extends Error {}

/** Helps TypeScript keep each case's state type while collecting them in one list. */
export function defineCase<S>(c: BenchCase<S>): BenchCase<unknown> {
  return c as unknown as BenchCase<unknown>;
}

export interface ScaleEnv {
  scale: ScaleName;
  /** Working folder of this scale (removed at the end). */
  root: string;
  /** Data folder holding the generated database (closed; copy it before writing). */
  templateDir: string;
  generated: GenerateResult;
  /** One backend over a copy of the generated data, shared by the read-only cases. */
  backend(): Promise<Backend>;
  /** A new data folder holding a copy of the generated database. */
  copyTemplate(name: string): string;
  /** A new empty migrated database file (for inserts and imports). */
  emptyDatabase(name: string): Db;
  /** Results measured so far in this scale, by case name (medians). */
  medians: Map<string, number>;
  log(message: string): void;
}

export function createScaleEnv(args: {
  scale: ScaleName;
  root: string;
  templateDir: string;
  generated: GenerateResult;
  log: (m: string) => void;
}): ScaleEnv & { close(): void } {
  let shared: Promise<Backend> | undefined;
  let counter = 0;
  const opened: Db[] = [];
  const env: ScaleEnv & { close(): void } = {
    ...args,
    medians: new Map(),
    backend() {
      shared ??= openBackend({ dataDir: env.copyTemplate('shared'), host: 'memory', backupOnStart: false });
      return shared;
    },
    copyTemplate(name) {
      const dir = path.join(args.root, `${name}-${++counter}`);
      fs.mkdirSync(dir, { recursive: true });
      fs.copyFileSync(path.join(args.templateDir, DATABASE_FILE), path.join(dir, DATABASE_FILE));
      return dir;
    },
    emptyDatabase(name) {
      const file = path.join(args.root, `${name}-${++counter}`, DATABASE_FILE);
      const db = openDatabase(file);
      migrate(db);
      opened.push(db);
      return db;
    },
    close() {
      void shared?.then((b) => b.close());
      for (const db of opened) if (db.open) db.close();
    },
  };
  return env;
}

/** Median and 95th percentile (nearest rank) of samples. */
export function summarise(samples: readonly number[]): { median: number; p95: number; min: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return { median, p95: at(0.95), min: s[0]! };
}

export function methodExists(name: string): boolean {
  return isMethodName(name);
}

/** The first of `names` that the contract has, or undefined. */
export function firstMethod(names: readonly string[]): string | undefined {
  return names.find((n) => isMethodName(n));
}

export const notLanded = (names: readonly string[]) => () =>
  firstMethod(names) ? null : `not available: no ${names.join(' / ')} in the contract yet`;

/** Calls through the contract (validation + service + SQLite); a failed call fails the case. */
export async function callOk(backend: Backend, method: string, input: unknown): Promise<unknown> {
  const result = await backend.call(method, input);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/** Keys of a method's input object, for cases that adapt to the contract that exists. */
export function inputKeys(method: string): string[] {
  if (!isMethodName(method)) return [];
  const schema = contract[method].input as unknown as { shape?: Record<string, unknown>; _zod?: { def?: { shape?: unknown } } };
  const shape = schema.shape ?? (schema._zod?.def?.shape as Record<string, unknown> | undefined);
  return shape ? Object.keys(shape) : [];
}

/** Size of a result when serialised (what crosses IPC to the renderer). */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value ?? null));
}
