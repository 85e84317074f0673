/**
 * A simulated file sync engine (what OneDrive, SharePoint or Syncthing do between laptops), for the
 * sync folder tests: every laptop has its own copy of the shared folder; files a laptop writes into
 * its own sub-folder reach the other copies late, out of order, sometimes twice, and sometimes first
 * half-written (a prefix of the bytes) with the whole file only later. Deletions travel too. Seeded,
 * so a failing run can be repeated.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Delivery {
  due: number;
  to: string;
  rel: string;
  version: number;
  /** null: delete; otherwise the bytes (a prefix when partial). */
  bytes: Buffer | null;
  partial: boolean;
}

export interface EngineStats {
  delivered: number;
  partial: number;
  duplicated: number;
  deleted: number;
  reordered: number;
}

export class SimulatedSyncEngine {
  private time = 0;
  private queue: Delivery[] = [];
  /** origin path → [version, hash] last seen. */
  private seen = new Map<string, { version: number; hash: string }>();
  /** target path → newest full version delivered. */
  private delivered = new Map<string, number>();
  readonly stats: EngineStats = { delivered: 0, partial: 0, duplicated: 0, deleted: 0, reordered: 0 };

  /** `copies`: each laptop's copy of the folder and the replica id whose sub-folder it writes. */
  constructor(
    private readonly copies: Array<{ folder: string; replicaId: string }>,
    private readonly random: () => number,
    private readonly maxDelay = 6,
  ) {}

  /** Notice what each laptop wrote or deleted in its own sub-folder and queue the deliveries. */
  scan(): void {
    for (const { folder, replicaId } of this.copies) {
      const dir = path.join(folder, replicaId);
      const names = fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => !n.startsWith('.')) : [];
      const present = new Set(names);
      for (const name of names) {
        const rel = path.join(replicaId, name);
        const bytes = fs.readFileSync(path.join(dir, name));
        const hash = createHash('sha256').update(bytes).digest('hex');
        const key = `${folder}|${rel}`;
        const prev = this.seen.get(key);
        if (prev && prev.hash === hash) continue;
        const version = (prev?.version ?? 0) + 1;
        this.seen.set(key, { version, hash });
        for (const other of this.copies) {
          if (other.folder === folder) continue;
          const due = this.time + 1 + Math.floor(this.random() * this.maxDelay);
          if (this.random() < 0.3 && bytes.length > 8) {
            // Half-written first: a prefix now, the whole file later.
            const cut = 1 + Math.floor(this.random() * (bytes.length - 1));
            this.queue.push({ due: this.time + 1, to: other.folder, rel, version, bytes: bytes.subarray(0, cut), partial: true });
          }
          this.queue.push({ due, to: other.folder, rel, version, bytes, partial: false });
          if (this.random() < 0.2) {
            this.queue.push({
              due: due + 1 + Math.floor(this.random() * this.maxDelay),
              to: other.folder,
              rel,
              version,
              bytes,
              partial: false,
            });
            this.stats.duplicated++;
          }
        }
      }
      for (const [key, v] of this.seen) {
        const [f, rel] = key.split('|') as [string, string];
        if (f !== folder || !rel.startsWith(replicaId + path.sep) || present.has(path.basename(rel))) continue;
        this.seen.delete(key);
        for (const other of this.copies) {
          if (other.folder === folder) continue;
          this.queue.push({
            due: this.time + 1 + Math.floor(this.random() * this.maxDelay),
            to: other.folder,
            rel,
            version: v.version + 1,
            bytes: null,
            partial: false,
          });
        }
      }
    }
  }

  /** One unit of time: deliver what is due, in random order. */
  step(): void {
    this.scan();
    this.time++;
    const due = this.queue.filter((d) => d.due <= this.time);
    this.queue = this.queue.filter((d) => d.due > this.time);
    for (let i = due.length - 1; i > 0; i--) {
      const j = Math.floor(this.random() * (i + 1));
      if (j !== i) this.stats.reordered++;
      [due[i], due[j]] = [due[j]!, due[i]!];
    }
    for (const d of due) this.apply(d);
  }

  /** Deliver everything still queued (the network came back and stayed). */
  flush(): void {
    this.scan();
    while (this.queue.length) {
      this.time += this.maxDelay + 2;
      const all = this.queue.sort((a, b) => a.version - b.version);
      this.queue = [];
      for (const d of all) this.apply(d);
      this.scan();
    }
  }

  private apply(d: Delivery): void {
    const target = path.join(d.to, d.rel);
    const key = `${d.to}|${d.rel}`;
    const newest = this.delivered.get(key) ?? 0;
    // A real engine never puts an older version over a newer one.
    if (d.version < newest || (d.partial && d.version <= newest)) return;
    if (d.bytes === null) {
      fs.rmSync(target, { force: true });
      this.delivered.set(key, d.version);
      this.stats.deleted++;
      return;
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, d.bytes);
    if (d.partial) this.stats.partial++;
    else {
      this.delivered.set(key, d.version);
      this.stats.delivered++;
    }
  }
}
