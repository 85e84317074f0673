/**
 * The handover checklist the outgoing chair hands over with the file: generated from the group's own
 * data (its subgroups included) so nothing open is forgotten.
 */
import type { ChecklistRecipient, ChecklistRotation, HandoverChecklist } from '../../../shared/domain/exchange';
import { today as todayOf } from '../clock';
import type { Ctx } from '../context';
import { documentFileName, formatDay, renderHtml, type Block, type Doc, type Lang } from '../documents';
import { translator } from '../i18n';
import { groupIndicators, groupMeasures } from '../repositories/portfolio';
import { memberRefs } from '../repositories/rotation';
import { groupSchedule } from '../services/rotation-chairs';
import { groupTitle } from '../../../shared/domain/names';
import { namesIn, type NamesIn } from '../repositories/names';
import { rotationGlance } from '../services/rotation-glance';

export interface RecipientInput {
  toPersonId?: string | null | undefined;
  toOrganisationId?: string | null | undefined;
}

const CLOSED_ACTION = `('done', 'completed', 'cancelled')`;

export function groupTreeIds(ctx: Ctx, groupId: string): string[] {
  return ctx.store
    .prepare(
      `WITH RECURSIVE tree(id) AS (SELECT id FROM work_groups WHERE id = ?
         UNION SELECT g.id FROM work_groups g JOIN tree ON g.parent_id = tree.id)
       SELECT id FROM tree`,
    )
    .pluck()
    .all(groupId) as string[];
}

/** The rotating chair at the handover, from the same computation as the rotation's own screen. */
function checklistRotation(ctx: Ctx, groupId: string, names: NamesIn | null): ChecklistRotation | null {
  const found = groupSchedule(ctx, groupId);
  if (!found) return null;
  const { chairNow } = rotationGlance(found);
  const ids = [chairNow.chairId, chairNow.nextChairId].filter((x): x is string => x !== null);
  const labels = new Map(
    memberRefs(ctx.store, found.record.unit, groupId, ids).map((m) => [
      m.id,
      (names && found.record.unit === 'organisations' && names.abbreviation(m.id)) || m.label,
    ]),
  );
  return {
    name: found.record.name,
    unit: found.record.unit,
    nextChairId: chairNow.nextChairId,
    chairNow: chairNow.chairId ? (labels.get(chairNow.chairId) ?? null) : null,
    until: chairNow.until,
    handover: chairNow.handover,
    nextChair: chairNow.nextChairId ? (labels.get(chairNow.nextChairId) ?? null) : null,
  };
}

function recipientOf(ctx: Ctx, input: RecipientInput, names: NamesIn | null): ChecklistRecipient | null {
  if (input.toPersonId) {
    const p = ctx.store.require<{ name: string }>('people', input.toPersonId, 'person');
    return { kind: 'person', id: input.toPersonId, name: p.name };
  }
  if (input.toOrganisationId) {
    const o = ctx.store.require<{ name: string; abbreviation: string | null }>(
      'organisations',
      input.toOrganisationId,
      'organisation',
    );
    const abbreviation = names ? names.abbreviation(input.toOrganisationId) : o.abbreviation;
    const name = names ? names.organisation(input.toOrganisationId) : o.name;
    return { kind: 'organisation', id: input.toOrganisationId, name: abbreviation ? `${abbreviation} – ${name}` : name };
  }
  return null;
}

/**
 * The checklist of a group. With `lang` (the printable document) groups and organisations are named in
 * that language (issue #16 item 6); without it (the wizard's data, the handover row that travels in the
 * file) by their names as written.
 */
