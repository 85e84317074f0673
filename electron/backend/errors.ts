import type { z } from 'zod';
import { ApiError, type ErrorCode } from '../../shared/contract/core';
import { fieldProblemsOf } from '../../shared/contract/problems';
import { translate } from './i18n';

/** An error for the user: a key the renderer translates, and the same sentence in English for logs. */
export function userError(code: ErrorCode, key: string, params?: Record<string, string | number>): ApiError {
  const shape: ConstructorParameters<typeof ApiError>[0] = { code, key, message: translate(key, params) };
  if (params) shape.params = params;
  return new ApiError(shape);
}

/** Turn zod's issues into translatable field problems and one summary sentence. */
export function validationError(error: z.ZodError): ApiError {
  const fields = fieldProblemsOf(error);
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
