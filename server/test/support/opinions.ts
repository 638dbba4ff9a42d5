import { randomBytes } from 'node:crypto';
import {
  listEnvelope,
  nextLevel,
  opinionSchema,
  type Opinion,
  type OpinionLevel,
  type OpinionListQuery,
} from '@huijia/shared';
import { and, asc, eq } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { auditLog, gridGroups, opinionSeconds, opinionSteps, opinions, roleGrants, users } from '../../src/db/schema';
import { freshPhone } from './identity';
import { api, callerOf, expectOk, type Caller } from './wishes';

/**
 * Helpers for the 民情 tests: the demo city's people by what they are to an opinion of 龙津社区,
 * opinions driven through the API to any level and state, and the rows behind them.
 */

/** Demo logins (src/seed/demo-city.ts) by what they are to an opinion raised at 龙津社区 (东城街道, 新罗区). */
export const CAST = {
  /** 王秀兰, lives in 龙津社区: raises the opinions. */
  reporter: '13900000201',
  /** 张丽华, staff of 龙津社区: holds 建议 and 商议. */
  staff: '13900000011',
  /** 李志远, confirmed member of 龙津社区 and (the tests make him) leader of 阳光花园网格党支部: holds 建议, and is a neighbour. */
  gridLeader: '13900000101',
  /** 林秀英, street admin of 东城街道 (lives in 中山社区): holds 审议, oversees the rest. */
  streetAdmin: '13900000002',
  /** 邱国华, 党代表 of 新罗区 (lives in 中山社区): holds 呼吁, oversees the rest. */
  partyRep: '13900000004',
  /** 陈阿婆, lives in 龙津社区: a neighbour. */
  neighbour: '13900000202',
  /** 赵雪梅, confirmed member of 龙津社区 (in the grid branch, not its leader): a neighbour who logs what she collects. */
  member: '13900000102',
  /** 杨德福, lives in 中山社区: nothing to do with 龙津社区. */
  stranger: '13900000203',
  /** 王海燕, staff of 中山社区 (lives there). */
  staffElsewhere: '13900000012',
  /** 黄志强, street admin of 西城街道 (lives in 莲东社区). */
  streetAdminElsewhere: '13900000003',
  /** 陈建国, district admin of 新罗区, who also lives in 龙津社区 (so a neighbour too). */
  districtAdmin: '13900000001',
} as const;
export type Role = keyof typeof CAST | 'overseer';

/** Everyone of CAST, and `overseer`: a district admin of 新罗区 who lives nowhere (oversees, nothing else). */
export async function castOf(app: FastifyInstance, district: string): Promise<Record<Role, Caller>> {
  const out = {} as Record<Role, Caller>;
  for (const [k, phone] of Object.entries(CAST) as [keyof typeof CAST, string][]) out[k] = await callerOf(app, phone);
  const phone = freshPhone();
  const [u] = await app.db.insert(users).values({ phone, name: '区民情督办' }).returning({ id: users.id });
  await app.db.insert(roleGrants).values({ userId: u!.id, role: 'district_admin', orgId: Number(district) });
  out.overseer = await callerOf(app, phone);
  return out;
}

/** Makes 李志远 the leader of 龙津社区's demo grid branch, through the API as its staff. */
export async function appointGridLeader(app: FastifyInstance, staff: Caller, leader: Caller): Promise<void> {
  const [branch] = await app.db.select().from(gridGroups).where(eq(gridGroups.name, '阳光花园网格党支部'));
  expectOk(await api(app, staff, 'PUT', `/api/grid/groups/${branch!.id}/leader`, { memberId: String(leader.userId) }));
}

export const asOpinion = (res: LightMyRequestResponse, status = 200): Opinion => opinionSchema.parse(expectOk(res, status));
const pageSchema = listEnvelope(opinionSchema);
export const asPage = (res: LightMyRequestResponse) => pageSchema.parse(expectOk(res));

