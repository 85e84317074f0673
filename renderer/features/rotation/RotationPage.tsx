import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading, InlineAlert, Paragraph } from 'suomifi-ui-components';
import type { RotationExportFormat, RotationView, ScheduleEntry } from '../../../shared/domain/rotation';
import { api } from '../../api';
import { to, useApp } from '../../store/app';
import { formatDate } from '../../ui/dates';
import { describeError } from '../../ui/errors';
import { SelectField } from '../../ui/fields';
import { savePdf, saveFile } from '../../ui/files';
import { RouteLink } from '../../ui/RouteLink';
import { useLoad } from '../../ui/useLoad';
import { changeable, RotationDialog, slotName, type DialogState } from './Dialogs';
import { ChairNowLine, RotationHistory, Timeline } from './Glance';
import { CreateRotationForm, EditOrderForm, SettingsForm } from './RotationForms';
import { useNames } from '../../ui/names';
import { viewIn } from './names';

/** `#/rotation`: the groups with a rotating chair. `#/rotation/<groupId>`: that group's schedule. */
export function RotationPage(props: { params: string[] }) {
  const groupId = props.params[0];
  return groupId ? <ScheduleScreen key={groupId} groupId={groupId} /> : <RotationList />;
}

function RotationList() {
  const { t } = useTranslation();
  const names = useNames();
  const navigate = useApp((s) => s.navigate);
  const rotations = useLoad(() => api.rotation.list({}), []);
  const groups = useLoad(() => api.groups.list({}), []);
  const [groupId, setGroupId] = useState('');
  const [error, setError] = useState<string | undefined>();
  const withRotation = new Set((rotations.data ?? []).map((r) => r.groupId));
  return (
    <>
      <Heading variant="h1">{t('app.nav.rotation')}</Heading>
      <Paragraph mt="s">{t('rotation.intro')}</Paragraph>
      <section className="panel" aria-labelledby="rotation-list" style={{ marginTop: 16 }}>
        <Heading variant="h2" id="rotation-list" className="visually-hidden">
          {t('rotation.title')}
        </Heading>
        {rotations.error !== undefined && <InlineAlert status="error">{describeError(t, rotations.error)}</InlineAlert>}
        {rotations.data && rotations.data.length === 0 && <Paragraph>{t('rotation.list.empty')}</Paragraph>}
        {rotations.data && rotations.data.length > 0 && (
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t('rotation.list.group')}</th>
                <th scope="col">{t('rotation.list.name')}</th>
                <th scope="col">{t('rotation.fields.mode')}</th>
                <th scope="col">{t('rotation.list.members')}</th>
                <th scope="col">{t('rotation.list.nextChair')}</th>
              </tr>
            </thead>
            <tbody>
              {rotations.data.map((r) => (
                <tr key={r.id}>
                  <td>
                    <RouteLink to={to('rotation', r.groupId)}>{names.groupTitle(r.groupId, r.groupName)}</RouteLink>
                  </td>
                  <td>{r.name}</td>
                  <td>{t(`rotation.modes.${r.mode}`)}</td>
                  <td>{(r.unit === 'organisations' ? r.memberLabels.map(names.orgShortOf) : r.memberLabels).join(' → ')}</td>
                  <td>
                    {r.nextChair
                      ? t('rotation.list.nextChairValue', {
                          chair: r.unit === 'organisations' ? names.orgShortOf(r.nextChair.label) : r.nextChair.label,
                          date: formatDate(r.nextChair.date),
                        })
                      : '–'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="panel" aria-labelledby="rotation-setup">
        <Heading variant="h2" id="rotation-setup">
          {t('rotation.list.setUpTitle')}
        </Heading>
        <form
          className="toolbar"
          onSubmit={(e) => {
            e.preventDefault();
            if (!groupId) return setError(t('validation.required'));
            navigate(to('rotation', groupId));
          }}
        >
          <div style={{ minWidth: 320 }}>
            <SelectField
              label={t('rotation.list.chooseGroup')}
              value={groupId}
              onChange={setGroupId}
              options={(groups.data ?? [])
                .filter((g) => !withRotation.has(g.id))
                .map((g) => ({ value: g.id, label: names.group(g) }))}
              emptyLabel={t('common.choose')}
              error={error}
            />
          </div>
          <Button type="submit">{t('rotation.list.setUp')}</Button>
        </form>
      </section>
    </>
  );
}

function ScheduleScreen({ groupId }: { groupId: string }) {
  const { t } = useTranslation();
  const names = useNames();
  const group = useLoad(() => api.groups.get({ id: groupId }), [groupId]);
  const loaded = useLoad(() => api.rotation.forGroup({ groupId }), [groupId]);
  const [override, setOverride] = useState<RotationView | null | undefined>(undefined);
  const given = override === undefined ? loaded.data : override;
  const view = given ? viewIn(given, names) : given;
  const groupName = group.data ? names.groupTitle(group.data) : (view?.groupName ?? '');

  return (
    <>
      <p style={{ margin: '0 0 8px' }}>
        <RouteLink to={to('rotation')}>{t('rotation.schedule.back')}</RouteLink>
        {' · '}
        <RouteLink to={to('groups', groupId, 'chair')}>{t('rotation.schedule.groupLink')}</RouteLink>
      </p>
      <Heading variant="h1">{t('rotation.schedule.heading', { group: groupName })}</Heading>
      {(loaded.error ?? group.error) !== undefined && (
        <InlineAlert status="error" style={{ marginTop: 16 }}>
          {describeError(t, loaded.error ?? group.error)}
        </InlineAlert>
      )}
      {loaded.loading && view === undefined && <Paragraph mt="m">{t('common.loading')}</Paragraph>}
      {view === null && (
        <div style={{ marginTop: 16 }}>
          <CreateRotationForm groupId={groupId} onDone={setOverride} />
        </div>
      )}
      {view && <Schedule view={view} onChange={setOverride} />}
    </>
  );
}

function Schedule({ view, onChange }: { view: RotationView; onChange: (v: RotationView) => void }) {
  const { t, i18n } = useTranslation();
  const notify = useApp((s) => s.notify);
  const [dialog, setDialog] = useState<DialogState>(null);
  const [form, setForm] = useState<'edit' | 'settings' | null>(null);
  const label = (id: string | null) => (id ? (view.members.find((m) => m.id === id)?.label ?? '?') : '–');
  const termMode = view.current.mode !== 'per_meeting';
  const done = (v: RotationView) => {
    setDialog(null);
    setForm(null);
    onChange(v);
  };

  const exportAs = async (format: RotationExportFormat) => {
    try {
      const lang = (['fi', 'sv', 'en'] as const).find((l) => l === i18n.language) ?? 'en';
      const file = await api.rotation.export({ groupId: view.rotation.groupId, format, lang });
      if (format === 'html') await savePdf(file.fileName, file.html ?? '');
      else if (await saveFile(file.fileName, file.contentBase64, file.mimeType)) notify('success', t('rotation.export.saved'));
    } catch (e) {
      notify('error', describeError(t, e));
    }
  };

  const removeException = async (id: string) => {
    try {
      onChange(await api.rotation.removeException({ id }));
      notify('success', t('rotation.exceptions.removed'));
    } catch (e) {
      notify('error', describeError(t, e));
    }
  };
  const removeDeparture = async (memberId: string) => {
    try {
      onChange(await api.rotation.removeDeparture({ rotationId: view.rotation.id, memberId }));
      notify('success', t('rotation.departures.removed'));
    } catch (e) {
      notify('error', describeError(t, e));
    }
  };

  const mode =
    view.current.mode === 'per_meeting'
      ? t('rotation.modes.per_meeting')
      : t(`rotation.modes.${view.current.mode}_n`, {
          count: view.current.termLength ?? 1,
          anchor: formatDate(view.current.anchorDate),
        });
  const next = view.nextHandover;

  return (
    <>
      <section className="panel glance" aria-labelledby="rotation-now" style={{ marginTop: 16 }}>
        <Heading variant="h2" id="rotation-now">
          {t('rotation.glance.title')}
        </Heading>
        <ChairNowLine view={view} />
        {next && (
          <InlineAlert status={next.withinNotice ? 'warning' : 'neutral'} style={{ marginTop: 8 }}>
            {t('rotation.handovers.upcoming', { date: formatDate(next.date), from: label(next.fromId), to: label(next.toId) })}{' '}
            <RouteLink to={to('exchange', 'export', view.rotation.groupId)}>{t('rotation.handovers.prepare')}</RouteLink>
          </InlineAlert>
        )}
      </section>

      <Timeline view={view} />

      <section className="panel" aria-labelledby="rotation-summary" style={{ marginTop: 16 }}>
        <Heading variant="h2" id="rotation-summary">
          {t('rotation.schedule.summary')}: {view.rotation.name}
        </Heading>
        <dl style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '4px 16px', marginTop: 12 }}>
          <dt>{t('rotation.fields.mode')}</dt>
          <dd style={{ margin: 0 }}>{mode}</dd>
          <dt>{t('rotation.schedule.currentOrder')}</dt>
          <dd style={{ margin: 0 }}>{view.orderToday.map(label).join(' → ')}</dd>
          <dt>{t('rotation.fields.cancelledRule')}</dt>
          <dd style={{ margin: 0 }}>{t(`rotation.cancelledRules.${view.rotation.cancelledRule}`)}</dd>
          <dt>{t('rotation.fields.handoverNoticeWeeks')}</dt>
          <dd style={{ margin: 0 }}>{view.rotation.handoverNoticeWeeks}</dd>
          {view.versions.length > 1 && (
            <>
              <dt>{t('rotation.schedule.versions')}</dt>
              <dd style={{ margin: 0 }}>
                {view.versions.map((v) => (
                  <div key={v.id}>
                    {t('rotation.schedule.versionLine', {
                      date: formatDate(v.effectiveFrom),
                      members: v.members.map(label).join(' → '),
                    })}
                  </div>
                ))}
              </dd>
            </>
          )}
        </dl>
        <div className="form-actions">
          <Button variant="secondary" onClick={() => setForm('edit')}>
            {t('rotation.actions.edit')}
          </Button>
          <Button variant="secondary" onClick={() => setForm('settings')}>
            {t('rotation.actions.settings')}
          </Button>
          <Button variant="secondary" onClick={() => setDialog({ kind: 'leave' })}>
            {t('rotation.actions.leave')}
          </Button>
        </div>
      </section>

      {form === 'edit' && <EditOrderForm view={view} onDone={done} onCancel={() => setForm(null)} />}
      {form === 'settings' && <SettingsForm view={view} onDone={done} onCancel={() => setForm(null)} />}

      <section className="panel" aria-labelledby="rotation-export">
        <Heading variant="h2" id="rotation-export">
          {t('rotation.export.heading')}
        </Heading>
        <div className="toolbar" style={{ marginBottom: 0 }}>
          <Button variant="secondary" onClick={() => void exportAs('ics')}>
            {t('rotation.export.ics')}
          </Button>
          <Button variant="secondary" onClick={() => void exportAs('csv')}>
            {t('rotation.export.csv')}
          </Button>
          <Button variant="secondary" onClick={() => void exportAs('html')}>
            {t('rotation.export.pdf')}
          </Button>
          <Button variant="secondary" onClick={() => void exportAs('docx')}>
            {t('rotation.export.docx')}
          </Button>
        </div>
      </section>

      <section className="panel" aria-labelledby="rotation-schedule">
        <Heading variant="h2" id="rotation-schedule">
          {t('rotation.schedule.title')}
        </Heading>
        {view.schedule.length === 0 ? (
          <Paragraph mt="s">{t('rotation.schedule.noEntries')}</Paragraph>
        ) : (
          <table className="data" style={{ marginTop: 12 }}>
            <thead>
              <tr>
                <th scope="col">{t('rotation.schedule.date')}</th>
                <th scope="col">{t('rotation.schedule.slot')}</th>
                <th scope="col">{t('rotation.schedule.chair')}</th>
                <th scope="col">{t('rotation.schedule.source')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('common.actionsColumn')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {view.schedule.map((entry) => (
                <ScheduleRow
                  key={entry.key}
                  entry={entry}
                  label={label}
                  termMode={termMode}
                  skipped={skippedAt(view, entry)}
                  onAction={(kind) => setDialog({ kind, entry })}
                />
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="panel" aria-labelledby="rotation-handovers">
        <Heading variant="h2" id="rotation-handovers">
          {t('rotation.handovers.title')}
        </Heading>
        {view.handovers.length === 0 ? (
          <Paragraph mt="s">{t('rotation.handovers.none')}</Paragraph>
        ) : (
          <ul>
            {view.handovers.map((h) => (
              <li key={`${h.date}-${h.toId}`}>
                {t('rotation.handovers.line', { date: formatDate(h.date), from: label(h.fromId), to: label(h.toId) })}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="panel" aria-labelledby="rotation-exceptions">
        <Heading variant="h2" id="rotation-exceptions">
          {t('rotation.exceptions.title')}
        </Heading>
        {view.exceptions.length === 0 ? (
          <Paragraph mt="s">{t('rotation.exceptions.none')}</Paragraph>
        ) : (
          <ul>
            {view.exceptions.map((e) => {
              const what = t(`rotation.exceptions.${e.kind}`, {
                date: formatDate(e.date),
                otherDate: formatDate(e.otherDate),
                member: label(e.memberId),
              });
              return (
                <li key={e.id} style={{ padding: '4px 0' }}>
                  <span className="badge">{t(`rotation.sources.${e.kind}`)}</span> {what}
                  {e.reason ? ` – ${e.reason}` : ''}{' '}
                  <button
                    type="button"
                    className="link-button"
                    aria-label={t('rotation.exceptions.removeNamed', { what })}
                    onClick={() => void removeException(e.id)}
                  >
                    {t('rotation.exceptions.remove')}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
        {view.notices.length > 0 && (
          <>
            <Heading variant="h3" style={{ marginTop: 12 }}>
              {t('rotation.schedule.notices')}
            </Heading>
            <ul>
              {view.notices.map((n, i) => (
                <li key={i}>{t(n.key, n.params ?? {})}</li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section className="panel" aria-labelledby="rotation-departures">
        <Heading variant="h2" id="rotation-departures">
          {t('rotation.departures.title')}
        </Heading>
        {view.departures.length === 0 ? (
          <Paragraph mt="s">{t('rotation.departures.none')}</Paragraph>
        ) : (
          <ul>
            {view.departures.map((d) => {
              const what = t(`rotation.departures.${d.action}`, {
                member: label(d.memberId),
                date: formatDate(d.from),
                successor: label(d.successorId),
              });
              return (
                <li key={d.memberId}>
                  {what}{' '}
                  <button
                    type="button"
                    className="link-button"
                    aria-label={t('rotation.exceptions.removeNamed', { what })}
                    onClick={() => void removeDeparture(d.memberId)}
                  >
                    {t('rotation.exceptions.remove')}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <RotationHistory view={view} />

      <RotationDialog state={dialog} view={view} onClose={() => setDialog(null)} onDone={done} />
    </>
  );
}

/** The member whose turn a skip passed over at this slot, if one did. */
function skippedAt(view: RotationView, entry: ScheduleEntry): string | null {
  const skip = view.exceptions.find(
    (e) => e.kind === 'skip' && (entry.kind === 'term' ? e.termStart === entry.date : e.meetingId === entry.meetingId),
  );
  return skip?.memberId ?? null;
}

function ScheduleRow(props: {
  entry: ScheduleEntry;
  label: (id: string | null) => string;
  termMode: boolean;
  skipped: string | null;
  onAction: (kind: 'override' | 'swap' | 'skip') => void;
}) {
  const { t } = useTranslation();
  const { entry, label } = props;
  const slot = slotName(t, entry);
  const isTerm = entry.kind === 'term';
  // Skips act on the slots that carry turns: meetings per meeting, terms in term modes.
  const canSkip = changeable(entry) && entry.baseChairId !== null && (isTerm || !props.termMode) && entry.source !== 'override';
  const statusBadge = entry.status && entry.status !== 'planned' ? t(`rotation.schedule.${entry.status}`) : null;
  return (
    <tr style={isTerm ? { background: 'var(--color-depthLight3, #f6f7f7)' } : undefined}>
      <td>{isTerm ? `${formatDate(entry.date)} – ${formatDate(entry.lastDay)}` : formatDate(entry.date)}</td>
      <td style={props.termMode && !isTerm ? { paddingLeft: 28 } : undefined}>
        {isTerm ? t('rotation.schedule.term') : <RouteLink to={to('meetings', entry.meetingId ?? '')}>{entry.title}</RouteLink>}
        {statusBadge && (
          <>
            {' '}
            <span className="badge">{statusBadge}</span>
          </>
        )}
      </td>
      <td>
        <strong>{entry.status === 'cancelled' ? '–' : label(entry.chairId)}</strong>
      </td>
      <td>
        {entry.source !== 'base' && entry.source !== 'none' && (
          <span className="badge">{t(`rotation.sources.${entry.source}`)}</span>
        )}
        {/* A skip that a swap or override then overruled is still said: the "by the order" chair is after it. */}
        {props.skipped && entry.source !== 'skip' && (
          <>
            {' '}
            <span className="badge">{t('rotation.sources.skip')}</span>
          </>
        )}
        {entry.status !== 'cancelled' &&
          (props.skipped ? (
            <span className="muted">
              {' '}
              {entry.chairId !== entry.baseChairId && entry.baseChairId
                ? t('rotation.schedule.wasChairAfterSkip', { chair: label(entry.baseChairId), skipped: label(props.skipped) })
                : t('rotation.schedule.skippedMember', { skipped: label(props.skipped) })}
            </span>
          ) : (
            entry.chairId !== entry.baseChairId &&
            entry.baseChairId && (
              <span className="muted"> {t('rotation.schedule.wasChair', { chair: label(entry.baseChairId) })}</span>
            )
          ))}
        {entry.handover && (
          <>
            {' '}
            <span className="badge lead">{t('rotation.schedule.handover')}</span>
          </>
        )}
        {entry.chairAbsent && (
          <div className="field-error" role="note">
            {t('rotation.schedule.absent', { chair: label(entry.chairId) })}
          </div>
        )}
      </td>
      <td>
        {changeable(entry) && (
          <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
            <button
              type="button"
              className="link-button"
              aria-label={`${t('rotation.actions.override')} ${slot}`}
              onClick={() => props.onAction('override')}
            >
              {t('rotation.actions.override')}
            </button>
            <button
              type="button"
              className="link-button"
              aria-label={`${t('rotation.actions.swap')} ${slot}`}
              onClick={() => props.onAction('swap')}
            >
              {t('rotation.actions.swap')}
            </button>
            {canSkip && (
              <button
                type="button"
                className="link-button"
                aria-label={`${t('rotation.actions.skip')} ${slot}`}
                onClick={() => props.onAction('skip')}
              >
                {t('rotation.actions.skip')}
              </button>
            )}
          </div>
        )}
      </td>
    </tr>
  );
}
