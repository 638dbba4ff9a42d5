import { chinaToday, type Role, termEnd } from '@huijia/shared';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../db';
import { agreements, gridGroups, gridMembers, reports, roleGrants, rosterEntries, unitCommunities, units, users } from '../db/schema';
import { hashPassword } from '../modules/auth/password';
import { insertOrgNode, type OrgNodeRow } from '../modules/orgs/repository';
import { seedDemoActivity, type DemoCast } from './demo-activity';
import { seedDemoActivities } from './demo-activities';
import { seedDemoOpinions } from './demo-opinions';
import { seedDemoProjects } from './demo-projects';

/** Every demo account signs in with this password. */
export const DEMO_PASSWORD = 'huijia2026';
/** The 报到证 issued to the demo member whose report waits for staff (许丽娟 at 溪南社区). */
export const DEMO_CERTIFICATE_CODE = 'DEMA2345';

export interface DemoLogin {
  role: Role;
  name: string;
  phone: string;
  where: string;
}

/** 新罗区 of 龙岩市: two streets, four communities, each with two compounds of two buildings. */
const STREETS = [
  { name: '东城街道', communities: ['龙津社区', '中山社区'] },
  { name: '西城街道', communities: ['莲东社区', '溪南社区'] },
] as const;
const COMPOUNDS = ['阳光花园', '丽景小区'] as const;
const A_YEAR_MS = 365 * 24 * 60 * 60 * 1000;

const UNITS = [
  { name: '龙岩市第一医院', pairedWith: ['龙津社区', '中山社区'] },
  { name: '新罗区实验小学', pairedWith: ['莲东社区', '溪南社区'] },
] as const;

type Person = { name: string; phone: string; home: string };

const STAFF: (Person & { role: 'community_staff' | 'street_admin' | 'district_admin' | 'party_rep'; at: string })[] = [
  { role: 'district_admin', name: '陈建国', phone: '13900000001', home: '龙津社区', at: '新罗区' },
  { role: 'street_admin', name: '林秀英', phone: '13900000002', home: '中山社区', at: '东城街道' },
  { role: 'street_admin', name: '黄志强', phone: '13900000003', home: '莲东社区', at: '西城街道' },
  // 党代表 of the district: takes what the streets could not resolve to the departments (呼吁).
  { role: 'party_rep', name: '邱国华', phone: '13900000004', home: '中山社区', at: '新罗区' },
  { role: 'community_staff', name: '张丽华', phone: '13900000011', home: '龙津社区', at: '龙津社区' },
  { role: 'community_staff', name: '王海燕', phone: '13900000012', home: '中山社区', at: '中山社区' },
  { role: 'community_staff', name: '刘春梅', phone: '13900000013', home: '莲东社区', at: '莲东社区' },
  { role: 'community_staff', name: '吴振华', phone: '13900000014', home: '溪南社区', at: '溪南社区' },
];

const UNIT_ADMINS: (Person & { unit: string })[] = [
  { name: '郑明辉', phone: '13900000021', home: '中山社区', unit: '龙岩市第一医院' },
  { name: '罗晓燕', phone: '13900000022', home: '溪南社区', unit: '新罗区实验小学' },
];

type ReportPlan = 'confirmed' | 'pending' | 'certified' | 'none';

/** In-service members (在职党员) of the two units, on their units' rosters: most reported and
 *  confirmed, some waiting for the offline step, some not reported yet. */
export const DEMO_MEMBERS: (Person & { unit: string; branch: string; report: ReportPlan })[] = [
  { name: '李志远', phone: '13900000101', home: '龙津社区', unit: '龙岩市第一医院', branch: '内科党支部', report: 'confirmed' },
  { name: '赵雪梅', phone: '13900000102', home: '龙津社区', unit: '龙岩市第一医院', branch: '外科党支部', report: 'confirmed' },
  { name: '孙浩然', phone: '13900000103', home: '中山社区', unit: '龙岩市第一医院', branch: '内科党支部', report: 'confirmed' },
  { name: '周佳怡', phone: '13900000104', home: '中山社区', unit: '龙岩市第一医院', branch: '行政党支部', report: 'confirmed' },
  { name: '钱文博', phone: '13900000105', home: '莲东社区', unit: '龙岩市第一医院', branch: '外科党支部', report: 'confirmed' },
  { name: '冯晓东', phone: '13900000106', home: '溪南社区', unit: '新罗区实验小学', branch: '教师第一党支部', report: 'confirmed' },
  { name: '何静', phone: '13900000107', home: '莲东社区', unit: '新罗区实验小学', branch: '教师第一党支部', report: 'pending' },
  { name: '许丽娟', phone: '13900000108', home: '溪南社区', unit: '新罗区实验小学', branch: '教师第二党支部', report: 'certified' },
  { name: '邓伟', phone: '13900000109', home: '莲东社区', unit: '新罗区实验小学', branch: '教师第二党支部', report: 'none' },
  { name: '曾美玲', phone: '13900000110', home: '龙津社区', unit: '新罗区实验小学', branch: '行政党支部', report: 'none' },
];

