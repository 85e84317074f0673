import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, InlineAlert } from 'suomifi-ui-components';
import type { RotationChangeInput, SlotTargetInput } from '../../../shared/contract/rotation';
import type { RotationChangePreview, RotationView, ScheduleEntry } from '../../../shared/domain/rotation';
import { api } from '../../api';
import { useApp } from '../../store/app';
import { formatDate } from '../../ui/dates';
import { describeError } from '../../ui/errors';
import { SelectField, TextField } from '../../ui/fields';
import { Dialog } from './Dialog';
import { changeLines } from './Glance';
import { isIsoDate } from '../../../shared/rotation';
import { useNames } from '../../ui/names';
import { membersIn } from './names';

export type DialogState = { kind: 'override' | 'swap' | 'skip'; entry: ScheduleEntry } | { kind: 'leave' } | null;

export function targetOf(entry: ScheduleEntry): SlotTargetInput {
  return entry.meetingId ? { meetingId: entry.meetingId } : { termStart: entry.date };
}

/** How a slot is named in sentences and button labels: "Meeting title 10 Jan 2027" or "Term 1.1. – 30.6.". */
export function slotName(t: (k: string, o?: Record<string, unknown>) => string, entry: ScheduleEntry): string {
  if (entry.kind === 'term')
    return t('rotation.schedule.termRange', { from: formatDate(entry.date), to: formatDate(entry.lastDay) });
  return `${entry.title ?? ''} ${formatDate(entry.date)}`.trim();
}

/** Can this slot still take an override or a swap (not held, not cancelled)? */
export const changeable = (e: ScheduleEntry) => e.kind === 'term' || e.status === 'planned' || e.status === 'moved';

function useSubmit(onDone: (view: RotationView) => void) {
  const { t } = useTranslation();
  const notify = useApp((s) => s.notify);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const run = async (call: () => Promise<RotationView>) => {
    setBusy(true);
    try {
      const view = await call();
      notify('success', t('rotation.dialogs.saved'));
      onDone(view);
    } catch (e) {
      setError(describeError(t, e));
    } finally {
      setBusy(false);
    }
  };
  return { error, setError, busy, run };
}

function Footer(props: { busy: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="form-actions">
      <Button type="submit" disabled={props.busy}>
        {t('rotation.dialogs.confirm')}
      </Button>
      <Button type="button" variant="secondary" onClick={props.onClose}>
        {t('common.actions.cancel')}
      </Button>
    </div>
  );
}

function ErrorLine({ error }: { error: string | undefined }) {
  return error ? (
    <InlineAlert status="error" style={{ marginTop: 12 }}>
      {error}
    </InlineAlert>
  ) : null;
}

/**
 * "These meetings change:" — what saving would do, before → after, worked out by the backend with the
 * very function that then makes the change (rotation.previewChange). `change` is null until the form
 * says enough.
 */
