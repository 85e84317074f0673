import type { Group } from '../../../shared/domain/groups';
import type { AgendaItem, DecisionRow, GeneratedFile, Meeting, MeetingDetail } from '../../../shared/domain/meetings';
import { computeAgendaTimes, standardTitleKey, type StandardItemKey } from '../../../shared/meetings';
import { localDate } from '../../../shared/today';
import type { RowStore } from '../db/store';
import {
  formatDay,
  renderCalendarFile,
  renderDocument,
  toDownload,
  type Block,
  type Doc,
  type DocumentFormat,
  type Lang,
} from '../documents';
import { translator } from '../i18n';
import { openActionsForCalendar } from '../repositories/meetings';
import { namesIn } from '../repositories/names';
import { abbreviationIn, nameIn } from '../../../shared/domain/names';

/** Agenda, minutes and decisions register as Doc models, and the meetings' iCalendar files. */

type T = ReturnType<typeof translator>;

async function toFile(doc: Doc, format: DocumentFormat, baseName: string): Promise<GeneratedFile> {
  return toDownload(await renderDocument(doc, format), baseName);
}

export function itemTitle(t: T, item: { title: string | null; standingKey?: string | null }): string {
  if (item.title) return item.title;
  return item.standingKey ? t(standardTitleKey(item.standingKey as StandardItemKey)) : '';
}

/** A material as the agenda lists it: its name, type and size (the bytes travel beside the agenda). */
export interface ListedMaterial {
  agendaItemId: string | null;
  name: string;
  size: number;
}

function materialLine(x: ListedMaterial): string {
  const size =
    x.size < 1024 * 1024
      ? `${Math.max(1, Math.round(x.size / 1024))} kB`
      : `${Math.round((x.size / (1024 * 1024)) * 10) / 10} MB`;
  return `${x.name} (${size})`;
}

