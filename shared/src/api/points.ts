import { z } from 'zod';
import { idSchema } from '../domain/org';
import { ADJUSTMENT_MAX, LEDGER_SOURCES } from '../domain/points';

export const pointsSummarySchema = z.object({
  balance: z.number().int(),
  verifiedMinutes: z.number().int(),
  verifiedRecords: z.number().int(),
  completedWishes: z.number().int(),
});
export type PointsSummary = z.infer<typeof pointsSummarySchema>;

export const ledgerEntrySchema = z.object({
  id: z.string(),
  memberId: z.string(),
  source: z.enum(LEDGER_SOURCES),
  sourceId: z.string().nullable(),
  points: z.number().int(),
  reason: z.string(),
  createdAt: z.string(),
});
export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;

export const ledgerQuerySchema = z.object({
  memberId: idSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});

/** `POST /api/points/adjustments`: staff adjust a member's points, within a bound, with a reason. */
export const adjustPointsBodySchema = z.object({
  memberId: idSchema,
  points: z
    .number()
    .int()
    .min(-ADJUSTMENT_MAX, `单次调整不超过 ${ADJUSTMENT_MAX} 分`)
    .max(ADJUSTMENT_MAX, `单次调整不超过 ${ADJUSTMENT_MAX} 分`)
    .refine((n) => n !== 0, '调整分值不能为 0'),
  reason: z.string().trim().min(2, '请填写调整原因').max(200),
});

export const leaderboardEntrySchema = z.object({
  rank: z.number().int(),
  memberId: z.string(),
  memberName: z.string(),
  verifiedMinutes: z.number().int(),
  completedWishes: z.number().int(),
});
export type LeaderboardEntry = z.infer<typeof leaderboardEntrySchema>;
