import type { Input } from '../../../shared/contract';
import type { Group, GroupStatus } from '../../../shared/domain/groups';
import type { MeasureDetail, ReportFile, StatusHistoryEntry } from '../../../shared/domain/portfolio';
import { chartSvg } from '../../../shared/portfolio/chart';
import { latestValue, periodOverlaps } from '../../../shared/portfolio/figures';
import { today } from '../clock';
import type { Ctx } from '../context';
import { renderDocument, toDownload, type Block, type Doc, type Lang } from '../documents';
import { translator } from '../i18n';
import { nameIn, shortNameIn } from '../../../shared/domain/names';
import { namesIn } from '../repositories/names';
import {
  groupDecisionsInPeriod,
  groupIndicators,
  groupMeasures,
  groupOrganisationAbbreviations,
  periodFigures,
  reportPriorities,
  statusHistory,
  subgroupLeads,
} from '../repositories/portfolio';

/** A calendar date as the report's language writes it (24.5.2022 / 24 May 2022). */
export function reportDate(iso: string | null, lang: Lang): string {
  if (!iso) return '';
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  if (lang === 'en') {
    const month = new Date(Date.UTC(y, m - 1, 1)).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' });
    return `${d} ${month} ${y}`;
  }
  return `${d}.${m}.${y}`;
}

const number = (n: number | null, lang: Lang) =>
  n === null ? '—' : new Intl.NumberFormat(lang === 'en' ? 'en-GB' : `${lang}-FI`, { maximumFractionDigits: 2 }).format(n);

const FINAL_STATUSES: readonly GroupStatus[] = ['concluded', 'transferred'];

/** The history sorted by date, entries of one date in recording order (statusHistory gives newest recorded first). */
function byDate(history: StatusHistoryEntry[]): StatusHistoryEntry[] {
  return [...history].reverse().sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * Whether a priority existed in from…to: it had begun by the period's end (its first status, or the day it
 * was recorded when it has no history) and had not ended (concluded or transferred) before the start.
 */
export function existedIn(g: Pick<Group, 'createdAt'>, history: StatusHistoryEntry[], from: string, to: string): boolean {
  const dated = byDate(history);
  const began = dated[0]?.date ?? g.createdAt.slice(0, 10);
  const ended = dated.find((h) => FINAL_STATUSES.includes(h.status))?.date ?? null;
  return began <= to && (ended === null || ended >= from);
}

/** A measure belongs to the period if it began by its end (or was recorded by then) and had not ended before its start. */
function measureIn(m: MeasureDetail, from: string, to: string): boolean {
  const began = m.startDate ?? m.createdAt.slice(0, 10);
  if (began > to) return false;
  return !((m.status === 'done' || m.status === 'dropped') && m.dueDate !== null && m.dueDate < from);
}

/**
 * The interim progress report for the period from…to, shaped like section 2.3 of the 2022 report: a
 * portfolio summary, then per priority that existed in the period its heading (number and name), the
 * responsible organisations ("Vastuutaho"), the other participants ("Muut osallistujat"), its status at the
 * period's end, and a progress narrative assembled from the status notes, measures (with their state and
 * the organisations' commitments) and decisions of the period, then its indicators with the period's values.
 * Texts users wrote stay as written; labels and assembled sentences are in the document's language.
 */
