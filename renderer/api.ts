import { typedApi, type Transport } from '../shared/contract/client';
import type { ApiResult } from '../shared/contract/core';
import type { MethodName } from '../shared/contract';
import { isReadMethod, type CallProgress } from '../shared/contract/calls';
import type { PainopisteBridge } from '../shared/contract/bridge';

declare global {
  interface Window {
    /** Exposed by the Electron preload (electron/preload.ts); absent in browser mode. */
    painopiste?: PainopisteBridge;
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

export interface CallOptions {
  onProgress?: (p: CallProgress) => void;
  signal?: AbortSignal;
}

type RawCall = (method: string, input: unknown, opts?: CallOptions) => Promise<ApiResult<unknown>>;

const OFFLINE: ApiResult<never> = {
  ok: false,
  error: { code: 'internal', key: 'errors.offline', message: 'Painopiste is not running.' },
};

function newCallId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

/** Browser mode: POST /api/<method>; with progress, the answer streams as NDJSON (electron/server.ts). */
const browserCall: RawCall = async (method, input, opts) => {
  const token = sessionStorage.getItem(TOKEN_KEY) ?? '';
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` };
  const callId = opts ? newCallId() : undefined;
  if (callId) headers['X-Painopiste-Call'] = callId;
  const onAbort = () =>
    void fetch('/api/-cancel', { method: 'POST', headers, body: JSON.stringify({ callId }) }).catch(() => undefined);
  opts?.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    let response: Response;
    try {
      response = await fetch(`/api/${method}`, { method: 'POST', headers, body: JSON.stringify(input ?? {}) });
    } catch {
      return OFFLINE;
    }
    if (!callId || !response.headers.get('content-type')?.startsWith('application/x-ndjson') || !response.body) {
      return (await response.json()) as ApiResult<unknown>;
    }
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffered = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (value) buffered += decoder.decode(value, { stream: true });
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        if (!line) continue;
        const message = JSON.parse(line) as { progress?: CallProgress; result?: ApiResult<unknown> };
        if (message.result) return message.result;
        if (message.progress) opts?.onProgress?.(message.progress);
      }
      if (done) return OFFLINE;
    }
  } finally {
    opts?.signal?.removeEventListener('abort', onAbort);
  }
};

/** Desktop: the preload's invoke, progress by call id, cancel through the main process. */
function bridgeCall(bridge: PainopisteBridge): RawCall {
  return async (method, input, opts) => {
    if (!opts) return bridge.invoke(method, input);
    const callId = newCallId();
    const unsubscribe = bridge.onProgress((id, p) => {
      if (id === callId) opts.onProgress?.(p);
    });
    const onAbort = () => void bridge.cancel(callId);
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await bridge.invoke(method, input, callId);
    } finally {
      unsubscribe();
      opts.signal?.removeEventListener('abort', onAbort);
    }
  };
}

const raw: RawCall = (method, input, opts) =>
  (window.painopiste ? bridgeCall(window.painopiste) : browserCall)(method, input, opts);

/**
 * One call with the safe retry: when the backend process stopped under a call it is restarted, and a
 * call that only reads is sent once more. Writes are never repeated (the user is told and can retry).
 */
export async function call(method: MethodName, input: unknown, opts?: CallOptions): Promise<ApiResult<unknown>> {
  const result = await raw(method, input, opts);
  if (
    !result.ok &&
    result.error.code === 'unavailable' &&
    result.error.key === 'errors.backendRestarted' &&
    isReadMethod(method)
  ) {
    await new Promise((r) => setTimeout(r, 200));
    return raw(method, input, opts);
  }
  return result;
}

export const isDesktop = () => window.painopiste?.host === 'electron';

const transport: Transport = (method, input) => call(method, input);

/** The typed client every screen uses: `api.groups.list({})`. Rejects with ApiError. */
export const api = typedApi(transport);

/** The same client for long calls that report progress and can be cancelled (imports, exports, backups). */
export function apiWithProgress(opts: CallOptions) {
  return typedApi((method, input) => call(method, input, opts));
}
