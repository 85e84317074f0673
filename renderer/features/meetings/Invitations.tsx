import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading } from 'suomifi-ui-components';
import { REPLY_RESPONSES, type ExpectedAttendance, type ReplyResponse } from '../../../shared/domain/materials';
import type { MeetingDetail } from '../../../shared/domain/meetings';
import { api, isDesktop } from '../../api';
import { useApp } from '../../store/app';
import { describeError } from '../../ui/errors';
import { bytesToBase64 } from '../../ui/files';
import { useLoad } from '../../ui/useLoad';
import { downloadGenerated, uiLang } from './common';

const readFile = async (file: File) => bytesToBase64(new Uint8Array(await file.arrayBuffer()));

/**
 * Invitations around the meeting: the iCalendar invitation (or cancellation) of the meeting or its
 * series, the email drafts (.eml) with the agenda or the approved minutes, and the members' replies.
 */
export function InvitationsPanel({ m }: { m: MeetingDetail; reload?: () => void }) {
  const { t } = useTranslation();
  const notify = useApp((s) => s.notify);
  const ids = { heading: useId(), subs: useId(), format: useId(), pdf: useId(), pdfHint: useId(), reply: useId() };
  const [includeSubstitutes, setSubs] = useState(false);
  const [format, setFormat] = useState<'docx' | 'pdf'>('docx');
  const [pdf, setPdf] = useState<{ name: string; base64: string } | null>(null);
  const cancelled = m.status === 'cancelled';
  const approved = m.minutesStatus === 'approved';
  const needsPdfFile = format === 'pdf' && !isDesktop();
  const go = (f: () => Promise<unknown>) => void f().catch((e: unknown) => notify('error', describeError(t, e)));
  const save = async (file: { fileName: string; contentBase64: string; mimeType: string }) => {
    await downloadGenerated(file);
    notify('success', t('invitations.saved', { name: file.fileName }));
  };
  const email = (kind: 'invitation' | 'minutes') =>
    go(async () =>
      save(
        await api.invitations.email({
          meetingId: m.id,
          kind,
          documentFormat: format,
          includeSubstitutes,
          lang: uiLang(),
          ...(needsPdfFile && pdf ? { pdfBase64: pdf.base64 } : {}),
        }),
      ),
    );
  return (
    <section className="panel" aria-labelledby={ids.heading}>
      <Heading variant="h2" id={ids.heading}>
        {t('invitations.title')}
      </Heading>
      <p className="muted">{t('invitations.intro')}</p>
      <div className="form-grid">
        <div>
          <input id={ids.subs} type="checkbox" checked={includeSubstitutes} onChange={(e) => setSubs(e.target.checked)} />{' '}
          <label htmlFor={ids.subs}>{t('invitations.includeSubstitutes')}</label>
        </div>
        <div>
          <label className="field-label" htmlFor={ids.format}>
            {t('invitations.format')}
          </label>
          <select
            id={ids.format}
            className="native-select"
            value={format}
            onChange={(e) => setFormat(e.target.value === 'pdf' ? 'pdf' : 'docx')}
          >
            <option value="docx">{t('invitations.docx')}</option>
            <option value="pdf">{t('invitations.pdf')}</option>
          </select>
        </div>
        {needsPdfFile && (
          <div>
            <label className="field-label" htmlFor={ids.pdf}>
              {t('invitations.pdfFile')}
            </label>
            <input
              id={ids.pdf}
              type="file"
              accept=".pdf,application/pdf"
              className="native-select"
              aria-describedby={ids.pdfHint}
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) go(async () => setPdf({ name: file.name, base64: await readFile(file) }));
              }}
            />
            <p className="muted" id={ids.pdfHint}>
              {pdf ? t('invitations.pdfChosen', { name: pdf.name }) : t('invitations.pdfFileHint')}
            </p>
          </div>
        )}
      </div>
      <div className="toolbar">
        <Button
          variant="secondary"
          onClick={() => go(async () => save(await api.invitations.calendar({ meetingId: m.id, includeSubstitutes })))}
        >
          {cancelled ? t('invitations.cancelIcs') : t('invitations.meetingIcs')}
        </Button>
        {m.seriesId && (
          <Button
            variant="secondary"
            onClick={() => go(async () => save(await api.invitations.calendar({ seriesId: m.seriesId!, includeSubstitutes })))}
          >
            {t('invitations.seriesIcs')}
          </Button>
        )}
        <Button variant="secondary" onClick={() => email('invitation')}>
          {cancelled ? t('invitations.emailCancel') : t('invitations.emailInvitation')}
        </Button>
        <Button
          variant="secondary"
          disabled={!approved}
          onClick={() => email('minutes')}
          aria-describedby={approved ? undefined : `${ids.heading}-minutes`}
        >
          {t('invitations.emailMinutes')}
        </Button>
      </div>
      {!approved && (
        <p className="muted" id={`${ids.heading}-minutes`}>
          {t('invitations.minutesNotApproved')}
        </p>
      )}
      <ExpectedAttendancePanel meetingId={m.id} />
    </section>
  );
}