export function meetingDocModel(m: MeetingDetail, kind: 'agenda' | 'minutes', lang: Lang, materials: ListedMaterial[] = []): Doc {
  const t = translator(lang);
  const name = (id: string | null) => (id ? (m.peopleNames[id] ?? '') : '');
  // Organisations and the group by their names in the document's language (issue #16 item 6).
  const org = (id: string | null) => {
    const o = id ? m.organisations.find((x) => x.id === id) : undefined;
    return o ? abbreviationIn(o, lang) : '';
  };
  const groupName = nameIn(m.groupNames, lang);
  const chair = [name(m.chairPersonId), org(m.chairOrganisationId)].filter(Boolean).join(', ');
  const meta = [
    { label: t('meetings.fields.group'), value: groupName },
    { label: t('meetings.fields.date'), value: formatDay(m.date, lang) },
    { label: t('meetings.fields.time'), value: `${m.startTime}–${m.endTime} (${m.timeZone})` },
    ...(m.place ? [{ label: t('meetings.fields.place'), value: m.place }] : []),
    ...(m.onlineLink ? [{ label: t('meetings.fields.onlineLink'), value: m.onlineLink }] : []),
    ...(chair ? [{ label: t('meetings.fields.chair'), value: chair }] : []),
    ...(m.secretaryPersonId ? [{ label: t('meetings.fields.secretary'), value: name(m.secretaryPersonId) }] : []),
  ];
  const blocks: Block[] = [];

  if (kind === 'minutes') {
    blocks.push({ kind: 'heading', level: 1, text: t('meetings.attendance.title') });
    const rows: string[][] = [];
    for (const o of m.organisationAttendance) {
      const people = [
        ...o.people
          .filter((p) => p.status)
          .map((p) =>
            p.standsInFor
              ? `${name(p.personId)} (${t('meetings.attendance.standingInFor', { name: name(p.standsInFor) })}, ${t(`meetings.attendance.status.${p.status}`)})`
              : `${name(p.personId)} (${t(`meetings.attendance.status.${p.status}`)})`,
          ),
        ...o.standingIn.map(
          (s) =>
            `${name(s.personId)} (${t('meetings.attendance.standingInFor', { name: name(s.forPersonId) })}, ${t(`meetings.attendance.status.${s.status}`)})`,
        ),
        ...o.guests.map((g) => `${name(g.personId)} (${t(`meetings.attendance.status.${g.status}`)})`),
      ];
      rows.push([org(o.organisationId) || o.organisationId, people.join('\n') || t('meetings.attendance.notRepresented')]);
    }
    const unaffiliated = m.attendance.filter(
      (a) => a.personId && !a.organisationId && !m.members.some((x) => x.personId === a.personId),
    );
    for (const a of unaffiliated) rows.push(['—', `${name(a.personId)} (${t(`meetings.attendance.status.${a.status}`)})`]);
    if (rows.length)
      blocks.push({
        kind: 'table',
        header: [t('meetings.attendance.organisation'), t('meetings.attendance.people')],
        rows,
        rowHeaders: true,
        widths: [1, 3],
      });
    else blocks.push({ kind: 'paragraph', text: t('meetings.attendance.none'), tone: 'muted' });
    if (m.quorumRule && m.quorumRule.kind !== 'none') {
      blocks.push({
        kind: 'paragraph',
        text: m.quorum.met
          ? t('meetings.quorum.met', { counted: m.quorum.counted, required: m.quorum.required })
          : t('meetings.quorum.notMet', { counted: m.quorum.counted, required: m.quorum.required }),
      });
    }
  }

  const meetingMaterials = materials.filter((x) => !x.agendaItemId || !m.agenda.some((i) => i.id === x.agendaItemId));
  if (meetingMaterials.length) {
    blocks.push({ kind: 'heading', level: 1, text: t('materials.documentHeading') });
    blocks.push({ kind: 'bulletList', items: meetingMaterials.map(materialLine) });
  }
  blocks.push({ kind: 'heading', level: 1, text: t('meetings.agenda.title') });
  const timing = computeAgendaTimes(m.startTime, m.agenda, { endTime: m.endTime });
  const byId = new Map(m.agenda.map((i) => [i.id, i]));
  for (const ti of timing.items) {
    const item = byId.get(ti.id) as AgendaItem;
    const presenter = [name(item.presenterPersonId), org(item.presenterOrganisationId)].filter(Boolean).join(', ');
    blocks.push({ kind: 'heading', level: ti.depth === 0 ? 2 : 3, text: `${ti.number}. ${itemTitle(t, item)}` });
    blocks.push({
      kind: 'paragraph',
      tone: 'muted',
      text: [
        `${ti.start}–${ti.end}`,
        t(`meetings.agenda.types.${item.type}`),
        presenter ? t('meetings.agenda.presenterIs', { name: presenter }) : '',
      ]
        .filter(Boolean)
        .join(' · '),
    });
    if (item.description) blocks.push({ kind: 'paragraph', text: item.description });
    const itemMaterials = materials.filter((x) => x.agendaItemId === item.id);
    if (itemMaterials.length) {
      blocks.push({
        kind: 'paragraph',
        tone: 'muted',
        text: t('materials.documentItem', { names: itemMaterials.map(materialLine).join(', ') }),
      });
    }
    if (item.standingKey === 'open_actions_review' && m.openActions.length) {
      blocks.push({
        kind: 'bulletList',
        items: m.openActions.map((a) =>
          [
            a.title,
            a.ownerPersonId ? a.ownerName : org(a.ownerOrganisationId),
            a.dueDate ? t('meetings.actions.dueOn', { date: formatDay(a.dueDate, lang) }) : '',
          ]
            .filter(Boolean)
            .join(' — '),
        ),
      });
    }
    if (kind === 'minutes') {
      if (item.minutes) blocks.push({ kind: 'paragraph', text: item.minutes });
      for (const d of m.decisions.filter((d) => d.agendaItemId === item.id)) {
        blocks.push({
          kind: 'callout',
          label: `${t('meetings.decisions.label')}${d.number ? ` ${d.number}` : ''}`,
          text: d.text,
        });
      }
      const actions = m.actions.filter((a) => a.agendaItemId === item.id);
      if (actions.length) {
        blocks.push({
          kind: 'bulletList',
          items: actions.map((a) =>
            [
              `${t('meetings.actions.label')}: ${a.title}`,
              [name(a.ownerPersonId), org(a.ownerOrganisationId)].filter(Boolean).join(', '),
              a.dueDate ? t('meetings.actions.dueOn', { date: formatDay(a.dueDate, lang) }) : '',
            ]
              .filter(Boolean)
              .join(' — '),
          ),
        });
      }
      if (item.continueNext) blocks.push({ kind: 'paragraph', tone: 'muted', text: t('meetings.agenda.continuesNext') });
    }
  }
  if (kind === 'minutes') {
    const loose = m.decisions.filter((d) => !d.agendaItemId || !byId.has(d.agendaItemId));
    for (const d of loose) blocks.push({ kind: 'callout', label: t('meetings.decisions.label'), text: d.text });
    const newActions = m.actions;
    blocks.push({ kind: 'heading', level: 1, text: t('meetings.actions.newTitle') });
    if (newActions.length) {
      blocks.push({
        kind: 'table',
        header: [t('meetings.actions.fields.title'), t('meetings.actions.fields.owner'), t('meetings.actions.fields.due')],
        rows: newActions.map((a) => [
          a.title,
          [name(a.ownerPersonId), org(a.ownerOrganisationId)].filter(Boolean).join(', '),
          a.dueDate ? formatDay(a.dueDate, lang) : '',
        ]),
        widths: [3, 2, 1],
      });
    } else blocks.push({ kind: 'paragraph', tone: 'muted', text: t('meetings.actions.none') });
    blocks.push({
      kind: 'paragraph',
      tone: 'muted',
      text: t(`meetings.minutes.status.${m.minutesStatus}`),
    });
    blocks.push({
      kind: 'signatures',
      signers: [
        { role: t('meetings.fields.chair'), name: chair },
        { role: t('meetings.fields.secretary'), name: name(m.secretaryPersonId) },
        // The minutes' reviewers (pöytäkirjantarkastajat) sign beside the chair and the secretary.
        ...m.minutesReviewers.map((r) => ({
          role: r.approvedAt
            ? `${t('meetings.reviewers.role')} (${t('meetings.reviewers.approvedOn', { date: formatDay(localDate(r.approvedAt, m.timeZone), lang) })})`
            : t('meetings.reviewers.role'),
          name: r.name,
        })),
      ],
    });
  }
  return {
    title: `${t(kind === 'agenda' ? 'meetings.documents.agendaTitle' : 'meetings.documents.minutesTitle')}: ${m.title}`,
    subtitle: groupName,
    lang,
    meta,
    blocks,
  };
}