export function reportDoc(ctx: Ctx, input: { lang: Lang; from: string; to: string }): Doc {
  const { lang, from, to } = input;
  const t = translator(lang);
  const statusLabel = (status: GroupStatus) => t(`groups.statuses.${status}`);
  const blocks: Block[] = [];
  // Organisations are named by their abbreviation in the report's language (SM / IM / MoI).
  const abbr = namesIn(ctx.store, lang).abbreviationOf;
  const groupName = (g: Group) => nameIn(g, lang);

  const sections = reportPriorities(ctx.store).flatMap((g) => {
    const history = statusHistory(ctx.store, g.id);
    if (!existedIn(g, history, from, to)) return [];
    const dated = byDate(history).filter((h) => h.date <= to);
    const atEnd = dated.at(-1) ?? null;
    const orgs = groupOrganisationAbbreviations(ctx.store, g.id);
    const measures = groupMeasures(ctx.store, g.id).filter((m) => measureIn(m, from, to));
    const indicators = groupIndicators(ctx.store, g.id)
      .map((i) => ({ ...i, values: i.values.filter((v) => periodOverlaps(v.period, from, to)) }))
      .filter((i) => i.values.length > 0 || i.createdAt.slice(0, 10) <= to);
    const figures = periodFigures(ctx.store, g.id, from, to);
    const notes = dated.filter((h) => h.date >= from && h.note);
    const decisions = groupDecisionsInPeriod(ctx.store, g.id, from, to);
    const subLeads = subgroupLeads(ctx.store, g.id);
    return [{ g, atEnd, orgs, measures, indicators, figures, notes, decisions, subLeads }];
  });

  // Portfolio summary
  const impact = sections.filter((s) => s.indicators.some((i) => i.kind === 'outcome')).length;
  blocks.push({ kind: 'heading', level: 1, text: t('portfolio.report.summary') });
  blocks.push({
    kind: 'paragraph',
    text: t('portfolio.report.summaryText', {
      count: sections.length,
      impact,
      from: reportDate(from, lang),
      to: reportDate(to, lang),
    }),
  });
  blocks.push({
    kind: 'table',
    caption: t('portfolio.report.summaryTable'),
    header: [
      t('portfolio.columns.number'),
      t('portfolio.columns.priority'),
      t('portfolio.columns.lead'),
      t('portfolio.columns.status'),
      t('portfolio.report.meetingsHeld'),
      t('portfolio.columns.measures'),
      t('portfolio.columns.impact'),
    ],
    widths: [1, 6, 3, 2.5, 2, 2, 1.5],
    rows: sections.map((s) => [
      s.g.priorityNumber ? String(s.g.priorityNumber) : '',
      groupName(s.g),
      s.orgs.leads.map(abbr).join(', '),
      s.atEnd ? statusLabel(s.atEnd.status) : '',
      String(s.figures.meetingsHeld),
      `${s.measures.filter((m) => m.status === 'done').length}/${s.measures.filter((m) => m.status !== 'dropped').length}`,
      s.indicators.some((i) => i.kind === 'outcome') ? t('portfolio.yes') : t('portfolio.no'),
    ]),
  });

  for (const s of sections) {
    const { g } = s;
    blocks.push({ kind: 'pageBreak' });
    blocks.push({
      kind: 'heading',
      level: 1,
      text: g.priorityNumber
        ? t('portfolio.report.priorityHeading', { number: g.priorityNumber, name: groupName(g) })
        : groupName(g),
    });
    // A lead that leads one of the priority's subgroups is named with it: "SPEK (help in emergencies)".
    const responsible = s.orgs.leads.map((abbreviation) => {
      const subs = s.subLeads
        .filter((l) => l.abbreviation === abbreviation)
        .map((l) => shortNameIn(l.subgroup, lang) ?? nameIn(l.subgroup, lang));
      return subs.length ? `${abbr(abbreviation)} (${subs.join(', ')})` : abbr(abbreviation);
    });
    const items = [
      { label: t('portfolio.report.responsible'), value: responsible.join(', ') || '—' },
      { label: t('portfolio.report.participants'), value: s.orgs.participants.map(abbr).join(', ') || '—' },
    ];
    if (s.atEnd) {
      items.push({
        label: t('portfolio.columns.status'),
        value: `${statusLabel(s.atEnd.status)} (${reportDate(s.atEnd.date, lang)})`,
      });
      if (s.atEnd.status === 'transferred' && (s.atEnd.transferredTo ?? g.transferredTo)) {
        items.push({ label: t('portfolio.lifecycle.transferredTo'), value: (s.atEnd.transferredTo ?? g.transferredTo)! });
      }
    }
    items.push(
      { label: t('portfolio.report.meetingsHeld'), value: String(s.figures.meetingsHeld) },
      {
        label: t('portfolio.report.actions'),
        value: t('portfolio.report.actionsValue', { done: s.figures.actionsDone, open: s.figures.actionsOpen }),
      },
    );
    blocks.push({ kind: 'keyValue', items });

    // Progress: the dated notes, then the measures and the decisions of the period.
    blocks.push({ kind: 'heading', level: 2, text: t('portfolio.report.progress') });
    if (s.notes.length === 0 && s.measures.length === 0 && s.decisions.length === 0) {
      blocks.push({ kind: 'paragraph', text: t('portfolio.report.noNotes'), tone: 'muted' });
    }
    for (const h of s.notes) blocks.push({ kind: 'paragraph', text: `${reportDate(h.date, lang)}: ${h.note}` });

    if (s.measures.length > 0) {
      blocks.push({ kind: 'heading', level: 3, text: t('portfolio.plan.measures') });
      blocks.push({
        kind: 'bulletList',
        items: s.measures.map((m) => {
          const state = [t(`portfolio.measureStatuses.${m.status}`)];
          if (m.startDate && m.status !== 'not_started')
            state.push(t('portfolio.report.measureStarted', { date: reportDate(m.startDate, lang) }));
          if (m.dueDate) state.push(t('portfolio.report.measureDue', { date: reportDate(m.dueDate, lang) }));
          const who = m.responsibleAbbreviation ? ` (${abbr(m.responsibleAbbreviation)})` : '';
          const lines = [`${m.title}${who}: ${state.join(', ')}.`];
          if (m.progressNote) lines.push(m.progressNote);
          if (m.organisations.length > 0) {
            const list = m.organisations.map((o) => {
              const parts = [t(`portfolio.commitmentStatuses.${o.commitmentStatus}`).toLocaleLowerCase(lang)];
              if (o.decisionDate) parts.push(reportDate(o.decisionDate, lang));
              if (o.decisionReference) parts.push(o.decisionReference);
              return `${abbr(o.abbreviation)} ${parts.join(' ')}`;
            });
            lines.push(t('portfolio.report.commitmentsLine', { list: list.join('; ') }));
          }
          return lines.join(' ');
        }),
      });
    }

    if (s.decisions.length > 0) {
      blocks.push({ kind: 'heading', level: 3, text: t('portfolio.report.decisions') });
      blocks.push({
        kind: 'bulletList',
        items: s.decisions.map(
          (d) => `${reportDate(d.date, lang)} (${d.meetingTitle}): ${d.number ? `${d.number} ` : ''}${d.text}`,
        ),
      });
    }

    blocks.push({ kind: 'heading', level: 2, text: t('portfolio.plan.indicators') });
    if (s.indicators.length === 0) blocks.push({ kind: 'paragraph', text: t('portfolio.plan.noIndicators'), tone: 'muted' });
    else {
      blocks.push({
        kind: 'table',
        header: [
          t('portfolio.indicator.name'),
          t('portfolio.indicator.kind'),
          t('portfolio.indicator.target'),
          t('portfolio.indicator.latest'),
          t('portfolio.indicator.source'),
        ],
        widths: [5, 2, 2, 3, 3],
        rows: s.indicators.map((i) => {
          const latest = latestValue(i.values);
          const unit = i.unit ? ` ${i.unit}` : '';
          return [
            i.name,
            t(`portfolio.indicatorKinds.${i.kind}`),
            i.targetValue === null ? '—' : `${number(i.targetValue, lang)}${unit}`,
            latest ? `${number(latest.value, lang)}${unit} (${latest.period})` : '—',
            i.source ?? '',
          ];
        }),
      });
      for (const i of s.indicators.filter((x) => x.values.length > 0)) {
        blocks.push({
          kind: 'figure',
          svg: chartSvg({ values: i.values, target: i.targetValue }, { target: t('portfolio.indicator.target') }),
          alt: t('portfolio.indicator.chartAlt', {
            name: i.name,
            values: i.values.map((v) => `${v.period}: ${number(v.value, lang)}`).join(', '),
            target: number(i.targetValue, lang),
          }),
          caption: i.name,
        });
      }
    }
  }

  return {
    title: t('portfolio.report.title'),
    subtitle: t('portfolio.report.subtitle'),
    lang,
    meta: [
      { label: t('portfolio.report.period'), value: `${reportDate(from, lang)} – ${reportDate(to, lang)}` },
      { label: t('portfolio.report.generated'), value: reportDate(today(ctx), lang) },
    ],
    blocks,
  };
}

export async function buildReport(ctx: Ctx, input: Input<'portfolio.report'>): Promise<ReportFile> {
  const parsed = { lang: input.lang, from: input.from, to: input.to };
  const doc = reportDoc(ctx, parsed);
  return toDownload(await renderDocument(doc, input.format), `${doc.title} ${input.from} – ${input.to}`);
}
