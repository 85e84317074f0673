import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Button, Checkbox, Heading, Paragraph, TextInput } from 'suomifi-ui-components';
import { syncLinkInput } from '../../../shared/contract/sync';
import type { SyncLogEntry, SyncStatus } from '../../../shared/domain/sync';
import { api } from '../../api';
import { to, useApp } from '../../store/app';
import { formatAgo, formatDateTime } from '../../ui/dates';
import { describeError } from '../../ui/errors';
import { useFormSubmit } from '../../ui/forms';
import { SelectField, TextField } from '../../ui/fields';
import { RouteLink } from '../../ui/RouteLink';
import { useLoad } from '../../ui/useLoad';
import { useNames } from '../../ui/names';

/** How often the page refreshes its status lines (what came in meanwhile, "2 minutes ago"). */
const REFRESH_MS = 15_000;

/** "Exchanged 2 minutes ago with 3 laptops", then one line per laptop still awaited. */
export function statusLines(t: TFunction, s: SyncStatus, now = new Date()): string[] {
  const lines: string[] = [];
  if (!s.lastExchangeAt) lines.push(t('sync.status.never'));
  else {
    const ago = formatAgo(s.lastExchangeAt, now);
    lines.push(s.laptops === 0 ? t('sync.status.alone', { ago }) : t('sync.status.exchanged', { ago, count: s.laptops }));
  }
  for (const w of s.waiting)
    lines.push(t('sync.status.waiting', { count: w.files, laptop: w.laptopName || w.replicaId.slice(0, 8) }));
  return lines;
}

/** Shared sync folders: linked groups with their status, laptops and log; the form to link one. */
export function SyncPage() {
  const { t } = useTranslation();
  const links = useLoad(() => api.sync.list({}), []);
  const { reload } = links;
  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);
  return (
    <div>
      <div className="page-header">
        <Heading variant="h1">{t('sync.title')}</Heading>
      </div>
      <Paragraph mt="s">{t('sync.intro')}</Paragraph>
      <section aria-labelledby="sync-linked">
        <Heading variant="h2" id="sync-linked">
          {t('sync.list.heading')}
        </Heading>
        {links.data?.length === 0 && <Paragraph mt="s">{t('sync.list.empty')}</Paragraph>}
        {(links.data ?? []).map((s) => (
          <LinkedGroup key={s.groupId} status={s} onChange={reload} />
        ))}
      </section>
      <LinkForm linked={(links.data ?? []).map((s) => s.groupId)} onLinked={reload} />
    </div>
  );
}

