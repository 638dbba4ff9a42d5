import { z } from 'zod';
import { idSchema } from '../domain/org';
import { RECORD_MAX_MINUTES, RECORD_UNIT_MINUTES, recordStateSchema } from '../machines/record';

export const RECORD_SOURCES = ['post', 'wish', 'pairing', 'activity', 'project', 'other'] as const;
export const recordSourceTypeSchema = z.enum(RECORD_SOURCES);
export type RecordSourceType = z.infer<typeof recordSourceTypeSchema>;
export const RECORD_SOURCE_LABELS: Record<RecordSourceType, string> = {
  post: '服务岗位',
  wish: '微心愿',
  pairing: '结对帮扶',
  activity: '集体活动',
  project: '认领项目',
  other: '其他',
};

const instant = z.iso.datetime({ offset: true, message: '时间格式不正确' });

const recordFields = z.object({
  source: z.object({ type: recordSourceTypeSchema, id: idSchema.optional() }),
  startedAt: instant,
  endedAt: instant,
  content: z.string().trim().min(5, '请描述服务内容').max(1000),
  beneficiary: z.string().trim().max(60).optional(),
  photoIds: z.array(idSchema).max(6).optional(),
});

/** The shape rules of a session, checked on both sides: end after start, at most 8 hours, at
 *  least one half-hour. (Not in the future is the server's check: only it knows the time.) */
export function sessionProblems(startedAt: string, endedAt: string): { path: string; message: string }[] {
  const minutes = (Date.parse(endedAt) - Date.parse(startedAt)) / 60_000;
  if (!(minutes > 0)) return [{ path: 'endedAt', message: '结束时间须晚于开始时间' }];
  if (minutes > RECORD_MAX_MINUTES) return [{ path: 'endedAt', message: '单次服务不超过 8 小时' }];
  if (minutes < RECORD_UNIT_MINUTES) return [{ path: 'endedAt', message: '服务时长按半小时计，至少 30 分钟' }];
  return [];
}

const withSessionRules = <T extends z.ZodType<{ startedAt?: string; endedAt?: string }>>(schema: T) =>
  schema.superRefine((r, ctx) => {
    if (r.startedAt && r.endedAt) {
      for (const p of sessionProblems(r.startedAt, r.endedAt)) ctx.addIssue({ code: 'custom', path: [p.path], message: p.message });
    }
  });

/** `POST /api/records`: a member logs a session (服务记实). */
export const createRecordBodySchema = withSessionRules(
  recordFields.refine((r) => r.source.type === 'other' || r.source.type === 'activity' || r.source.id, {
    message: '请选择服务对应的岗位、心愿、结对或项目',
    path: ['source', 'id'],
  }),
);
export type CreateRecordBody = z.infer<typeof createRecordBodySchema>;

/** `PUT /api/records/:id`: the member edits their record; it goes back to pending. */
export const updateRecordBodySchema = withSessionRules(
  recordFields.pick({ startedAt: true, endedAt: true, content: true, beneficiary: true }),
);
export type UpdateRecordBody = z.infer<typeof updateRecordBodySchema>;

export const recordSchema = z.object({
  id: z.string(),
  memberId: z.string(),
  memberName: z.string(),
  communityId: z.string(),
  communityName: z.string(),
  source: z.object({ type: recordSourceTypeSchema, id: z.string().nullable(), title: z.string().nullable() }),
  startedAt: z.string(),
  endedAt: z.string(),
  /** The minutes it counts for: whole half-hours. */
  minutes: z.number().int(),
  content: z.string(),
  beneficiary: z.string().nullable(),
  status: recordStateSchema,
  rejectReason: z.string().nullable(),
  photos: z.array(z.object({ id: z.string(), url: z.string() })),
  createdAt: z.string(),
  verifiedAt: z.string().nullable(),
});
export type ServiceRecord = z.infer<typeof recordSchema>;

export const recordListQuerySchema = z.object({
  communityId: idSchema.optional(),
  status: recordStateSchema.optional(),
  mine: z.enum(['1', 'true']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});
