import { ApiError, type ApiResult } from './core';
import { METHOD_NAMES, type Input, type MethodName, type Output } from './index';

/** Sends one call and returns its result envelope; never throws for API errors. */
export type Transport = (method: MethodName, input: unknown) => Promise<ApiResult<unknown>>;

type NamespaceOf<K> = K extends `${infer N}.${string}` ? N : never;
type NameIn<K, N extends string> = K extends `${N}.${infer R}` ? R : never;

/** `api.groups.list(input)` — one function per contract method, grouped by the part before the dot. */
export type TypedApi = {
  [N in NamespaceOf<MethodName>]: {
    [R in NameIn<MethodName, N>]: (
      input: Input<Extract<MethodName, `${N}.${R}`>>,
    ) => Promise<Output<Extract<MethodName, `${N}.${R}`>>>;
  };
};

/** The same shape, returning envelopes: what the Electron preload exposes as `window.api`. */
export type EnvelopeApi = {
  [N in NamespaceOf<MethodName>]: {
    [R in NameIn<MethodName, N>]: (input: unknown) => Promise<ApiResult<unknown>>;
  };
};

function nest<F>(make: (method: MethodName) => F): Record<string, Record<string, F>> {
  const out: Record<string, Record<string, F>> = {};
  for (const method of METHOD_NAMES) {
    const dot = method.indexOf('.');
    const ns = method.slice(0, dot);
    (out[ns] ??= {})[method.slice(dot + 1)] = make(method);
  }
  return out;
}

/** Envelope functions for every method over a transport (used by the preload and browser mode). */
export function envelopeApi(transport: Transport): EnvelopeApi {
  return nest((method) => (input: unknown) => transport(method, input)) as unknown as EnvelopeApi;
}

/** The typed client: resolves with the output or rejects with an ApiError carrying the sentence key. */
export function typedApi(transport: Transport): TypedApi {
  return nest((method) => async (input: unknown) => {
    const result = await transport(method, input);
    if (!result.ok) throw new ApiError(result.error);
    return result.value;
  }) as unknown as TypedApi;
}
