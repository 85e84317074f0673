import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading, Paragraph } from 'suomifi-ui-components';
import { api } from '../../api';
import { to } from '../../store/app';
import { RouteLink } from '../../ui/RouteLink';
import { SelectField } from '../../ui/fields';
import { formatDateTime } from '../../ui/dates';
import { describeError } from '../../ui/errors';
import { saveFile } from '../../ui/files';
import { useLoad } from '../../ui/useLoad';
import { CallProgressBar, useLongCall } from '../../ui/CallProgress';
import { useApp } from '../../store/app';
import { ExportWizard } from './ExportWizard';
import { ImportWizard } from './ImportWizard';
import { ConflictsView } from './ConflictsView';
import { BackupsView } from './BackupsView';
import { WGX_TYPES } from './files';

/**
 * `#/exchange` hub; `#/exchange/export/<groupId>` the handover wizard; `#/exchange/import`;
 * `#/exchange/conflicts`; `#/exchange/backups`.
 */
export function ExchangePage({ params }: { params: string[] }) {
  const [section, id] = params;
  if (section === 'export' && id) return <ExportWizard groupId={id} />;
  if (section === 'import') return <ImportWizard />;
  if (section === 'conflicts') return <ConflictsView />;
  if (section === 'backups') return <BackupsView />;
  return <Hub />;
}

function Hub() {
  const { t } = useTranslation();
  const notify = useApp((s) => s.notify);
  const navigate = useApp((s) => s.navigate);
  const groups = useLoad(() => api.groups.list({}), []);
  const conflicts = useLoad(() => api.exchange.conflicts({}), []);
  const log = useLoad(() => api.exchange.log({}), []);
  const [groupId, setGroupId] = useState('');
  const [busy, setBusy] = useState(false);
  const long = useLongCall();

  const exportDatabase = async () => {
    setBusy(true);
    try {
      const file = await long.run((a) => a.exchange.exportDatabase({}));
      await saveFile(file.fileName, file.contentBase64, 'application/octet-stream', WGX_TYPES);
      notify('success', t('exchange.export.exportDatabaseDone', { file: file.fileName }));
      log.reload();
    } catch (e) {
      notify('error', describeError(t, e));
    } finally {
      setBusy(false);
    }
  };

  const open = conflicts.data?.length ?? 0;
  return (
    <div>
      <Heading variant="h1">{t('exchange.hub.title')}</Heading>
      <Paragraph mt="s">{t('exchange.hub.intro')}</Paragraph>

      <section className="panel" aria-labelledby="exchange-handover">
        <Heading variant="h2" id="exchange-handover">
          {t('exchange.hub.handoverTitle')}
        </Heading>
        <Paragraph mt="s">{t('exchange.hub.handoverIntro')}</Paragraph>
        <div className="form-grid">
          <SelectField
            label={t('exchange.hub.groupLabel')}
            value={groupId}
            onChange={setGroupId}
            emptyLabel={t('common.choose')}
            options={(groups.data ?? []).map((g) => ({ value: g.id, label: g.name }))}
          />
        </div>
        <div className="form-actions">
          <Button disabled={!groupId} onClick={() => navigate(to('exchange', 'export', groupId))}>
            {t('exchange.hub.prepare')}
          </Button>
        </div>
      </section>

      <section className="panel" aria-labelledby="exchange-links">
        <Heading variant="h2" id="exchange-links" className="visually-hidden">
          {t('exchange.hub.title')}
        </Heading>
        <ul>
          <li>
            <RouteLink to={to('exchange', 'import')}>{t('exchange.hub.importLink')}</RouteLink>
          </li>
          <li>
            <RouteLink to={to('exchange', 'conflicts')}>
              {open > 0 ? t('exchange.hub.conflictsCount', { count: open }) : t('exchange.hub.conflictsLink')}
            </RouteLink>
          </li>
          <li>
            <RouteLink to={to('exchange', 'backups')}>{t('exchange.hub.backupsLink')}</RouteLink>
          </li>
        </ul>
      </section>

      <section className="panel" aria-labelledby="exchange-database">
        <Heading variant="h2" id="exchange-database">
          {t('exchange.hub.databaseTitle')}
        </Heading>
        <Paragraph mt="s">{t('exchange.hub.databaseIntro')}</Paragraph>
        <div className="form-actions">
          <Button variant="secondary" disabled={busy} onClick={() => void exportDatabase()}>
            {t('exchange.hub.exportDatabase')}
          </Button>
        </div>
        <CallProgressBar progress={long.progress} onCancel={long.cancel} />
      </section>

      <section className="panel" aria-labelledby="exchange-log">
        <Heading variant="h2" id="exchange-log">
          {t('exchange.hub.logTitle')}
        </Heading>
        {(log.data ?? []).length === 0 ? (
          <Paragraph mt="s">{t('exchange.hub.logEmpty')}</Paragraph>
        ) : (
          <ul>
            {(log.data ?? []).slice(0, 10).map((e) => (
              <li key={e.id}>
                {e.direction === 'export' ? t('exchange.hub.exported') : t('exchange.hub.imported')} {formatDateTime(e.at)}
                {e.fileName ? ` — ${e.fileName}` : ''}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
