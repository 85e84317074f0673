import { useTranslation } from 'react-i18next';
import { Heading, Paragraph } from 'suomifi-ui-components';
import { api } from '../../api';
import { changeLanguage } from '../../i18n';
import { LANGUAGES, type Lng } from '../../../shared/i18n/resources';
import { useApp } from '../../store/app';
import { describeError } from '../../ui/errors';
import { SelectField } from '../../ui/fields';

export function SettingsPage() {
  const { t } = useTranslation();
  const settings = useApp((s) => s.settings);
  const info = useApp((s) => s.info);
  const setSettings = useApp((s) => s.setSettings);
  const notify = useApp((s) => s.notify);

  const setLanguage = async (language: Lng) => {
    try {
      const next = await api.settings.update({ language });
      setSettings(next);
      await changeLanguage(language);
    } catch (e) {
      notify('error', describeError(t, e));
    }
  };

  return (
    <>
      <Heading variant="h1">{t('settings.title')}</Heading>
      <div className="panel" style={{ marginTop: 20, maxWidth: 480 }}>
        <SelectField<Lng>
          label={t('settings.language')}
          value={settings?.language ?? 'en'}
          onChange={(v) => v && void setLanguage(v)}
          options={LANGUAGES.map((l) => ({ value: l, label: t(`settings.languages.${l}`) }))}
        />
      </div>
      {info && (
        <div className="panel">
          <Heading variant="h2">{t('settings.dataTitle')}</Heading>
          <dl>
            <dt>{t('settings.dataDir')}</dt>
            <dd>
              <code>{info.dataDir}</code>
            </dd>
            <dt>{t('settings.host')}</dt>
            <dd>{t(`settings.hosts.${info.host}`)}</dd>
            <dt>{t('settings.version')}</dt>
            <dd>
              {info.version} · {t('settings.schema', { version: info.schemaVersion })}
            </dd>
          </dl>
          <Paragraph>{t('settings.backupNote')}</Paragraph>
        </div>
      )}
    </>
  );
}
