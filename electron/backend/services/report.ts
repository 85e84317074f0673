import type { Input } from '../../../shared/contract';
import type { Group } from '../../../shared/domain/groups';
import type { ReportFile } from '../../../shared/domain/portfolio';
import { chartSvg } from '../../../shared/portfolio/chart';
import { latestValue } from '../../../shared/portfolio/figures';
import { today } from '../clock';
import type { Ctx } from '../context';
import { renderDocument, toDownload, type Block, type Doc, type Lang } from '../documents';
import { translator } from '../i18n';
import {
  groupIndicators,
  groupMeasures,
  groupOrganisationAbbreviations,
  periodFigures,
  reportPriorities,
  statusHistory,
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

/**
 * The interim progress report, shaped like section 2 of the 2022 report: a portfolio summary, then per
 * priority its title, responsible organisation, other participants, status, a progress narrative from
 * the status notes, measures and their state, meetings held, actions done/open and indicators.
 */
export function reportDoc(ctx: Ctx, input: { lang: Lang; from: string; to: string }): Doc {
  const { lang, from, to } = input;
  const t = translator(lang);
  const priorities = reportPriorities(ctx.store);
  const status = (g: Pick<Group, 'status'>) => t(`groups.statuses.${g.status}`);
  const blocks: Block[] = [];

  const sections = priorities.map((g) => {
    const orgs = groupOrganisationAbbreviations(ctx.store, g.id);
    const measures = groupMeasures(ctx.store, g.id);
    const indicators = groupIndicators(ctx.store, g.id);
    const figures = periodFigures(ctx.store, g.id, from, to);
    const history = statusHistory(ctx.store, g.id)
      .filter((h) => h.date <= to)
      .reverse();
    return { g, orgs, measures, indicators, figures, history };
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
      s.g.name,
      s.orgs.leads.join(', '),
      status(s.g),
      String(s.figures.meetingsHeld),
      `${s.measures.filter((m) => m.status === 'done').length}/${s.measures.filter((m) => m.status !== 'dropped').length}`,
      s.indicators.some((i) => i.kind === 'outcome') ? t('portfolio.yes') : t('portfolio.no'),
    ]),
  });

  for (const s of sections) {
    const { g } = s;
    blocks.push({ kind: 'pageBreak' });
    blocks.push({ kind: 'heading', level: 1, text: `${g.priorityNumber ? `${g.priorityNumber}. ` : ''}${g.name}` });
    const statusText = g.statusDate ? `${status(g)} (${reportDate(g.statusDate, lang)})` : status(g);
    const items = [
      { label: t('portfolio.report.responsible'), value: s.orgs.leads.join(', ') || '—' },
      { label: t('portfolio.report.participants'), value: s.orgs.participants.join(', ') || '—' },
      { label: t('portfolio.columns.status'), value: statusText },
    ];
    if (g.transferredTo) items.push({ label: t('portfolio.lifecycle.transferredTo'), value: g.transferredTo });
    items.push(
      { label: t('portfolio.report.meetingsHeld'), value: String(s.figures.meetingsHeld) },
      {
        label: t('portfolio.report.actions'),
        value: t('portfolio.report.actionsValue', { done: s.figures.actionsDone, open: s.figures.actionsOpen }),
      },
    );
    blocks.push({ kind: 'keyValue', items });

    blocks.push({ kind: 'heading', level: 2, text: t('portfolio.report.progress') });
    const notes = s.history.filter((h) => h.note);
    if (notes.length === 0) blocks.push({ kind: 'paragraph', text: t('portfolio.report.noNotes'), tone: 'muted' });
    else blocks.push({ kind: 'paragraph', text: notes.map((h) => `${reportDate(h.date, lang)}: ${h.note}`).join('\n') });

    blocks.push({ kind: 'heading', level: 2, text: t('portfolio.plan.measures') });
    if (s.measures.length === 0) blocks.push({ kind: 'paragraph', text: t('portfolio.plan.noMeasures'), tone: 'muted' });
    else {
      blocks.push({
        kind: 'table',
        header: [
          t('portfolio.measure.title'),
          t('portfolio.measure.responsible'),
          t('portfolio.measure.due'),
          t('portfolio.measure.status'),
          t('portfolio.measure.commitments'),
        ],
        widths: [5, 2, 2, 2, 5],
        rows: s.measures.map((m) => [
          m.progressNote ? `${m.title}\n${m.progressNote}` : m.title,
          m.responsibleAbbreviation ?? '',
          reportDate(m.dueDate, lang),
          t(`portfolio.measureStatuses.${m.status}`),
          m.organisations
            .map((o) => {
              const parts = [t(`portfolio.commitmentStatuses.${o.commitmentStatus}`)];
              if (o.decisionDate) parts.push(reportDate(o.decisionDate, lang));
              if (o.decisionReference) parts.push(o.decisionReference);
              return `${o.abbreviation}: ${parts.join(', ')}`;
            })
            .join('\n'),
        ]),
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
