import { type ProposeAgreementBody, proposeAgreementBodySchema } from '@huijia/shared';
import { PARSE_CONTEXT } from '../../../services/api';
import { codeComplaint, type FieldErrors, fieldErrorsOf } from '../../../utils/form';
import type { AgreementFormValues } from './draft';

/** The form's fields, in the order they stand on the page: the first with an error is scrolled to. */
export const AGREEMENT_FIELDS = ['unitId', 'startsOn', 'endsOn', 'content', 'resources'] as const;
export type AgreementField = (typeof AGREEMENT_FIELDS)[number];

/** The id of the view around a field, for `pageScrollTo`'s selector. */
export const fieldId = (field: AgreementField) => `agreement-field-${field}`;

/** Stands in for an id not chosen yet, so that the term is checked whatever else is missing. */
const SOME_ID = 'x';

function issuesOf(input: unknown): FieldErrors<AgreementField> {
  const result = proposeAgreementBodySchema.safeParse(input, PARSE_CONTEXT);
  const errors: FieldErrors<AgreementField> = {};
  if (result.success) return errors;
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '') as AgreementField;
    if (AGREEMENT_FIELDS.includes(field) && !errors[field]) errors[field] = issue.message;
  }
  return errors;
}

/**
 * The body of `POST /api/agreements`, checked by the schema the server uses, or a message per
 * field. The schema says the term's rules (end not before start, at most five years) only of an
 * otherwise valid body: the term is checked again on its own, so they show with the rest.
 */
export function checkAgreement(
  values: AgreementFormValues,
  communityId: string,
): { ok: true; data: ProposeAgreementBody } | { ok: false; errors: FieldErrors<AgreementField> } {
  const body = { unitId: values.unitId ?? undefined, communityId, startsOn: values.startsOn, endsOn: values.endsOn, content: values.content, resources: values.resources };
  const result = proposeAgreementBodySchema.safeParse(body, PARSE_CONTEXT);
  if (result.success) return { ok: true, data: result.data };
  const term = issuesOf({ ...body, unitId: SOME_ID, content: '共建内容示例', resources: ['people'] });
  const errors: FieldErrors<AgreementField> = { ...issuesOf(body), ...(term.endsOn ? { endsOn: term.endsOn } : {}), ...(term.startsOn ? { startsOn: term.startsOn } : {}) };
  // zod's message for a missing choice names a code; say what to do instead.
  if (!values.unitId) errors.unitId = '请选择共建单位';
  return { ok: false, errors };
}

/** The server's complaints, each under its field: the unit's (out of reach, an overlapping agreement) under the unit. */
export function serverErrors(error: unknown): FieldErrors<AgreementField> {
  return { ...fieldErrorsOf(error, AGREEMENT_FIELDS), ...codeComplaint(error, { AGREEMENT_OVERLAPS: 'unitId', AGREEMENT_UNIT_OUT_OF_REACH: 'unitId' }) };
}