/** Who is expected: every member with their answer (from an imported reply or recorded by hand). */
export function ExpectedAttendancePanel({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const notify = useApp((s) => s.notify);
  const expected = useLoad(() => api.invitations.expected({ meetingId }), [meetingId]);
  const ids = { heading: useId(), reply: useId(), answerCol: useId() };
  const importReply = (file: File, input: HTMLInputElement) =>
    void (async () => {
      try {
        const r = await api.invitations.importReply({ meetingId, contentBase64: await readFile(file) });
        const unknown = r.unknownAddresses.length
          ? ` ${t('invitations.unknownAddresses', { addresses: r.unknownAddresses.join(', ') })}`
          : '';
        notify('success', `${t('invitations.imported', { count: r.recorded.length })}${unknown}`);
        expected.reload();
      } catch (e) {
        notify('error', describeError(t, e));
      } finally {
        input.value = '';
      }
    })();
  const setReply = (personId: string, name: string, response: ReplyResponse | null) =>
    void (async () => {
      try {
        await api.invitations.setReply({ meetingId, personId, response });
        notify('success', t('invitations.answerSaved', { name }));
        expected.reload();
      } catch (e) {
        notify('error', describeError(t, e));
      }
    })();
  const data: ExpectedAttendance | undefined = expected.data;
  return (
    <>
      <Heading variant="h3" as="h3" id={ids.heading}>
        {t('invitations.repliesTitle')}
      </Heading>
      <div>
        <label className="field-label" htmlFor={ids.reply}>
          {t('invitations.importReply')}
        </label>
        <input
          id={ids.reply}
          type="file"
          accept=".ics,text/calendar"
          className="native-select"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) importReply(file, e.target);
          }}
        />
      </div>
      {expected.error !== undefined && <p role="alert">{describeError(t, expected.error)}</p>}
      {data && (
        <>
          <p role="status">{t('invitations.counts', data.counts)}</p>
          <table className="data" aria-labelledby={ids.heading}>
            <thead>
              <tr>
                <th scope="col">{t('invitations.columns.person')}</th>
                <th scope="col">{t('invitations.columns.organisation')}</th>
                <th scope="col">{t('invitations.columns.email')}</th>
                <th scope="col" id={ids.answerCol}>
                  {t('invitations.columns.answer')}
                </th>
                <th scope="col">{t('invitations.columns.source')}</th>
              </tr>
            </thead>
            <tbody>
              {data.attendees.map((a) => (
                <tr key={a.personId}>
                  <th scope="row" id={`${ids.answerCol}-${a.personId}`}>
                    {a.personName}
                  </th>
                  <td>{a.organisationAbbreviation ?? ''}</td>
                  <td>{a.email ?? t('invitations.noEmail')}</td>
                  <td>
                    <select
                      className="native-select"
                      aria-labelledby={`${ids.answerCol} ${ids.answerCol}-${a.personId}`}
                      value={a.response ?? ''}
                      onChange={(e) =>
                        setReply(a.personId, a.personName, e.target.value ? (e.target.value as ReplyResponse) : null)
                      }
                    >
                      <option value="">{t('invitations.noAnswer')}</option>
                      {REPLY_RESPONSES.map((r) => (
                        <option key={r} value={r}>
                          {t(`invitations.response.${r}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>{a.source ? t(`invitations.source.${a.source}`) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}

/** Run mode: the expected answers at a glance, next to the attendance being taken. */
export function ExpectedAttendanceSummary({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const expected = useLoad(() => api.invitations.expected({ meetingId }), [meetingId]);
  const id = useId();
  if (!expected.data) return null;
  const d = expected.data;
  return (
    <section className="panel" aria-labelledby={id}>
      <Heading variant="h2" id={id}>
        {t('invitations.repliesTitle')}
      </Heading>
      <p>{t('invitations.counts', d.counts)}</p>
      <ul>
        {d.attendees.map((a) => (
          <li key={a.personId}>
            {a.personName}
            {a.organisationAbbreviation ? ` (${a.organisationAbbreviation})` : ''}:{' '}
            {t('invitations.runExpected', {
              answer: a.response ? t(`invitations.response.${a.response}`) : t('invitations.noAnswer'),
            })}
          </li>
        ))}
      </ul>
    </section>
  );
}
