import { type AgreementResource, chinaToday, type ProjectCategory, type ProjectEventKind, type ProjectLeadKind, type ProjectState } from '@huijia/shared';
import type { Tx } from '../db';
import { projectEvents, projectRatings, projects } from '../db/schema';
import type { DemoCast } from './demo-activity';

const DAY = 24 * 60 * 60 * 1000;

interface Lead {
  kind: ProjectLeadKind;
  /** Who claimed it: the unit's admin, the team's leader, the person. */
  by: string;
  /** As the board shows the lead. */
  name: string;
  unit?: number;
  team?: number;
}

/** A step after publishing: what happened, by the lead or by 社区, how many days after publishing. */
type Step = { kind: Exclude<ProjectEventKind, 'published'>; day: number; content?: string };

interface ProjectPlan {
  community: string;
  category: ProjectCategory;
  title: string;
  description: string;
  needs: AgreementResource[];
  /** Published this many days ago; due this many days from now (negative: past). */
  publishedDaysAgo: number;
  dueIn: number;
  lead?: Lead;
  steps: Step[];
  ratings?: [string, number, string?][];
}

/**
 * 项目认领 of the demo, in every state: open to claim, led by a paired unit (with progress), by the
 * 龙津 volunteer team and waiting for acceptance, by the party representative and completed and
 * rated, by a member and overdue, sent back once and being redone, completed by 新罗区实验小学 for
 * 莲东社区, and one withdrawn.
 */
function plans(ids: { team: number; hospital: number; school: number }): ProjectPlan[] {
  const hospital: Lead = { kind: 'unit', by: '郑明辉', name: '龙岩市第一医院', unit: ids.hospital };
  return [
    {
      community: '龙津社区', category: 'livelihood', title: '老旧楼道加装扶手',
      description: '阳光花园 1、2 栋为无电梯老楼，独居老人上下楼困难，计划每层加装不锈钢扶手，需要资金和施工人员。',
      needs: ['funds', 'people'], publishedDaysAgo: 3, dueIn: 45, steps: [],
    },
    {
      community: '龙津社区', category: 'party_building', title: '红色楼道创建',
      description: '在丽景小区打造两条红色楼道：党员户挂牌、楼道宣传栏、党员承诺上墙。', needs: ['people', 'goods'],
      publishedDaysAgo: 20, dueIn: 25, lead: hospital,
      steps: [
        { kind: 'claimed', day: 2 },
        { kind: 'progress', day: 9, content: '已完成 1 栋党员户挂牌 12 户，宣传栏设计稿已与社区确认。' },
      ],
    },
    {
      community: '龙津社区', category: 'volunteering', title: '暑期四点半课堂',
      description: '为双职工家庭的小学生提供课后作业辅导和安全看护，每周一至周五 16:30-18:00。', needs: ['people', 'skills', 'space'],
      publishedDaysAgo: 40, dueIn: 4, lead: { kind: 'team', by: '李志远', name: '龙津红色志愿服务队', team: ids.team },
      steps: [
        { kind: 'claimed', day: 1 },
        { kind: 'progress', day: 15, content: '第一期开课，报名学生 23 人，志愿者 6 人轮值。' },
        { kind: 'completed_reported', day: 38, content: '共开课 30 次，累计辅导 610 人次，家长满意度调查 96%。' },
      ],
    },
    {
      community: '中山社区', category: 'public_good', title: '社区微菜园',
      description: '把中山社区闲置边角地改造为共享微菜园，由老人认种，收成送独居老人。', needs: ['space', 'goods'],
      publishedDaysAgo: 90, dueIn: -30, lead: { kind: 'party_rep', by: '邱国华', name: '邱国华' },
      steps: [
        { kind: 'claimed', day: 3 },
        { kind: 'progress', day: 20, content: '协调街道清理边角地 120 平方米，划分 24 块菜地。' },
        { kind: 'completed_reported', day: 55, content: '24 块菜地全部认种，首批蔬菜已送到 15 户独居老人家中。' },
        { kind: 'accepted', day: 58 },
      ],
      ratings: [['杨德福', 5, '菜园弄得好，老人们有事做了'], ['周佳怡', 4]],
    },
    {
      community: '中山社区', category: 'livelihood', title: '独居老人安全巡访',
      description: '每周上门巡访辖区 18 户独居老人，检查燃气、用电安全，登记需求。', needs: ['people'],
      publishedDaysAgo: 35, dueIn: -3, lead: { kind: 'member', by: '孙浩然', name: '孙浩然' },
      steps: [
        { kind: 'claimed', day: 4 },
        { kind: 'progress', day: 18, content: '已巡访 11 户，发现 2 户燃气软管老化，已联系燃气公司更换。' },
      ],
    },
    {
      community: '中山社区', category: 'party_building', title: '党员先锋示范岗',
      description: '在社区党群服务中心设立党员先锋示范岗，每周安排党员医生坐诊咨询。', needs: ['people', 'skills'],
      publishedDaysAgo: 50, dueIn: 10, lead: hospital,
      steps: [
        { kind: 'claimed', day: 2 },
        { kind: 'completed_reported', day: 30, content: '示范岗已挂牌运行，每周三下午坐诊。' },
        { kind: 'sent_back', day: 32, content: '请补充坐诊排班表和近一个月的咨询登记，再报完成。' },
      ],
    },
    {
      community: '莲东社区', category: 'volunteering', title: '敬老院结对帮扶',
      description: '与莲东敬老院结对，每月组织师生志愿者陪伴老人、表演节目。', needs: ['people'],
      publishedDaysAgo: 150, dueIn: -60, lead: { kind: 'unit', by: '罗晓燕', name: '新罗区实验小学', unit: ids.school },
      steps: [
        { kind: 'claimed', day: 5 },
        { kind: 'completed_reported', day: 80, content: '开展结对活动 3 次，参与师生 86 人次。' },
        { kind: 'accepted', day: 82 },
      ],
      ratings: [['蔡玉珍', 4, '孩子们的节目老人很喜欢']],
    },
    {
      community: '溪南社区', category: 'public_good', title: '旧衣物回收点',
      description: '在溪南社区设置两个旧衣物回收点。', needs: ['goods', 'space'],
      publishedDaysAgo: 25, dueIn: 30, steps: [{ kind: 'withdrawn', day: 6, content: '街道已统一设置回收点，本项目不再需要。' }],
    },
  ];
}

