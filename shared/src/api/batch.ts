import { z } from 'zod';
import { idSchema } from '../domain/org';

/** At most this many items in one batch action (a screenful of a queue, and then some). */
export const BATCH_MAX = 50;

/** `POST /api/records/verify`, `POST /api/wishes/approve`: the same step on several items at once. */
export const batchBodySchema = z.object({
  ids: z
    .array(idSchema)
    .min(1, '请至少选择一项')
    .max(BATCH_MAX, `一次最多处理 ${BATCH_MAX} 项`)
    .refine((ids) => new Set(ids).size === ids.length, '有重复的项'),
});
export type BatchBody = z.infer<typeof batchBodySchema>;

/**
 * What a batch did: each item is taken on its own (its own transaction, as if tapped alone), so
 * that one someone else already handled, or one the caller may not take, is reported beside the
 * rest rather than stopping them.
 */
export const batchOutcomeSchema = z.object({
  done: z.array(z.string()),
  refused: z.array(z.object({ id: z.string(), code: z.string(), message: z.string() })),
});
export type BatchOutcome = z.infer<typeof batchOutcomeSchema>;
