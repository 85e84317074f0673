import type { HandlersFor } from '../../../shared/contract/core';
import type { scanningContract } from '../../../shared/contract/scanning';
import type { Ctx } from '../context';
import { userError } from '../errors';
import { applyImport, exportScope, previewImport, type ImportOptions } from '../exchange/service';
import { allCandidateIds, candidateNumbers, candidatesOfProposer, getRound, maxCandidateNumber } from '../repositories/scanning';
import { formatCandidateReference } from '../../../shared/scanning/rounds';
import { today } from '../clock';

/**
 * Candidate files: a network member fills candidates in their own copy of the round and exports them; the
 * round owner imports many such files. The exchange engine does the verifying and merging; this adds the
 * round-specific parts: the scope, and renumbering candidates whose numbers collide because two members
 * numbered theirs independently (the earliest created keeps its number).
 */

type FileHandlers = Pick<
  HandlersFor<typeof scanningContract, Ctx>,
  'scanning.exportCandidates' | 'scanning.previewCandidateFile' | 'scanning.importCandidateFile'
>;

function requireRound(ctx: Ctx, id: string) {
  const round = getRound(ctx.store, id);
  if (!round || round.deleted) throw userError('not_found', 'errors.notFound', { entity: 'round' });
  return round;
}

function options(input: { roundId: string; passphrase?: string | undefined; fileName?: string | undefined }): ImportOptions {
  const opts: ImportOptions = { expectedScope: { kind: 'candidates', roundId: input.roundId } };
  if (input.passphrase) opts.passphrase = input.passphrase;
  if (input.fileName) opts.fileName = input.fileName;
  return opts;
}

/**
 * Give every duplicate of a number the next free number; returns the new references. Candidates this
 * database already had (`keep`) keep their numbers; among new ones the earlier created wins.
 */
export function renumberDuplicates(ctx: Ctx, roundId: string, label: string, keep: ReadonlySet<string>): string[] {
  const rows = candidateNumbers(ctx.store, roundId).sort(
    (a, b) => a.number - b.number || Number(keep.has(b.id)) - Number(keep.has(a.id)),
  );
  const seen = new Set<number>();
  const out: string[] = [];
  let next = maxCandidateNumber(ctx.store, roundId);
  for (const r of rows) {
    if (!seen.has(r.number)) {
      seen.add(r.number);
      continue;
    }
    next += 1;
    ctx.store.update('candidates', r.id, { number: next });
    out.push(formatCandidateReference(label, next));
  }
  return out;
}

export const scanningFileHandlers: FileHandlers = {
  'scanning.exportCandidates': ({ roundId, proposerPersonId, candidateIds, passphrase }, ctx) => {
    const round = requireRound(ctx, roundId);
    let ids = candidateIds;
    if (proposerPersonId) {
      const mine = candidatesOfProposer(ctx.store, roundId, proposerPersonId);
      ids = ids ? ids.filter((i) => mine.includes(i)) : mine;
    }
    const { bytes, summary } = exportScope(
      ctx,
      ids ? { kind: 'candidates', roundId, candidateIds: ids } : { kind: 'candidates', roundId },
      passphrase ? { passphrase } : {},
    );
    return {
      // Dated in the configured time zone (clock.ts), not by the UTC date of the export's instant.
      fileName: `candidates-${round.label.replace(/\s+/g, '')}-${today(ctx)}.wgx`,
      mimeType: 'application/octet-stream',
      contentBase64: Buffer.from(bytes).toString('base64'),
      count: summary.tables.candidates ?? 0,
    };
  },
  'scanning.previewCandidateFile': (input, ctx) => {
    requireRound(ctx, input.roundId);
    return previewImport(ctx, Buffer.from(input.contentBase64, 'base64'), options(input));
  },
  'scanning.importCandidateFile': async (input, ctx) => {
    const round = requireRound(ctx, input.roundId);
    const before = new Set(allCandidateIds(ctx.store, round.id));
    const result = await applyImport(ctx, Buffer.from(input.contentBase64, 'base64'), options(input));
    const renumbered = ctx.tx(() => renumberDuplicates(ctx, round.id, round.label, before));
    return { ...result, renumbered };
  },
};
