import type { z } from 'zod';
import { ApiError, type ErrorCode, type FieldProblem } from '../../shared/contract/core';
import { translate } from './i18n';

/** An error for the user: a key the renderer translates, and the same sentence in English for logs. */
export function userError(code: ErrorCode, key: string, params?: Record<string, string | number>): ApiError {
  const shape: ConstructorParameters<typeof ApiError>[0] = { code, key, message: translate(key, params) };
  if (params) shape.params = params;
  return new ApiError(shape);
}

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

/** Turn zod's issues into translatable field problems and one summary sentence. */
export function validationError(error: z.ZodError): ApiError {
  const fields: FieldProblem[] = error.issues.slice(0, 20).map((issue) => {
    const key = issue.message.startsWith('validation.') ? issue.message : (ZOD_CODE_KEYS[issue.code] ?? 'validation.format');
    const params: Record<string, string | number> = {};
    if ('minimum' in issue && issue.minimum !== undefined) params.minimum = Number(issue.minimum);
    if ('maximum' in issue && issue.maximum !== undefined) params.maximum = Number(issue.maximum);
    if (issue.code === 'unrecognized_keys') params.keys = issue.keys.join(', ').slice(0, 200);
    const problem: FieldProblem = { path: issue.path.map(String).join('.'), key };
    if (Object.keys(params).length) problem.params = params;
    return problem;
  });
  const first = fields[0];
  const fieldList = fields.map((f) => f.path || '(input)').join(', ');
  return new ApiError({
    code: 'validation',
    key: 'errors.invalidInput',
    params: { fields: fieldList.slice(0, 300) },
    message:
      translate('errors.invalidInput', { fields: fieldList.slice(0, 300) }) +
      (first ? ` ${translate(first.key, first.params)}` : ''),
    fields,
  });
}
