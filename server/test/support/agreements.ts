import { agreementSchema, chinaToday, listEnvelope, termEnd, type Agreement } from '@huijia/shared';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { agreements, unitCommunities } from '../../src/db/schema';
import { api, expectOk, type Caller } from './wishes';

/**
 * Helpers for the 共建协议 tests: the demo city's people by what they are to an agreement between
 * 新罗区实验小学 and a community of 新罗区, agreements driven through the API, and the pairs.
 */

/** Demo logins (src/seed/demo-city.ts). */
export const PARTIES = {
  /** 张丽华, staff of 龙津社区 (东城街道). */
  staff: '13900000011',
  /** 王海燕, staff of 中山社区. */
  otherStaff: '13900000012',
  /** 罗晓燕, admin of 新罗区实验小学. */
  unitAdmin: '13900000022',
  /** 郑明辉, admin of 龙岩市第一医院. */
  otherUnitAdmin: '13900000021',
  /** 林秀英, street admin of 东城街道 (above 龙津社区). */
  streetAdmin: '13900000002',
  /** 黄志强, street admin of 西城街道. */
  otherStreetAdmin: '13900000003',
  /** 陈建国, district admin of 新罗区. */
  districtAdmin: '13900000001',
  /** 李志远, member of 龙岩市第一医院. */
  member: '13900000101',
  /** 王秀兰, resident of 龙津社区. */
  resident: '13900000201',
} as const;
export type Party = keyof typeof PARTIES;

export const asAgreement = (res: LightMyRequestResponse, status = 200): Agreement => agreementSchema.parse(expectOk(res, status));
export const asAgreements = (res: LightMyRequestResponse) => listEnvelope(agreementSchema).parse(expectOk(res));

/** `day` (`YYYY-MM-DD`) moved by `days` on the calendar. */
export const shiftDays = (day: string, days: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** A term from `now`'s China day: starting `fromDays` on, lasting `years` (less a day). */
export function term(now: Date, fromDays = 0, years = 1): { startsOn: string; endsOn: string } {
  const startsOn = shiftDays(chinaToday(now), fromDays);
  return { startsOn, endsOn: termEnd(startsOn, years) };
}

export function agreementBody(unitId: string, communityId: string, t: { startsOn: string; endsOn: string }, overrides: Record<string, unknown> = {}) {
  return { unitId, communityId, ...t, content: '学校教师党员到社区开展课后辅导', resources: ['people', 'skills'], ...overrides };
}

export const propose = (app: FastifyInstance, staff: Caller, body: ReturnType<typeof agreementBody>) => api(app, staff, 'POST', '/api/agreements', body);
export async function proposed(app: FastifyInstance, staff: Caller, body: ReturnType<typeof agreementBody>): Promise<Agreement> {
  return asAgreement(await propose(app, staff, body), 201);
}

export const step = (app: FastifyInstance, who: Caller, id: string, action: 'accept' | 'decline' | 'withdraw' | 'end', reason?: string) =>
  api(app, who, 'POST', `/api/agreements/${id}/${action}`, action === 'decline' || action === 'end' ? { reason: reason ?? '双方协商一致' } : undefined);

/** Whether the unit and the community are paired (`unit_communities`). */
export async function paired(app: FastifyInstance, unitId: string, communityId: string): Promise<boolean> {
  const rows = await app.db
    .select()
    .from(unitCommunities)
    .where(and(eq(unitCommunities.unitId, Number(unitId)), eq(unitCommunities.communityId, Number(communityId))));
  return rows.length > 0;
}

/** The stored agreements of a pair, oldest first. */
export const agreementsOf = (app: FastifyInstance, unitId: string, communityId: string) =>
  app.db
    .select()
    .from(agreements)
    .where(and(eq(agreements.unitId, Number(unitId)), eq(agreements.communityId, Number(communityId))))
    .orderBy(agreements.id);