const targetState: Record<Step['kind'], ProjectState> = {
  claimed: 'claimed',
  progress: 'claimed',
  completed_reported: 'reported',
  sent_back: 'claimed',
  handed_back: 'open',
  accepted: 'completed',
  withdrawn: 'withdrawn',
};

/** Seeds the demo's projects with their timelines and ratings, as the flows would have written them. */
export async function seedDemoProjects(tx: Tx, cast: DemoCast, ids: { team: number; hospital: number; school: number }, now: Date): Promise<void> {
  for (const plan of plans(ids)) {
    const published = new Date(now.getTime() - plan.publishedDaysAgo * DAY);
    const dayAt = (d: number) => new Date(published.getTime() + d * DAY);
    const staff = cast.staffOf(plan.community);
    let status: ProjectState = 'open';
    const at: Partial<Record<Step['kind'], Date>> = {};
    for (const step of plan.steps) {
      status = step.kind === 'progress' ? status : targetState[step.kind];
      at[step.kind] = dayAt(step.day);
    }
    const led = status === 'claimed' || status === 'reported' || status === 'completed';
    const lead = led ? plan.lead! : undefined;
    const ratings = plan.ratings ?? [];
    const [row] = await tx
      .insert(projects)
      .values({
        communityId: cast.community(plan.community),
        category: plan.category,
        title: plan.title,
        description: plan.description,
        needs: plan.needs,
        dueOn: chinaToday(new Date(now.getTime() + plan.dueIn * DAY)),
        status,
        leadKind: lead?.kind ?? null,
        leadUnitId: lead?.unit ?? null,
        leadTeamId: lead?.team ?? null,
        leadUserId: lead ? cast.person(lead.by) : null,
        claimedAt: lead ? at.claimed! : null,
        firstClaimedAt: at.claimed ?? null,
        reportedAt: status === 'reported' || status === 'completed' ? at.completed_reported! : null,
        completedAt: status === 'completed' ? at.accepted! : null,
        acceptedBy: status === 'completed' ? staff : null,
        sentBackReason: status === 'claimed' ? (plan.steps.find((s) => s.kind === 'sent_back')?.content ?? null) : null,
        withdrawnAt: at.withdrawn ?? null,
        publishedBy: staff,
        ratingSum: ratings.reduce((sum, [, stars]) => sum + stars, 0),
        ratingCount: ratings.length,
        createdAt: published,
      })
      .returning({ id: projects.id });
    const projectId = row!.id;
    const byLead = (s: Step) => s.kind === 'claimed' || s.kind === 'progress' || s.kind === 'completed_reported' || s.kind === 'handed_back';
    await tx.insert(projectEvents).values([
      { projectId, kind: 'published', actorId: staff, byName: '社区', content: null, createdAt: published },
      ...plan.steps.map((s) => ({
        projectId,
        kind: s.kind,
        actorId: byLead(s) ? cast.person(plan.lead!.by) : staff,
        byName: byLead(s) ? plan.lead!.name : '社区',
        content: s.content ?? null,
        createdAt: dayAt(s.day),
      })),
    ]);
    if (ratings.length > 0) {
      await tx.insert(projectRatings).values(
        ratings.map(([name, stars, comment], i) => ({ projectId, userId: cast.person(name), stars, comment: comment ?? null, createdAt: new Date((at.accepted ?? now).getTime() + (i + 1) * DAY) })),
      );
    }
  }
}
