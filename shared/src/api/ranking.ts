import { z } from 'zod';
import { idSchema } from '../domain/org';
import { monthSchema } from './stats';

/**
 * 通报: the units registered under a node, or the communities in its subtree, ranked by reporting
 * rate, service rate and wish completion rate over whole months `from`..`to` (default: this month).
 */
export const RANKING_SUBJECTS = ['units', 'communities'] as const;
export type RankingSubjects = (typeof RANKING_SUBJECTS)[number];
export const RANKING_SUBJECT_LABELS: Record<RankingSubjects, string> = { units: '单位', communities: '社区' };

export const rankingQuerySchema = z
  .object({
    orgId: idSchema,
    of: z.enum(RANKING_SUBJECTS).default('units'),
    from: monthSchema.optional(),
    to: monthSchema.optional(),
  })
  .refine((q) => !(q.from && q.to) || q.from <= q.to, { message: '起始月份不能晚于结束月份', path: ['from'] });
export type RankingQuery = z.infer<typeof rankingQuerySchema>;

/** The nodes whose units and communities are ranked: a community has nothing below it to rank. */
export const RANKING_NODE_KINDS = ['city', 'district', 'street'] as const;

/**
 * One ranked unit or community: its rank (subjects with equal rates share one, see
 * domain/ranking.ts) and the figures it is ranked by, each as `GET /api/stats/overview` answers
 * them for that unit or community over the same period.
 */
export const rankingRowSchema = z.object({
  rank: z.number().int().min(1),
  id: z.string(),
  name: z.string(),
  /** Where it belongs: a community's street (its parent node); the node a unit is registered under. */
  parentName: z.string(),
  /** 应报到: a community's expected members; a unit's roster, not departed. */
  expected: z.number().int(),
  reported: z.number().int(),
  reportingRate: z.number(),
  served: z.number().int(),
  serviceRate: z.number(),
  /** A community's wishes submitted in the period; a unit's, those its members claimed in it. */
  wishesCollected: z.number().int(),
  wishesCompleted: z.number().int(),
  completionRate: z.number(),
});
export type RankingRow = z.infer<typeof rankingRowSchema>;

/** `GET /api/stats/ranking` (and `.xlsx`): the rows in ranking order. */
export const rankingSchema = z.object({
  subject: z.object({ id: z.string(), name: z.string(), kind: z.enum(RANKING_NODE_KINDS) }),
  period: z.object({ from: monthSchema, to: monthSchema }),
  of: z.enum(RANKING_SUBJECTS),
  rows: z.array(rankingRowSchema),
  /** When the reporting figures were last computed (they refresh every few minutes). */
  reportingAsOf: z.string(),
});
export type Ranking = z.infer<typeof rankingSchema>;
