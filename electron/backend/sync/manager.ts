/**
 * Exchange through a shared sync folder (docs/sync-folder.md): a group linked to a folder that a sync
 * engine (OneDrive, SharePoint, Syncthing, a network share) keeps the same on every laptop.
 *
 * One cycle, per linked group:
 *   1. read every other laptop's index (encrypted; re-read only when its bytes change);
 *   2. apply their files not applied yet, through the one import pipeline (exchange/service.ts
 *      applyImport: verify, plan, apply — with the group as the expected scope); a file that has not
 *      arrived whole is skipped and retried, a file that fails verification is refused and logged;
 *   3. write a change file with the rows this laptop changed since its last file (sync/changes.ts),
 *      and now and then a snapshot of the whole group, so a newcomer joins from one file;
 *   4. prune own files older than the newest snapshot that every known laptop has applied;
 *   5. write this laptop's index.
 *
 * The scheduler runs a cycle on start, shortly after local changes (debounced), when the window gets
 * focus (the renderer calls sync.exchangeNow) and every few minutes. Its timers are injectable.
 */
import type { Ctx } from '../context';
import type { ApiError } from '../../../shared/contract/core';
import { isApiErrorShape } from '../../../shared/contract/core';
import type { SyncLogEntry, SyncPeer, SyncProblem, SyncStatus } from '../../../shared/domain/sync';
import type { ImportResult, TableCounts } from '../../../shared/domain/exchange';
import { backupDatabase } from '../backup';
import { userError } from '../errors';
import { applyImport, exportScope } from '../exchange/service';
import { collectScope } from '../exchange/scope';
import type { ScryptParams } from '../exchange/crypto';
import * as repo from '../repositories/sync';
import { rowCount, selectChanges } from './changes';
import {
  fileNameFor,
  folderReachable,
  indexExists,
  ownFileSeqs,
  peerDirs,
  readIndex,
  readListedFile,
  removeOwnFile,
  sha256Hex,
  writeExchangeFile,
  writeIndex,
  type IndexedFile,
  type LaptopIndex,
} from './folder';

export interface SyncTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SyncOptions {
  /** Run the scheduler (the desktop app and browser mode do; tests call runOnce themselves). */
  auto?: boolean;
  timers?: SyncTimers;
  /** Only tests lower the scrypt cost. */
  scrypt?: Partial<ScryptParams>;
  debounceMs?: number;
  intervalMs?: number;
  /** A listed file whose bytes stay wrong (and unchanged) this long was changed in the folder: refused. */
  settleMs?: number;
  /** A snapshot after this many change files, or when the last one is older than snapshotAfterMs. */
  snapshotEvery?: number;
  snapshotAfterMs?: number;
  /** Own files older than this with a newer snapshot are pruned even if a laptop has not applied them. */
  pruneAfterMs?: number;
  /** At most one 'before-import' backup in this period (the import itself is told not to make one). */
  backupEveryMs?: number;
  log?: (message: string) => void;
}

const DEFAULTS = {
  debounceMs: 5_000,
  intervalMs: 3 * 60_000,
  settleMs: 10 * 60_000,
  snapshotEvery: 50,
  snapshotAfterMs: 7 * 24 * 3600_000,
  pruneAfterMs: 30 * 24 * 3600_000,
  backupEveryMs: 3600_000,
};

