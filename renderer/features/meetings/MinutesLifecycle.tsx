import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading } from 'suomifi-ui-components';
import type { MeetingDetail } from '../../../shared/domain/meetings';
import { api } from '../../api';
import { useApp } from '../../store/app';
import { formatDateTime } from '../../ui/dates';
import { describeError } from '../../ui/errors';
import { TextField } from '../../ui/fields';

/** Where the minutes stand (draft → review → approved), the buttons that move them on, and their history. */
export function MinutesLifecycle({ m, onChange }: { m: MeetingDetail; onChange: () => void }) {
  const { t } = useTranslation();
  const notify = useApp((s) => s.notify);
  const [note, setNote] = useState('');
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
      <ul>
        {m.minutesHistory.map((h) => (
          <li key={h.id}>
            {formatDateTime(h.at)}: {t(`meetings.minutes.historyStatus.${h.status}`)}
            {h.note ? ` — ${h.note}` : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}
