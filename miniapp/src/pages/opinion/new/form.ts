import { type CreateOpinionBody, createOpinionBodySchema } from '@huijia/shared';
import { PARSE_CONTEXT } from '../../../services/api';
import { codeComplaint, type FieldErrors, fieldErrorsOf } from '../../../utils/form';
import type { OpinionFormValues } from './draft';

/** The form's fields, in the order they stand on the page: the first with an error is scrolled to. */
export const OPINION_FIELDS = [
  'source',
  'communityId',
  'raisedByName',
  'raisedByPhone',
  'placeId',
  'category',
  'title',
  'description',
  'photoIds',
  'contactPhone',
] as const;
export type OpinionField = (typeof OPINION_FIELDS)[number];

/** The id of the view around a field, for `pageScrollTo`'s selector. */
export const fieldId = (field: OpinionField) => `opinion-field-${field}`;

/** A path of the body (`raisedBy.name`) as the form's field. */
function fieldOf(path: readonly PropertyKey[]): OpinionField | undefined {
  const [head, inner] = path.map(String);
  if (head === 'raisedBy') return inner === 'phone' ? 'raisedByPhone' : 'raisedByName';
  return (OPINION_FIELDS as readonly string[]).includes(head ?? '') ? (head as OpinionField) : undefined;
}

/**
 * The body of `POST /api/opinions`, checked by the schema the server uses, or a message per field.
 * `communityId` is null when there is none to send it to (no home community set).
 */
export function checkOpinion(
  values: OpinionFormValues,
  communityId: string | null,
  photoIds: string[],
): { ok: true; data: CreateOpinionBody } | { ok: false; errors: FieldErrors<OpinionField> } {
  const own = values.source === 'self';
  const result = createOpinionBodySchema.safeParse(
    {
      communityId: communityId ?? undefined,
      placeId: values.buildingId ?? values.compoundId ?? undefined,
      category: values.category ?? undefined,
      title: values.title,
      description: values.description,
      photoIds: photoIds.length > 0 ? photoIds : undefined,
      source: values.source,
      contactPhone: own && values.contactPhone.trim() ? values.contactPhone.trim() : undefined,
      raisedBy: own ? undefined : { name: values.raisedByName, phone: values.raisedByPhone.trim() || undefined },
    },
    PARSE_CONTEXT,
  );
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors<OpinionField> = {};
  for (const issue of result.error.issues) {
    const field = fieldOf(issue.path);
    if (field && !errors[field]) errors[field] = issue.message;
  }
  // zod's messages for a missing choice name codes; say what to do instead.
  if (!values.category) errors.category = '请选择问题类别';
  if (!communityId) errors.communityId = own ? '请先在「我的」设置所在社区' : '请选择社区';
  if (!own && !values.raisedByName.trim()) errors.raisedByName = '请填写反映人姓名';
  return { ok: false, errors };
}

/** The fields the server's refusals are about, by code. */
const CODE_FIELDS: Partial<Record<string, OpinionField>> = {
  UPLOAD_NOT_FOUND: 'photoIds',
  OPINION_PLACE_INVALID: 'placeId',
  NOT_RESIDENT_HERE: 'communityId',
};

/** What the server refused, by field: its 400 VALIDATION_FAILED (`body.raisedBy.name` and the like), or a refusal about one field. */
export function serverFieldErrors(error: unknown): FieldErrors<OpinionField> {
  const { name, phone, ...rest } = fieldErrorsOf(error, [...OPINION_FIELDS, 'name', 'phone'] as const);
  return { ...rest, ...(name ? { raisedByName: name } : {}), ...(phone ? { raisedByPhone: phone } : {}), ...codeComplaint(error, CODE_FIELDS) };
}