const RESIDENTS: Person[] = [
  { name: '王秀兰', phone: '13900000201', home: '龙津社区' },
  { name: '陈阿婆', phone: '13900000202', home: '龙津社区' },
  { name: '杨德福', phone: '13900000203', home: '中山社区' },
  { name: '蔡玉珍', phone: '13900000204', home: '莲东社区' },
  { name: '谢国平', phone: '13900000205', home: '溪南社区' },
  { name: '苏桂英', phone: '13900000206', home: '溪南社区' },
];

/** Someone who left 龙岩市第一医院 (离开名册): on no roster now, so neither a member nor expected. */
const DEPARTED: Person & { unit: string; branch: string } = { name: '林建国', phone: '13900000111', home: '中山社区', unit: '龙岩市第一医院', branch: '内科党支部' };

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A member's life on the rolls, in the demo: 钱文博 moved from 龙津社区 to 莲东社区 last month and
 * transferred his report (转移报到: the old one ended when 莲东社区 confirmed the new one); 林建国
 * left his unit's roster three weeks ago, and his report at 中山社区 ended with it.
 */
async function seedLivesOnTheRolls(
  tx: Tx,
  at: { member: (name: string) => number; unit: (name: string) => number; community: (name: string) => number; addUser: (p: Person) => Promise<number> },
  now: Date,
): Promise<void> {
  const ago = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const moved = at.member('钱文博');
  const hospital = at.unit('龙岩市第一医院');
  const [old] = await tx
    .insert(reports)
    .values({ memberId: moved, unitId: hospital, communityId: at.community('龙津社区'), basis: 'residence', status: 'ended', decidedAt: ago(300), endedAt: ago(30), endReason: 'transferred', createdAt: ago(302) })
    .returning({ id: reports.id });
  await tx
    .update(reports)
    .set({ transferOf: old!.id, createdAt: ago(33), decidedAt: ago(30) })
    .where(and(eq(reports.memberId, moved), eq(reports.status, 'confirmed')));

  const departed = await at.addUser(DEPARTED);
  await tx.insert(rosterEntries).values({ unitId: at.unit(DEPARTED.unit), name: DEPARTED.name, phone: DEPARTED.phone, branch: DEPARTED.branch, departedAt: ago(21), departReason: '调往外地工作' });
  await tx.insert(reports).values({
    memberId: departed,
    unitId: at.unit(DEPARTED.unit),
    communityId: at.community(DEPARTED.home),
    basis: 'residence',
    status: 'ended',
    decidedAt: ago(200),
    endedAt: ago(21),
    endReason: 'departed',
    createdAt: ago(202),
  });
}

/**
 * 共建协议 of the demo: each unit's pairs (UNITS) made by an agreement in force — proposed by the
 * community's staff half a year ago, accepted by the unit's admin — so that the pairs and the
 * agreements agree; and one of each other state: one from 龙津社区 waiting for 新罗区实验小学's admin,
 * one 新罗区实验小学 declined, one between 龙岩市第一医院 and 莲东社区 ended early.
 */
