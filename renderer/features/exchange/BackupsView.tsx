import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading, Paragraph } from 'suomifi-ui-components';
import type { BackupEntry } from '../../../shared/domain/exchange';
import { api } from '../../api';
import { useApp } from '../../store/app';
import { formatDateTime } from '../../ui/dates';
import { describeError } from '../../ui/errors';
import { saveFile } from '../../ui/files';
import { useLoad } from '../../ui/useLoad';
import { CallProgressBar, useLongCall } from '../../ui/CallProgress';

/** The automatic and manual backups: restore one, or back up now and save a copy where you choose. */
export function BackupsView() {
  const { t } = useTranslation();
  const notify = useApp((s) => s.notify);
  const backups = useLoad(() => api.exchange.backups({}), []);
  const [confirming, setConfirming] = useState<BackupEntry | null>(null);
  const [busy, setBusy] = useState(false);
  const long = useLongCall();

  const backupNow = async () => {
    setBusy(true);
    try {
      const r = await long.run((a) => a.exchange.backupNow({}));
      await saveFile(r.backup.fileName, r.contentBase64, 'application/vnd.sqlite3', [{ name: 'SQLite', extensions: ['sqlite'] }]);
      notify('success', t('exchange.backups.backedUp', { file: r.backup.fileName }));
      backups.reload();
    } catch (e) {
      notify('error', describeError(t, e));
    } finally {
      setBusy(false);
    }
  };
  const restore = async (b: BackupEntry) => {
    setBusy(true);
    try {
      const r = await long.run((a) => a.exchange.restoreBackup({ fileName: b.fileName }));
      notify('success', t('exchange.backups.restored', { date: formatDateTime(b.at), file: r.safetyBackup.fileName }));
      setConfirming(null);
      backups.reload();
    } catch (e) {
      notify('error', describeError(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <div className="page-header">
        <Heading variant="h1">{t('exchange.backups.title')}</Heading>
      </div>
      <Paragraph mt="s">{t('exchange.backups.intro')}</Paragraph>
      <div className="form-actions">
        <Button disabled={busy} onClick={() => void backupNow()}>
          {t('exchange.backups.backupNow')}
        </Button>
      </div>
      <CallProgressBar progress={long.progress} onCancel={long.cancel} />
      {confirming && (
        <section className="panel" aria-labelledby="confirm-restore" role="alertdialog" aria-modal="false">
          <Heading variant="h2" id="confirm-restore">
            {t('exchange.backups.confirmRestore', { date: formatDateTime(confirming.at) })}
          </Heading>
          <div className="form-actions">
            <Button disabled={busy} onClick={() => void restore(confirming)}>
              {t('exchange.backups.confirm')}
            </Button>
            <Button variant="secondary" onClick={() => setConfirming(null)}>
              {t('common.actions.cancel')}
            </Button>
          </div>
        </section>
      )}
      {backups.data?.length === 0 ? (
        <Paragraph mt="m">{t('exchange.backups.empty')}</Paragraph>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t('exchange.backups.at')}</th>
              <th scope="col">{t('exchange.backups.reason')}</th>
              <th scope="col">{t('exchange.backups.size')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('common.actionsColumn')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(backups.data ?? []).map((b) => (
              <tr key={b.fileName}>
                <td>{formatDateTime(b.at)}</td>
                <td>{t(`exchange.backups.reasons.${b.reason}`)}</td>
                <td>{t('exchange.backups.sizeKb', { size: Math.max(1, Math.round(b.sizeBytes / 1024)) })}</td>
                <td>
                  <button
                    type="button"
                    className="link-button"
                    aria-label={t('exchange.backups.restoreNamed', { date: formatDateTime(b.at) })}
                    onClick={() => setConfirming(b)}
                  >
                    {t('exchange.backups.restore')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
