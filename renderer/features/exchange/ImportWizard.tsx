import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading, InlineAlert, Paragraph, TextInput } from 'suomifi-ui-components';
import type { ImportPreview, ImportResult, RecordChange, TableCounts } from '../../../shared/domain/exchange';
import { api } from '../../api';
import { to, useApp } from '../../store/app';
import { RouteLink } from '../../ui/RouteLink';
import { formatDate, formatDateTime } from '../../ui/dates';
import { describeError } from '../../ui/errors';
import { SelectField } from '../../ui/fields';
import { pickFile } from '../../ui/files';
import { useLoad } from '../../ui/useLoad';
import { CallProgressBar, useLongCall } from '../../ui/CallProgress';
import { WGX_TYPES } from './files';
import { WhereLine } from './describe';

/** Choose a file → check it (a dry run) → import it after a backup. */
export function ImportWizard() {
  const { t } = useTranslation();
  const notify = useApp((s) => s.notify);
  const groups = useLoad(() => api.groups.list({}), []);
  const [file, setFile] = useState<{ name: string; contentBase64: string } | null>(null);
  const [expectedGroupId, setExpectedGroupId] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const long = useLongCall();

  const input = () => ({
    contentBase64: file?.contentBase64 ?? '',
    fileName: file?.name.slice(0, 255),
    ...(passphrase ? { passphrase } : {}),
    ...(expectedGroupId ? { expectedGroupId } : {}),
  });

  const choose = async () => {
    const picked = await pickFile(WGX_TYPES);
    if (!picked) return;
    setFile(picked);
    setPreview(null);
    setError(null);
  };
  const check = async () => {
    if (!file) return setError(t('exchange.errors.noFile'));
    setBusy(true);
    setError(null);
    try {
      setPreview(await api.exchange.preview(input()));
    } catch (e) {
      setPreview(null);
      setError(describeError(t, e));
    } finally {
      setBusy(false);
    }
  };
  const apply = async () => {
    setBusy(true);
    try {
      const r = await long.run((a) => a.exchange.import(input()));
      setResult(r);
      notify(
        'success',
        r.applied
          ? t('exchange.import.doneTitle')
          : t('exchange.import.doneNothing', { date: formatDateTime(r.alreadyImportedAt) }),
      );
    } catch (e) {
      setError(describeError(t, e));
    } finally {
      setBusy(false);
    }
  };
  const reset = () => {
    setFile(null);
    setPreview(null);
    setResult(null);
    setError(null);
    setPassphrase('');
  };

  if (result) {
    return (
      <div>
        <div className="page-header">
          <Heading variant="h1">{t('exchange.import.title')}</Heading>
        </div>
        <section className="panel" aria-labelledby="import-done" role="status">
          <Heading variant="h2" id="import-done">
            {result.applied
              ? t('exchange.import.doneTitle')
              : t('exchange.import.doneNothing', { date: formatDateTime(result.alreadyImportedAt) })}
          </Heading>
          {result.applied && <Paragraph mt="s">{t('exchange.import.totals', result.totals)}</Paragraph>}
          {result.backupFileName && (
            <Paragraph mt="s">{t('exchange.import.backupMade', { file: result.backupFileName })}</Paragraph>
          )}
          {result.conflicts.length + result.flags.length > 0 && (
            <Paragraph mt="s">
              <RouteLink to={to('exchange', 'conflicts')}>
                {t('exchange.hub.conflictsCount', { count: result.conflicts.length + result.flags.length })}
              </RouteLink>
            </Paragraph>
          )}
          <div className="form-actions">
            <Button variant="secondary" onClick={reset}>
              {t('exchange.import.another')}
            </Button>
          </div>
        </section>
      </div>
    );
  }

  return (
    <div>
      <div className="page-header">
        <Heading variant="h1">{t('exchange.import.title')}</Heading>
      </div>
      <Paragraph mt="s">{t('exchange.import.intro')}</Paragraph>
      <section className="panel" aria-labelledby="import-file">
        <Heading variant="h2" id="import-file" className="visually-hidden">
          {t('exchange.import.choose')}
        </Heading>
        <div className="form-grid">
          <div>
            <Button variant="secondary" onClick={() => void choose()}>
              {t('exchange.import.choose')}
            </Button>
            {file && <Paragraph mt="xs">{t('exchange.import.chosen', { file: file.name })}</Paragraph>}
          </div>
          <SelectField
            label={t('exchange.import.expectedGroupLabel')}
            value={expectedGroupId}
            onChange={(v) => {
              setExpectedGroupId(v);
              setPreview(null);
            }}
            emptyLabel={t('exchange.import.anyScope')}
            options={(groups.data ?? []).map((g) => ({ value: g.id, label: g.name }))}
          />
          <TextInput
            type="password"
            labelText={t('exchange.import.passphraseLabel')}
            value={passphrase}
            onChange={(v) => {
              setPassphrase(String(v ?? ''));
              setPreview(null);
            }}
            autoComplete="off"
            name="passphrase"
          />
        </div>
        {error && (
          <InlineAlert status="error" className="import-error">
            {error}
          </InlineAlert>
        )}
        <div className="form-actions">
          <Button disabled={busy || !file} onClick={() => void check()}>
            {busy && !preview ? t('exchange.import.checking') : t('exchange.import.preview')}
          </Button>
        </div>
      </section>
      {preview && (
        <PreviewView preview={preview} busy={busy} onApply={() => void apply()}>
          <CallProgressBar progress={long.progress} onCancel={long.cancel} />
        </PreviewView>
      )}
    </div>
  );
}

