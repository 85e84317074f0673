import type { Lng } from '../../../shared/i18n/resources';
import type { RotationExportFormat, RotationFile, RotationView, ScheduleEntry } from '../../../shared/domain/rotation';
import type { Ctx } from '../context';
import {
  documentFileName,
  renderCalendarFile,
  renderDocument,
  renderHtml,
  formatDay,
  toDownload,
  type CalendarEventInput,
  type Doc,
} from '../documents';
import { translator } from '../i18n';
import { CSV_MIME_TYPE, csvBytes } from '../documents/csv';
import { namesIn, type NamesIn } from '../repositories/names';

/**
 * The rotation's exports: chair terms and handovers as iCalendar, the schedule as CSV, and the printable
 * schedule (HTML for PDF, DOCX). All of them read the same view the schedule screen shows.
 */

/** Chair runs: in term modes each term; per meeting, consecutive meetings with the same chair. */
export interface ChairRun {
  /** Stable key: the term start, or the first meeting's id. */
  key: string;
  chairId: string;
  start: string;
  lastDay: string;
}

export function chairRuns(view: RotationView): ChairRun[] {
  const runs: ChairRun[] = [];
  const terms = view.schedule.filter((e) => e.kind === 'term');
  if (terms.length > 0) {
    for (const t of terms)
      if (t.chairId) runs.push({ key: `term-${t.date}`, chairId: t.chairId, start: t.date, lastDay: t.lastDay ?? t.date });
    return runs;
  }
  for (const m of view.schedule) {
    if (m.kind !== 'meeting' || !m.chairId || m.status === 'cancelled') continue;
    const last = runs.at(-1);
    if (last && last.chairId === m.chairId) last.lastDay = m.date;
    else runs.push({ key: `meeting-${m.meetingId}`, chairId: m.chairId, start: m.date, lastDay: m.date });
  }
  return runs;
}

/** Members by their label; organisations by their abbreviation in the export's language (IM, ANM, SHM). */
function labeller(view: RotationView, names: NamesIn) {
  const byId = new Map(view.members.map((m) => [m.id, m]));
  const own = (id: string) => (view.rotation.unit === 'organisations' ? names.abbreviation(id) : '');
  return (id: string | null) => (id ? own(id) || (byId.get(id)?.label ?? '?') : '');
}

function sourceLabel(t: ReturnType<typeof translator>, e: ScheduleEntry): string {
  return t(`rotation.sources.${e.source}`);
}

export async function exportRotation(
  ctx: Ctx,
  view: RotationView,
  format: RotationExportFormat,
  lang: Lng,
): Promise<RotationFile> {
  const t = translator(lang);
  const names = namesIn(ctx.store, lang);
  const label = labeller(view, names);
  const groupName = names.groupTitle(view.rotation.groupId) || view.groupName;
  const title = t('rotation.export.title', { group: groupName });
  const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

  if (format === 'ics') {
    const events: CalendarEventInput[] = [];
    for (const run of chairRuns(view)) {
      events.push({
        uid: `rotation-${view.rotation.id}-${run.key}@painopiste`,
        sequence: 0,
        summary: t('rotation.export.chairEvent', { chair: label(run.chairId), group: groupName }),
        start: { date: run.start },
        end: { date: run.lastDay },
        allDay: true,
      });
    }
    for (const h of view.handovers) {
      events.push({
        uid: `rotation-${view.rotation.id}-handover-${h.date}@painopiste`,
        sequence: 0,
        summary: t('rotation.export.handoverEvent', { from: label(h.fromId), to: label(h.toId), group: groupName }),
        start: { date: h.date },
        allDay: true,
      });
    }
    const file = renderCalendarFile({ name: title, events, stamp: ctx.now() });
    return toDownload(file, title);
  }

  const rowOf = (e: ScheduleEntry, day: (d: string | null) => string) => [
    day(e.date),
    day(e.lastDay ?? null),
    e.kind === 'term'
      ? t('rotation.schedule.term')
      : `${e.title ?? ''}${e.status === 'cancelled' ? ` (${t('rotation.schedule.cancelled')})` : ''}`,
    e.status === 'cancelled' ? '' : label(e.chairId),
    sourceLabel(t, e) + (e.chairAbsent ? ` – ${t('rotation.schedule.absentShort')}` : ''),
    e.handover ? t('rotation.schedule.handover') : '',
  ];
  const header = [
    t('rotation.schedule.date'),
    t('rotation.schedule.lastDay'),
    t('rotation.schedule.slot'),
    t('rotation.schedule.chair'),
    t('rotation.schedule.source'),
    t('rotation.schedule.handoverColumn'),
  ];

  if (format === 'csv') {
    // A spreadsheet keeps every column and ISO dates, which sort and parse.
    const rows = view.schedule.map((e) => rowOf(e, (d) => d ?? ''));
    return { fileName: documentFileName(title, 'csv'), mimeType: CSV_MIME_TYPE, contentBase64: base64(csvBytes(header, rows)) };
  }

  // A document reads dates as words ("10 January 2027"), which wrap between words, never inside a date;
  // the "last day" column is left out when no row has one (a rotation per meeting).
  const day = (d: string | null) => formatDay(d, lang);
  const withLastDay = view.schedule.some((e) => e.lastDay);
  const keep = <T>(cells: T[]): T[] => (withLastDay ? cells : cells.filter((_, i) => i !== 1));
  const scheduleHeader = keep(header);
  const scheduleRows = view.schedule.map((e) => keep(rowOf(e, day)));

  const members = view.current.members.map(label).join(' → ');
  const doc: Doc = {
    title,
    lang,
    meta: [
      { label: t('rotation.fields.name'), value: view.rotation.name },
      { label: t('rotation.fields.mode'), value: modeText(t, view) },
      { label: t('rotation.fields.members'), value: members },
      { label: t('rotation.export.period'), value: `${day(view.today)} – ${day(view.until)}` },
    ],
    blocks: [
      {
        kind: 'table',
        caption: t('rotation.schedule.title'),
        header: scheduleHeader,
        rows: scheduleRows,
        widths: keep([3, 3, 4, 2, 3, 2]),
      },
      { kind: 'heading', level: 1, text: t('rotation.handovers.title') },
      view.handovers.length === 0
        ? { kind: 'paragraph', text: t('rotation.handovers.none'), tone: 'muted' }
        : {
            kind: 'table',
            header: [t('rotation.schedule.date'), t('rotation.handovers.from'), t('rotation.handovers.to')],
            rows: view.handovers.map((h) => [day(h.date), label(h.fromId), label(h.toId)]),
          },
    ],
  };
  if (format === 'html') {
    const html = renderHtml(doc);
    return {
      fileName: documentFileName(title, 'pdf'),
      mimeType: 'text/html; charset=utf-8',
      contentBase64: base64(new TextEncoder().encode(html)),
      html,
    };
  }
  return toDownload(await renderDocument(doc, 'docx'), title);
}

export function modeText(t: ReturnType<typeof translator>, view: RotationView): string {
  const v = view.current;
  if (v.mode === 'per_meeting') return t('rotation.modes.per_meeting');
  return t(`rotation.modes.${v.mode}_n`, { count: v.termLength ?? 1, anchor: v.anchorDate ?? '' });
}
