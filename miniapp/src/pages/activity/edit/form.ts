import {
  activityTimeProblems,
  createActivityBodySchema,
  type CreateActivityBody,
  updateActivityBodySchema,
  type UpdateActivityBody,
} from '@huijia/shared';
import { instantOf } from '../../../components/service/format';
import { PARSE_CONTEXT } from '../../../services/api';
import { codeComplaint, type FieldErrors, fieldErrorsOf } from '../../../utils/form';
import type { ActivityFormValues } from './draft';
import type { OrganiserChoice } from './organisers';

/** The form's fields, in the order they stand on the page: the first with an error is scrolled to. */
export const ACTIVITY_FIELDS = [
  'organiser',
  'communityId',
  'kind',
  'title',
  'description',
  'pioneerRole',
  'location',
  'startsAt',
  'endsAt',
  'capacity',
  'audience',
] as const;
export type ActivityField = (typeof ACTIVITY_FIELDS)[number];

/** The id of the view around a field, for `pageScrollTo`'s selector. */
export const fieldId = (field: ActivityField) => `activity-field-${field}`;

/** A path of the body (`organiser.teamId`) as the form's field. */
function fieldOf(path: readonly PropertyKey[]): ActivityField | undefined {
  const head = String(path[0] ?? '');
  return (ACTIVITY_FIELDS as readonly string[]).includes(head) ? (head as ActivityField) : undefined;
}

type Checked<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors<ActivityField> };

/**
 * What the schema cannot say, or says in codes: a choice not made, a capacity that is not a whole
 * number, an end not after the start, a start already past.
 */
function ownProblems(values: ActivityFormValues, now: Date): FieldErrors<ActivityField> {
  const errors: FieldErrors<ActivityField> = {};
  if (!values.kind) errors.kind = '请选择活动类型';
  if (!values.capacity.trim()) errors.capacity = '请填写名额（人数）';
  else if (!/^\d+$/.test(values.capacity.trim())) errors.capacity = '名额须为整数';
  const start = instantOf(values.date, values.start);
  const end = instantOf(values.date, values.end);
  if (!start) errors.startsAt = '请选择活动日期和开始时间';
  else if (start.getTime() <= now.getTime()) errors.startsAt = '活动开始时间须晚于现在';
  if (!end) errors.endsAt = '请选择结束时间';
  else if (start) {
    const problem = activityTimeProblems(start.toISOString(), end.toISOString())[0];
    if (problem) errors.endsAt = problem.message;
  }
  return errors;
}

function bodyOf(values: ActivityFormValues) {
  const capacity = values.capacity.trim();
  return {
    kind: values.kind ?? undefined,
    title: values.title,
    description: values.description,
    pioneerRole: values.pioneerRole ?? undefined,
    location: values.location,
    startsAt: instantOf(values.date, values.start)?.toISOString(),
    endsAt: instantOf(values.date, values.end)?.toISOString(),
    capacity: /^\d+$/.test(capacity) ? Number(capacity) : undefined,
  };
}

function collect<T>(parsed: { success: true; data: T } | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } }, own: FieldErrors<ActivityField>): Checked<T> {
  if (parsed.success && Object.keys(own).length === 0) return { ok: true, data: parsed.data };
  // The form's own words first: they say what to do where the schema names a code.
  const errors: FieldErrors<ActivityField> = { ...own };
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOf(issue.path);
      if (field && !errors[field]) errors[field] = issue.message;
    }
  }
  return { ok: false, errors };
}

/** The body of `POST /api/activities`, checked by the schema the server uses, or a message per field. */
export function checkNewActivity(values: ActivityFormValues, choice: OrganiserChoice | undefined, communityId: string | null, now: Date): Checked<CreateActivityBody> {
  const own = ownProblems(values, now);
  if (!choice) own.organiser = '请选择以什么身份组织';
  if (choice && !communityId) own.communityId = '请选择在哪个结对社区举办';
  const unit = choice?.organiser.kind === 'unit';
  const parsed = createActivityBodySchema.safeParse(
    {
      ...bodyOf(values),
      communityId: communityId ?? undefined,
      organiser: choice?.organiser,
      audience: unit && values.openToUnit ? 'community_and_unit' : 'community',
    },
    PARSE_CONTEXT,
  );
  return collect(parsed, own);
}

/** The body of `PUT /api/activities/:id` (the organiser, the community and the audience stay). */
export function checkActivityEdit(values: ActivityFormValues, now: Date): Checked<UpdateActivityBody> {
  return collect(updateActivityBodySchema.safeParse(bodyOf(values), PARSE_CONTEXT), ownProblems(values, now));
}

/** The fields the server's refusals are about, by code. */
const CODE_FIELDS: Partial<Record<string, ActivityField>> = {
  ACTIVITY_ORGANISER_INVALID: 'organiser',
  ACTIVITY_IN_PAST: 'startsAt',
  ACTIVITY_CAPACITY_BELOW_SIGNUPS: 'capacity',
};

/** What the server refused, by field: its 400 VALIDATION_FAILED (`body.organiser.teamId` and the like), or a refusal about one field. */
export function serverFieldErrors(error: unknown): FieldErrors<ActivityField> {
  const { teamId, unitId, ...rest } = fieldErrorsOf(error, [...ACTIVITY_FIELDS, 'teamId', 'unitId'] as const);
  const organiser = teamId ?? unitId;
  return { ...rest, ...(organiser ? { organiser } : {}), ...codeComplaint(error, CODE_FIELDS) };
}