export function buildChecklist(ctx: Ctx, groupId: string, recipient: RecipientInput = {}, lang?: Lang): HandoverChecklist {
  const group = ctx.store.require<{ name: string; priorityNumber: number | null }>('work_groups', groupId, 'group');
  const names = lang ? namesIn(ctx.store, lang) : null;
  const today = todayOf(ctx);
  const tree = JSON.stringify(groupTreeIds(ctx, groupId));
  const inTree = `IN (SELECT value FROM json_each(@tree))`;

  const actions = ctx.store
    .prepare(
      `SELECT a.id, a.title, a.due_date AS dueDate, COALESCE(p.name, o.abbreviation) AS owner,
              CASE WHEN p.id IS NULL THEN o.id END AS ownerOrganisationId
       FROM action_items a
       LEFT JOIN people p ON p.id = a.owner_person_id
       LEFT JOIN organisations o ON o.id = a.owner_organisation_id
       WHERE a.deleted = 0 AND a.group_id ${inTree} AND a.status NOT IN ${CLOSED_ACTION}
       ORDER BY a.due_date IS NULL, a.due_date, a.title`,
    )
    .all({ tree }) as Array<{
    id: string;
    title: string;
    dueDate: string | null;
    owner: string | null;
    ownerOrganisationId: string | null;
  }>;

  const nextMeetings = ctx.store
    .prepare(
      `SELECT m.id, m.title, m.date, m.start_time AS startTime, COALESCE(p.name, o.name) AS chair,
              CASE WHEN p.id IS NULL THEN o.id END AS chairOrganisationId
       FROM meetings m
       LEFT JOIN people p ON p.id = m.chair_person_id
       LEFT JOIN organisations o ON o.id = m.chair_organisation_id
       WHERE m.deleted = 0 AND m.group_id ${inTree} AND m.date >= @today AND m.status <> 'cancelled'
       ORDER BY m.date, m.start_time LIMIT 5`,
    )
    .all({ tree, today }) as Array<HandoverChecklist['nextMeetings'][number] & { chairOrganisationId: string | null }>;

  const pendingMinutes = ctx.store
    .prepare(
      `SELECT m.id, m.title, m.date, m.minutes_status AS minutesStatus,
              (SELECT COUNT(*) FROM decisions d WHERE d.meeting_id = m.id AND d.deleted = 0) AS decisions
       FROM meetings m
       WHERE m.deleted = 0 AND m.group_id ${inTree} AND m.date < @today AND m.status <> 'cancelled'
         AND m.minutes_status <> 'approved'
       ORDER BY m.date`,
    )
    .all({ tree, today }) as HandoverChecklist['pendingMinutes'];

  const contacts = ctx.store
    .prepare(
      `SELECT p.id AS personId, p.name, ms.role, o.name AS organisation, o.id AS organisationId, p.email, p.phone
       FROM memberships ms
       JOIN people p ON p.id = ms.person_id
       LEFT JOIN organisations o ON o.id = COALESCE(ms.organisation_id, p.organisation_id)
       WHERE ms.deleted = 0 AND p.deleted = 0 AND ms.group_id ${inTree}
         AND (ms.until_date IS NULL OR ms.until_date >= @today)
       ORDER BY CASE ms.role WHEN 'convener' THEN 0 WHEN 'chair' THEN 1 WHEN 'secretary' THEN 2 ELSE 3 END, p.name`,
    )
    .all({ tree, today }) as Array<HandoverChecklist['contacts'][number] & { organisationId: string | null }>;

  const measures = groupMeasures(ctx.store, groupId).map((m) => ({
    id: m.id,
    title: m.title,
    status: m.status,
    responsible: names && m.responsibleAbbreviation ? names.abbreviationOf(m.responsibleAbbreviation) : m.responsibleAbbreviation,
    dueDate: m.dueDate,
  }));
  const indicators = groupIndicators(ctx.store, groupId).map((i) => {
    const last = i.values.at(-1);
    return {
      id: i.id,
      name: i.name,
      kind: i.kind,
      unit: i.unit,
      targetValue: i.targetValue,
      targetDate: i.targetDate,
      latest: last ? { period: last.period, value: last.value } : null,
    };
  });

  return {
    groupId,
    groupName: names ? names.groupTitle(groupId) : groupTitle(group.name, group.priorityNumber),
    generatedOn: today,
    recipient: recipientOf(ctx, recipient, names),
    rotation: checklistRotation(ctx, groupId, names),
    openActions: actions.map(({ ownerOrganisationId, ...a }) => ({
      ...a,
      owner: names && ownerOrganisationId ? names.abbreviation(ownerOrganisationId) : a.owner,
      overdue: a.dueDate !== null && a.dueDate < today,
    })),
    nextMeetings: nextMeetings.map(({ chairOrganisationId, ...m }) => ({
      ...m,
      chair: names && chairOrganisationId ? names.organisation(chairOrganisationId) : m.chair,
    })),
    pendingMinutes,
    contacts: contacts.map(({ organisationId, ...c }) => ({
      ...c,
      organisation: names && organisationId ? names.organisation(organisationId) : c.organisation,
    })),
    measures,
    indicators,
  };
}

// ───────────────────────── the printable checklist ─────────────────────────

