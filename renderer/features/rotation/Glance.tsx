import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Heading, Paragraph } from 'suomifi-ui-components';
import type {
  ChairChange,
  RotationHistoryEntry,
  RotationTimeline,
  RotationView,
  TimelineSegment,
} from '../../../shared/domain/rotation';
import { addCalendarDays } from '../../../shared/rotation';
import { formatDate } from '../../ui/dates';

type T = (key: string, options?: Record<string, unknown>) => string;
export type Labeller = (id: string | null) => string;

export function labeller(view: Pick<RotationView, 'members'>): Labeller {
  const byId = new Map(view.members.map((m) => [m.id, m.label]));
  return (id) => (id ? (byId.get(id) ?? '?') : '–');
}

/** "Chair now: SM until 14 Apr 2027 (handover 15 Apr 2027) · Next: TEM" — or who comes first. */
export function ChairNowLine({ view }: { view: RotationView }) {
  const { t } = useTranslation();
  const label = labeller(view);
  const c = view.chairNow;
  if (!c.chairId) {
    return (
      <p className="glance-line">
        <strong>{t('rotation.glance.nobody')}</strong>
        {c.nextChairId && c.handover && (
          <> · {t('rotation.glance.first', { chair: label(c.nextChairId), date: formatDate(c.handover) })}</>
        )}
      </p>
    );
  }
  return (
    <p className="glance-line">
      <strong>{t('rotation.glance.now', { chair: label(c.chairId) })}</strong>{' '}
      {c.until && c.handover ? (
        <>
          {t('rotation.glance.until', { date: formatDate(c.until) })}{' '}
          {t('rotation.glance.handover', { date: formatDate(c.handover) })}
          {' · '}
          <strong>{t('rotation.glance.next', { chair: label(c.nextChairId) })}</strong>
        </>
      ) : (
        <>
          {c.since ? `${t('rotation.glance.since', { date: formatDate(c.since) })}, ` : ''}
          {t('rotation.glance.noChange')}
        </>
      )}
    </p>
  );
}

const PALETTE = ['#d4e3f5', '#fde3c4', '#d7efd9', '#f3d6e6', '#e3dcf5', '#d9f0f0', '#f5eccc', '#e6e6e6'];
const DAY = 86_400_000;
const dayNumber = (iso: string) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY;

