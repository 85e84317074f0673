import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { api, takeTokenFromUrl } from './api';
import { App } from './app/App';
import { changeLanguage, i18next, initI18n } from './i18n';
import { useApp } from './store/app';
import { applyDesignTokens } from './ui/theme';
import './app/styles.css';

async function boot() {
  applyDesignTokens();
  takeTokenFromUrl();
  initI18n('en');
  const root = createRoot(document.getElementById('root')!);
  try {
    const [info, settings] = await Promise.all([api.app.info({}), api.settings.get({})]);
    await changeLanguage(settings.language);
    useApp.setState({ info, settings });
  } catch (e) {
    root.render(<p role="alert">{i18next.t('errors.unreachable', { detail: e instanceof Error ? e.message : String(e) })}</p>);
    return;
  }
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

void boot();