function PreviewView({
  preview,
  busy,
  onApply,
  children,
}: {
  preview: ImportPreview;
  busy: boolean;
  onApply: () => void;
  /** The import's progress, under its button. */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const scope = t(`exchange.import.scope.${preview.scope.kind}`, { name: preview.groupName ?? '' });
  const changed = preview.counts.filter((c) => c.added + c.updated + c.deleted + c.restored > 0);
  return (
    <section className="panel" aria-labelledby="import-preview">
      <Heading variant="h2" id="import-preview">
        {t('exchange.import.previewTitle')}
      </Heading>
      <Paragraph mt="s">
        {t('exchange.import.fromComputer', {
          date: formatDateTime(preview.exportedAt),
          scope,
          computer: preview.replicaId.slice(0, 8),
        })}
      </Paragraph>
      {preview.alreadyImportedAt && (
        <InlineAlert status="neutral">
          {t('exchange.import.alreadyImported', { date: formatDateTime(preview.alreadyImportedAt) })}
        </InlineAlert>
      )}
      {preview.clockSkewMinutes !== null && (
        <InlineAlert status="warning">{t('exchange.import.skew', { minutes: preview.clockSkewMinutes })}</InlineAlert>
      )}
      <Paragraph mt="s">{t('exchange.import.totals', preview.totals)}</Paragraph>
      {preview.records ? <RecordList preview={preview} /> : changed.length > 0 && <CountsTable counts={changed} />}
      <ScopeList title={t('exchange.import.sharedTitle')} intro={t('exchange.import.sharedIntro')} rows={preview.sharedChanges} />
      <ScopeList title={t('exchange.import.keptTitle')} intro={t('exchange.import.keptIntro')} rows={preview.notApplied} />
      {preview.conflicts.length > 0 && (
        <>
          <Heading variant="h3">{t('exchange.import.conflictsTitle')}</Heading>
          <Paragraph mt="xs">{t('exchange.import.conflictsIntro')}</Paragraph>
          <ul>
            {preview.conflicts.map((c) => (
              <li key={`${c.table}-${c.rowId}-${c.field}`}>
                {t('exchange.conflicts.field', {
                  table: t(`exchange.tables.${c.table}`, { defaultValue: c.table }),
                  label: c.label,
                  field: c.field,
                })}
                <WhereLine where={c.where} />
              </li>
            ))}
          </ul>
        </>
      )}
      {preview.flags.length > 0 && (
        <>
          <Heading variant="h3">{t('exchange.import.flagsTitle')}</Heading>
          <Paragraph mt="xs">{t('exchange.import.flagsIntro')}</Paragraph>
          <ul>
            {preview.flags.map((f) => (
              <li key={`${f.table}-${f.rowId}`}>
                {t(`exchange.tables.${f.table}`, { defaultValue: f.table })}: {f.label}
              </li>
            ))}
          </ul>
        </>
      )}
      {preview.handover && (
        <>
          <Heading variant="h3">{t('exchange.import.handoverTitle')}</Heading>
          <Paragraph mt="xs">
            {preview.handover.from || preview.handover.to
              ? t('exchange.import.handoverBy', {
                  date: formatDate(preview.handover.date),
                  from: preview.handover.from ?? '–',
                  to: preview.handover.to ?? t('exchange.import.handoverNoRecipient'),
                })
              : formatDate(preview.handover.date)}
          </Paragraph>
          {preview.handover.note && <p style={{ whiteSpace: 'pre-wrap' }}>{preview.handover.note}</p>}
        </>
      )}
      <div className="form-actions">
        <Button disabled={busy} onClick={onApply}>
          {busy ? t('exchange.import.applying') : t('exchange.import.apply')}
        </Button>
      </div>
      {children}
    </section>
  );
}

/**
 * Rows outside the file's group or round (docs/exchange-format.md 11.1): the shared organisations and
 * people a group's file updates, and the records it would have changed but leaves as they are here.
 */
function ScopeList({ title, intro, rows }: { title: string; intro: string; rows: ImportPreview['notApplied'] }) {
  const { t } = useTranslation();
  if (rows.length === 0) return null;
  return (
    <>
      <Heading variant="h3">{title}</Heading>
      <Paragraph mt="xs">{intro}</Paragraph>
      <ul>
        {rows.map((n) => {
          const fields = n.fields.map((f) => t(`exchange.fields.${f}`, { defaultValue: f.replace(/_/g, ' ') })).join(', ');
          const what = t(`exchange.records.${n.table}`, {
            defaultValue: t(`exchange.tables.${n.table}`, { defaultValue: n.table }),
          });
          return (
            <li key={`${n.table}-${n.rowId}`}>
              {what}: {n.label || '–'}
              {fields ? ` — ${t('exchange.import.changes', { fields })}` : ''}
            </li>
          );
        })}
      </ul>
    </>
  );
}

function CountsTable({ counts }: { counts: TableCounts[] }) {
  const { t } = useTranslation();
  return (
    <table className="data">
      <thead>
        <tr>
          <th scope="col">{t('exchange.import.table')}</th>
          <th scope="col">{t('exchange.import.added')}</th>
          <th scope="col">{t('exchange.import.updated')}</th>
          <th scope="col">{t('exchange.import.deleted')}</th>
          <th scope="col">{t('exchange.import.restored')}</th>
        </tr>
      </thead>
      <tbody>
        {counts.map((c) => (
          <tr key={c.table}>
            <th scope="row">{t(`exchange.tables.${c.table}`, { defaultValue: c.table })}</th>
            <td>{c.added}</td>
            <td>{c.updated}</td>
            <td>{c.deleted}</td>
            <td>{c.restored}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

interface MeetingBucket {
  key: string;
  title: string | null;
  date: string | null;
  records: RecordChange[];
}

/** The records that change, grouped group → meeting (by date) → record, each saying what changes. */
function RecordList({ preview }: { preview: ImportPreview }) {
  const { t } = useTranslation();
  const records = preview.records ?? [];
  const groups = new Map<string, { name: string; meetings: Map<string, MeetingBucket> }>();
  for (const r of records) {
    const gKey = r.where.groupId ?? '';
    const g = groups.get(gKey) ?? {
      name: r.where.group ?? t('exchange.import.noGroup'),
      meetings: new Map<string, MeetingBucket>(),
    };
    groups.set(gKey, g);
    const mKey = r.where.meetingId ?? '';
    const m = g.meetings.get(mKey) ?? { key: mKey, title: r.where.meeting, date: r.where.date, records: [] };
    g.meetings.set(mKey, m);
    m.records.push(r);
  }
  return (
    <>
      <Heading variant="h3">{t('exchange.import.recordsTitle')}</Heading>
      {records.length === 0 && <Paragraph mt="xs">{t('exchange.import.noRecords')}</Paragraph>}
      <ul className="record-tree">
        {[...groups.entries()].map(([gKey, g]) => (
          <li key={gKey}>
            <strong>{g.name}</strong>
            <ul>
              {[...g.meetings.values()].map((m) => {
                const lines = m.records
                  .filter(
                    (r) => !(r.table === 'meetings' && r.rowId === m.key && r.action === 'updated' && r.fields.length === 0),
                  )
                  .map((r) => (
                    <li key={`${r.table}-${r.rowId}`}>
                      <RecordLine record={r} />
                    </li>
                  ));
                // Records of no meeting sit directly under their group (no empty meeting level).
                if (!m.title) return lines;
                return (
                  <li key={m.key}>
                    <span>
                      {m.title}
                      {m.date ? `, ${formatDate(m.date)}` : ''}
                    </span>
                    <ul>{lines}</ul>
                  </li>
                );
              })}
            </ul>
          </li>
        ))}
      </ul>
      {(preview.moreRecords ?? 0) > 0 && (
        <Paragraph mt="xs">{t('exchange.import.moreRecords', { count: preview.moreRecords })}</Paragraph>
      )}
      {(preview.bookkeepingRows ?? 0) > 0 && (
        <Paragraph mt="xs">{t('exchange.import.bookkeeping', { count: preview.bookkeepingRows })}</Paragraph>
      )}
    </>
  );
}

function RecordLine({ record: r }: { record: RecordChange }) {
  const { t } = useTranslation();
  const what = t(`exchange.records.${r.table}`, { defaultValue: t(`exchange.tables.${r.table}`, { defaultValue: r.table }) });
  const fields = r.fields.map((f) => t(`exchange.fields.${f}`, { defaultValue: f.replace(/_/g, ' ') })).join(', ');
  return (
    <>
      <span className="badge">{t(`exchange.import.action.${r.action}`)}</span> {what}: {r.label || '–'}
      {r.where.item && r.table !== 'agenda_items' ? ` (${t('exchange.import.underItem', { item: r.where.item })})` : ''}
      {r.action === 'updated' && fields ? ` — ${t('exchange.import.changes', { fields })}` : ''}
    </>
  );
}
