import { type z } from 'zod';

/**
 * The API contract: each method is a name, a zod schema for its input and a type for its output.
 * Everything else (the preload allow-list, IPC handlers, browser-mode routes, the renderer's typed
 * client, the in-memory transport used by tests) is derived from the `contract` object built from these.
 */
export interface MethodSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I;
  /** Type-only marker for the output; never read at run time. */
  output: O;
}

/** `method(inputSchema).returns<Output>()` — the input type is inferred, the output named once. */
export function method<I extends z.ZodType>(input: I) {
  return {
    returns<O>(): MethodSpec<I, O> {
      return { input, output: undefined as unknown as O };
    },
  };
}

export type ContractShape = Record<string, MethodSpec>;

export type InputOf<M extends MethodSpec> = z.input<M['input']>;
export type ParsedInputOf<M extends MethodSpec> = z.output<M['input']>;
export type OutputOf<M extends MethodSpec> = M['output'];

/** What a backend must provide for a contract: one handler per method, nothing more. */
export type HandlersFor<C extends ContractShape, Ctx> = {
  [K in keyof C]: (input: ParsedInputOf<C[K]>, ctx: Ctx) => OutputOf<C[K]> | Promise<OutputOf<C[K]>>;
};

export type ErrorCode =
  | 'validation'
  | 'not_found'
  | 'conflict'
  | 'forbidden'
  | 'unsupported'
  | 'bad_file'
  | 'internal'
  /** The caller cancelled; nothing was changed. */
  | 'cancelled'
  /** The backend process stopped while the call ran (it is restarted); the call did not complete. */
  | 'unavailable';

/** One problem with one field of an input, translatable in the renderer. */
export interface FieldProblem {
  /** Dotted path of the field, e.g. `members.0.role`. Empty for the input as a whole. */
  path: string;
  /** i18n key under the `errors` namespace, e.g. `validation.too_small`. */
  key: string;
  params?: Record<string, string | number>;
}

/** The error every API call may fail with. `message` is an English sentence for logs and tests;
 * the renderer shows `key` translated into the user's language. */
export interface ApiErrorShape {
  code: ErrorCode;
  key: string;
  params?: Record<string, string | number>;
  message: string;
  fields?: FieldProblem[];
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorShape };

export class ApiError extends Error implements ApiErrorShape {
  readonly code: ErrorCode;
  readonly key: string;
  readonly params?: Record<string, string | number>;
  readonly fields?: FieldProblem[];

  constructor(shape: ApiErrorShape) {
    super(shape.message);
    this.name = 'ApiError';
    this.code = shape.code;
    this.key = shape.key;
    if (shape.params) this.params = shape.params;
    if (shape.fields) this.fields = shape.fields;
  }

  toJSON(): ApiErrorShape {
    const out: ApiErrorShape = { code: this.code, key: this.key, message: this.message };
    if (this.params) out.params = this.params;
    if (this.fields) out.fields = this.fields;
    return out;
  }
}

export function isApiErrorShape(value: unknown): value is ApiErrorShape {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ApiErrorShape).code === 'string' &&
    typeof (value as ApiErrorShape).key === 'string' &&
    typeof (value as ApiErrorShape).message === 'string'
  );
}
