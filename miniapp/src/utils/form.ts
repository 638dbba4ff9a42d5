import { fieldIssueSchema } from '@huijia/shared';
import { ApiError, PARSE_CONTEXT } from '../services/api';

/** What a form needs of a shared zod schema (the mini-program does not import zod itself). */
export interface Validator<T> {
  safeParse(
    input: unknown,
    context?: { jitless?: boolean },
  ): { success: true; data: T } | { success: false; error: { issues: readonly Issue[] } };
}

interface Issue {
  path: readonly PropertyKey[];
  message: string;
}

export type FieldErrors<K extends string> = Partial<Record<K, string>>;

export type Checked<T, K extends string> =
  | { ok: true; data: T }
  | { ok: false; errors: FieldErrors<K> };

/** Checks a form with the schema the server uses: the body to send, or the first message per field. */
export function checkForm<T, K extends string>(
  schema: Validator<T>,
  values: Record<K, unknown>,
): Checked<T, K> {
  const result = schema.safeParse(values, PARSE_CONTEXT);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors<K> = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '') as K;
    if (field in values && !errors[field]) errors[field] = issue.message;
  }
  return { ok: false, errors };
}

/**
 * The field messages of a 400 VALIDATION_FAILED answer, whose details list `{ path, message }`
 * with paths like `body.phone`. Empty for any other error.
 */
export function fieldErrorsOf<K extends string>(
  error: unknown,
  fields: readonly K[],
): FieldErrors<K> {
  const errors: FieldErrors<K> = {};
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION_FAILED') return errors;
  if (!Array.isArray(error.details)) return errors;
  for (const entry of error.details) {
    const issue = fieldIssueSchema.safeParse(entry, PARSE_CONTEXT);
    if (!issue.success) continue;
    const field = issue.data.path.split('.').pop() as K;
    if (fields.includes(field) && !errors[field]) errors[field] = issue.data.message;
  }
  return errors;
}

/**
 * The field an error's code is about (`codes`: 409 AGREEMENT_OVERLAPS → the unit, and the like),
 * with the server's message; empty for an error of no such code.
 */
export function codeComplaint<K extends string>(error: unknown, codes: Partial<Record<string, K>>): FieldErrors<K> {
  const field = error instanceof ApiError ? codes[error.code] : undefined;
  return field ? ({ [field]: (error as ApiError).message } as FieldErrors<K>) : {};
}

/** The Chinese message for any failure: the server's when it answered, else `fallback`. */
export function messageOf(error: unknown, fallback: string): string {
  return error instanceof ApiError ? error.message : fallback;
}