async function seedDemoAgreements(
  tx: Tx,
  at: { unit: (name: string) => number; community: (name: string) => number; person: (name: string) => number; staffOf: (community: string) => number },
  now: Date,
): Promise<void> {
  const today = chinaToday(now);
  const ago = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const dayOf = (at: Date) => chinaToday(at);
  const admin = { 龙岩市第一医院: '郑明辉', 新罗区实验小学: '罗晓燕' } as Record<string, string>;
  const signed = dayOf(ago(180));
  for (const unit of UNITS) {
    for (const c of unit.pairedWith) {
      await tx.insert(agreements).values({
        unitId: at.unit(unit.name),
        communityId: at.community(c),
        startsOn: signed,
        endsOn: termEnd(signed, 3),
        content: `${unit.name}与${c}结对共建：党员进社区报到服务，共同开展志愿服务和便民活动`,
        resources: ['people', 'skills'],
        status: 'active',
        proposedBy: at.staffOf(c),
        decidedBy: at.person(admin[unit.name]!),
        decidedAt: ago(175),
        createdAt: ago(180),
      });
    }
  }
  await tx.insert(agreements).values([
    {
      unitId: at.unit('新罗区实验小学'),
      communityId: at.community('龙津社区'),
      startsOn: today,
      endsOn: termEnd(today, 2),
      content: '学校教师党员每月到龙津社区开展“四点半课堂”课后辅导，假期开放学校操场供社区青少年活动',
      resources: ['people', 'skills', 'space'],
      status: 'proposed',
      proposedBy: at.staffOf('龙津社区'),
      createdAt: ago(2),
    },
    {
      unitId: at.unit('新罗区实验小学'),
      communityId: at.community('中山社区'),
      startsOn: dayOf(ago(30)),
      endsOn: termEnd(dayOf(ago(30)), 1),
      content: '学校为中山社区老年大学提供书法、绘画课程师资',
      resources: ['skills'],
      status: 'declined',
      proposedBy: at.staffOf('中山社区'),
      decidedBy: at.person('罗晓燕'),
      decidedAt: ago(35),
      reason: '本学期教师教学任务重，暂无余力，下学期再议',
      createdAt: ago(40),
    },
    {
      unitId: at.unit('龙岩市第一医院'),
      communityId: at.community('莲东社区'),
      startsOn: dayOf(ago(400)),
      endsOn: termEnd(dayOf(ago(400)), 2),
      content: '医院每季度到莲东社区开展义诊和健康讲座，捐赠常用药品',
      resources: ['people', 'goods'],
      status: 'ended',
      proposedBy: at.staffOf('莲东社区'),
      decidedBy: at.person('郑明辉'),
      decidedAt: ago(398),
      reason: '医院义诊力量调整至对口帮扶乡镇，经双方协商提前终止',
      endedBy: at.person('郑明辉'),
      endedAt: ago(60),
      createdAt: ago(401),
    },
  ]);
}