function ChangePreview({ change, view }: { change: RotationChangeInput | null; view: RotationView }) {
  const { t } = useTranslation();
  const headingId = useId();
  const [state, setState] = useState<{ key: string; preview?: RotationChangePreview; error?: string } | null>(null);
  const key = change ? JSON.stringify(change) : '';
  useEffect(() => {
    if (!change) return;
    let live = true;
    api.rotation.previewChange(change).then(
      (preview) => live && setState({ key, preview }),
      (e: unknown) => live && setState({ key, error: describeError(t, e) }),
    );
    return () => {
      live = false;
    };
    // The change is described by its key; a new object with the same content needs no new preview.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  const current = state?.key === key ? state : null;
  const inLanguage = useNames();
  const previewMembers = membersIn(current?.preview?.members ?? [], view.rotation.unit, inLanguage);
  const names = new Map([...view.members, ...previewMembers].map((m) => [m.id, m.label]));
  const label = (id: string | null) => (id ? (names.get(id) ?? '?') : '–');
  return (
    <section className="change-preview" aria-labelledby={headingId} aria-live="polite">
      <h3 id={headingId} style={{ margin: 0, fontSize: '1rem' }}>
        {t('rotation.preview.title')}
      </h3>
      {!change ? (
        <p style={{ margin: '4px 0 0' }}>{t('rotation.preview.choose')}</p>
      ) : !current ? (
        <p style={{ margin: '4px 0 0' }}>{t('rotation.preview.loading')}</p>
      ) : current.error ? (
        <p className="field-error" style={{ margin: '4px 0 0' }}>
          {current.error}
        </p>
      ) : current.preview!.changes.length === 0 ? (
        <p style={{ margin: '4px 0 0' }}>{t('rotation.preview.none')}</p>
      ) : (
        <ul style={{ margin: '4px 0 0' }}>
          {changeLines(t, label, current.preview!.changes).map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function RotationDialog(props: {
  state: DialogState;
  view: RotationView;
  onClose: () => void;
  onDone: (v: RotationView) => void;
}) {
  const { state } = props;
  if (!state) return null;
  if (state.kind === 'leave') return <LeaveDialog {...props} />;
  if (state.kind === 'swap') return <SwapDialog {...props} entry={state.entry} />;
  if (state.kind === 'skip') return <SkipDialog {...props} entry={state.entry} />;
  return <OverrideDialog {...props} entry={state.entry} />;
}

interface Props {
  view: RotationView;
  onClose: () => void;
  onDone: (v: RotationView) => void;
}

function OverrideDialog(props: Props & { entry: ScheduleEntry }) {
  const { t } = useTranslation();
  const { view, entry } = props;
  const [memberId, setMemberId] = useState('');
  const [reason, setReason] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const { error, busy, run } = useSubmit(props.onDone);
  const slot = slotName(t, entry);
  return (
    <Dialog
      title={t('rotation.dialogs.overrideTitle')}
      description={t('rotation.dialogs.overrideHint', { slot })}
      onClose={props.onClose}
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!memberId) return setFieldError(t('validation.required'));
          void run(() =>
            api.rotation.addOverride({ rotationId: view.rotation.id, target: targetOf(entry), memberId, reason: reason || null }),
          );
        }}
      >
        <div className="form-grid" style={{ marginTop: 12 }}>
          <SelectField
            label={t('rotation.schedule.chair')}
            value={memberId}
            onChange={setMemberId}
            options={view.members.map((m) => ({ value: m.id, label: m.detail ? `${m.label} – ${m.detail}` : m.label }))}
            emptyLabel={t('common.choose')}
            error={fieldError}
          />
          <TextField label={t('rotation.fields.reason')} optional={t('common.optional')} value={reason} onChange={setReason} />
        </div>
        <ChangePreview
          view={view}
          change={
            memberId ? { kind: 'override', rotationId: view.rotation.id, target: targetOf(entry), memberId, reason: null } : null
          }
        />
        <ErrorLine error={error} />
        <Footer busy={busy} onClose={props.onClose} />
      </form>
    </Dialog>
  );
}

function SwapDialog(props: Props & { entry: ScheduleEntry }) {
  const { t } = useTranslation();
  const { view, entry } = props;
  const label = (id: string | null) => view.members.find((m) => m.id === id)?.label ?? '–';
  const others = view.schedule.filter((e) => e.kind === entry.kind && e.key !== entry.key && changeable(e));
  const [otherKey, setOtherKey] = useState('');
  const chosen = others.find((o) => o.key === otherKey);
  const [reason, setReason] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const { error, busy, run } = useSubmit(props.onDone);
  const slot = slotName(t, entry);
  return (
    <Dialog
      title={t('rotation.dialogs.swapTitle')}
      description={t('rotation.dialogs.swapHint', { slot })}
      onClose={props.onClose}
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const other = others.find((o) => o.key === otherKey);
          if (!other) return setFieldError(t('validation.required'));
          void run(() =>
            api.rotation.addSwap({
              rotationId: view.rotation.id,
              first: targetOf(entry),
              second: targetOf(other),
              reason: reason || null,
            }),
          );
        }}
      >
        <div className="form-grid" style={{ marginTop: 12 }}>
          <SelectField
            label={t('rotation.dialogs.swapWith')}
            value={otherKey}
            onChange={setOtherKey}
            options={others.map((o) => ({ value: o.key, label: `${slotName(t, o)} – ${label(o.chairId)}` }))}
            emptyLabel={t('common.choose')}
            error={fieldError}
          />
          <TextField label={t('rotation.fields.reason')} optional={t('common.optional')} value={reason} onChange={setReason} />
        </div>
        <ChangePreview
          view={view}
          change={
            chosen
              ? { kind: 'swap', rotationId: view.rotation.id, first: targetOf(entry), second: targetOf(chosen), reason: null }
              : null
          }
        />
        <ErrorLine error={error} />
        <Footer busy={busy} onClose={props.onClose} />
      </form>
    </Dialog>
  );
}

function SkipDialog(props: Props & { entry: ScheduleEntry }) {
  const { t } = useTranslation();
  const { view, entry } = props;
  const chair = view.members.find((m) => m.id === entry.baseChairId)?.label ?? '–';
  const [reason, setReason] = useState('');
  const { error, busy, run } = useSubmit(props.onDone);
  const slot = slotName(t, entry);
  return (
    <Dialog
      title={t('rotation.dialogs.skipTitle')}
      description={t('rotation.dialogs.skipHint', { slot, chair })}
      onClose={props.onClose}
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!entry.baseChairId) return;
          void run(() =>
            api.rotation.addSkip({
              rotationId: view.rotation.id,
              target: targetOf(entry),
              memberId: entry.baseChairId!,
              reason: reason || null,
            }),
          );
        }}
      >
        <div className="form-grid" style={{ marginTop: 12 }}>
          <TextField label={t('rotation.fields.reason')} optional={t('common.optional')} value={reason} onChange={setReason} />
        </div>
        <ChangePreview
          view={view}
          change={
            entry.baseChairId
              ? { kind: 'skip', rotationId: view.rotation.id, target: targetOf(entry), memberId: entry.baseChairId, reason: null }
              : null
          }
        />
        <ErrorLine error={error} />
        <Footer busy={busy} onClose={props.onClose} />
      </form>
    </Dialog>
  );
}

