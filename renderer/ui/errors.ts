import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { isApiErrorShape, type FieldProblem } from '../../shared/contract/core';
import { fieldProblemsOf } from '../../shared/contract/problems';

/** A sentence for the user, in their language, for anything an API call or a form can fail with. */
export function describeError(t: TFunction, e: unknown): string {
  if (isApiErrorShape(e)) {
    const params = { ...e.params };
    if (typeof params.entity === 'string') params.entity = t(`common.entities.${params.entity}`);
    return t(e.key, { ...params, defaultValue: e.message });
  }
  return t('errors.internal');
}

export type FieldErrors = Record<string, string>;

function translateProblems(t: TFunction, problems: FieldProblem[]): FieldErrors {
  const out: FieldErrors = {};
  for (const p of problems) {
    const field = p.path.split('.')[0] ?? '';
    out[field] ??= t(p.key, p.params ?? {});
  }
  return out;
}

/** Field messages from an API validation error (keyed by the top-level field name). */
export function fieldErrorsOf(t: TFunction, e: unknown): FieldErrors {
  return isApiErrorShape(e) && e.fields ? translateProblems(t, e.fields) : {};
}

/** Check a form against the contract's own input schema before sending it: the same rules, the same words. */
export function validateWith<S extends z.ZodType>(
  t: TFunction,
  schema: S,
  values: unknown,
): { ok: true; data: z.output<S> } | { ok: false; errors: FieldErrors } {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, errors: translateProblems(t, fieldProblemsOf(result.error)) };
}
