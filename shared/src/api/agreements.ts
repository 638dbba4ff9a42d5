import { z } from 'zod';
import { idSchema } from '../domain/org';
import { AGREEMENT_ACTORS, AGREEMENT_MAX_YEARS, agreementResourceSchema, agreementStateSchema } from '../machines/agreement';

const day = z.iso.date({ message: '日期格式应为 YYYY-MM-DD' });

/** `POST /api/agreements`: community staff propose a 共建协议 to a unit. */
export const proposeAgreementBodySchema = z
  .object({
    unitId: idSchema,
    communityId: idSchema,
    startsOn: day,
    endsOn: day,
    content: z.string().trim().min(5, '请写明共建内容').max(2000),
    resources: z.array(agreementResourceSchema).min(1, '请选择单位投入的资源').max(5),
  })
  .superRefine((a, ctx) => {
    if (a.endsOn < a.startsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: '结束日期不能早于开始日期' });
    const years = Number(a.endsOn.slice(0, 4)) - Number(a.startsOn.slice(0, 4));
    if (years > AGREEMENT_MAX_YEARS || (years === AGREEMENT_MAX_YEARS && a.endsOn.slice(5) > a.startsOn.slice(5))) {
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: `协议期限最长 ${AGREEMENT_MAX_YEARS} 年` });
    }
  });
export type ProposeAgreementBody = z.infer<typeof proposeAgreementBodySchema>;

/** `/decline`, `/end`: with a reason. */
export const agreementReasonBodySchema = z.object({ reason: z.string().trim().min(2, '请填写原因').max(500) });

export const agreementSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  communityId: z.string(),
  communityName: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  content: z.string(),
  resources: z.array(agreementResourceSchema),
  status: agreementStateSchema,
  /** Active and within its term today (China's date): the pairing it makes holds. */
  inForce: z.boolean(),
  proposedByName: z.string().nullable(),
  proposedAt: z.string(),
  decidedAt: z.string().nullable(),
  /** Why it was declined or ended early; null at the end of its term. */
  reason: z.string().nullable(),
  endedAt: z.string().nullable(),
  viewerActors: z.array(z.enum(AGREEMENT_ACTORS)),
});
export type Agreement = z.infer<typeof agreementSchema>;

/** `GET /api/agreements?unitId=|communityId=|orgId=&status=`: a unit's, a community's, or a subtree's; newest first. */
export const agreementListQuerySchema = z.object({
  unitId: idSchema.optional(),
  communityId: idSchema.optional(),
  orgId: idSchema.optional(),
  status: agreementStateSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});
export type AgreementListQuery = z.infer<typeof agreementListQuerySchema>;

/** `GET /api/communities/:id/partner-units`: the units a community's staff may propose to, by name. */
export const partnerUnitSchema = z.object({ id: z.string(), name: z.string(), paired: z.boolean() });
export type PartnerUnit = z.infer<typeof partnerUnitSchema>;