/** Loads the demo city under `root` and answers its logins. Deterministic: same rows every time. */
export async function seedDemoCity(tx: Tx, root: OrgNodeRow): Promise<DemoLogin[]> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const nodes = new Map<string, OrgNodeRow>();
  const district = await insertOrgNode(tx, root, 'district', '新罗区');
  nodes.set(district.name, district);
  for (const street of STREETS) {
    const streetNode = await insertOrgNode(tx, district, 'street', street.name);
    nodes.set(street.name, streetNode);
    for (const name of street.communities) {
      const community = await insertOrgNode(tx, streetNode, 'community', name);
      nodes.set(name, community);
      for (const compoundName of COMPOUNDS) {
        const compound = await insertOrgNode(tx, community, 'compound', compoundName);
        for (const building of ['1栋', '2栋']) await insertOrgNode(tx, compound, 'building', building);
      }
    }
  }
  const node = (name: string) => nodes.get(name)!;

  const unitIds = new Map<string, number>();
  for (const unit of UNITS) {
    const [row] = await tx.insert(units).values({ name: unit.name, orgId: district.id }).returning({ id: units.id });
    unitIds.set(unit.name, row!.id);
    await tx
      .insert(unitCommunities)
      .values(unit.pairedWith.map((c) => ({ unitId: row!.id, communityId: node(c).id })));
  }

  const addUser = async (p: Person) => {
    const [row] = await tx
      .insert(users)
      // The demo's people have lived in their communities for a year, and agreed to the 用户协议
      // and 隐私政策 when they signed up.
      .values({ name: p.name, phone: p.phone, passwordHash, homeCommunityId: node(p.home).id, homeCommunitySince: new Date(Date.now() - A_YEAR_MS), consentedAt: new Date() })
      .returning({ id: users.id });
    return row!.id;
  };

  const logins: DemoLogin[] = [];
  const people = new Map<string, number>();
  const staffAt = new Map<string, number>();
  for (const s of STAFF) {
    const userId = await addUser(s);
    people.set(s.name, userId);
    if (s.role === 'community_staff') staffAt.set(s.at, userId);
    await tx.insert(roleGrants).values({ userId, role: s.role, orgId: node(s.at).id });
    logins.push({ role: s.role, name: s.name, phone: s.phone, where: s.at });
  }
  for (const a of UNIT_ADMINS) {
    const userId = await addUser(a);
    people.set(a.name, userId);
    await tx.insert(roleGrants).values({ userId, role: 'unit_admin', unitId: unitIds.get(a.unit)! });
    logins.push({ role: 'unit_admin', name: a.name, phone: a.phone, where: a.unit });
  }
  await tx
    .insert(rosterEntries)
    .values(DEMO_MEMBERS.map((m) => ({ unitId: unitIds.get(m.unit)!, name: m.name, phone: m.phone, branch: m.branch })));
  const memberIds = new Map<string, number>();
  for (const m of DEMO_MEMBERS) {
    memberIds.set(m.name, await addUser(m));
    const status = { confirmed: '已报到', pending: '待线下报到', certified: `待线下报到, 报到证 ${DEMO_CERTIFICATE_CODE}`, none: '未报到' }[m.report];
    logins.push({ role: 'member', name: m.name, phone: m.phone, where: `${m.unit} · 住${m.home} · ${status}` });
  }
  const now = new Date();
  await seedDemoAgreements(tx, { unit: (name) => unitIds.get(name)!, community: (name) => node(name).id, person: (name) => people.get(name)!, staffOf: (c) => staffAt.get(c)! }, now);
  for (const m of DEMO_MEMBERS.filter((x) => x.report !== 'none')) {
    await tx.insert(reports).values({
      memberId: memberIds.get(m.name)!,
      unitId: unitIds.get(m.unit)!,
      communityId: node(m.home).id,
      basis: 'residence',
      status: m.report === 'confirmed' ? 'confirmed' : 'pending_offline',
      certificateCode: m.report === 'pending' ? null : DEMO_CERTIFICATE_CODE,
      certificateIssuedAt: m.report === 'pending' ? null : now,
      decidedAt: m.report === 'confirmed' ? now : null,
    });
  }
  await seedLivesOnTheRolls(tx, { member: (name) => memberIds.get(name)!, unit: (name) => unitIds.get(name)!, community: (name) => node(name).id, addUser }, now);
  // The grid of 龙津社区: a branch and a volunteer team of its confirmed members. 李志远 leads both:
  // he holds 建议 of the community's 民情 and organises the team's activities.
  const [branch] = await tx
    .insert(gridGroups)
    .values({ communityId: node('龙津社区').id, kind: 'branch', name: '阳光花园网格党支部', leaderId: memberIds.get('李志远')! })
    .returning();
  const [team] = await tx
    .insert(gridGroups)
    .values({ communityId: node('龙津社区').id, kind: 'team', name: '龙津红色志愿服务队', leaderId: memberIds.get('李志远')! })
    .returning();
  for (const [group, names] of [[branch!, ['李志远', '赵雪梅']], [team!, ['李志远']]] as const) {
    for (const name of names) {
      await tx.insert(gridMembers).values({ groupId: group.id, memberId: memberIds.get(name)!, communityId: group.communityId, kind: group.kind });
    }
  }
  for (const r of RESIDENTS) {
    people.set(r.name, await addUser(r));
    logins.push({ role: 'resident', name: r.name, phone: r.phone, where: r.home });
  }
  for (const [name, id] of memberIds) people.set(name, id);
  const phones = new Map([...STAFF, ...UNIT_ADMINS, ...DEMO_MEMBERS, ...RESIDENTS].map((p) => [p.name, p.phone]));
  const cast: DemoCast = { community: (name) => node(name).id, person: (name) => people.get(name)!, phone: (name) => phones.get(name)!, staffOf: (c) => staffAt.get(c)! };
  await seedDemoActivity(tx, cast, now);
  await seedDemoOpinions(tx, cast, now);
  await seedDemoActivities(tx, cast, { team: team!.id, hospital: unitIds.get('龙岩市第一医院')! }, now);
  await seedDemoProjects(tx, cast, { team: team!.id, hospital: unitIds.get('龙岩市第一医院')!, school: unitIds.get('新罗区实验小学')! }, now);
  return logins;
}