function LinkedGroup({ status: s, onChange }: { status: SyncStatus; onChange: () => void }) {
  const { t } = useTranslation();
  const names = useNames();
  const groupName = names.group(s.groupId, s.groupName);
  const notify = useApp((st) => st.notify);
  const [busy, setBusy] = useState(false);
  const [showLog, setShowLog] = useState(false);
  const [confirmUnlink, setConfirmUnlink] = useState(false);
  const [removing, setRemoving] = useState<{ replicaId: string; laptopName: string } | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [unlockError, setUnlockError] = useState<string | null>(null);
  const headingId = `sync-group-${s.groupId}`;

  const run = async (action: () => Promise<unknown>, success?: string) => {
    setBusy(true);
    try {
      await action();
      if (success) notify('success', success);
      onChange();
    } catch (e) {
      notify('error', describeError(t, e));
    } finally {
      setBusy(false);
    }
  };
  const unlock = async () => {
    setBusy(true);
    try {
      await api.sync.unlock({ groupId: s.groupId, passphrase });
      setPassphrase('');
      setUnlockError(null);
      onChange();
    } catch (e) {
      setUnlockError(describeError(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel sync-group" aria-labelledby={headingId}>
      <Heading variant="h3" id={headingId}>
        {groupName}
      </Heading>
      <p className={`sync-state sync-state-${s.state}`}>{t(`sync.state.${s.state}`)}</p>
      <ul className="sync-status">
        {statusLines(t, s).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {s.lastProblem && (
        <p role="status" className="field-error">
          {t(s.lastProblem.key, s.lastProblem.params ?? {})}
        </p>
      )}
      <dl className="facts">
        <dt>{t('sync.status.folder')}</dt>
        <dd className="sync-folder">{s.folder}</dd>
        <dt>{t('sync.status.laptop')}</dt>
        <dd>{s.laptopName}</dd>
        <dt>{t('sync.status.filesWritten')}</dt>
        <dd>{s.filesWritten}</dd>
      </dl>
      <Paragraph mt="xs">{s.remembered ? t('sync.status.remembered') : t('sync.status.sessionOnly')}</Paragraph>

      {s.state === 'locked' && (
        <form
          noValidate
          className="sync-unlock"
          onSubmit={(e) => {
            e.preventDefault();
            void unlock();
          }}
        >
          <TextInput
            labelText={t('sync.link.passphrase')}
            hintText={t('sync.actions.unlockHint')}
            type="password"
            value={passphrase}
            onChange={(v) => setPassphrase(String(v ?? ''))}
            status={unlockError ? 'error' : 'default'}
            statusText={unlockError ?? ''}
          />
          <div className="form-actions">
            <Button type="submit" disabled={busy}>
              {t('sync.actions.unlock')}
            </Button>
          </div>
        </form>
      )}

      <div className="form-actions">
        <Button
          disabled={busy || s.state !== 'active'}
          aria-label={`${t('sync.actions.exchangeNow')}: ${groupName}`}
          onClick={() => void run(() => api.sync.exchangeNow({ groupId: s.groupId }), t('sync.actions.exchanged'))}
        >
          {t('sync.actions.exchangeNow')}
        </Button>
        <Button
          variant="secondary"
          disabled={busy}
          aria-label={`${s.state === 'paused' ? t('sync.actions.resume') : t('sync.actions.pause')}: ${groupName}`}
          onClick={() => void run(() => api.sync.pause({ groupId: s.groupId, paused: s.state !== 'paused' }))}
        >
          {s.state === 'paused' ? t('sync.actions.resume') : t('sync.actions.pause')}
        </Button>
        <Button variant="secondary" aria-expanded={showLog} onClick={() => setShowLog((v) => !v)}>
          {showLog ? t('sync.actions.hideLog') : t('sync.actions.showLog')}
        </Button>
        <Button
          variant="secondary"
          disabled={busy}
          aria-label={`${t('sync.actions.unlink')}: ${groupName}`}
          onClick={() => setConfirmUnlink(true)}
        >
          {t('sync.actions.unlink')}
        </Button>
      </div>

      {confirmUnlink && (
        <div className="panel" role="alertdialog" aria-modal="false" aria-labelledby={`${headingId}-unlink`}>
          <p id={`${headingId}-unlink`}>{t('sync.actions.unlinkConfirm', { group: groupName })}</p>
          <div className="form-actions">
            <Button
              disabled={busy}
              onClick={() =>
                void run(() => api.sync.unlink({ groupId: s.groupId }), t('sync.actions.unlinked', { group: groupName }))
              }
            >
              {t('sync.actions.unlink')}
            </Button>
            <Button variant="secondary" onClick={() => setConfirmUnlink(false)}>
              {t('common.actions.cancel')}
            </Button>
          </div>
        </div>
      )}

      <Heading variant="h4">{t('sync.peers.heading')}</Heading>
      {s.peers.length === 0 ? (
        <Paragraph>{t('sync.peers.empty')}</Paragraph>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t('sync.peers.name')}</th>
              <th scope="col">{t('sync.peers.state')}</th>
              <th scope="col">{t('sync.peers.lastSeen')}</th>
              <th scope="col">{t('sync.peers.lastApplied')}</th>
              <th scope="col">{t('sync.peers.waiting')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('common.actionsColumn')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {s.peers.map((p) => (
              <tr key={p.replicaId}>
                <td>{p.laptopName || p.replicaId.slice(0, 8)}</td>
                <td>{p.removed ? t('sync.peers.removed') : p.left ? t('sync.peers.left') : t('sync.peers.active')}</td>
                <td>{formatDateTime(p.lastSeenAt)}</td>
                <td>{formatDateTime(p.lastAppliedAt)}</td>
                <td>{p.waitingFiles}</td>
                <td>
                  {!p.removed && (
                    <button
                      type="button"
                      className="link-button"
                      aria-label={`${t('sync.actions.removeLaptop')}: ${p.laptopName}`}
                      onClick={() => setRemoving({ replicaId: p.replicaId, laptopName: p.laptopName })}
                    >
                      {t('sync.actions.removeLaptop')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {removing && (
        <div className="panel" role="alertdialog" aria-modal="false" aria-labelledby={`${headingId}-remove`}>
          <p id={`${headingId}-remove`}>{t('sync.actions.removeConfirm', { laptop: removing.laptopName })}</p>
          <div className="form-actions">
            <Button
              disabled={busy}
              onClick={() =>
                void run(async () => {
                  await api.sync.removeLaptop({ groupId: s.groupId, replicaId: removing.replicaId });
                  setRemoving(null);
                })
              }
            >
              {t('sync.actions.removeLaptop')}
            </Button>
            <Button variant="secondary" onClick={() => setRemoving(null)}>
              {t('common.actions.cancel')}
            </Button>
          </div>
        </div>
      )}
      {showLog && <SyncLog groupId={s.groupId} lastExchangeAt={s.lastExchangeAt} />}
    </section>
  );
}

function logDetails(t: TFunction, e: SyncLogEntry): string[] {
  const out: string[] = [];
  if (e.totals) {
    for (const c of e.counts)
      out.push(`${t(`exchange.tables.${c.table}`, { defaultValue: c.table })}: ${t('sync.log.totals', { ...c })}`);
    if (e.counts.length === 0) out.push(t('sync.log.totals', { ...e.totals }));
  } else if (e.rows !== null) out.push(t('sync.log.rows', { count: e.rows }));
  if (e.problem) out.push(t(e.problem.key, e.problem.params ?? {}));
  return out;
}

function SyncLog({ groupId, lastExchangeAt }: { groupId: string; lastExchangeAt: string | null }) {
  const { t } = useTranslation();
  const log = useLoad(() => api.sync.log({ groupId }), [groupId, lastExchangeAt]);
  return (
    <div className="sync-log">
      <Heading variant="h4">{t('sync.log.heading')}</Heading>
      {log.data?.length === 0 ? (
        <Paragraph>{t('sync.log.empty')}</Paragraph>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t('sync.log.at')}</th>
              <th scope="col">{t('sync.log.what')}</th>
              <th scope="col">{t('sync.log.laptop')}</th>
              <th scope="col">{t('sync.log.details')}</th>
            </tr>
          </thead>
          <tbody>
            {(log.data ?? []).map((e) => (
              <tr key={e.id}>
                <td>{formatDateTime(e.at)}</td>
                <td>{t(`sync.log.kind.${e.kind}`)}</td>
                <td>{e.laptopName ?? ''}</td>
                <td>
                  {logDetails(t, e).map((d) => (
                    <div key={d}>{d}</div>
                  ))}
                  {e.records.length > 0 && (
                    <ul className="sync-records">
                      {e.records.slice(0, 20).map((r) => (
                        <li key={`${r.table}-${r.rowId}`}>
                          {t(`sync.log.change.${r.change}`, {
                            table: t(`exchange.tables.${r.table}`, { defaultValue: r.table }),
                            label: r.label || r.rowId.slice(0, 8),
                          })}
                        </li>
                      ))}
                    </ul>
                  )}
                  {e.conflicts.length > 0 && (
                    <div>
                      <RouteLink to={to('exchange', 'conflicts')}>
                        {t('sync.log.conflicts', { count: e.conflicts.length })}
                      </RouteLink>
                      <ul className="sync-records">
                        {e.conflicts.slice(0, 10).map((c) => (
                          <li key={`${c.rowId}-${c.field}`}>{c.label || c.rowId.slice(0, 8)}</li>
                        ))}
                      </ul>
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function LinkForm({ linked, onLinked }: { linked: string[]; onLinked: () => void }) {
  const { t } = useTranslation();
  const names = useNames();
  const notify = useApp((s) => s.notify);
  const info = useApp((s) => s.info);
  const groups = useLoad(() => api.groups.list({}), []);
  const empty = { groupId: '', folder: '', laptopName: '', passphrase: '', remember: true };
  const [values, setValues] = useState(empty);
  const set = (patch: Partial<typeof empty>) => setValues((v) => ({ ...v, ...patch }));
  const desktop = info?.host === 'electron';
  const { errors, formError, submit } = useFormSubmit(
    syncLinkInput,
    (data) => api.sync.link({ ...data, remember: desktop && data.remember }),
    (status) => {
      notify('success', t('sync.link.linked', { group: names.group(status.groupId, status.groupName) }));
      setValues(empty);
      onLinked();
    },
  );
  const options = (groups.data ?? []).filter((g) => !linked.includes(g.id)).map((g) => ({ value: g.id, label: names.group(g) }));
  return (
    <section className="panel" aria-labelledby="sync-link">
      <Heading variant="h2" id="sync-link">
        {t('sync.link.heading')}
      </Heading>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit(values);
        }}
      >
        <SelectField
          label={t('sync.link.group')}
          value={values.groupId}
          onChange={(v) => set({ groupId: v })}
          options={options}
          emptyLabel={t('sync.link.chooseGroup')}
          error={errors.groupId}
        />
        <TextField
          label={t('sync.link.folder')}
          hint={t('sync.link.folderHint')}
          value={values.folder}
          onChange={(v) => set({ folder: v })}
          error={errors.folder}
        />
        <TextField
          label={t('sync.link.laptopName')}
          hint={t('sync.link.laptopNameHint')}
          value={values.laptopName}
          onChange={(v) => set({ laptopName: v })}
          error={errors.laptopName}
        />
        <TextInput
          labelText={t('sync.link.passphrase')}
          hintText={t('sync.link.passphraseHint')}
          type="password"
          value={values.passphrase}
          onChange={(v) => set({ passphrase: String(v ?? '') })}
          status={errors.passphrase ? 'error' : 'default'}
          statusText={errors.passphrase ?? ''}
          fullWidth
        />
        {desktop && (
          <Checkbox checked={values.remember} onClick={({ checkboxState }) => set({ remember: checkboxState })}>
            {t('sync.link.remember')}
          </Checkbox>
        )}
        {formError && (
          <p role="alert" className="field-error">
            {formError}
          </p>
        )}
        <div className="form-actions">
          <Button type="submit">{t('sync.link.submit')}</Button>
        </div>
      </form>
    </section>
  );
}