function LeaveDialog(props: Props) {
  const { t } = useTranslation();
  const { view } = props;
  const label = (id: string) => view.members.find((m) => m.id === id)?.label ?? '?';
  const current = [...new Set(view.versions.flatMap((v) => v.members))];
  const [memberId, setMemberId] = useState('');
  const [from, setFrom] = useState(view.today);
  const [action, setAction] = useState<'skip' | 'succeed'>('skip');
  const [successorId, setSuccessorId] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const { error, busy, run } = useSubmit(props.onDone);
  return (
    <Dialog title={t('rotation.dialogs.leaveTitle')} onClose={props.onClose}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const errs: Record<string, string> = {};
          if (!memberId) errs.memberId = t('validation.required');
          if (action === 'succeed' && !successorId) errs.successorId = t('rotation.errors.successorRequired');
          setFieldErrors(errs);
          if (Object.keys(errs).length) return;
          void run(() =>
            api.rotation.setDeparture({
              rotationId: view.rotation.id,
              memberId,
              from,
              action,
              successorId: action === 'succeed' ? successorId : null,
            }),
          );
        }}
      >
        <div className="form-grid" style={{ marginTop: 12 }}>
          <SelectField
            label={t('rotation.dialogs.leaveMember')}
            value={memberId}
            onChange={setMemberId}
            options={current.map((id) => ({ value: id, label: label(id) }))}
            emptyLabel={t('common.choose')}
            error={fieldErrors.memberId}
          />
          <TextField label={t('rotation.dialogs.leaveFrom')} hint={t('common.dateHint')} value={from} onChange={setFrom} />
        </div>
        <fieldset style={{ border: 0, padding: 0, margin: '16px 0 0' }}>
          <legend className="field-label">{t('rotation.dialogs.leaveAction')}</legend>
          {(['skip', 'succeed'] as const).map((a) => (
            <label key={a} style={{ display: 'block', padding: '4px 0' }}>
              <input type="radio" name="leave-action" value={a} checked={action === a} onChange={() => setAction(a)} />{' '}
              {t(a === 'skip' ? 'rotation.dialogs.leaveSkip' : 'rotation.dialogs.leaveSucceed')}
            </label>
          ))}
        </fieldset>
        {action === 'succeed' && (
          <div style={{ marginTop: 12, maxWidth: 320 }}>
            <SelectField
              label={t('rotation.dialogs.successor')}
              value={successorId}
              onChange={setSuccessorId}
              options={view.members.filter((m) => m.id !== memberId).map((m) => ({ value: m.id, label: m.label }))}
              emptyLabel={t('common.choose')}
              error={fieldErrors.successorId}
            />
          </div>
        )}
        <ChangePreview
          view={view}
          change={
            memberId && isIsoDate(from) && (action === 'skip' || successorId)
              ? {
                  kind: 'leave',
                  rotationId: view.rotation.id,
                  memberId,
                  from,
                  action,
                  successorId: action === 'succeed' ? successorId : null,
                }
              : null
          }
        />
        <ErrorLine error={error} />
        <Footer busy={busy} onClose={props.onClose} />
      </form>
    </Dialog>
  );
}