let counter = 0;
/** A body for `POST /api/opinions`, with a marker in its description and phone unique to it (to find leaks in raw answers). */
export function opinionBody(communityId: string, overrides: Record<string, unknown> = {}) {
  counter += 1;
  const marker = `DESC${randomBytes(4).toString('hex').toUpperCase()}`;
  return {
    communityId,
    category: 'drainage',
    title: `雨水井堵塞${counter}`,
    description: `阳光花园3栋门口雨水井堵塞，下雨就积水 ${marker}`,
    contactPhone: `159${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
    ...overrides,
  };
}

export async function raise(app: FastifyInstance, who: Caller, communityId: string, overrides: Record<string, unknown> = {}): Promise<Opinion> {
  return asOpinion(await api(app, who, 'POST', '/api/opinions', opinionBody(communityId, overrides)), 201);
}

/** Who holds each level of a 龙津社区 opinion, among the cast. */
export const HOLDER_OF: Record<OpinionLevel, 'staff' | 'streetAdmin' | 'partyRep'> = {
  branch: 'staff',
  community: 'staff',
  street: 'streetAdmin',
  representative: 'partyRep',
};

/** An opinion of 龙津社区 raised by the reporter and escalated by each level's holder up to `level`. */
export async function openAt(app: FastifyInstance, cast: Record<Role, Caller>, communityId: string, level: OpinionLevel, overrides: Record<string, unknown> = {}): Promise<Opinion> {
  let opinion = await raise(app, cast.reporter, communityId, overrides);
  for (let at: OpinionLevel = 'branch'; at !== level; at = nextLevel(at)!) {
    opinion = asOpinion(await api(app, cast[HOLDER_OF[at]], 'POST', `/api/opinions/${opinion.id}/escalate`, { reason: `需要${at}以上协调` }));
  }
  expect(opinion).toMatchObject({ status: 'open', level, levelReached: level });
  return opinion;
}

export type Shape = 'open' | 'resolved' | 'closed' | 'rated' | 'reopened' | 'resolvedAgain' | 'finallyUnsatisfied';

/** An opinion of 龙津社区 at `level` in the shape asked for. */
export async function opinionIn(app: FastifyInstance, cast: Record<Role, Caller>, communityId: string, level: OpinionLevel, shape: Shape): Promise<Opinion> {
  let opinion = await openAt(app, cast, communityId, level);
  const holder = cast[HOLDER_OF[level]];
  const act = async (who: Caller, verb: string, body?: Record<string, unknown>) => asOpinion(await api(app, who, 'POST', `/api/opinions/${opinion.id}/${verb}`, body));
  if (shape === 'open') return opinion;
  if (shape === 'closed') return act(holder, 'close', { reason: '重复反映，已合并办理' });
  opinion = await act(holder, 'resolve', { reply: '已疏通雨水井' });
  if (shape === 'resolved') return opinion;
  if (shape === 'rated') return act(cast.reporter, 'rate', { satisfaction: 'satisfied' });
  opinion = await act(cast.reporter, 'rate', { satisfaction: 'unsatisfied', comment: '还是积水' });
  if (shape === 'reopened') return opinion;
  opinion = await act(holder, 'resolve', { reply: '已更换雨水篦子' });
  if (shape === 'resolvedAgain') return opinion;
  return act(cast.reporter, 'rate', { satisfaction: 'unsatisfied', comment: '仍不满意' });
}

/** Everything stored of an opinion: its row, its path, its seconds, its audit rows. */
export async function storedOpinion(app: FastifyInstance, id: string) {
  const n = Number(id);
  const [row] = await app.db.select().from(opinions).where(eq(opinions.id, n));
  const steps = await app.db.select().from(opinionSteps).where(eq(opinionSteps.opinionId, n)).orderBy(asc(opinionSteps.id));
  const seconds = await app.db.select().from(opinionSeconds).where(eq(opinionSeconds.opinionId, n)).orderBy(asc(opinionSeconds.userId));
  const audit = await app.db.select().from(auditLog).where(and(eq(auditLog.entity, 'opinion'), eq(auditLog.entityId, id))).orderBy(asc(auditLog.id));
  return { row: row!, steps, seconds, audit };
}

export const list = async (app: FastifyInstance, who: Caller, query: Partial<Record<keyof OpinionListQuery, string | number>>) =>
  asPage(await api(app, who, 'GET', `/api/opinions?${new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)])).toString()}`));
