import { and, eq } from 'drizzle-orm';
import {
  DEFAULT_OPINION_DEADLINE_DAYS,
  nextLevel,
  rateOutcome,
  type OpinionCategory,
  type OpinionLevel,
  type OpinionSource,
  type OpinionState,
  type OpinionStepAction,
  type Satisfaction,
} from '@huijia/shared';
import type { Tx } from '../db';
import { opinionSeconds, opinionSteps, opinions, orgNodes } from '../db/schema';
import type { DemoCast } from './demo-activity';

const DAY = 24 * 60 * 60 * 1000;

/** A holder's step: who took it, in which role (as the opinion service records it), and its note. */
type Step =
  | { action: 'resolve' | 'escalate' | 'close'; by: string; role: string; note: string }
  | { action: 'rate'; satisfaction: Satisfaction; comment?: string };

interface OpinionPlan {
  community: string;
  /** A compound of the community. */
  place?: string;
  reporter: string;
  /** Who the reporter was: `resident` or `member`, or the worker's role for a logged one. */
  reporterRole: string;
  source: OpinionSource;
  raisedBy?: string;
  category: OpinionCategory;
  title: string;
  description: string;
  daysAgo: number;
  steps: Step[];
  seconds?: string[];
}

const gridLeader = { by: '李志远', role: 'grid_leader' } as const;
const longjinStaff = { by: '张丽华', role: 'community_staff' } as const;
const zhongshanStaff = { by: '王海燕', role: 'community_staff' } as const;
const liandongStaff = { by: '刘春梅', role: 'community_staff' } as const;
const xinanStaff = { by: '吴振华', role: 'community_staff' } as const;
const eastStreet = { by: '林秀英', role: 'street_admin' } as const;
const westStreet = { by: '黄志强', role: 'street_admin' } as const;
const partyRep = { by: '邱国华', role: 'party_rep' } as const;

/**
 * 民情 at every level and in every state (四议一呼): open at each of the four levels (one of them
 * overdue), resolved at each level and rated each way, closed, reopened after 不满意, and one the
 * 社情民意搜集本 logged from the 意见箱.
 */
