import type { Lang } from '../documents/model';
import { renderDocument, type Block, type Doc, type DocumentFormat } from '../documents';
import type { Ctx } from '../context';
import { translator } from '../i18n';
import type { GeneratedFile, Round } from '../../../shared/domain/scanning';
import type { MatrixPoint } from '../../../shared/scanning/scoring';
import { candidatesOfRound, criteriaOfRound, participantsOf, relatedGroupsOf } from '../repositories/scanning';
import { namesIn } from '../repositories/names';
import { roundResults } from './scanning-results';
import { criteriaInLanguage } from './scanning-criteria';

/** Candidates that are on the list the cooperation group receives (and, later, its decisions). */
const LISTED = new Set(['shortlisted', 'proposed', 'approved', 'rejected', 'deferred', 'folded']);

const num = (v: number | null | undefined, lang: Lang, digits = 2) =>
  v === null || v === undefined
    ? '–'
    : v.toLocaleString(lang === 'en' ? 'en-GB' : `${lang}-FI`, { minimumFractionDigits: digits, maximumFractionDigits: digits });

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Impact × feasibility as a plain SVG scatter (elements the document sanitiser allows). Quadrant lines at
 * the middle of the scale; each point labelled with the candidate's reference.
 */
export function matrixSvg(
  points: readonly MatrixPoint[],
  labels: { impact: string; feasibility: string; title: string },
): string {
  const W = 560;
  const H = 440;
  const left = 60;
  const top = 20;
  const size = 360;
  const x = (f: number) => left + f * size;
  const y = (i: number) => top + (1 - i) * size;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${xmlEscape(labels.title)}">`,
  );
  parts.push(`<title>${xmlEscape(labels.title)}</title>`);
  parts.push(`<rect x="${left}" y="${top}" width="${size}" height="${size}" fill="#f7f7f8" stroke="#5f686d" stroke-width="1"/>`);
  parts.push(`<line x1="${x(0.5)}" y1="${top}" x2="${x(0.5)}" y2="${top + size}" stroke="#a5acb0" stroke-dasharray="4 4"/>`);
  parts.push(`<line x1="${left}" y1="${y(0.5)}" x2="${left + size}" y2="${y(0.5)}" stroke="#a5acb0" stroke-dasharray="4 4"/>`);
  for (const t of [0, 0.25, 0.5, 0.75, 1]) {
    const v = String(1 + t * 4);
    parts.push(`<text x="${x(t)}" y="${top + size + 16}" font-size="11" text-anchor="middle" fill="#29303b">${v}</text>`);
    parts.push(`<text x="${left - 8}" y="${y(t) + 4}" font-size="11" text-anchor="end" fill="#29303b">${v}</text>`);
  }
  parts.push(
    `<text x="${x(0.5)}" y="${top + size + 36}" font-size="13" text-anchor="middle" fill="#29303b">${xmlEscape(labels.feasibility)}</text>`,
  );
  parts.push(
    `<text x="16" y="${y(0.5)}" font-size="13" text-anchor="middle" fill="#29303b" transform="rotate(-90 16 ${y(0.5)})">${xmlEscape(labels.impact)}</text>`,
  );
  for (const p of points) {
    const cx = x(p.feasibility).toFixed(1);
    const cy = y(p.impact).toFixed(1);
    parts.push(`<circle cx="${cx}" cy="${cy}" r="6" fill="#003479" stroke="#ffffff" stroke-width="1.5"/>`);
    parts.push(
      `<text x="${(Number(cx) + 9).toFixed(1)}" y="${(Number(cy) + 4).toFixed(1)}" font-size="11" fill="#29303b">${xmlEscape(p.reference)}</text>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}

export async function candidateListDocument(ctx: Ctx, round: Round, format: DocumentFormat, lang: Lang): Promise<GeneratedFile> {
  const t = translator(lang);
  // Groups and organisations in the document's language (issue #16 item 6).
  const names = namesIn(ctx.store, lang);
  const results = roundResults(ctx, round);
  const criteria = criteriaInLanguage(criteriaOfRound(ctx.store, round.id), lang);
  const candidates = candidatesOfRound(ctx.store, round.id).filter((c) => LISTED.has(c.status));
  const aggregateOf = new Map(results.aggregates.map((a) => [a.candidateId, a]));
  const listedIds = new Set(candidates.map((c) => c.id));
  const ranked = results.ranking.filter((a) => listedIds.has(a.candidateId));
  const byId = new Map(candidates.map((c) => [c.id, c]));

  const blocks: Block[] = [];
  blocks.push({ kind: 'heading', level: 1, text: t('scanning.doc.ranking') });
  if (ranked.length === 0) blocks.push({ kind: 'paragraph', text: t('scanning.doc.noneListed'), tone: 'muted' });
  else
    blocks.push({
      kind: 'table',
      caption: t('scanning.doc.rankingCaption'),
      header: [
        t('scanning.results.rank'),
        t('scanning.fields.reference'),
        t('scanning.fields.title'),
        t('scanning.results.weighted'),
        t('scanning.results.median'),
        t('scanning.results.spread'),
        t('scanning.results.consensus'),
        t('scanning.fields.lead'),
      ],
      widths: [1, 2, 6, 2, 2, 2, 2, 2],
      rows: ranked.map((a, i) => {
        const c = byId.get(a.candidateId)!;
        return [
          String(i + 1),
          c.reference,
          c.title,
          num(a.weightedScore, lang),
          num(a.assessorMedian, lang),
          num(a.disagreement, lang),
          num(a.consensusScore, lang),
          c.leadAbbreviation ?? '–',
        ];
      }),
    });
  const points = results.matrix.filter((p) => listedIds.has(p.candidateId));
  blocks.push({ kind: 'heading', level: 1, text: t('scanning.doc.matrix') });
  blocks.push({
    kind: 'figure',
    svg: matrixSvg(points, {
      impact: t('scanning.results.impact'),
      feasibility: t('scanning.results.feasibility'),
      title: t('scanning.doc.matrix'),
    }),
    alt: t('scanning.doc.matrixAlt', {
      points:
        points
          .map((p) => `${p.reference} (${num(p.impact * 4 + 1, lang, 1)} / ${num(p.feasibility * 4 + 1, lang, 1)})`)
          .join(', ') || '–',
    }),
    caption: t('scanning.doc.matrixCaption'),
  });

  for (const a of ranked) {
    const c = byId.get(a.candidateId)!;
    const agg = aggregateOf.get(c.id);
    blocks.push({ kind: 'pageBreak' });
    blocks.push({ kind: 'heading', level: 1, text: `${c.reference} ${c.title}` });
    const participants = participantsOf(ctx.store, c.id);
    const related = relatedGroupsOf(ctx.store, c.id);
    blocks.push({
      kind: 'keyValue',
      items: [
        { label: t('scanning.results.rank'), value: String(ranked.indexOf(a) + 1) },
        { label: t('scanning.fields.phenomenon'), value: c.phenomenon ?? '–' },
        { label: t('scanning.fields.rationale'), value: c.rationale ?? '–' },
        { label: t('scanning.fields.timeHorizon'), value: c.timeHorizon ? t(`scanning.timeHorizons.${c.timeHorizon}`) : '–' },
        {
          label: t('scanning.fields.tags'),
          value: [...c.steep.map((s) => t(`scanning.steep.${s}`)), ...c.tags].join(', ') || '–',
        },
        {
          label: t('scanning.fields.proposer'),
          value:
            [c.proposerName, c.proposerOrganisationAbbreviation && names.abbreviationOf(c.proposerOrganisationAbbreviation)]
              .filter(Boolean)
              .join(', ') || '–',
        },
        {
          label: t('scanning.fields.lead'),
          value: c.leadAbbreviation
            ? `${names.abbreviationOf(c.leadAbbreviation)} (${t(`scanning.orgResponses.${c.leadStatus ?? 'asked'}`)})`
            : '–',
        },
        {
          label: t('scanning.fields.participants'),
          value:
            participants
              .map((p) => `${names.abbreviation(p.organisationId)} (${t(`scanning.orgResponses.${p.status}`)})`)
              .join(', ') || '–',
        },
        { label: t('scanning.fields.relatedGroups'), value: related.map((g) => names.group(g.id)).join(', ') || '–' },
        {
          label: t('scanning.fields.existingGroupHandling'),
          value: c.existingGroupHandling
            ? `${t(`scanning.existingHandling.${c.existingGroupHandling}`)}${c.existingGroupReason ? ` – ${c.existingGroupReason}` : ''}`
            : '–',
        },
        { label: t('scanning.fields.confidentiality'), value: t(`scanning.confidentiality.${c.confidentiality}`) },
      ],
    });
    if (c.evidence.length)
      blocks.push({
        kind: 'table',
        caption: t('scanning.fields.evidence'),
        header: [t('scanning.fields.evidenceDate'), t('scanning.fields.evidenceSource')],
        widths: [1, 5],
        rows: c.evidence.map((e) => [e.date, e.url ? `${e.source} (${e.url})` : e.source]),
      });
    if (agg)
      blocks.push({
        kind: 'table',
        caption: t('scanning.doc.scores'),
        header: [
          t('scanning.criteria.name'),
          t('scanning.criteria.weight'),
          t('scanning.results.mean'),
          t('scanning.results.median'),
          t('scanning.results.spread'),
        ],
        widths: [5, 1, 1, 1, 1],
        rows: [
          ...criteria.map((cr) => {
            const s = agg.criteria.find((x) => x.criterionId === cr.id);
            return [cr.name, num(cr.weight, lang, 1), num(s?.mean, lang), num(s?.median, lang), num(s?.spread, lang)];
          }),
          [
            t('scanning.results.weighted'),
            '',
            num(agg.weightedScore, lang),
            num(agg.assessorMedian, lang),
            num(agg.disagreement, lang),
          ],
        ],
      });
    if (c.consensusScore !== null || c.consensusRationale)
      blocks.push({
        kind: 'callout',
        label: t('scanning.doc.consensus', { score: num(c.consensusScore, lang) }),
        text: c.consensusRationale ?? '',
      });
  }

  const doc: Doc = {
    title: t('scanning.doc.title', { label: round.label }),
    subtitle: t('scanning.doc.subtitle'),
    lang,
    meta: [
      { label: t('scanning.doc.owner'), value: names.group(round.groupId) },
      { label: t('scanning.timeline.decisionMeeting'), value: round.timeline.decisionMeeting || '–' },
      { label: t('scanning.doc.count'), value: String(ranked.length) },
    ],
    blocks,
  };
  const file = await renderDocument(doc, format);
  return {
    fileName: `${t('scanning.doc.fileName')}-${round.label.replace(/\s+/g, '')}.${file.extension}`,
    mimeType: file.mimeType,
    contentBase64: Buffer.from(file.bytes).toString('base64'),
  };
}
