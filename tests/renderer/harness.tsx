import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { envelopeApi } from '../../shared/contract/client';
import { useApp } from '../../renderer/store/app';
import { startTestBackend, type TestBackend } from '../helpers/backend';

/**
 * Render a screen against the real backend on a temp SQLite file: window.api is the same envelope
 * surface the Electron preload exposes, wired straight to the backend's contract dispatcher.
 */
export async function renderWithBackend(ui: ReactElement, opts: { example?: boolean } = {}) {
  const t: TestBackend = await startTestBackend();
  if (opts.example !== undefined) await t.api.app.chooseStart({ example: opts.example });
  window.api = envelopeApi((method, input) => t.backend.call(method, input));
  useApp.setState({ info: await t.api.app.info({}), settings: await t.api.settings.get({}), notices: [] });
  const result = render(ui);
  return { ...result, t };
}