const OPINIONS: OpinionPlan[] = [
  {
    community: '龙津社区', place: '阳光花园', reporter: '陈阿婆', reporterRole: 'resident', source: 'self', category: 'drainage',
    title: '3 栋前排水沟堵塞，一下雨就积水', description: '阳光花园 3 栋楼前的排水沟被落叶和泥沙堵住了，每次下雨门口积水没过脚踝，老人出入很不方便。',
    daysAgo: 1, steps: [], seconds: ['王秀兰', '赵雪梅'],
  },
  {
    community: '龙津社区', place: '丽景小区', reporter: '王秀兰', reporterRole: 'resident', source: 'self', category: 'facilities',
    title: '小区北门路灯坏了一个多月', description: '丽景小区北门到菜市场那段路的两盏路灯不亮，晚上回家很黑，担心老人摔倒。',
    daysAgo: 12, steps: [{ action: 'escalate', ...gridLeader, note: '路灯归社区统一报修，网格无法处理，提交社区商议。' }], seconds: ['陈阿婆'],
  },
  {
    community: '龙津社区', place: '阳光花园', reporter: '王秀兰', reporterRole: 'resident', source: 'self', category: 'sanitation',
    title: '垃圾分类点异味大', description: '2 栋旁边的垃圾分类点夏天异味很大，清运不及时。',
    daysAgo: 20, steps: [{ action: 'resolve', ...gridLeader, note: '已与物业协商，清运改为每天早晚两次，并加装了除臭设备。' }, { action: 'rate', satisfaction: 'satisfied', comment: '现在干净多了，谢谢网格员。' }],
  },
  {
    community: '龙津社区', place: '丽景小区', reporter: '王秀兰', reporterRole: 'resident', source: 'self', category: 'safety',
    title: '楼道堆放杂物，消防通道堵了', description: '丽景小区 5 栋楼道里堆了纸箱和旧家具，消防通道被堵，存在安全隐患。',
    daysAgo: 8, steps: [
      { action: 'escalate', ...gridLeader, note: '多次劝导无效，需社区联合物业统一清理。' },
      { action: 'resolve', ...longjinStaff, note: '社区联合物业和消防志愿者清理了 5 栋楼道杂物，并张贴了消防通道禁止堆放的提示。' },
    ],
  },
  {
    community: '龙津社区', reporter: '赵雪梅', reporterRole: 'member', source: 'mailbox', raisedBy: '刘大爷', category: 'other',
    title: '希望社区开办老年食堂', description: '意见箱收到的来信：辖区独居老人多，做饭不便，希望社区能开办老年助餐点。',
    daysAgo: 2, steps: [],
  },
  {
    community: '中山社区', reporter: '杨德福', reporterRole: 'resident', source: 'self', category: 'road',
    title: '农贸市场周边占道经营，道路拥堵', description: '中山农贸市场门口每天早上摊贩占道，车辆和行人都过不去，希望能规范管理。',
    daysAgo: 9, steps: [
      { action: 'escalate', ...zhongshanStaff, note: '网格劝导后反复出现，提交社区党委商议。' },
      { action: 'escalate', ...zhongshanStaff, note: '涉及市场监管和城管执法，需街道协调相关部门。' },
    ], seconds: ['周佳怡'],
  },
  {
    community: '中山社区', reporter: '周佳怡', reporterRole: 'member', source: 'self', category: 'facilities',
    title: '老旧小区加装电梯', description: '小区建于上世纪九十年代，六层无电梯，楼上住了不少高龄老人，希望推动加装电梯。',
    daysAgo: 25, steps: [
      { action: 'escalate', ...zhongshanStaff, note: '加装电梯需多方协调，提交社区党委商议。' },
      { action: 'escalate', ...zhongshanStaff, note: '需要住建部门的政策和资金支持，提交街道审议。' },
      { action: 'escalate', ...eastStreet, note: '涉及区级财政补贴政策，请党代表向区有关部门呼吁。' },
    ], seconds: ['杨德福', '孙浩然'],
  },
  {
    community: '中山社区', reporter: '杨德福', reporterRole: 'resident', source: 'self', category: 'safety',
    title: '学校门口上下学时段交通混乱', description: '中山小学门口上下学时没有交警和护学岗，家长车辆乱停，孩子过马路很危险。',
    daysAgo: 60, steps: [
      { action: 'escalate', ...zhongshanStaff, note: '提交社区党委商议。' },
      { action: 'escalate', ...zhongshanStaff, note: '需交警部门配合，提交街道审议。' },
      { action: 'escalate', ...eastStreet, note: '请党代表向区公安分局交警大队反映。' },
      { action: 'resolve', ...partyRep, note: '经呼吁，交警大队已在上下学时段增派警力，并施划了临时停车区，学校设立了家长护学岗。' },
      { action: 'rate', satisfaction: 'basically_satisfied', comment: '好多了，希望能长期坚持。' },
    ],
  },
  {
    community: '中山社区', reporter: '杨德福', reporterRole: 'resident', source: 'self', category: 'property',
    title: '物业费上涨未公示', description: '物业公司今年上调物业费，没有召开业主大会，也没有公示。',
    daysAgo: 45, steps: [
      { action: 'escalate', ...zhongshanStaff, note: '提交社区党委商议。' },
      { action: 'escalate', ...zhongshanStaff, note: '需街道物业监管部门介入。' },
      { action: 'resolve', ...eastStreet, note: '街道约谈物业公司，已补充公示调价依据。' },
      { action: 'rate', satisfaction: 'unsatisfied', comment: '只是补了公示，价格还是没变。' },
      { action: 'resolve', ...eastStreet, note: '组织业主代表与物业公司协商，调价幅度减半，并承诺提升保洁服务。' },
      { action: 'rate', satisfaction: 'unsatisfied', comment: '还是觉得贵。' },
    ],
  },
  {
    community: '莲东社区', reporter: '蔡玉珍', reporterRole: 'resident', source: 'self', category: 'facilities',
    title: '公园健身器材损坏', description: '莲东公园的两台健身器材螺丝松动，已经有老人差点摔倒。',
    daysAgo: 15, steps: [
      { action: 'escalate', ...liandongStaff, note: '需要申请维修经费，提交社区党委商议。' },
      { action: 'resolve', ...liandongStaff, note: '社区已联系厂家上门维修，并在器材旁张贴了使用须知。' },
    ],
  },
  {
    community: '溪南社区', reporter: '谢国平', reporterRole: 'resident', source: 'self', category: 'sanitation',
    title: '楼道小广告', description: '楼道里贴满了开锁、通下水道的小广告。',
    daysAgo: 18, steps: [{ action: 'close', ...xinanStaff, note: '与 5 天前反映的“楼道小广告清理”为同一问题，已合并办理。' }],
  },
  {
    community: '溪南社区', reporter: '苏桂英', reporterRole: 'resident', source: 'self', category: 'subsidy',
    title: '高龄津贴迟迟没有到账', description: '今年满 80 岁，申请高龄津贴三个月了还没有到账。',
    daysAgo: 30, steps: [
      { action: 'escalate', ...xinanStaff, note: '提交社区党委商议。' },
      { action: 'resolve', ...xinanStaff, note: '已帮助重新提交申请材料。' },
      { action: 'rate', satisfaction: 'unsatisfied', comment: '材料交了，钱还是没到。' },
    ],
  },
  {
    community: '溪南社区', reporter: '冯晓东', reporterRole: 'member', source: 'self', category: 'school_work',
    title: '随迁子女入学咨询无门', description: '不少外来务工人员不清楚孩子入学要准备哪些材料。',
    daysAgo: 40, steps: [
      { action: 'escalate', ...xinanStaff, note: '提交社区党委商议。' },
      { action: 'escalate', ...xinanStaff, note: '需教育部门统一答复，提交街道审议。' },
      { action: 'resolve', ...westStreet, note: '街道联合区教育局在社区开设入学政策咨询日，并印发了材料清单。' },
    ],
  },
];

