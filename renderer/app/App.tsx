import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Notification } from 'suomifi-ui-components';
import { useApp, routeFromHash, type Route } from '../store/app';
import { GroupsPage } from '../features/groups/GroupsPage';
import { GroupPage } from '../features/groups/GroupPage';
import { OrganisationsPage } from '../features/organisations/OrganisationsPage';
import { PeoplePage } from '../features/people/PeoplePage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { NotYetPage } from '../features/placeholder/NotYetPage';
import { WelcomePage } from './WelcomePage';

type NavPage = Exclude<Route['page'], 'group'>;

/** Navigation entries in the order the users work: the groups first, settings last. */
const NAV: NavPage[] = [
  'groups',
  'organisations',
  'people',
  'meetings',
  'actions',
  'rotation',
  'scanning',
  'reports',
  'settings',
];

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'groups':
      return <GroupsPage />;
    case 'group':
      return <GroupPage id={route.id} />;
    case 'organisations':
      return <OrganisationsPage />;
    case 'people':
      return <PeoplePage />;
    case 'settings':
      return <SettingsPage />;
    default:
      return <NotYetPage page={route.page} />;
  }
}

export function App() {
  const { t } = useTranslation();
  const route = useApp((s) => s.route);
  const navigate = useApp((s) => s.navigate);
  const info = useApp((s) => s.info);
  const notices = useApp((s) => s.notices);
  const dismiss = useApp((s) => s.dismiss);
  const mainRef = useRef<HTMLElement>(null);

  useEffect(() => {
    const onHash = () => useApp.setState({ route: routeFromHash(window.location.hash) });
    window.addEventListener('popstate', onHash);
    window.addEventListener('hashchange', onHash);
    return () => {
      window.removeEventListener('popstate', onHash);
      window.removeEventListener('hashchange', onHash);
    };
  }, []);

  const current: NavPage = route.page === 'group' ? 'groups' : route.page;

  useEffect(() => {
    document.title = `${t(`app.nav.${current}`)} – Painopiste`;
  }, [current, t]);

  if (info?.firstRun) return <WelcomePage />;

  return (
    <div className="shell">
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          mainRef.current?.focus();
        }}
      >
        {t('app.skipToContent')}
      </a>
      <header className="shell-header">
        <div>
          <p className="app-name">Painopiste</p>
          <p className="app-tagline">{t('app.tagline')}</p>
        </div>
      </header>
      <nav className="shell-nav" aria-label={t('app.nav.label')}>
        <ul>
          {NAV.map((page) => (
            <li key={page}>
              <a
                href={`#/${page}`}
                aria-current={current === page ? 'page' : undefined}
                onClick={(e) => {
                  e.preventDefault();
                  navigate({ page } as Route);
                  mainRef.current?.focus();
                }}
              >
                {t(`app.nav.${page}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="shell-main" ref={mainRef} tabIndex={-1}>
        <Page route={route} />
      </main>
      <div className="notices" aria-live="polite">
        {notices.map((n) => (
          <Notification
            key={n.id}
            status={n.kind === 'error' ? 'error' : 'neutral'}
            closeText={t('common.actions.close')}
            onCloseButtonClick={() => dismiss(n.id)}
            regionAriaLabel={t('app.notice')}
          >
            {n.text}
          </Notification>
        ))}
      </div>
    </div>
  );
}
