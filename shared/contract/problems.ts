import type { z } from 'zod';
import type { FieldProblem } from './core';

const ZOD_CODE_KEYS: Record<string, string> = {
  invalid_type: 'validation.invalid_type',
  too_small: 'validation.too_small',
  too_big: 'validation.too_big',
  invalid_value: 'validation.choice',
  invalid_format: 'validation.format',
  unrecognized_keys: 'validation.unknown_field',
  invalid_union: 'validation.invalid_type',
  not_multiple_of: 'validation.format',
  custom: 'validation.format',
};

/**
 * zod's issues as translatable field problems. The backend (API errors) and the renderer (forms that
 * validate before sending) both use this, so a form and the API say the same words for the same rule.
 */
export function fieldProblemsOf(error: z.ZodError, max = 20): FieldProblem[] {
  return error.issues.slice(0, max).map((issue) => {
    const key = issue.message.startsWith('validation.') ? issue.message : (ZOD_CODE_KEYS[issue.code] ?? 'validation.format');
    const params: Record<string, string | number> = {};
    if ('minimum' in issue && issue.minimum !== undefined) params.minimum = Number(issue.minimum);
    if ('maximum' in issue && issue.maximum !== undefined) params.maximum = Number(issue.maximum);
    if (issue.code === 'unrecognized_keys') params.keys = issue.keys.join(', ').slice(0, 200);
    const problem: FieldProblem = { path: issue.path.map(String).join('.'), key };
    if (Object.keys(params).length) problem.params = params;
    return problem;
  });
}
