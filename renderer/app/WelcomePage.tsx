import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading, Paragraph } from 'suomifi-ui-components';
import { api } from '../api';
import { useApp } from '../store/app';
import { describeError } from '../ui/errors';

/** First run: start empty or with the cooperation model of the 2022 interim report. */
export function WelcomePage() {
  const { t } = useTranslation();
  const setInfo = useApp((s) => s.setInfo);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const choose = async (example: boolean) => {
    setBusy(true);
    try {
      setInfo(await api.app.chooseStart({ example }));
    } catch (e) {
      setError(describeError(t, e));
      setBusy(false);
    }
  };

  return (
    <main className="welcome" id="main">
      <Heading variant="h1">{t('app.welcome.title')}</Heading>
      <Paragraph mt="m">{t('app.welcome.intro')}</Paragraph>
      <div className="panel" style={{ marginTop: 24 }}>
        <Heading variant="h2">{t('app.welcome.exampleTitle')}</Heading>
        <Paragraph mt="s" mb="m">
          {t('app.welcome.exampleText')}
        </Paragraph>
        <Button disabled={busy} onClick={() => void choose(true)}>
          {t('app.welcome.loadExample')}
        </Button>
      </div>
      <div className="panel">
        <Heading variant="h2">{t('app.welcome.emptyTitle')}</Heading>
        <Paragraph mt="s" mb="m">
          {t('app.welcome.emptyText')}
        </Paragraph>
        <Button variant="secondary" disabled={busy} onClick={() => void choose(false)}>
          {t('app.welcome.startEmpty')}
        </Button>
      </div>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </main>
  );
}
