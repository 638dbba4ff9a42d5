import { z } from 'zod';
import { idSchema } from '../domain/org';

/** `POST /api/households`: staff register a household in difficulty (困难群众). */
export const createHouseholdBodySchema = z.object({
  communityId: idSchema,
  name: z.string().trim().min(1).max(30),
  needs: z.string().trim().min(2, '请填写帮扶需求').max(500),
  address: z.string().trim().max(120).optional(),
  /** How many members may pair at once; one unless staff allow more. */
  maxMembers: z.number().int().min(1).max(10).default(1),
});

/** `PATCH /api/households/:id`: staff change how many members may pair with one household, within
 *  the community's cap and never below the members paired now. */
export const updateHouseholdBodySchema = z.object({
  maxMembers: z.number().int().min(1, '至少 1 人').max(10, '最多 10 人'),
});
export type UpdateHouseholdBody = z.infer<typeof updateHouseholdBodySchema>;

export const householdSchema = z.object({
  id: z.string(),
  communityId: z.string(),
  communityName: z.string(),
  /** Masked (王**) unless the caller is staff of the community or paired with it. */
  name: z.string(),
  needs: z.string(),
  address: z.string().optional(),
  maxMembers: z.number().int(),
  activePairings: z.number().int(),
  pairedWithMe: z.boolean(),
});
export type Household = z.infer<typeof householdSchema>;

export const pairingSchema = z.object({
  id: z.string(),
  householdId: z.string(),
  memberId: z.string(),
  memberName: z.string(),
  status: z.enum(['active', 'ended']),
  createdAt: z.string(),
});
export type Pairing = z.infer<typeof pairingSchema>;