/** Quarter starts between two dates, for the axis. */
function quarterStarts(from: string, to: string): string[] {
  const out: string[] = [];
  let y = +from.slice(0, 4);
  let m = Math.floor((+from.slice(5, 7) - 1) / 3) * 3 + 1;
  for (;;) {
    const d = `${y}-${String(m).padStart(2, '0')}-01`;
    if (d > to) break;
    if (d >= from) out.push(d);
    m += 3;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/** The timeline of terms (or chair runs), handovers and today: an SVG figure and the same as a table. */
export function Timeline({ view }: { view: RotationView }) {
  const { t, i18n } = useTranslation();
  const label = labeller(view);
  const tl = view.timeline;
  const titleId = useId();
  if (tl.segments.length === 0) {
    return (
      <section className="panel" aria-labelledby="rotation-timeline">
        <Heading variant="h2" id="rotation-timeline">
          {t('rotation.timeline.title')}
        </Heading>
        <Paragraph mt="s">{t('rotation.timeline.empty')}</Paragraph>
      </section>
    );
  }
  const colour = new Map<string, string>();
  for (const id of view.members.map((m) => m.id)) colour.set(id, PALETTE[colour.size % PALETTE.length]!);
  // A little room on both sides, so today and the first and last handovers are not on the edge.
  const days = dayNumber(tl.to) + 1 - dayNumber(tl.from);
  const pad = Math.max(7, Math.round(days * 0.03));
  const start = dayNumber(tl.from) - pad;
  const span = days + 2 * pad;
  const W = 1000;
  const x = (iso: string) => Math.min(W, Math.max(0, ((dayNumber(iso) - start) / span) * W));
  const todayX = x(tl.today);
  const month = new Intl.DateTimeFormat(i18n.language, { month: 'short', timeZone: 'UTC' });
  const current = tl.segments.find((s) => s.when === 'current');
  const summary = t('rotation.timeline.figure', {
    from: formatDate(tl.from),
    to: formatDate(tl.to),
    today: formatDate(tl.today),
    chair: current ? label(current.chairId) : t('rotation.timeline.nobody'),
  });

  return (
    <section className="panel" aria-labelledby="rotation-timeline">
      <Heading variant="h2" id="rotation-timeline">
        {t('rotation.timeline.title')}
      </Heading>
      <Paragraph mt="s">{t('rotation.timeline.intro', { from: formatDate(tl.from), to: formatDate(tl.to) })}</Paragraph>
      <svg
        className="rotation-timeline"
        viewBox={`0 0 ${W} 104`}
        role="img"
        aria-labelledby={titleId}
        preserveAspectRatio="none"
        style={{ width: '100%', height: 104, marginTop: 8 }}
      >
        <title id={titleId}>{summary}</title>
        {tl.segments.map((s) => {
          const a = x(s.from);
          const b = x(addCalendarDays(s.lastDay, 1));
          const w = Math.max(0, b - a);
          return (
            <g key={s.key}>
              <rect
                x={a}
                y={30}
                width={w}
                height={36}
                fill={s.chairId ? (colour.get(s.chairId) ?? '#e6e6e6') : '#ffffff'}
                fillOpacity={s.when === 'past' ? 0.45 : 1}
                stroke="#5f686d"
                strokeWidth={1}
              />
              {w > 34 && (
                <text x={a + w / 2} y={53} textAnchor="middle" fontSize={14} fill="#212121">
                  {s.chairId ? label(s.chairId) : '–'}
                </text>
              )}
              {s.meetings
                .filter((m) => m.status !== 'cancelled' && m.date >= tl.from)
                .map((m) => (
                  <circle
                    key={m.meetingId}
                    cx={x(m.date)}
                    cy={62}
                    r={3}
                    fill={m.status === 'held' ? '#212121' : '#ffffff'}
                    stroke="#212121"
                    strokeWidth={1}
                  />
                ))}
              {s.handover && s.from >= tl.from && <path d={`M${a} 24 l-5 -8 h10 z`} fill="#00347a" />}
            </g>
          );
        })}
        {quarterStarts(addCalendarDays(tl.from, -pad), addCalendarDays(tl.to, pad)).map((d) => (
          <g key={d}>
            <line x1={x(d)} x2={x(d)} y1={66} y2={74} stroke="#5f686d" />
            <text x={x(d) + 2} y={88} fontSize={12} fill="#212121">
              {d.slice(5, 7) === '01' ? d.slice(0, 4) : month.format(new Date(`${d}T12:00:00Z`))}
            </text>
          </g>
        ))}
        <line x1={todayX} x2={todayX} y1={6} y2={80} stroke="#c3112c" strokeWidth={3} />
        <text
          x={todayX > W - 80 ? todayX - 6 : todayX + 6}
          y={16}
          fontSize={13}
          fontWeight="bold"
          fill="#a00d24"
          textAnchor={todayX > W - 80 ? 'end' : 'start'}
        >
          {t('rotation.timeline.today')}
        </text>
      </svg>
      <details style={{ marginTop: 8 }}>
        <summary>{t('rotation.timeline.asTable')}</summary>
        <TimelineTable timeline={tl} label={label} t={t} />
      </details>
    </section>
  );
}

function TimelineTable({ timeline, label, t }: { timeline: RotationTimeline; label: Labeller; t: T }) {
  const firstComing = timeline.segments.findIndex((s) => s.when === 'coming');
  const todayRow = (
    <tr key="today" className="timeline-today-row">
      <th scope="row" colSpan={4}>
        {t('rotation.timeline.todayRow', { date: formatDate(timeline.today) })}
      </th>
    </tr>
  );
  const rows: React.ReactNode[] = [];
  timeline.segments.forEach((s, i) => {
    if (i === firstComing) rows.push(todayRow);
    rows.push(<SegmentRow key={s.key} segment={s} label={label} t={t} />);
  });
  if (firstComing < 0) rows.push(todayRow);
  return (
    <table className="data" style={{ marginTop: 8 }}>
      <caption className="visually-hidden">{t('rotation.timeline.asTable')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('rotation.timeline.period')}</th>
          <th scope="col">{t('rotation.timeline.chair')}</th>
          <th scope="col">{t('rotation.timeline.meetings')}</th>
          <th scope="col">{t('rotation.timeline.when')}</th>
        </tr>
      </thead>
      <tbody>{rows}</tbody>
    </table>
  );
}

function SegmentRow({ segment: s, label, t }: { segment: TimelineSegment; label: Labeller; t: T }) {
  return (
    <tr className={s.when === 'current' ? 'timeline-current-row' : undefined}>
      <td>
        {formatDate(s.from)} – {formatDate(s.lastDay)}
        {s.handover && (
          <>
            {' '}
            <span className="badge lead">{t('rotation.timeline.handover')}</span>
          </>
        )}
      </td>
      <td>
        <strong>{s.chairId ? label(s.chairId) : t('rotation.timeline.nobody')}</strong>
      </td>
      <td>
        {s.meetings.length === 0
          ? '–'
          : s.meetings
              .map(
                (m) =>
                  `${formatDate(m.date)} ${m.title}${m.status !== 'planned' ? ` (${t(`rotation.schedule.${m.status}`)})` : ''}${
                    m.chairId && m.chairId !== s.chairId ? `: ${label(m.chairId)}` : ''
                  }`,
              )
              .join('; ')}
      </td>
      <td>
        {s.when === 'current' ? (
          <span className="badge">{t('rotation.timeline.whenValues.current')}</span>
        ) : (
          t(`rotation.timeline.whenValues.${s.when}`)
        )}
      </td>
    </tr>
  );
}

/** "Meeting 10 Apr 2027: SM → OKM" lines, for the previews and the history. */
export function changeLines(t: T, label: Labeller, changes: ChairChange[]): string[] {
  return changes.map((c) =>
    t('rotation.preview.line', {
      slot:
        c.kind === 'term'
          ? t('rotation.schedule.termRange', { from: formatDate(c.date), to: formatDate(c.lastDay) })
          : `${c.title ?? ''} ${formatDate(c.date)}`.trim(),
      before: label(c.beforeId),
      after: label(c.afterId),
    }),
  );
}

function historyText(t: T, label: Labeller, h: RotationHistoryEntry): string {
  const members = h.members.map(label).join(' → ');
  const base = {
    date: formatDate(h.slotDate ?? h.effectiveFrom),
    otherDate: formatDate(h.otherSlotDate),
    member: label(h.memberId),
  };
  switch (h.kind) {
    case 'created':
    case 'version':
      return t(`rotation.history.kinds.${h.kind}`, { date: formatDate(h.effectiveFrom), members });
    case 'departure':
      return h.successorId
        ? t('rotation.history.kinds.departureSucceed', { ...base, successor: label(h.successorId) })
        : t('rotation.history.kinds.departure', base);
    case 'exceptionRemoved':
      return t('rotation.history.kinds.exceptionRemoved', {
        what: h.exceptionKind ? t(`rotation.history.kinds.${h.exceptionKind}`, base) : '',
      });
    default:
      return t(`rotation.history.kinds.${h.kind}`, base);
  }
}

/** Who changed the rotation, when, and what changed; collapsed under the schedule. */
export function RotationHistory({ view }: { view: RotationView }) {
  const { t } = useTranslation();
  const label = labeller(view);
  return (
    <section className="panel" aria-labelledby="rotation-history">
      <Heading variant="h2" id="rotation-history">
        {t('rotation.history.title')}
      </Heading>
      {view.history.length === 0 ? (
        <Paragraph mt="s">{t('rotation.history.none')}</Paragraph>
      ) : (
        <details style={{ marginTop: 8 }}>
          <summary>
            {t('rotation.history.title')} ({view.history.length})
          </summary>
          <ol className="rotation-history">
            {view.history.map((h) => (
              <li key={h.id}>
                <span className="muted">{formatDate(h.date)}</span> {historyText(t, label, h)}
                {h.reason ? ` – ${h.reason}` : ''}
                <span className="muted">
                  {' '}
                  · {h.byName ? t('rotation.history.by', { name: h.byName }) : t('rotation.history.unknownBy')}
                </span>
                {h.changes.length > 0 && (
                  <>
                    <div>{t('rotation.history.changes', { count: h.changes.length })}</div>
                    <ul>
                      {changeLines(t, label, h.changes).map((line, i) => (
                        <li key={i}>{line}</li>
                      ))}
                    </ul>
                  </>
                )}
              </li>
            ))}
          </ol>
        </details>
      )}
    </section>
  );
}
