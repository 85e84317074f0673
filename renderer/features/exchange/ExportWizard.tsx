import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Checkbox, Heading, Paragraph, TextInput } from 'suomifi-ui-components';
import { exportGroupInput } from '../../../shared/contract/exchange';
import type { ExportSummary, HandoverChecklist } from '../../../shared/domain/exchange';
import type { GroupDetail } from '../../../shared/domain/groups';
import { api } from '../../api';
import { to, useApp } from '../../store/app';
import { RouteLink } from '../../ui/RouteLink';
import { formatDate } from '../../ui/dates';
import { useNames } from '../../ui/names';
import { describeError, validateWith, type FieldErrors } from '../../ui/errors';
import { SelectField, TextAreaField } from '../../ui/fields';
import { savePdf, saveFile } from '../../ui/files';
import { useLoad } from '../../ui/useLoad';
import { WGX_TYPES } from './files';

/** The outgoing chair's handover: checklist from the data, a note, optional passphrase, the file. */
export function ExportWizard({ groupId }: { groupId: string }) {
  const { t, i18n } = useTranslation();
  const notify = useApp((s) => s.notify);
  const group = useLoad(() => api.groups.get({ id: groupId }), [groupId]);
  const checklist = useLoad(() => api.exchange.checklist({ groupId }), [groupId]);
  const [note, setNote] = useState('');
  /** `organisation:<id>` or `person:<id>`; undefined until chosen (then the rotation's next chair is suggested). */
  const [recipientKey, setRecipientKey] = useState<string | undefined>(undefined);
  const [encrypt, setEncrypt] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ fileName: string; summary: ExportSummary } | null>(null);
  const names = useNames();

  const loadError = group.error ?? checklist.error;
  if (loadError !== undefined) return <Paragraph>{describeError(t, loadError)}</Paragraph>;
  if (!group.data || !checklist.data) return <Paragraph>{t('common.loading')}</Paragraph>;

  const recipients = recipientOptions(group.data, names);
  const suggested = checklist.data.rotation?.nextChairId
    ? `${checklist.data.rotation.unit === 'people' ? 'person' : 'organisation'}:${checklist.data.rotation.nextChairId}`
    : '';
  const chosenKey = recipientKey ?? (recipients.some((r) => r.value === suggested) ? suggested : '');
  const recipient = recipientFields(chosenKey);
  const recipientName = recipients.find((r) => r.value === chosenKey)?.label ?? null;

  const print = async () => {
    try {
      const lang = (['fi', 'sv', 'en'] as const).find((l) => l === i18n.language) ?? 'en';
      const doc = await api.exchange.checklistDocument({ groupId, ...recipient, lang });
      await savePdf(doc.fileName, doc.html);
    } catch (e) {
      notify('error', describeError(t, e));
    }
  };

  const create = async () => {
    const values = { groupId, note, passphrase: encrypt ? passphrase : '', ...recipient };
    const checked = validateWith(t, exportGroupInput, values);
    const problems: FieldErrors = checked.ok ? {} : { ...checked.errors };
    if (problems.passphrase) problems.passphrase = t('exchange.errors.passphraseShort');
    if (encrypt && passphrase !== confirm) problems.confirm = t('exchange.errors.passphraseMismatch');
    if (encrypt && !passphrase) problems.passphrase = t('exchange.errors.passphraseShort');
    setErrors(problems);
    if (Object.keys(problems).length) return;
    setBusy(true);
    try {
      const file = await api.exchange.exportGroup(values);
      await saveFile(file.fileName, file.contentBase64, 'application/octet-stream', WGX_TYPES);
      setDone({ fileName: file.fileName, summary: file.summary });
      checklist.reload();
    } catch (e) {
      notify('error', describeError(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <div className="page-header">
        <Heading variant="h1">{t('exchange.export.title', { group: group.data.name })}</Heading>
      </div>
      <Paragraph mt="s">{t('exchange.export.intro')}</Paragraph>

      {done ? (
        <Done done={done} onAgain={() => setDone(null)} />
      ) : (
        <>
          <section className="panel" aria-labelledby="export-recipient">
            <Heading variant="h2" id="export-recipient">
              {t('exchange.export.recipientLabel')}
            </Heading>
            <Paragraph mt="s">{t('exchange.export.recipientHint')}</Paragraph>
            <div style={{ maxWidth: 480, marginTop: 8 }}>
              <SelectField
                label={t('exchange.export.recipientLabel')}
                value={chosenKey}
                onChange={(v) => setRecipientKey(v)}
                options={recipients}
                emptyLabel={t('exchange.export.noRecipient')}
                name="recipient"
              />
            </div>
          </section>
          <Checklist checklist={checklist.data} recipientName={recipientName} onPrint={() => void print()} />
          <section className="panel" aria-labelledby="export-note">
            <Heading variant="h2" id="export-note">
              {t('exchange.export.noteLabel')}
            </Heading>
            <Paragraph mt="s">{t('exchange.export.noteHint')}</Paragraph>
            <div className="form-grid">
              <TextAreaField
                label={t('exchange.export.noteLabel')}
                value={note}
                onChange={setNote}
                error={errors.note}
                name="note"
              />
              <Checkbox checked={encrypt} onClick={({ checkboxState }) => setEncrypt(checkboxState)}>
                {t('exchange.export.encryptLabel')}
              </Checkbox>
              {encrypt && (
                <>
                  <TextInput
                    type="password"
                    labelText={t('exchange.export.passphraseLabel')}
                    hintText={t('exchange.export.passphraseHint')}
                    value={passphrase}
                    onChange={(v) => setPassphrase(String(v ?? ''))}
                    status={errors.passphrase ? 'error' : 'default'}
                    statusText={errors.passphrase ?? ''}
                    autoComplete="new-password"
                    name="passphrase"
                  />
                  <TextInput
                    type="password"
                    labelText={t('exchange.export.passphraseConfirm')}
                    value={confirm}
                    onChange={(v) => setConfirm(String(v ?? ''))}
                    status={errors.confirm ? 'error' : 'default'}
                    statusText={errors.confirm ?? ''}
                    autoComplete="new-password"
                    name="confirm"
                  />
                </>
              )}
            </div>
            <div className="form-actions">
              <Button disabled={busy} onClick={() => void create()}>
                {busy ? t('exchange.export.creating') : t('exchange.export.create')}
              </Button>
            </div>
          </section>
        </>
      )}
    </div>
  );
}

function Done({ done, onAgain }: { done: { fileName: string; summary: ExportSummary }; onAgain: () => void }) {
  const { t } = useTranslation();
  const s = done.summary;
  return (
    <section className="panel" aria-labelledby="export-done" role="status">
      <Heading variant="h2" id="export-done">
        {t('exchange.export.doneTitle')}
      </Heading>
      <Paragraph mt="s">{t('exchange.export.savedAs', { file: done.fileName })}</Paragraph>
      <Heading variant="h3">{t('exchange.export.summaryTitle')}</Heading>
      <Paragraph mt="s">
        {t('exchange.export.summaryRows', {
          rows: s.rows,
          size: Math.max(1, Math.round(s.sizeBytes / 1024)),
          encrypted: s.encrypted ? t('exchange.export.encrypted') : t('exchange.export.notEncrypted'),
        })}
      </Paragraph>
      <table className="data">
        <tbody>
          {Object.entries(s.tables)
            .filter(([, n]) => n > 0)
            .map(([table, n]) => (
              <tr key={table}>
                <th scope="row">{t(`exchange.tables.${table}`, { defaultValue: table })}</th>
                <td>{n}</td>
              </tr>
            ))}
        </tbody>
      </table>
      <div className="form-actions">
        <Button variant="secondary" onClick={onAgain}>
          {t('exchange.export.again')}
        </Button>
        <RouteLink to={to('exchange')}>{t('exchange.hub.title')}</RouteLink>
      </div>
    </section>
  );
}

/** The people and organisations of the group, as recipient choices. */
function recipientOptions(group: GroupDetail, names: ReturnType<typeof useNames>) {
  const orgs = group.organisations.map((o) => ({
    value: `organisation:${o.organisationId}`,
    label: `${names.orgShort(o.organisationId, o.abbreviation)} – ${names.org(o.organisationId, o.organisationName)}`,
  }));
  const seen = new Set<string>();
  const people = group.members
    .filter((m) => !seen.has(m.personId) && seen.add(m.personId))
    .map((m) => ({
      value: `person:${m.personId}`,
      label: m.organisationAbbreviation ? `${m.personName} (${names.orgShortOf(m.organisationAbbreviation)})` : m.personName,
    }));
  return [...orgs, ...people];
}

function recipientFields(key: string): { toPersonId?: string; toOrganisationId?: string } {
  const [kind, id] = key.split(':');
  if (!id) return {};
  return kind === 'person' ? { toPersonId: id } : { toOrganisationId: id };
}

export function Checklist({
  checklist,
  recipientName,
  onPrint,
}: {
  checklist: HandoverChecklist;
  recipientName: string | null;
  onPrint: () => void;
}) {
  const { t } = useTranslation();
  const nothing = <Paragraph>{t('exchange.export.nothing')}</Paragraph>;
  const r = checklist.rotation;
  return (
    <section className="panel" aria-labelledby="export-checklist">
      <Heading variant="h2" id="export-checklist">
        {t('exchange.export.checklistTitle')}
      </Heading>
      <Paragraph mt="s">{t('exchange.export.checklistIntro')}</Paragraph>
      <p>
        <strong>{t('exchange.export.recipientLabel')}:</strong> {recipientName ?? t('exchange.export.noRecipient')}
      </p>
      <div className="toolbar">
        <Button variant="secondary" onClick={onPrint}>
          {t('exchange.export.print')}
        </Button>
      </div>

      <Heading variant="h3">{t('exchange.export.rotation')}</Heading>
      {!r ? (
        <Paragraph>{t('exchange.export.noRotation')}</Paragraph>
      ) : (
        <dl className="checklist-rotation" style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '4px 16px' }}>
          <dt>{t('exchange.export.rotationName')}</dt>
          <dd style={{ margin: 0 }}>{r.name}</dd>
          <dt>{t('exchange.export.chairNow')}</dt>
          <dd style={{ margin: 0 }}>{r.chairNow ?? t('exchange.export.nobody')}</dd>
          <dt>{t('exchange.export.chairUntil')}</dt>
          <dd style={{ margin: 0 }}>{r.until ? formatDate(r.until) : '–'}</dd>
          <dt>{t('exchange.export.handoverDate')}</dt>
          <dd style={{ margin: 0 }}>{r.handover ? formatDate(r.handover) : '–'}</dd>
          <dt>{t('exchange.export.nextChair')}</dt>
          <dd style={{ margin: 0 }}>{r.nextChair ?? '–'}</dd>
        </dl>
      )}

      <Heading variant="h3">{t('exchange.export.openActions')}</Heading>
      {checklist.openActions.length === 0 ? (
        nothing
      ) : (
        <ul>
          {checklist.openActions.map((a) => (
            <li key={a.id}>
              {a.overdue && <span className="badge">{t('exchange.export.overdue')}</span>} {a.title}
              {a.owner ? ` — ${a.owner}` : ''}
              {a.dueDate ? `, ${t('exchange.export.due', { date: formatDate(a.dueDate) })}` : ''}
            </li>
          ))}
        </ul>
      )}

      <Heading variant="h3">{t('exchange.export.nextMeetings')}</Heading>
      {checklist.nextMeetings.length === 0 ? (
        nothing
      ) : (
        <ul>
          {checklist.nextMeetings.map((m) => (
            <li key={m.id}>
              {formatDate(m.date)} {m.startTime} {m.title} — {m.chair ?? t('exchange.export.chairUnknown')}
            </li>
          ))}
        </ul>
      )}

      <Heading variant="h3">{t('exchange.export.pendingMinutes')}</Heading>
      {checklist.pendingMinutes.length === 0 ? (
        nothing
      ) : (
        <ul>
          {checklist.pendingMinutes.map((m) => (
            <li key={m.id}>
              {formatDate(m.date)} {m.title} ({t('exchange.export.decisions', { count: m.decisions })})
            </li>
          ))}
        </ul>
      )}

      <Heading variant="h3">{t('exchange.export.measures')}</Heading>
      {!checklist.measures?.length ? (
        nothing
      ) : (
        <ul>
          {checklist.measures.map((m) => (
            <li key={m.id}>
              {m.title} ({t(`portfolio.measureStatuses.${m.status}`, { defaultValue: m.status })}
              {m.responsible ? `, ${m.responsible}` : ''}
              {m.dueDate ? `, ${t('exchange.export.due', { date: formatDate(m.dueDate) })}` : ''})
            </li>
          ))}
        </ul>
      )}

      <Heading variant="h3">{t('exchange.export.indicators')}</Heading>
      {!checklist.indicators?.length ? (
        nothing
      ) : (
        <ul>
          {checklist.indicators.map((i) => (
            <li key={i.id}>
              {i.name}: {t('exchange.export.latest')}{' '}
              {i.latest ? `${i.latest.value}${i.unit ? ` ${i.unit}` : ''} (${i.latest.period})` : '–'}
              {i.targetValue !== null
                ? `; ${t('exchange.export.target')} ${i.targetValue}${i.unit ? ` ${i.unit}` : ''}${i.targetDate ? ` (${formatDate(i.targetDate)})` : ''}`
                : ''}
            </li>
          ))}
        </ul>
      )}

      <Heading variant="h3">{t('exchange.export.contacts')}</Heading>
      {checklist.contacts.length === 0 ? (
        nothing
      ) : (
        <ul>
          {checklist.contacts.map((c) => (
            <li key={`${c.personId}-${c.role}`}>
              {c.name} ({t(`groups.memberRoles.${c.role}`, { defaultValue: c.role })}
              {c.organisation ? `, ${c.organisation}` : ''}){c.email ? ` ${c.email}` : ''}
              {c.phone ? ` ${c.phone}` : ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