export function meetingDocument(
  m: MeetingDetail,
  kind: 'agenda' | 'minutes',
  format: DocumentFormat,
  lang: Lang,
  materials: ListedMaterial[] = [],
): Promise<GeneratedFile> {
  const t = translator(lang);
  const doc = meetingDocModel(m, kind, lang, materials);
  const base = `${t(kind === 'agenda' ? 'meetings.documents.agendaTitle' : 'meetings.documents.minutesTitle')} ${m.date} ${nameIn(m.groupNames, lang)}`;
  return toFile(doc, format, base);
}

export function decisionsDocument(group: Group, rows: DecisionRow[], format: DocumentFormat, lang: Lang): Promise<GeneratedFile> {
  const t = translator(lang);
  const groupName = nameIn(group, lang);
  const doc: Doc = {
    title: t('meetings.decisions.registerTitle'),
    subtitle: groupName,
    lang,
    meta: [{ label: t('meetings.fields.group'), value: groupName }],
    blocks: rows.length
      ? [
          {
            kind: 'table',
            header: [
              t('meetings.decisions.number'),
              t('meetings.fields.date'),
              t('meetings.decisions.meeting'),
              t('meetings.decisions.text'),
            ],
            rows: rows.map((d) => [
              d.number ?? '',
              d.meetingDate ? formatDay(d.meetingDate, lang) : '',
              [d.meetingTitle ?? '', itemTitle(t, { title: d.agendaItemTitle, standingKey: d.agendaItemKey })]
                .filter(Boolean)
                .join(' / '),
              d.text,
            ]),
            widths: [1, 1.5, 2, 4],
          },
        ]
      : [{ kind: 'paragraph', text: t('meetings.decisions.none'), tone: 'muted' }],
  };
  return toFile(doc, format, `${t('meetings.decisions.registerTitle')} ${groupName}`);
}

export const meetingUid = (id: string): string => `${id}@painopiste`;

export function meetingCalendar(store: RowStore, meetings: Meeting[], lang: Lang, now: Date, name?: string): GeneratedFile {
  const t = translator(lang);
  // The group in the export's language (issue #16 item 6).
  const groupName = namesIn(store, lang).group;
  const file = renderCalendarFile({
    name: name ?? meetings[0]?.title ?? t('meetings.title'),
    stamp: now,
    events: meetings.map((m) => ({
      uid: meetingUid(m.id),
      sequence: m.icsSequence,
      summary: m.title,
      description: groupName(m.groupId),
      ...(m.place ? { location: m.place } : {}),
      ...(m.onlineLink ? { url: m.onlineLink } : {}),
      start: { date: m.date, time: m.startTime },
      end: { date: m.date, time: m.endTime },
      timeZone: m.timeZone,
      status: m.status === 'cancelled' || m.deleted ? 'cancelled' : m.status === 'moved' ? 'tentative' : 'confirmed',
    })),
  });
  return toDownload(file, name ?? meetings[0]?.title ?? 'calendar');
}

export function actionsCalendar(
  store: RowStore,
  groupId: string | undefined,
  lang: Lang,
  today: string,
  now: Date,
): GeneratedFile {
  const t = translator(lang);
  const rows = openActionsForCalendar(store, groupId, today);
  const names = namesIn(store, lang);
  const file = renderCalendarFile({
    name: t('meetings.actions.calendarName'),
    stamp: now,
    todos: rows.map((a) => ({
      uid: `action-${a.id}@painopiste`,
      sequence: a.icsSequence,
      summary: a.title,
      description: [names.group(a.groupId), a.ownerPersonId ? a.ownerName : names.abbreviation(a.ownerOrganisationId)]
        .filter(Boolean)
        .join(' — '),
      due: a.dueDate!,
      status: a.status === 'in_progress' ? 'in-process' : 'needs-action',
    })),
  });
  return toDownload(file, t('meetings.actions.calendarName'));
}
