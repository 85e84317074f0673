import { useTranslation } from 'react-i18next';
import { Heading, Paragraph } from 'suomifi-ui-components';

/** A section whose feature has not landed yet says so plainly. */
export function NotYetPage({ page }: { page: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Heading variant="h1">{t(`app.nav.${page}`)}</Heading>
      <Paragraph mt="m">{t('app.notYet')}</Paragraph>
    </>
  );
}
