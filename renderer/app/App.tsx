import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Notification } from 'suomifi-ui-components';
import { PAGES, routeFromHash, to, useApp } from '../store/app';
import { PAGE_COMPONENTS } from './pages';
import { WelcomePage } from './WelcomePage';
import { SearchDialog } from '../features/portfolio/SearchDialog';
import { useExchangeOnFocus } from '../features/sync/useExchangeOnFocus';

export function App() {
  const { t } = useTranslation();
  const route = useApp((s) => s.route);
  const navigate = useApp((s) => s.navigate);
  const info = useApp((s) => s.info);
  const notices = useApp((s) => s.notices);
  const dismiss = useApp((s) => s.dismiss);
  const mainRef = useRef<HTMLElement>(null);
  useExchangeOnFocus();
  const notify = useApp((s) => s.notify);

  // Desktop: the host says when the backend process stopped and when it runs again (it restarts it).
  useEffect(
    () =>
      window.painopiste?.onBackendEvent((e) => {
        if (e.type === 'stopped') notify('error', t('common.backend.stopped'));
        else if (e.type === 'restarted') notify('success', t('common.backend.restarted'));
        else notify('error', t('errors.backendUnavailable'));
      }),
    [notify, t],
  );

  useEffect(() => {
    const onHash = () => useApp.setState({ route: routeFromHash(window.location.hash) });
    window.addEventListener('popstate', onHash);
    window.addEventListener('hashchange', onHash);
    return () => {
      window.removeEventListener('popstate', onHash);
      window.removeEventListener('hashchange', onHash);
    };
  }, []);

  const current = route.page;
  const Page = PAGE_COMPONENTS[route.page];

  useEffect(() => {
    document.title = `${t(`app.nav.${current}`)} – Painopiste`;
  }, [current, t]);

  if (info?.firstRun) return <WelcomePage />;
  // A meeting's presentation view goes to a projector: the page alone, without the app's frame.
  if (route.page === 'meetings' && route.params[1] === 'present') return <Page key={route.page} params={route.params} />;

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
        <SearchDialog />
      </header>
      <nav className="shell-nav" aria-label={t('app.nav.label')}>
        <ul>
          {PAGES.map((page) => (
            <li key={page}>
              <a
                href={`#/${page}`}
                aria-current={current === page ? 'page' : undefined}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(to(page));
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
        <Page key={route.page} params={route.params} />
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
