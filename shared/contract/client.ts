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

/** The same shape, returning envelopes (tests list the contract's surface with it). */
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

/** Envelope functions for every method over a transport. */
export function envelopeApi(transport: Transport): EnvelopeApi {
  return nest((method) => (input: unknown) => transport(method, input)) as unknown as EnvelopeApi;
}

/**
 * The typed client: resolves with the output or rejects with an ApiError carrying the sentence key.
 * Built from the contract's types alone (a proxy: `api.groups.list` calls "groups.list"), so a client
 * needs no list of names at run time; the host refuses names the contract does not have.
 */
export function typedApi(transport: Transport): TypedApi {
  const namespaces = new Map<string, Record<string, unknown>>();
  const namespace = (ns: string) =>
    new Proxy(
      {},
      {
        get: (_t, name) => {
          if (typeof name !== 'string' || name === 'then') return undefined;
          return async (input: unknown) => {
            const result = await transport(`${ns}.${name}` as MethodName, input);
            if (!result.ok) throw new ApiError(result.error);
            return result.value;
          };
        },
      },
    ) as Record<string, unknown>;
  return new Proxy(
    {},
    {
      get: (_t, ns) => {
        // Not a thenable, not a namespace of symbols.
        if (typeof ns !== 'string' || ns === 'then') return undefined;
        let n = namespaces.get(ns);
        if (!n) namespaces.set(ns, (n = namespace(ns)));
        return n;
      },
    },
  ) as unknown as TypedApi;
}
