import { z } from 'zod';
import { idSchema } from '../domain/org';
import { monthSchema } from './stats';

/**
 * 通报: the units registered under a node, or the communities in its subtree, ranked by reporting
 * rate, service rate and wish completion rate over whole months `from`..`to` (default: this month).
 */
export const RANKING_SUBJECTS = ['units', 'communities'] as const;
export const rankingQuerySchema = z
  .object({
    orgId: idSchema,
    of: z.enum(RANKING_SUBJECTS).default('units'),
    from: monthSchema.optional(),
    to: monthSchema.optional(),
  })
  .refine((q) => !(q.from && q.to) || q.from <= q.to, { message: '起始月份不能晚于结束月份', path: ['from'] });
export type RankingQuery = z.infer<typeof rankingQuerySchema>;
