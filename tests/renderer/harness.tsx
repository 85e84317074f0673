import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { useApp } from '../../renderer/store/app';
import { startTestBackend, type TestBackend } from '../helpers/backend';

/**
 * Render a screen against the real backend on a temp SQLite file: window.painopiste is the bridge
 * surface the Electron preload exposes (invoke, progress, cancel), wired straight to the backend's
 * contract dispatcher in this process. Its host is not 'electron', so screens behave as in browser mode.
 */
export async function renderWithBackend(ui: ReactElement, opts: { example?: boolean } = {}) {
  const t: TestBackend = await startTestBackend();
  if (opts.example !== undefined) await t.api.app.chooseStart({ example: opts.example });
  const progress = new Set<(callId: string, p: never) => void>();
  const aborts = new Map<string, AbortController>();
  window.painopiste = {
    host: 'in-process',
    invoke: async (method, input, callId) => {
      const abort = new AbortController();
      if (callId) aborts.set(callId, abort);
      try {
        return await t.backend.call(method, input, {
          signal: abort.signal,
          onProgress: (p) => callId && progress.forEach((fn) => fn(callId, p as never)),
        });
      } finally {
        if (callId) aborts.delete(callId);
      }
    },
    cancel: async (callId) => aborts.get(callId)?.abort(),
    onProgress: (fn) => {
      progress.add(fn);
      return () => progress.delete(fn);
    },
    onBackendEvent: () => () => {},
    saveFile: (input) => t.backend.call('host.saveFile', input),
    openFile: (input) => t.backend.call('host.openFile', input),
    printToPdf: (input) => t.backend.call('host.printToPdf', input),
  };
  useApp.setState({ info: await t.api.app.info({}), settings: await t.api.settings.get({}), notices: [] });
  const result = render(ui);
  return { ...result, t };
}
