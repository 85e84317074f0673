import { typedApi, type EnvelopeApi, type Transport } from '../shared/contract/client';
import type { ApiResult } from '../shared/contract/core';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in browser mode. */
    api?: EnvelopeApi;
    painopisteHost?: 'electron';
  }
}

const TOKEN_KEY = 'painopiste.token';

/** Browser mode: the per-launch token arrives in the URL fragment once and is kept for this tab. */
export function takeTokenFromUrl(): string | null {
  const m = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (m) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(m[1]!));
    history.replaceState(null, '', window.location.pathname + window.location.search + '#/');
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

function browserTransport(): Transport {
  return async (method, input) => {
    const token = sessionStorage.getItem(TOKEN_KEY) ?? '';
    let response: Response;
    try {
      response = await fetch(`/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(input ?? {}),
      });
    } catch {
      return { ok: false, error: { code: 'internal', key: 'errors.offline', message: 'Painopiste is not running.' } };
    }
    return (await response.json()) as ApiResult<unknown>;
  };
}

function electronTransport(api: EnvelopeApi): Transport {
  return (method, input) => {
    const dot = method.indexOf('.');
    const ns = (api as unknown as Record<string, Record<string, (i: unknown) => Promise<ApiResult<unknown>>>>)[
      method.slice(0, dot)
    ];
    return ns![method.slice(dot + 1)]!(input);
  };
}

export const isDesktop = () => window.painopisteHost === 'electron';

/** The typed client every screen uses: `api.groups.list({})`. Rejects with ApiError. */
export const api = typedApi((method, input) => (window.api ? electronTransport(window.api) : browserTransport())(method, input));
