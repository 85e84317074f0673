import { describe, expect, it } from 'vitest';
import { contract, METHOD_NAMES } from '../../shared/contract';
import { envelopeApi, typedApi } from '../../shared/contract/client';
import { handlers } from '../../electron/backend/handlers';

describe('the API contract', () => {
  it('names every method namespace.method, once', () => {
    for (const name of METHOD_NAMES) expect(name).toMatch(/^[a-z][a-zA-Z]*\.[a-z][a-zA-Z]*$/);
    expect(new Set(METHOD_NAMES).size).toBe(METHOD_NAMES.length);
  });

  it('has exactly one backend handler per method', () => {
    expect(Object.keys(handlers).sort()).toEqual([...METHOD_NAMES].sort());
  });

  it('gives every method a strict input schema (unknown fields are refused)', () => {
    for (const name of METHOD_NAMES) {
      const r = contract[name].input.safeParse({ definitelyNotAField: 1 });
      expect(r.success, name).toBe(false);
    }
  });

  it('derives the typed client and the preload surface from the same names', async () => {
    const calls: string[] = [];
    const api = typedApi(async (method) => {
      calls.push(method);
      return { ok: true, value: method };
    });
    await expect(api.groups.list({})).resolves.toBe('groups.list');
    const surface = envelopeApi(async () => ({ ok: true, value: null }));
    const derived = Object.entries(surface).flatMap(([ns, fns]) => Object.keys(fns).map((f) => `${ns}.${f}`));
    expect(derived.sort()).toEqual([...METHOD_NAMES].sort());
    const failing = typedApi(async () => ({ ok: false, error: { code: 'not_found', key: 'errors.notFound', message: 'gone' } }));
    await expect(failing.groups.get({ id: 'x' })).rejects.toMatchObject({ name: 'ApiError', key: 'errors.notFound' });
  });
});
