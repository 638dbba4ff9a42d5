import { chinaToday, type PublishProjectBody, publishProjectBodySchema } from '@huijia/shared';
import { checkForm, codeComplaint, type FieldErrors, fieldErrorsOf } from '../../../utils/form';
import type { ProjectFormValues } from './draft';

/** The form's fields, in the order they stand on the page: the first with an error is scrolled to. */
export const PROJECT_FIELDS = ['category', 'title', 'description', 'needs', 'dueOn'] as const;
export type ProjectField = (typeof PROJECT_FIELDS)[number];

/** The id of the view around a field, for `pageScrollTo`'s selector. */
export const fieldId = (field: ProjectField) => `project-field-${field}`;

/**
 * The body of `POST /api/projects`, checked by the schema the server uses, or a message per field;
 * the due date is checked against today as the server does (PROJECT_DUE_PAST).
 */
export function checkProject(
  values: ProjectFormValues,
  communityId: string,
  today = chinaToday(),
): { ok: true; data: PublishProjectBody } | { ok: false; errors: FieldErrors<ProjectField> } {
  const checked = checkForm<PublishProjectBody, ProjectField | 'communityId'>(publishProjectBodySchema, {
    communityId,
    category: values.category ?? undefined,
    title: values.title,
    description: values.description,
    needs: values.needs,
    dueOn: values.dueOn,
  });
  const errors: FieldErrors<ProjectField> = checked.ok ? {} : { ...checked.errors };
  // zod's messages for a missing choice name a code; say what to do instead.
  if (!values.category) errors.category = '请选择项目类别';
  if (!values.dueOn) errors.dueOn = '请选择完成期限';
  else if (values.dueOn < today) errors.dueOn = '完成期限不能早于今天';
  if (checked.ok && Object.keys(errors).length === 0) return { ok: true, data: checked.data };
  return { ok: false, errors };
}

/** The server's complaints, each under its field: a due date in the past under the date. */
export function serverErrors(error: unknown): FieldErrors<ProjectField> {
  return { ...fieldErrorsOf(error, PROJECT_FIELDS), ...codeComplaint(error, { PROJECT_DUE_PAST: 'dueOn' }) };
}
