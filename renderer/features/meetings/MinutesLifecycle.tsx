import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading } from 'suomifi-ui-components';
import type { MeetingDetail, MinutesHistoryEntry } from '../../../shared/domain/meetings';
import { api } from '../../api';
import { useApp } from '../../store/app';
import { formatDateTime } from '../../ui/dates';
import { describeError } from '../../ui/errors';
import { SelectField, TextField } from '../../ui/fields';
import { useLoad } from '../../ui/useLoad';

/**
 * Where the minutes stand (draft → review → approved), their reviewers (pöytäkirjantarkastajat) with
 * each one's approval, and the history of the minutes, decisions and action items with who changed them.
 */
export function MinutesLifecycle({ m, onChange }: { m: MeetingDetail; onChange: () => void }) {
  const { t } = useTranslation();
  const notify = useApp((s) => s.notify);
  const [note, setNote] = useState('');
  const home = useLoad(() => api.portfolio.home({}), []);
  const me = home.data?.me ?? null;
  const run = (f: () => Promise<unknown>, done: string) =>
    void f().then(
      () => {
        notify('success', done);
        onChange();
      },
      (e: unknown) => notify('error', describeError(t, e)),
    );
  return (
    <section className="panel" aria-labelledby="lifecycle-heading">
      <Heading variant="h2" id="lifecycle-heading">
        {t('meetings.minutes.history')}
      </Heading>
      <p>{t(`meetings.minutes.status.${m.minutesStatus}`)}</p>
      {home.data && (
        <p className="muted">
          {me ? t('meetings.history.recordedAs', { name: me.personName }) : t('meetings.history.recordedAsNobody')}
        </p>
      )}
      {home.error !== undefined && <p className="field-error">{describeError(t, home.error)}</p>}
      <Reviewers m={m} onChange={onChange} />
      <div className="toolbar">
        {m.minutesStatus === 'draft' && (
          <Button onClick={() => run(() => api.meetings.sendForReview({ id: m.id }), t('meetings.minutes.sentForReview'))}>
            {t('meetings.minutes.sendForReview')}
          </Button>
        )}
        {m.minutesStatus !== 'approved' && (
          <Button onClick={() => run(() => api.meetings.approveMinutes({ id: m.id }), t('meetings.minutes.approved'))}>
            {t('meetings.minutes.approve')}
          </Button>
        )}
      </div>
      {m.minutesStatus === 'approved' && (
        <form
          className="toolbar"
          aria-label={t('meetings.minutes.reopen')}
          onSubmit={(e) => {
            e.preventDefault();
            run(() => api.meetings.reopenMinutes({ id: m.id, note }), t('meetings.minutes.reopened'));
          }}
        >
          <TextField label={t('meetings.minutes.reopenNote')} value={note} onChange={setNote} />
          <Button type="submit" variant="secondary">
            {t('meetings.minutes.reopen')}
          </Button>
        </form>
      )}
      <Heading variant="h3" as="h3">
        {t('meetings.history.title')}
      </Heading>
      {m.minutesHistory.length === 0 ? (
        <p className="muted">{t('meetings.history.none')}</p>
      ) : (
        <ul aria-label={t('meetings.history.title')}>
          {m.minutesHistory.map((h) => (
            <li key={h.id}>
              {formatDateTime(h.at)}: {describeChange(t, h)}
              {h.note ? ` — ${h.note}` : ''}
              {h.byName ? ` — ${t('meetings.history.by', { name: h.byName })}` : ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function describeChange(t: ReturnType<typeof useTranslation>['t'], h: MinutesHistoryEntry): string {
  const label = h.label ?? '';
  if (h.entityType === 'minutes') {
    if (h.status === 'reviewer_approved') return t('meetings.history.minutes.reviewer_approved', { name: h.reviewerName ?? '' });
    return t(`meetings.history.minutes.${h.status}`, { defaultValue: h.status });
  }
  if (h.entityType === 'decision') return t(`meetings.history.decision.${h.status}`, { label, defaultValue: h.status });
  if (['created', 'edited', 'removed'].includes(h.status)) return t(`meetings.history.action.${h.status}`, { label });
  return t('meetings.history.action.status', { label, status: t(`meetings.actions.status.${h.status}`) });
}

/** The minutes' reviewers: choose them, and record each one's approval. */
function Reviewers({ m, onChange }: { m: MeetingDetail; onChange: () => void }) {
  const { t } = useTranslation();
  const notify = useApp((s) => s.notify);
  const [personId, setPersonId] = useState('');
  const locked = m.minutesStatus === 'approved';
  const chosen = new Set(m.minutesReviewers.map((r) => r.personId));
  const attending = m.attendance.filter((a) => a.personId && (a.status === 'present' || a.status === 'remote'));
  const candidates = [
    ...new Map(
      [...attending.map((a) => a.personId!), ...m.members.map((x) => x.personId)].map(
        (pid) => [pid, m.peopleNames[pid] ?? m.members.find((x) => x.personId === pid)?.personName ?? ''] as const,
      ),
    ),
  ].filter(([pid, name]) => name && !chosen.has(pid));
  const save = (ids: string[], done: string) =>
    void api.meetings.setMinutesReviewers({ id: m.id, personIds: ids }).then(
      () => {
        notify('success', done);
        onChange();
      },
      (e: unknown) => notify('error', describeError(t, e)),
    );
  return (
    <section aria-labelledby="reviewers-heading">
      <Heading variant="h3" as="h3" id="reviewers-heading">
        {t('meetings.reviewers.title')}
      </Heading>
      <p className="muted">{t('meetings.reviewers.intro')}</p>
      {m.minutesReviewers.length === 0 ? (
        <p>{t('meetings.reviewers.none')}</p>
      ) : (
        <ul>
          {m.minutesReviewers.map((r) => (
            <li key={r.personId}>
              <strong>{r.name}</strong>:{' '}
              {r.approvedAt
                ? t('meetings.reviewers.approvedAt', { at: formatDateTime(r.approvedAt) })
                : t('meetings.reviewers.notYet')}{' '}
              {!locked && !r.approvedAt && (
                <Button
                  variant="secondary"
                  onClick={() =>
                    void api.meetings.approveAsReviewer({ id: m.id, personId: r.personId }).then(
                      () => {
                        notify('success', t('meetings.reviewers.approvedNotice', { name: r.name }));
                        onChange();
                      },
                      (e: unknown) => notify('error', describeError(t, e)),
                    )
                  }
                >
                  {t('meetings.reviewers.approve', { name: r.name })}
                </Button>
              )}{' '}
              {!locked && (
                <button
                  type="button"
                  className="link-button"
                  onClick={() =>
                    save(
                      m.minutesReviewers.filter((x) => x.personId !== r.personId).map((x) => x.personId),
                      t('meetings.reviewers.saved'),
                    )
                  }
                >
                  {t('meetings.reviewers.remove')}
                  <span className="visually-hidden"> ({r.name})</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {!locked && (
        <form
          className="toolbar"
          aria-label={t('meetings.reviewers.add')}
          onSubmit={(e) => {
            e.preventDefault();
            if (!personId) return;
            save([...m.minutesReviewers.map((r) => r.personId), personId], t('meetings.reviewers.saved'));
            setPersonId('');
          }}
        >
          <SelectField
            label={t('meetings.reviewers.person')}
            value={personId}
            onChange={setPersonId}
            options={candidates.map(([pid, name]) => ({ value: pid, label: name }))}
            emptyLabel={t('common.choose')}
          />
          <Button type="submit" variant="secondary">
            {t('meetings.reviewers.add')}
          </Button>
        </form>
      )}
    </section>
  );
}