/** The handover checklist as a document (HTML for printing or PDF), with the recipient on it. */
export function checklistDocument(c: HandoverChecklist, lang: Lang): { fileName: string; html: string } {
  const t = translator(lang);
  const title = t('exchange.export.printTitle', { group: c.groupName ?? '' });
  const nothing: Block = { kind: 'paragraph', text: t('exchange.export.nothing'), tone: 'muted' };
  const section = (heading: string, block: Block | null): Block[] => [
    { kind: 'heading', level: 1, text: heading },
    block ?? nothing,
  ];
  const r = c.rotation;
  const blocks: Block[] = [
    ...section(
      t('exchange.export.rotation'),
      r
        ? {
            kind: 'keyValue',
            items: [
              { label: t('exchange.export.rotationName'), value: r.name },
              { label: t('exchange.export.chairNow'), value: r.chairNow ?? t('exchange.export.nobody') },
              { label: t('exchange.export.chairUntil'), value: formatDay(r.until, lang) || '–' },
              { label: t('exchange.export.handoverDate'), value: formatDay(r.handover, lang) || '–' },
              { label: t('exchange.export.nextChair'), value: r.nextChair ?? '–' },
            ],
          }
        : null,
    ),
    ...section(
      t('exchange.export.openActions'),
      c.openActions.length
        ? {
            kind: 'table',
            header: [t('exchange.export.item'), t('exchange.export.owner'), t('exchange.export.dueColumn')],
            rows: c.openActions.map((a) => [
              a.overdue ? `${a.title} (${t('exchange.export.overdue')})` : a.title,
              a.owner ?? '',
              formatDay(a.dueDate, lang),
            ]),
            widths: [6, 2, 2],
          }
        : null,
    ),
    ...section(
      t('exchange.export.nextMeetings'),
      c.nextMeetings.length
        ? {
            kind: 'table',
            header: [t('exchange.export.dateColumn'), t('exchange.export.meeting'), t('exchange.export.chairColumn')],
            rows: c.nextMeetings.map((m) => [
              `${formatDay(m.date, lang)} ${m.startTime}`,
              m.title,
              m.chair ?? t('exchange.export.chairUnknown'),
            ]),
            widths: [3, 5, 3],
          }
        : null,
    ),
    ...section(
      t('exchange.export.pendingMinutes'),
      c.pendingMinutes.length
        ? {
            kind: 'bulletList',
            items: c.pendingMinutes.map(
              (m) => `${formatDay(m.date, lang)} ${m.title} (${t('exchange.export.decisions', { count: m.decisions })})`,
            ),
          }
        : null,
    ),
    ...section(
      t('exchange.export.measures'),
      c.measures?.length
        ? {
            kind: 'table',
            header: [
              t('exchange.export.measure'),
              t('exchange.export.status'),
              t('exchange.export.owner'),
              t('exchange.export.dueColumn'),
            ],
            rows: c.measures.map((m) => [
              m.title,
              t(`portfolio.measureStatuses.${m.status}`, { defaultValue: m.status }),
              m.responsible ?? '',
              formatDay(m.dueDate, lang),
            ]),
            widths: [6, 2, 2, 2],
          }
        : null,
    ),
    ...section(
      t('exchange.export.indicators'),
      c.indicators?.length
        ? {
            kind: 'table',
            header: [t('exchange.export.indicator'), t('exchange.export.latest'), t('exchange.export.target')],
            rows: c.indicators.map((i) => [
              i.name,
              i.latest ? `${i.latest.value}${i.unit ? ` ${i.unit}` : ''} (${i.latest.period})` : '–',
              i.targetValue !== null
                ? `${i.targetValue}${i.unit ? ` ${i.unit}` : ''}${i.targetDate ? ` (${formatDay(i.targetDate, lang)})` : ''}`
                : '–',
            ]),
            widths: [5, 3, 3],
          }
        : null,
    ),
    ...section(
      t('exchange.export.contacts'),
      c.contacts.length
        ? {
            kind: 'table',
            header: [t('exchange.export.name'), t('exchange.export.role'), t('exchange.export.contact')],
            rows: c.contacts.map((p) => [
              p.organisation ? `${p.name}, ${p.organisation}` : p.name,
              t(`groups.memberRoles.${p.role}`, { defaultValue: p.role }),
              [p.email, p.phone].filter(Boolean).join('\n'),
            ]),
            widths: [4, 2, 4],
          }
        : null,
    ),
  ];
  const doc: Doc = {
    title,
    lang,
    meta: [
      { label: t('exchange.export.recipientLabel'), value: c.recipient?.name ?? t('exchange.export.noRecipient') },
      { label: t('exchange.export.generatedOn'), value: formatDay(c.generatedOn, lang) },
    ],
    blocks,
  };
  return { fileName: documentFileName(title, 'pdf'), html: renderHtml(doc) };
}
