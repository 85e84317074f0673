import { randomUUID } from 'node:crypto';
import type { HandlersFor } from '../../../shared/contract/core';
import type { exchangeContract } from '../../../shared/contract/exchange';
import type { ConflictEntry, ExchangeLogEntry, ExchangeScope } from '../../../shared/domain/exchange';
import type { Ctx } from '../context';
import { userError } from '../errors';
import { TABLE_CODECS, snakeToCamel, travellingTables } from '../db/tables';
import { applyImport, exportScope, previewImport, type ImportOptions } from '../exchange/service';
import { buildChecklist, checklistDocument } from '../exchange/checklist';
import { backupNow, backups, restoreBackup } from '../exchange/backups';
import { exchangeLogRows, getConflict, listConflicts, resolveConflictsOf, type ConflictRow } from '../repositories/exchange';
import { stampInfo, whereOf } from '../exchange/describe';
import { rowProblem } from '../../../shared/domain/rows';
import { today } from '../clock';

/** A file name people recognise: the group's short name and the date. */
function fileNameFor(base: string, date: string): string {
  const safe = base
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${safe || 'painopiste'}-${date}.wgx`;
}

function importOptions(input: { passphrase?: string; expectedGroupId?: string; fileName?: string }): ImportOptions {
  const opts: ImportOptions = {};
  if (input.passphrase) opts.passphrase = input.passphrase;
  if (input.expectedGroupId) opts.expectedScope = { kind: 'group', groupId: input.expectedGroupId };
  if (input.fileName) opts.fileName = input.fileName;
  return opts;
}

function toConflict(ctx: Ctx, c: ConflictRow): ConflictEntry {
  const known = travellingTables(ctx.db).includes(c.table_name);
  const row = known ? ctx.store.getRaw(c.table_name, c.row_id) : undefined;
  const current = row && typeof row[c.field] === 'string' ? (row[c.field] as string) : null;
  const label = row ? String(row.title ?? row.name ?? row.label ?? row.text ?? '').slice(0, 120) : '';
  const currentIsRemote = current !== null && current === c.remote_value;
  return {
    id: c.id,
    table: c.table_name,
    rowId: c.row_id,
    field: c.field,
    kind: c.kind === 'edit_vs_delete' ? 'edit_vs_delete' : 'text',
    label,
    where: whereOf(ctx, c.table_name, row as Record<string, unknown> | undefined),
    currentWritten: stampInfo(currentIsRemote ? c.remote_hlc : c.local_hlc),
    otherWritten: stampInfo(currentIsRemote ? c.local_hlc : c.remote_hlc),
    currentValue: c.kind === 'text' ? current : null,
    otherValue: c.kind === 'text' ? (current === c.remote_value ? c.local_value : c.remote_value) : null,
    localValue: c.local_value,
    remoteValue: c.remote_value,
    createdAt: c.created_at,
    resolvedAt: c.resolved_at,
  };
}

export const exchangeHandlers: HandlersFor<typeof exchangeContract, Ctx> = {
  'exchange.checklist': ({ groupId, ...recipient }, ctx) => buildChecklist(ctx, groupId, recipient),
  'exchange.checklistDocument': ({ groupId, lang, ...recipient }, ctx) =>
    checklistDocument(buildChecklist(ctx, groupId, recipient, lang), lang),

  'exchange.exportGroup': (input, ctx) => {
    const group = ctx.store.require<{ name: string; shortName: string | null }>('work_groups', input.groupId, 'group');
    if (input.toPersonId && input.toOrganisationId) throw userError('validation', 'exchange.errors.oneRecipient');
    const checklist = buildChecklist(ctx, input.groupId, input);
    const outgoing = checklist.contacts.find((c) => c.role === 'chair' || c.role === 'convener');
    // The handover row is written first, naming the export, so it travels in the file it describes.
    const exportId = randomUUID();
    const handover = ctx.tx(() =>
      ctx.store.insert<{ id: string }>('handovers', {
        groupId: input.groupId,
        date: checklist.generatedOn,
        fromPersonId: outgoing?.personId ?? null,
        toPersonId: input.toPersonId ?? null,
        toOrganisationId: input.toOrganisationId ?? null,
        note: input.note?.trim() ? input.note : null,
        checklist,
        exportId,
      }),
    );
    const { bytes, summary } = exportScope(
      ctx,
      { kind: 'group', groupId: input.groupId },
      { passphrase: input.passphrase || undefined, note: input.note, exportId },
    );
    return {
      fileName: fileNameFor(group.shortName ?? group.name, checklist.generatedOn),
      contentBase64: Buffer.from(bytes).toString('base64'),
      summary,
      handoverId: handover.id,
    };
  },

  'exchange.exportDatabase': ({ passphrase }, ctx) => {
    const { bytes, summary } = exportScope(ctx, { kind: 'database' }, { passphrase: passphrase || undefined });
    return {
      fileName: fileNameFor('painopiste-all', today(ctx)),
      contentBase64: Buffer.from(bytes).toString('base64'),
      summary,
    };
  },

  'exchange.preview': (input, ctx) => previewImport(ctx, Buffer.from(input.contentBase64, 'base64'), importOptions(input)),

  'exchange.import': (input, ctx) => applyImport(ctx, Buffer.from(input.contentBase64, 'base64'), importOptions(input)),

  'exchange.log': ({ groupId }, ctx) => {
    const rows = exchangeLogRows(ctx.store, groupId ?? null);
    return rows.map((r): ExchangeLogEntry => ({
      id: r.id!,
      exportId: r.export_id!,
      direction: r.direction === 'export' ? 'export' : 'import',
      at: r.at!,
      fileName: r.file_name ?? null,
      scope: JSON.parse(r.scope!) as ExchangeScope,
      replicaId: r.replica_id!,
    }));
  },

  'exchange.conflicts': ({ includeResolved }, ctx) => {
    return listConflicts(ctx.store, includeResolved ?? false).map((c) => toConflict(ctx, c));
  },

  'exchange.resolveConflict': ({ id, choice, text }, ctx) =>
    ctx.tx(() => {
      const c = getConflict(ctx.store, id);
      if (!c) throw userError('not_found', 'exchange.errors.conflictNotFound');
      if (c.resolved_at) throw userError('conflict', 'exchange.errors.alreadyResolved');
      const entry = toConflict(ctx, c);
      if (choice !== 'current') {
        const longText = TABLE_CODECS[c.table_name]?.longText ?? [];
        if (c.kind !== 'text' || !longText.includes(c.field) || !ctx.store.getRaw(c.table_name, c.row_id)) {
          throw userError('validation', 'exchange.errors.cannotResolve');
        }
        const value = choice === 'other' ? entry.otherValue : (text ?? '');
        // The other side's text lost the merge, so no import checked it: it meets the column's rule
        // (shared/domain/rows.ts) before it is written, like every other write.
        const problem = rowProblem(c.table_name, { ...ctx.store.getRaw(c.table_name, c.row_id), [c.field]: value });
        if (problem)
          throw userError('validation', 'exchange.errors.resolvedInvalid', { field: problem.field, problem: problem.problem });
        // An ordinary local edit: it travels to the other laptop without a new conflict (merge.ts).
        ctx.store.update(c.table_name, c.row_id, { [snakeToCamel(c.field)]: value });
      }
      resolveConflictsOf(ctx.store, c, ctx.now().toISOString());
      return toConflict(ctx, getConflict(ctx.store, id)!);
    }),

  'exchange.backups': (_input, ctx) => backups(ctx),
  'exchange.backupNow': (_input, ctx) => backupNow(ctx),
  'exchange.restoreBackup': ({ fileName }, ctx) => restoreBackup(ctx, fileName),
};