/** Replays a plan's steps as the opinion machine would, answering the row and its path. */
function replay(plan: OpinionPlan, raisedAt: Date) {
  let status: OpinionState = 'open';
  let level: OpinionLevel = 'branch';
  let levelReached: OpinionLevel = 'branch';
  let reopenedAt: Date | null = null;
  let dueAt: Date | null = new Date(raisedAt.getTime() + DEFAULT_OPINION_DEADLINE_DAYS.branch * DAY);
  let resolved: { reply: string; at: Date } | null = null;
  let closed: { reason: string; at: Date } | null = null;
  let rating: { satisfaction: Satisfaction; comment: string | null; at: Date } | null = null;
  const path: { action: OpinionStepAction; level: OpinionLevel; note: string | null; by: string; role: string; at: Date }[] = [
    { action: 'raise', level, note: null, by: plan.reporter, role: plan.reporterRole, at: raisedAt },
  ];
  for (const [i, step] of plan.steps.entries()) {
    const at = new Date(raisedAt.getTime() + (i + 1) * 2 * DAY);
    if (step.action === 'rate') {
      const outcome = rateOutcome(step.satisfaction, reopenedAt !== null);
      path.push({ action: 'rate', level, note: step.comment ?? null, by: plan.reporter, role: plan.reporterRole, at });
      if (outcome === 'open') {
        path.push({ action: 'reopen', level, note: null, by: plan.reporter, role: plan.reporterRole, at });
        status = 'open';
        reopenedAt = at;
        resolved = null;
        dueAt = new Date(at.getTime() + DEFAULT_OPINION_DEADLINE_DAYS[level] * DAY);
      } else {
        rating = { satisfaction: step.satisfaction, comment: step.comment ?? null, at };
      }
      continue;
    }
    path.push({ action: step.action, level, note: step.note, by: step.by, role: step.role, at });
    if (step.action === 'escalate') {
      level = nextLevel(level)!;
      levelReached = level;
      dueAt = new Date(at.getTime() + DEFAULT_OPINION_DEADLINE_DAYS[level] * DAY);
    } else if (step.action === 'resolve') {
      status = 'resolved';
      resolved = { reply: step.note, at };
      dueAt = null;
    } else {
      status = 'closed';
      closed = { reason: step.note, at };
      dueAt = null;
    }
  }
  const last = path[path.length - 1]!.at;
  return { status, level, levelReached, reopenedAt, dueAt, resolved, closed, rating, path, last };
}

export async function seedDemoOpinions(tx: Tx, cast: DemoCast, now: Date): Promise<void> {
  for (const plan of OPINIONS) {
    const raisedAt = new Date(now.getTime() - plan.daysAgo * DAY);
    const r = replay(plan, raisedAt);
    const communityId = cast.community(plan.community);
    const [place] = plan.place
      ? await tx.select({ id: orgNodes.id }).from(orgNodes).where(and(eq(orgNodes.parentId, communityId), eq(orgNodes.name, plan.place)))
      : [];
    const [row] = await tx
      .insert(opinions)
      .values({
        communityId,
        placeId: place?.id ?? null,
        category: plan.category,
        title: plan.title,
        description: plan.description,
        source: plan.source,
        reporterId: cast.person(plan.reporter),
        raisedByName: plan.raisedBy ?? null,
        contactPhone: plan.source === 'self' ? cast.phone(plan.reporter) : null,
        status: r.status,
        level: r.level,
        levelReached: r.levelReached,
        dueAt: r.dueAt,
        reply: r.resolved?.reply ?? null,
        resolvedAt: r.resolved?.at ?? null,
        closedReason: r.closed?.reason ?? null,
        closedAt: r.closed?.at ?? null,
        satisfaction: r.rating?.satisfaction ?? null,
        ratingComment: r.rating?.comment ?? null,
        ratedAt: r.rating?.at ?? null,
        reopenedAt: r.reopenedAt,
        seconds: plan.seconds?.length ?? 0,
        createdAt: raisedAt,
        updatedAt: r.last,
      })
      .returning({ id: opinions.id });
    const opinionId = row!.id;
    await tx.insert(opinionSteps).values(
      r.path.map((s) => ({ opinionId, action: s.action, level: s.level, note: s.note, actorId: cast.person(s.by), actorRole: s.role, at: s.at })),
    );
    for (const name of plan.seconds ?? []) {
      await tx.insert(opinionSeconds).values({ opinionId, userId: cast.person(name), createdAt: new Date(raisedAt.getTime() + DAY / 2) });
    }
  }
}
