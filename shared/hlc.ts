/**
 * Hybrid logical clock (HLC) stamps.
 *
 * A stamp is a string that sorts lexicographically in causal order:
 *   `${wallMillis padded to 15 digits}-${counter base36 padded to 5}-${replicaId}`
 * so comparing two stamps is plain string comparison. The replica id breaks ties between
 * replicas, which makes "newer wins" a total order and merges deterministic.
 */

export type Hlc = string;

const WALL_DIGITS = 15;
const COUNTER_DIGITS = 5;
const MAX_COUNTER = 36 ** COUNTER_DIGITS - 1;

export interface HlcParts {
  wall: number;
  counter: number;
  replica: string;
}

export function formatHlc({ wall, counter, replica }: HlcParts): Hlc {
  return `${String(wall).padStart(WALL_DIGITS, '0')}-${counter.toString(36).padStart(COUNTER_DIGITS, '0')}-${replica}`;
}

const HLC_PATTERN = /^(\d{15})-([0-9a-z]{5})-([0-9a-zA-Z-]{1,64})$/;

export function isHlc(value: unknown): value is Hlc {
  return typeof value === 'string' && HLC_PATTERN.test(value);
}

export function parseHlc(stamp: Hlc): HlcParts {
  const m = HLC_PATTERN.exec(stamp);
  if (!m) throw new Error(`Not a clock stamp: ${stamp}`);
  return { wall: Number(m[1]), counter: parseInt(m[2]!, 36), replica: m[3]! };
}

export function compareHlc(a: Hlc, b: Hlc): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function maxHlc(a: Hlc | undefined, b: Hlc | undefined): Hlc | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a >= b ? a : b;
}

/** A clock for one replica. `now` is injectable so tests control time. */
export class HlcClock {
  private wall = 0;
  private counter = 0;

  constructor(
    readonly replica: string,
    private readonly now: () => number = Date.now,
    last?: Hlc,
  ) {
    if (last) this.observe(last);
  }

  /** A fresh stamp for a local change; strictly greater than every stamp seen so far. */
  tick(): Hlc {
    const physical = this.now();
    if (physical > this.wall) {
      this.wall = physical;
      this.counter = 0;
    } else {
      this.counter += 1;
      if (this.counter > MAX_COUNTER) {
        this.wall += 1;
        this.counter = 0;
      }
    }
    return formatHlc({ wall: this.wall, counter: this.counter, replica: this.replica });
  }

  /** Take a stamp from another replica into account so later local stamps sort after it. */
  observe(remote: Hlc): void {
    const { wall, counter } = parseHlc(remote);
    if (wall > this.wall || (wall === this.wall && counter > this.counter)) {
      this.wall = wall;
      this.counter = counter;
    }
  }

  /** The last stamp issued or observed (for persisting across restarts). */
  last(): Hlc {
    return formatHlc({ wall: this.wall, counter: this.counter, replica: this.replica });
  }
}