const realTimers: SyncTimers = {
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

function problemOf(e: unknown): SyncProblem {
  if (isApiErrorShape(e)) return (e as ApiError).params ? { key: e.key, params: (e as ApiError).params } : { key: e.key };
  return { key: 'errors.internal' };
}

const LOG_LIMIT_CONFLICTS = 50;

export class SyncManager {
  private readonly o: Required<Omit<SyncOptions, 'scrypt' | 'timers' | 'log' | 'auto'>>;
  private readonly timers: SyncTimers;
  private readonly passphrases = new Map<string, string>();
  private readonly indexes = new Map<string, { sha256: string; index: LaptopIndex }>();
  private readonly unreadable = new Map<string, { sha256: string; since: number }>();
  private readonly suspects = new Map<string, { sha256: string; since: number }>();
  private readonly waiting = new Map<string, Map<string, number>>();
  private readonly writtenIndex = new Map<string, string>();
  private running: Promise<void> | null = null;
  private again = false;
  private debounce: unknown = null;
  private interval: unknown = null;
  private stopped = false;
  private lastBackupMs = -Infinity;

  constructor(
    private readonly ctx: Ctx,
    private readonly opts: SyncOptions = {},
  ) {
    this.o = { ...DEFAULTS, ...Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)) } as typeof this.o;
    this.timers = opts.timers ?? realTimers;
  }

  // ---- scheduler -------------------------------------------------------------------------------

  /** On start: a cycle now, then every intervalMs. */
  start(): void {
    if (!this.opts.auto) return;
    this.stopped = false;
    this.kick();
    this.scheduleInterval();
  }

  stop(): void {
    this.stopped = true;
    if (this.debounce !== null) this.timers.clearTimeout(this.debounce);
    if (this.interval !== null) this.timers.clearTimeout(this.interval);
    this.debounce = this.interval = null;
  }

  /** Something changed locally: a cycle once the edits have been quiet for debounceMs. */
  changed(): void {
    if (!this.opts.auto || this.stopped || !this.hasLinks()) return;
    if (this.debounce !== null) this.timers.clearTimeout(this.debounce);
    this.debounce = this.timers.setTimeout(() => {
      this.debounce = null;
      this.kick();
    }, this.o.debounceMs);
  }

  private scheduleInterval() {
    this.interval = this.timers.setTimeout(() => {
      if (this.stopped) return;
      this.kick();
      this.scheduleInterval();
    }, this.o.intervalMs);
  }

  private kick() {
    if (this.stopped) return;
    this.runOnce().catch((e: unknown) =>
      this.opts.log?.(`sync failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`),
    );
  }

  private hasLinks(): boolean {
    return this.ctx.db.open && repo.listLinks(this.ctx.store).length > 0;
  }

  /** One cycle over every linked group (or one); cycles never overlap, a request during one runs after it. */
  runOnce(groupId?: string): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        for (const link of repo.listLinks(this.ctx.store)) {
          if (groupId && link.group_id !== groupId) continue;
          if (!this.ctx.db.open) return;
          try {
            await this.cycle(link.group_id);
          } catch (e) {
            this.opts.log?.(`sync of ${link.group_id} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
            this.setProblem(link.group_id, problemOf(e));
          }
        }
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  // ---- the API ---------------------------------------------------------------------------------

  async link(input: {
    groupId: string;
    folder: string;
    laptopName: string;
    passphrase: string;
    remember: boolean;
  }): Promise<SyncStatus> {
    const { ctx } = this;
    const me = ctx.store.clock.replica;
    ctx.store.require('work_groups', input.groupId, 'group');
    if (repo.getLink(ctx.store, input.groupId)) throw userError('conflict', 'sync.errors.alreadyLinked');
    if (!folderReachable(input.folder)) throw userError('validation', 'sync.errors.folderMissing', { folder: input.folder });
    // The passphrase must open what the other laptops wrote, and the folder must be this group's.
    let opened = 0;
    let closed = 0;
    for (const peer of peerDirs(input.folder, me)) {
      const read = readIndex(input.folder, peer, input.passphrase);
      if (read.kind === 'ok') {
        if (read.index.groupId !== input.groupId) throw userError('validation', 'sync.errors.otherGroup');
        opened++;
      } else if (read.kind === 'unreadable') closed++;
    }
    if (closed > 0 && opened === 0) throw userError('validation', 'sync.errors.wrongPassphrase');
    const nextSeq =
      Math.max(0, ...ownFileSeqs(input.folder, me), ...repo.listFiles(ctx.store, input.groupId, true).map((f) => f.seq)) + 1;
    // Named apart from `input`, which holds the passphrase: a log call never takes `input` (security test).
    const linkedGroup = input.groupId;
    ctx.tx(() => {
      repo.forgetFilesFrom(ctx.store, input.groupId, nextSeq);
      repo.insertLink(ctx.store, {
        group_id: input.groupId,
        folder: input.folder,
        laptop_name: input.laptopName,
        // The desktop host keeps the passphrase in the keychain (electron/sync-secrets.ts).
        remembered: input.remember && ctx.host === 'electron' ? 1 : 0,
        next_seq: nextSeq,
        linked_at: ctx.now().toISOString(),
      });
      this.log(linkedGroup, 'linked', {});
    });
    this.passphrases.set(input.groupId, input.passphrase);
    this.writtenIndex.delete(input.groupId);
    await this.runOnce(input.groupId);
    return this.status(input.groupId);
  }

  async unlock(groupId: string, passphrase: string): Promise<SyncStatus> {
    const link = this.requireLink(groupId);
    const me = this.ctx.store.clock.replica;
    // Checked against this laptop's own index first, then the others'.
    const candidates = [me, ...peerDirs(link.folder, me)];
    let unreadable = 0;
    for (const r of candidates) {
      const read = readIndex(link.folder, r, passphrase);
      if (read.kind === 'ok') {
        unreadable = 0;
        break;
      }
      if (read.kind === 'unreadable') unreadable++;
    }
    if (unreadable > 0) throw userError('validation', 'sync.errors.wrongPassphrase');
    this.passphrases.set(groupId, passphrase);
    await this.runOnce(groupId);
    return this.status(groupId);
  }

  async pause(groupId: string, paused: boolean): Promise<SyncStatus> {
    this.requireLink(groupId);
    repo.updateLink(this.ctx.store, groupId, { paused: paused ? 1 : 0 });
    if (!paused) await this.runOnce(groupId);
    return this.status(groupId);
  }

  /** A last exchange (so this laptop's latest edits are in the folder), then the index says it left. */
  async unlink(groupId: string): Promise<{ groupId: string }> {
    const link = this.requireLink(groupId);
    if (this.running) await this.running;
    const pass = await this.passphraseFor(link);
    if (pass && folderReachable(link.folder)) {
      if (!link.paused) await this.cycle(groupId).catch(() => undefined);
      try {
        this.writeOwnIndex(groupId, pass, true);
      } catch {
        // The folder went away: the others will see this laptop as silent, not as left.
      }
    }
    this.ctx.tx(() => {
      repo.deleteLink(this.ctx.store, groupId);
      this.log(groupId, 'unlinked', {});
    });
    this.passphrases.delete(groupId);
    this.waiting.delete(groupId);
    this.writtenIndex.delete(groupId);
    return { groupId };
  }

  async removeLaptop(groupId: string, replicaId: string): Promise<SyncStatus> {
    this.requireLink(groupId);
    const peer = repo.listPeers(this.ctx.store, groupId).find((p) => p.replica_id === replicaId);
    if (!peer) throw userError('not_found', 'sync.errors.laptopNotFound');
    this.ctx.tx(() => {
      repo.updatePeer(this.ctx.store, groupId, replicaId, { removed_at: this.ctx.now().toISOString() });
      this.log(groupId, 'laptopRemoved', { replicaId, laptopName: peer.laptop_name });
    });
    await this.runOnce(groupId);
    return this.status(groupId);
  }

  list(): SyncStatus[] {
    return repo.listLinks(this.ctx.store).map((l) => this.status(l.group_id));
  }

  status(groupId: string): SyncStatus {
    const { ctx } = this;
    const link = this.requireLink(groupId);
    const peers = repo.listPeers(ctx.store, groupId);
    const waiting = this.waiting.get(groupId) ?? new Map<string, number>();
    const problem = link.last_problem ? (JSON.parse(link.last_problem) as SyncProblem) : null;
    const state: SyncStatus['state'] =
      problem?.key === 'sync.problems.removed'
        ? 'removed'
        : link.paused
          ? 'paused'
          : !this.hasPassphrase(link)
            ? 'locked'
            : !folderReachable(link.folder)
              ? 'unreachable'
              : 'active';
    const peerList: SyncPeer[] = peers.map((p) => ({
      replicaId: p.replica_id,
      laptopName: p.laptop_name,
      firstSeenAt: p.first_seen_at,
      lastSeenAt: p.last_seen_at,
      lastAppliedAt: p.last_applied_at,
      waitingFiles: p.removed_at ? 0 : (waiting.get(p.replica_id) ?? 0),
      left: p.left_at !== null,
      removed: p.removed_at !== null,
    }));
    return {
      groupId,
      groupName: repo.groupName(ctx.store, groupId) ?? '',
      folder: link.folder,
      laptopName: link.laptop_name,
      replicaId: ctx.store.clock.replica,
      state,
      remembered: link.remembered === 1,
      linkedAt: link.linked_at,
      lastExchangeAt: link.last_exchange_at,
      laptops: peerList.filter((p) => !p.removed && !p.left).length,
      peers: peerList,
      waiting: peerList
        .filter((p) => p.waitingFiles > 0)
        .map((p) => ({ replicaId: p.replicaId, laptopName: p.laptopName, files: p.waitingFiles })),
      filesWritten: repo.listFiles(ctx.store, groupId, true).length,
      lastProblem: state === 'active' || state === 'removed' ? problem : null,
    };
  }

  logEntries(groupId: string): SyncLogEntry[] {
    this.requireLink(groupId);
    return repo.listLog(this.ctx.store, groupId).map((r) => {
      const s = JSON.parse(r.summary) as Partial<SyncLogEntry>;
      return {
        id: r.id,
        at: r.at,
        kind: r.kind as SyncLogEntry['kind'],
        replicaId: r.replica_id,
        laptopName: s.laptopName ?? null,
        fileName: r.file_name,
        exportId: r.export_id,
        rows: s.rows ?? null,
        totals: s.totals ?? null,
        counts: s.counts ?? [],
        records: s.records ?? [],
        conflicts: s.conflicts ?? [],
        flags: s.flags ?? 0,
        problem: s.problem ?? null,
      };
    });
  }

  // ---- one cycle -------------------------------------------------------------------------------

  private requireLink(groupId: string): repo.LinkRow {
    const link = repo.getLink(this.ctx.store, groupId);
    if (!link) throw userError('not_found', 'sync.errors.notLinked');
    return link;
  }

  private hasPassphrase(link: repo.LinkRow): boolean {
    return this.passphrases.has(link.group_id);
  }

  /** Held in memory only, for this session (the desktop host hands it back at start from the keychain). */
  private async passphraseFor(link: repo.LinkRow): Promise<string | null> {
    return this.passphrases.get(link.group_id) ?? null;
  }

  private setProblem(groupId: string, problem: SyncProblem | null) {
    if (!this.ctx.db.open || !repo.getLink(this.ctx.store, groupId)) return;
    repo.updateLink(this.ctx.store, groupId, { last_problem: problem ? JSON.stringify(problem) : null });
  }

  private log(
    groupId: string,
    kind: SyncLogEntry['kind'],
    entry: Record<string, unknown> & { replicaId?: string; fileName?: string; exportId?: string },
  ) {
    const { replicaId, fileName, exportId, ...summary } = entry;
    repo.addLog(this.ctx.store, {
      group_id: groupId,
      at: this.ctx.now().toISOString(),
      kind,
      replica_id: replicaId ?? null,
      file_name: fileName ?? null,
      export_id: exportId ?? null,
      summary: JSON.stringify(summary),
    });
  }

  private async cycle(groupId: string): Promise<void> {
    const { ctx } = this;
    const link = repo.getLink(ctx.store, groupId);
    if (!link || link.paused) return;
    const pass = await this.passphraseFor(link);
    if (!pass) return;
    if (!folderReachable(link.folder)) {
      this.setProblem(groupId, { key: 'sync.problems.unreachable', params: { folder: link.folder } });
      return;
    }
    const me = ctx.store.clock.replica;
    const nowIso = ctx.now().toISOString();
    const nowMs = ctx.now().getTime();

    // 1. The other laptops' indexes.
    const indexes = new Map<string, LaptopIndex>();
    let problem: SyncProblem | null = null;
    for (const peer of peerDirs(link.folder, me)) {
      const key = `${groupId}|${peer}`;
      const read = readIndex(link.folder, peer, pass, this.indexes.get(key));
      if (read.kind === 'ok') {
        this.unreadable.delete(key);
        if (read.index.groupId !== groupId) {
          // Another group's laptop in this folder: its files are never read.
          problem = { key: 'sync.problems.otherGroup', params: { laptop: read.index.laptopName } };
          continue;
        }
        this.indexes.set(key, { sha256: read.sha256, index: read.index });
        indexes.set(peer, read.index);
        ctx.tx(() => {
          repo.upsertPeer(ctx.store, groupId, peer, read.index.laptopName, nowIso);
          const row = repo.listPeers(ctx.store, groupId).find((p) => p.replica_id === peer)!;
          if (read.index.left && !row.left_at) repo.updatePeer(ctx.store, groupId, peer, { left_at: nowIso });
          if (!read.index.left && row.left_at) repo.updatePeer(ctx.store, groupId, peer, { left_at: null });
        });
      } else if (read.kind === 'unreadable') {
        // Still being synced, or written with another passphrase: retried; said once it stays so.
        const seen = this.unreadable.get(key);
        if (!seen || seen.sha256 !== read.sha256) this.unreadable.set(key, { sha256: read.sha256, since: nowMs });
        else if (nowMs - seen.since >= this.o.settleMs)
          problem = { key: 'sync.problems.unreadableIndex', params: { laptop: peer.slice(0, 8) } };
        const cached = this.indexes.get(key);
        if (cached) indexes.set(peer, cached.index);
      }
    }

    // Removals: this laptop's own, and those of every laptop still exchanging.
    let peers = repo.listPeers(ctx.store, groupId);
    const removedHere = new Set(peers.filter((p) => p.removed_at).map((p) => p.replica_id));
    for (const [peer, index] of indexes) {
      if (removedHere.has(peer)) continue;
      if (index.removed.includes(me)) {
        this.setProblem(groupId, { key: 'sync.problems.removed', params: { laptop: index.laptopName } });
        return;
      }
      for (const r of index.removed) {
        if (r === me || removedHere.has(r)) continue;
        if (peers.some((p) => p.replica_id === r)) {
          repo.updatePeer(ctx.store, groupId, r, { removed_at: nowIso });
          removedHere.add(r);
        }
      }
    }
    peers = repo.listPeers(ctx.store, groupId);

    // 2. Their files.
    const waiting = new Map<string, number>();
    for (const peer of peers) {
      if (peer.removed_at) continue;
      const index = indexes.get(peer.replica_id);
      if (!index) continue;
      const n = await this.applyFrom(groupId, link.folder, pass, peer, index, nowMs);
      if (n > 0) waiting.set(peer.replica_id, n);
    }
    this.waiting.set(groupId, waiting);

    // 3. This laptop's changes. 4. Pruning. 5. The index.
    this.writeOutgoing(groupId, pass, nowMs);
    this.prune(groupId, indexes, nowMs);
    this.writeOwnIndex(groupId, pass, false);
    repo.updateLink(ctx.store, groupId, { last_exchange_at: nowIso, last_problem: problem ? JSON.stringify(problem) : null });
  }

  /** Applies a laptop's files not applied yet; returns how many listed files have not arrived whole. */
  private async applyFrom(
    groupId: string,
    folder: string,
    pass: string,
    peer: repo.PeerRow,
    index: LaptopIndex,
    nowMs: number,
  ): Promise<number> {
    const { ctx } = this;
    const files = [...index.files].sort((a, b) => a.seq - b.seq);
    const bySeq = new Map(files.map((f) => [f.seq, f]));
    const snapshot = [...files].reverse().find((f) => f.snapshot);
    let covered = peer.covered_through;
    const imported = repo.importedExportIds(
      ctx.store,
      files.map((f) => f.exportId),
    );
    const refused = repo.refusedExportIds(ctx.store, groupId);
    const handled = (f: IndexedFile) => imported.has(f.exportId) || refused.has(f.exportId);
    // A snapshot supersedes every earlier file of its laptop. A later snapshot that is not the first
    // after a link holds nothing the files before it did not, so a laptop that has those skips it.
    // Files missing from the index before it were pruned: only the snapshot brings their content.
    let gap = false;
    if (snapshot) for (let s = covered + 1; s < snapshot.seq && !gap; s++) gap = !bySeq.has(s);
    const needSnapshot = snapshot !== undefined && covered < snapshot.seq && (snapshot.start || gap);
    const plan = needSnapshot ? files.filter((f) => f.seq >= snapshot.seq) : files.filter((f) => f.seq > covered);
    let waiting = 0;
    for (const f of plan) {
      if (handled(f)) continue;
      if (f.snapshot && !f.start && !(needSnapshot && f === snapshot)) continue;
      const name = `${peer.replica_id}/${fileNameFor(f.seq)}`;
      const read = readListedFile(folder, peer.replica_id, f);
      const key = `${groupId}|${name}`;
      if (read.kind !== 'ok') {
        if (read.kind === 'incomplete') {
          const seen = this.suspects.get(key);
          if (!seen || seen.sha256 !== read.sha256) this.suspects.set(key, { sha256: read.sha256, since: nowMs });
          else if (nowMs - seen.since >= this.o.settleMs) {
            // The same wrong bytes for a long time: not a download in progress but a changed file.
            this.suspects.delete(key);
            this.log(groupId, 'refused', {
              replicaId: peer.replica_id,
              laptopName: peer.laptop_name,
              fileName: name,
              exportId: f.exportId,
              problem: { key: 'sync.problems.changedInFolder' },
            });
            refused.add(f.exportId);
            continue;
          }
        }
        waiting++;
        // A snapshot that has not arrived cannot be skipped past: wait for it.
        if (needSnapshot && f === snapshot) break;
        continue;
      }
      this.suspects.delete(key);
      if (sha256Hex(read.bytes) !== f.sha256) continue;
      if (ctx.now().getTime() - this.lastBackupMs >= this.o.backupEveryMs) {
        await backupDatabase(ctx.db, ctx.backupDir, 'before-import', ctx.now());
        this.lastBackupMs = ctx.now().getTime();
      }
      try {
        const result = await applyImport(ctx, read.bytes, {
          passphrase: pass,
          expectedScope: { kind: 'group', groupId },
          fileName: name,
          backup: false,
        });
        imported.add(f.exportId);
        this.log(groupId, 'applied', {
          replicaId: peer.replica_id,
          laptopName: peer.laptop_name,
          fileName: name,
          exportId: f.exportId,
          ...summaryOf(result),
        });
        repo.updatePeer(ctx.store, groupId, peer.replica_id, { last_applied_at: ctx.now().toISOString() });
      } catch (e) {
        refused.add(f.exportId);
        this.log(groupId, 'refused', {
          replicaId: peer.replica_id,
          laptopName: peer.laptop_name,
          fileName: name,
          exportId: f.exportId,
          problem: problemOf(e),
        });
      }
    }
    // How far every file of this laptop is applied (or superseded).
    if (snapshot && handled(snapshot) && covered < snapshot.seq) covered = snapshot.seq;
    if (snapshot && !snapshot.start && covered === snapshot.seq - 1 && covered > 0) covered = snapshot.seq;
    for (;;) {
      const next = bySeq.get(covered + 1);
      if (!next || !(handled(next) || (next.snapshot && !next.start && covered > 0))) break;
      covered++;
    }
    if (covered !== peer.covered_through) repo.updatePeer(ctx.store, groupId, peer.replica_id, { covered_through: covered });
    return waiting;
  }

  /** Writes a change file when this laptop changed something, and a snapshot when one is due. */
  private writeOutgoing(groupId: string, pass: string, nowMs: number): void {
    const { ctx } = this;
    const me = ctx.store.clock.replica;
    ctx.tx(() => {
      const link = repo.getLink(ctx.store, groupId)!;
      const first = link.mark === null;
      const files = repo.listFiles(ctx.store, groupId);
      const sinceSnapshot =
        link.last_snapshot_seq === null ? Infinity : files.filter((f) => f.seq > link.last_snapshot_seq!).length;
      const snapshotDueByTime =
        first || (link.last_snapshot_at !== null && nowMs - Date.parse(link.last_snapshot_at) >= this.o.snapshotAfterMs);
      const mark = ctx.store.clock.last();
      if (!snapshotDueByTime && mark === link.mark) return;
      const scope = { kind: 'group' as const, groupId };
      const closure = collectScope(ctx.db, scope);
      let seq = link.next_seq;
      const write = (rows: typeof closure, snapshot: boolean) => {
        const { bytes, summary } = exportScope(ctx, scope, {
          passphrase: pass,
          rows,
          note: snapshot ? 'sync snapshot' : 'sync change file',
          build: this.opts.scrypt ? { scrypt: this.opts.scrypt } : undefined,
        });
        writeExchangeFile(link.folder, me, seq, bytes);
        repo.insertFile(ctx.store, {
          group_id: groupId,
          seq,
          export_id: summary.exportId,
          snapshot: snapshot ? (first ? 2 : 1) : 0,
          sha256: sha256Hex(bytes),
          size: bytes.length,
          rows: summary.rows,
          written_at: ctx.now().toISOString(),
        });
        this.log(groupId, snapshot ? 'snapshot' : 'written', {
          fileName: `${me}/${fileNameFor(seq)}`,
          exportId: summary.exportId,
          rows: summary.rows,
        });
        seq++;
      };
      let wrote = 0;
      if (!first) {
        const changes = selectChanges(ctx.db, closure, me, link.mark);
        if (rowCount(changes) > 0) {
          write(changes, false);
          wrote = 1;
        }
      }
      const patch: Partial<repo.LinkRow> = { mark };
      // A snapshot goes right after a change file, from the same state (one transaction, no edit in
      // between): a laptop that has the files before it can skip it.
      if (snapshotDueByTime || sinceSnapshot + wrote >= this.o.snapshotEvery) {
        patch.last_snapshot_seq = seq;
        patch.last_snapshot_at = ctx.now().toISOString();
        write(closure, true);
      }
      patch.next_seq = seq;
      repo.updateLink(ctx.store, groupId, patch);
    });
  }

  /** Own files older than the newest snapshot that every laptop still exchanging has applied. */
  private prune(groupId: string, indexes: Map<string, LaptopIndex>, nowMs: number): void {
    const { ctx } = this;
    const me = ctx.store.clock.replica;
    const link = repo.getLink(ctx.store, groupId)!;
    if (link.last_snapshot_seq === null) return;
    const active = repo.listPeers(ctx.store, groupId).filter((p) => !p.removed_at && !p.left_at);
    for (const f of repo.listFiles(ctx.store, groupId)) {
      if (f.seq >= link.last_snapshot_seq) break;
      const applied = active.every((p) => (indexes.get(p.replica_id)?.covered[me] ?? 0) >= f.seq);
      if (!applied && nowMs - Date.parse(f.written_at) < this.o.pruneAfterMs) continue;
      removeOwnFile(link.folder, me, f.seq);
      repo.markPruned(ctx.store, groupId, f.seq, ctx.now().toISOString());
      this.log(groupId, 'pruned', { fileName: `${me}/${fileNameFor(f.seq)}`, exportId: f.export_id });
    }
  }

  private writeOwnIndex(groupId: string, pass: string, left: boolean): void {
    const { ctx } = this;
    const me = ctx.store.clock.replica;
    const link = repo.getLink(ctx.store, groupId)!;
    const peers = repo.listPeers(ctx.store, groupId);
    const index: LaptopIndex = {
      format: 'painopiste-sync-index',
      version: 1,
      groupId,
      replicaId: me,
      laptopName: link.laptop_name,
      writtenAt: '',
      left,
      files: repo.listFiles(ctx.store, groupId).map((f) => ({
        seq: f.seq,
        exportId: f.export_id,
        snapshot: f.snapshot > 0,
        start: f.snapshot === 2,
        sha256: f.sha256,
        size: f.size,
      })),
      covered: Object.fromEntries(peers.filter((p) => !p.removed_at).map((p) => [p.replica_id, p.covered_through])),
      removed: peers.filter((p) => p.removed_at).map((p) => p.replica_id),
    };
    const key = JSON.stringify(index);
    const exists = indexExists(link.folder, me);
    if (exists && this.writtenIndex.get(groupId) === key) return;
    writeIndex(link.folder, { ...index, writtenAt: ctx.now().toISOString() }, pass, this.opts.scrypt);
    this.writtenIndex.set(groupId, key);
  }
}

function summaryOf(result: ImportResult) {
  const counts: TableCounts[] = result.counts.filter((c) => c.added + c.updated + c.deleted + c.restored > 0);
  // Record by record, as the import preview lists them: what was added, changed, deleted or restored,
  // organisations and people shared with other groups that changed, rows outside the group left as they are.
  const records: SyncLogEntry['records'] = [
    ...(result.records ?? []).map((r) => ({ table: r.table, rowId: r.rowId, label: r.label, change: r.action })),
    ...(result.sharedChanges ?? []).map((r) => ({ table: r.table, rowId: r.rowId, label: r.label, change: 'sharedChange' })),
    ...(result.notApplied ?? []).map((r) => ({ table: r.table, rowId: r.rowId, label: r.label, change: 'notApplied' })),
  ];
  return {
    totals: result.totals,
    counts,
    records: records.slice(0, 500),
    conflicts: result.conflicts
      .slice(0, LOG_LIMIT_CONFLICTS)
      .map((c) => ({ table: c.table, rowId: c.rowId, field: c.field, label: c.label })),
    flags: result.flags.length,
  };
}

const managers = new WeakMap<Ctx, SyncManager>();

/** The sync manager of a backend (created on first use; openBackend creates and starts it). */
export function syncManager(ctx: Ctx, opts?: SyncOptions): SyncManager {
  let m = managers.get(ctx);
  if (!m) managers.set(ctx, (m = new SyncManager(ctx, opts)));
  return m;
}
