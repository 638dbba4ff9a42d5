import Taro from '@tarojs/taro';
import { useEffect } from 'react';
import { Text, View } from '@tarojs/components';
import { type HeldRole, type Me, mayClaimProjects, mayTake, OPINION_LEVEL_LABELS, type OpinionLevel, type Role, ROLE_LABELS } from '@huijia/shared';
import { FeatureCard } from '../../components/FeatureCard';
import { DESK_TABS, deskOf } from '../../navigation/tabs';
import { Failed, Loading } from '../../components/LoadState';
import { useMe } from '../../hooks/useMe';
import { useUnread } from '../../hooks/useUnread';
import { ROUTES, switchTab } from '../../routes';
import { WISH_ROUTES, type WishRoute } from '../../subpackages/wishes';
import { buttonAria } from '../../utils/a11y';
import { openReporting } from '../../components/reporting/navigation';
import { REPORTING_ROUTES } from '../../subpackages/reporting';
import { SERVICE_ROUTES, type ServiceRoute } from '../../subpackages/service';
import { statsUrl } from '../../subpackages/stats';
import { AUDIT_ROUTES } from '../../subpackages/audit';
import { COMMUNITY_ROUTES } from '../../subpackages/community';
import { ADMIN_ROUTES } from '../../subpackages/admin';
import { orgPlacesOf } from '../../components/admin/scope';
import { Page } from '../../components/Page';
import { countQueue, type QueueCount } from '../../services/opinions';
import { countProposed } from '../../services/agreements';
import { agreementListUrl, type AgreementView } from '../../subpackages/agreements';
import { countProjects } from '../../services/projectQuery';
import { countStaffQueues, countUnreported, type QueueSize, type StaffQueues } from '../../services/queueCounts';
import { setTabBadge } from '../../navigation/badges';
import { useShownAnswer } from '../../hooks/useShownAnswer';
import { projectListUrl, type ProjectView } from '../../subpackages/projects';
import { COLLECT_OPINION_URL, OPINION_ROUTES, type OpinionRoute } from '../../subpackages/opinions';
import { ACTIVITY_ROUTES, type ActivityRoute } from '../../subpackages/activities';
import { levelsHeld } from '../opinion/viewer';
import './index.css';

interface Entry {
  title: string;
  description: string;
  /** Features not built yet have none, and their card says 即将上线. */
  action?: { label: string; onOpen: () => void };
}

interface Section {
  key: string;
  title: string;
  /** Where the role applies (the community, unit, street or district), when it is bound to one. */
  scope?: string;
  entries: Entry[];
}

const openMe = () => switchTab(ROUTES.me);
const openWishPage = (url: WishRoute) => () => Taro.navigateTo({ url });
const openServicePage = (url: ServiceRoute) => () => Taro.navigateTo({ url });
const openOpinionPage = (url: OpinionRoute | typeof COLLECT_OPINION_URL) => () => Taro.navigateTo({ url });
const openActivityPage = (url: ActivityRoute) => () => Taro.navigateTo({ url });

/** How many agreements wait for a unit's answer, for 共建协议's entry: null until known (a failure shows none). */
type ProposedCount = QueueSize | null;

/** The 待确认 agreements of the first community the user is staff of and of the first unit they run. */
function useProposedCounts(me: Me | null): { community: ProposedCount; unit: ProposedCount } {
  const communityId = me?.roles.find((grant) => grant.role === 'community_staff')?.orgId;
  const unitId = me?.roles.find((grant) => grant.role === 'unit_admin')?.unitId;
  const ask = (scope: { communityId?: string; unitId?: string } | null) => (scope ? countProposed(scope).catch(() => null) : Promise.resolve(null));
  const counts = useShownAnswer(
    communityId || unitId
      ? async () => {
          const [community, unit] = await Promise.all([ask(communityId ? { communityId } : null), ask(unitId ? { unitId } : null)]);
          return { community, unit };
        }
      : null,
    `${communityId}|${unitId}`,
  );
  return counts ?? { community: null, unit: null };
}

/** 共建协议: the list for `as`, with how many wait for the unit's answer once counted. */
function agreementEntry(as: AgreementView, description: string, waiting: ProposedCount): Entry {
  const n = waiting?.count ?? 0;
  const label = n > 0 ? `${n}${waiting?.more ? '+' : ''} 份待确认` : as === 'area' ? '查看' : '去查看';
  return { title: '共建协议', description, action: { label, onOpen: () => Taro.navigateTo({ url: agreementListUrl(as) }) } };
}

/** A staff queue's entry label: how many wait (`12 个待审核`, `100+ …`), or the plain step while none do or it is not known. */
function waiting(size: QueueSize | undefined, what: string, otherwise: string): string {
  return size && size.count > 0 ? `${size.count}${size.more ? '+' : ''} 个${what}` : otherwise;
}

/** What waits in the first community the user is staff of (a failure shows none); the wishes to review are also the 审核 tab's badge. */
function useStaffQueues(me: Me | null): StaffQueues | null {
  const communityId = me?.roles.find((grant) => grant.role === 'community_staff')?.orgId;
  const queues = useShownAnswer(communityId ? () => countStaffQueues(communityId) : null, communityId ?? '');
  useEffect(() => {
    if (queues) setTabBadge('review', queues.review);
  }, [queues]);
  return queues;
}

/** How many on the roster of the first unit the user runs have not reported: 报到情况's count. */
function useUnreported(me: Me | null): number | null {
  const unitId = me?.roles.find((grant) => grant.role === 'unit_admin')?.unitId;
  return useShownAnswer(unitId ? () => countUnreported(unitId) : null, unitId ?? '');
}

/** How many projects an entry counts (待验收, 可认领): null until known (a failure shows none). */
type ProjectCount = QueueSize | null;
interface ProjectCounts {
  /** 待验收 in the first community the user is staff of. */
  reported: ProjectCount;
  /** Open to the user's claim, in any capacity. */
  claimable: ProjectCount;
}

/** The counts of the project entries, for those who have such an entry. */
function useProjectCounts(me: Me | null): ProjectCounts {
  const communityId = me?.roles.find((grant) => grant.role === 'community_staff')?.orgId;
  const claims = me ? mayClaimProjects(me.roles) : false;
  const ask = (query: Parameters<typeof countProjects>[0] | null) => (query ? countProjects(query).catch(() => null) : Promise.resolve(null));
  const counts = useShownAnswer(
    communityId || claims
      ? async () => {
          const [reported, claimable] = await Promise.all([ask(communityId ? { communityId, status: 'reported' } : null), ask(claims ? { claimable: true } : null)]);
          return { reported, claimable };
        }
      : null,
    `${communityId}|${claims}`,
  );
  return counts ?? { reported: null, claimable: null };
}

/**
 * How many opinions wait in the user's queue (民情办理), per level, for a holder of some level: the
 * entries' labels, and the 民情 tab's badge.
 */
function useQueueCount(holds: boolean): QueueCount | null {
  const count = useShownAnswer(holds ? countQueue : null, String(holds));
  useEffect(() => {
    if (!count) return;
    const open = Object.values(count.open).reduce((sum, n) => sum + n, 0);
    setTabBadge('opinions', { count: open, more: count.more });
  }, [count]);
  return count;
}

/** A project list's entry: `counted` says what the count is (待验收, 可认领) once there is one. */
function projectEntry(title: string, description: string, as: ProjectView, count: ProjectCount = null, counted = ''): Entry {
  const n = count?.count ?? 0;
  const label = n > 0 && counted ? `${n}${count?.more ? '+' : ''} 个${counted}` : as === 'claimable' ? '去认领' : '查看';
  return { title, description, action: { label, onOpen: () => Taro.navigateTo({ url: projectListUrl(as) }) } };
}

/**
 * 民情办理 for the holders of `levels`: what they do there, and how many wait (with the overdue)
 * once counted.
 */
function queueEntry(title: string, description: string, levels: OpinionLevel[], count: QueueCount | null): Entry {
  const open = count ? levels.reduce((n, level) => n + count.open[level], 0) : 0;
  const overdue = count ? levels.reduce((n, level) => n + count.overdue[level], 0) : 0;
  const waiting = `${open}${count?.more ? '+' : ''} 条待办`;
  return {
    title,
    description: overdue > 0 ? `${description}（${overdue} 条已超期）` : description,
    action: { label: open > 0 ? waiting : '去办理', onOpen: openOpinionPage(OPINION_ROUTES.queue) },
  };
}

const levelNames = (levels: OpinionLevel[]) => levels.map((level) => OPINION_LEVEL_LABELS[level]).join('、');

/** 组织活动: what the organiser publishes, its check-in code and the hours it confirms. */
function organiseEntry(description: string): Entry {
  return { title: '组织活动', description, action: { label: '去组织', onOpen: openActivityPage(ACTIVITY_ROUTES.organised) } };
}

/** 记录民情: what a worker collected, logged with the person it came from (社情民意搜集本). */
const collectEntry: Entry = {
  title: '记录民情',
  description: '走访中听到的、意见箱里收到的民情，记入社情民意搜集本',
  action: { label: '去记录', onOpen: openOpinionPage(COLLECT_OPINION_URL) },
};

function grantsOf(me: Me, role: Role): HeldRole[] {
  return me.roles.filter((grant) => grant.role === role);
}

/**
 * 统计 for the holders of a role that may read figures (stats.read), opening on where the role
 * is held; nothing for other roles.
 */
function statsEntries(grants: HeldRole[], description: string): Entry[] {
  const [first] = grants;
  if (!first || !mayTake(grants, 'stats.read')) return [];
  const query = first.unitId ? { unitId: first.unitId } : { orgId: first.orgId };
  return [{ title: '统计', description, action: { label: '查看', onOpen: () => Taro.navigateTo({ url: statsUrl(query) }) } }];
}

/** 操作日志 for the holders of a role that may read the audit trail (audit.read); nothing for others. */
function auditEntries(grants: HeldRole[], description: string): Entry[] {
  if (!mayTake(grants, 'audit.read')) return [];
  return [{ title: '操作日志', description, action: { label: '查看', onOpen: () => Taro.navigateTo({ url: AUDIT_ROUTES.audit }) } }];
}

/**
 * Running the tree, the units and the staff (组织架构, 导入组织架构, 单位管理, 人员与权限), each for
 * the holders of a role that may take it; nothing for others.
 */
function runningEntries(grants: HeldRole[]): Entry[] {
  const open = (url: string) => () => Taro.navigateTo({ url });
  const entries: Entry[] = [];
  if (mayTake(grants, 'org.create')) {
    const description = mayTake(grants, 'org.manage') ? '街道、社区、小区和楼栋：新建、重命名、移动和停用' : '本社区的小区和楼栋：新建下级节点';
    entries.push({ title: '组织架构', description, action: { label: '去管理', onOpen: open(ADMIN_ROUTES.tree) } });
  }
  if (mayTake(grants, 'org.import')) {
    entries.push({ title: '导入组织架构', description: '从表格一次导入街道、社区、小区和楼栋，先预览再导入', action: { label: '去导入', onOpen: open(ADMIN_ROUTES.importOrgs) } });
  }
  if (orgPlacesOf(grants, ['unit.read']).length > 0) {
    entries.push({ title: '单位管理', description: '辖区内的单位及其报到率，新建单位、结对社区', action: { label: '去管理', onOpen: open(ADMIN_ROUTES.units) } });
  }
  if (mayTake(grants, 'staff.grant')) {
    entries.push({ title: '人员与权限', description: '谁担任什么角色：授予、撤销、重置密码、停用账号', action: { label: '去管理', onOpen: open(ADMIN_ROUTES.staff) } });
  }
  return entries;
}

function scopeOf(grants: HeldRole[]): string | undefined {
  const names = grants.flatMap((grant) => (grant.scopeName ? [grant.scopeName] : []));
  return names.length > 0 ? names.join('、') : undefined;
}

/**
 * The sections of the home page, one per role held. Everyone who lives somewhere is a resident:
 * the resident section shows for the resident role, for members (a member is also a resident)
 * and for an account that holds no role yet. `roleFirst` puts the role's own sections above it (a
 * member comes for the member's work, staff for their desk).
 */
function sectionsFor(
  me: Me,
  roleFirst: boolean,
  queue: QueueCount | null,
  proposed: { community: ProposedCount; unit: ProposedCount },
  projects: ProjectCounts,
  staffQueues: StaffQueues | null,
  unreported: number | null,
): Section[] {
  const held = new Set(me.roles.map((grant) => grant.role));
  const sections: Section[] = [];
  const levels = levelsHeld(me);
  const holding = (...of: OpinionLevel[]) => levels.filter((level) => of.includes(level));

  if (held.has('resident') || held.has('member') || held.size === 0) {
    const entries: Entry[] = [];
    if (!me.user.homeCommunityId) {
      entries.push({
        title: '设置所在社区',
        description: '选择您居住的社区，心愿会发给这个社区的工作人员',
        action: { label: '去设置', onOpen: openMe },
      });
    }
    entries.push(
      {
        title: '发布微心愿',
        description: '生活上的小困难，请社区和在职党员帮一把',
        action: { label: '去发布', onOpen: openWishPage(WISH_ROUTES.newWish) },
      },
      {
        title: '我的心愿',
        description: '查看心愿进度，确认并评价收到的帮助',
        action: { label: '查看', onOpen: openWishPage(WISH_ROUTES.mine) },
      },
      {
        title: '社区示岗',
        description: '看看在职党员在社区认了哪些岗、作了什么承诺，并为他们评岗',
        action: { label: '去看看', onOpen: openServicePage(SERVICE_ROUTES.postBoard) },
      },
      {
        title: '反映民情',
        description: '道路、环境卫生、排水、公共设施等身边的问题，反映给社区逐级办理',
        action: { label: '去反映', onOpen: openOpinionPage(OPINION_ROUTES.raise) },
      },
      {
        title: '我的民情',
        description: '查看办理进度和办理过程，评价办理结果',
        action: { label: '查看', onOpen: openOpinionPage(OPINION_ROUTES.mine) },
      },
      {
        title: '社区民情',
        description: '社区居民反映的问题和办理结果，附议您也关心的问题',
        action: { label: '去看看', onOpen: openOpinionPage(OPINION_ROUTES.board) },
      },
      {
        title: '社区活动',
        description: '社区的主题活动、组团服务和定点服务，在职党员可报名参加',
        action: { label: '去看看', onOpen: openActivityPage(ACTIVITY_ROUTES.hall) },
      },
      projectEntry('社区项目', '社区的党建、民生、公益和志愿服务项目，谁在做、做得怎样，完成后可评价', 'board'),
    );
    sections.push({ key: 'resident', title: '居民服务', entries });
  }

  if (held.has('member')) {
    const entries: Entry[] = [];
    if (me.pioneerRoles.length === 0) {
      entries.push({
        title: '选择先锋角色',
        description: '五个先锋中选择一个或多个，认岗和认领心愿时使用',
        action: { label: '去选择', onOpen: openMe },
      });
    }
    entries.push(
      {
        title: '社区报到',
        description: '向居住地社区报到，凭报到证到社区确认',
        action: {
          label: me.report?.status === 'pending_offline' || me.report?.status === 'confirmed' ? '查看' : '去报到',
          onOpen: () => openReporting(REPORTING_ROUTES.report),
        },
      },
      {
        title: '服务岗位',
        description: '认领社区的服务岗位，做出服务承诺',
        action: { label: '岗位大厅', onOpen: openServicePage(SERVICE_ROUTES.postHall) },
      },
      {
        title: '记录服务',
        description: '记录每次服务，社区核实后计入时长和积分',
        action: { label: '去记录', onOpen: openServicePage(SERVICE_ROUTES.myRecords) },
      },
      {
        title: '我的积分',
        description: '积分、服务时长和社区服务排行',
        action: { label: '查看', onOpen: openServicePage(SERVICE_ROUTES.points) },
      },
      {
        title: '结对帮扶',
        description: '与社区困难群众结对，定期走访帮扶',
        action: { label: '去结对', onOpen: openServicePage(SERVICE_ROUTES.pairing) },
      },
      {
        title: '认领心愿',
        description: '帮居民实现微心愿',
        action: { label: '心愿大厅', onOpen: openWishPage(WISH_ROUTES.hall) },
      },
      {
        title: '我的活动',
        description: '报名的活动、候补位次，到场扫码签到，结束后计入服务时长',
        action: { label: '查看', onOpen: openActivityPage(ACTIVITY_ROUTES.mine) },
      },
      projectEntry('认领项目', '报到社区和所在志愿服务队可认领的项目，队伍负责人可为队伍认领', 'claimable', projects.claimable, '可认领'),
      projectEntry('我的项目', '您或您的队伍负责的项目：发布进展、报告完成，为项目记录服务', 'mine'),
    );
    // A volunteer team's leader organises the team's activities. GET /api/me names the member's
    // team, not who leads it: every member of a team is offered it, and the server refuses the others.
    if (me.grid?.team && !held.has('community_staff')) {
      entries.push(organiseEntry(`志愿服务队「${me.grid.team.name}」负责人发布队伍的活动，出示签到码，确认服务时长`));
    }
    // A member collects where they reported (民情收集); a branch's leader deliberates at 建议.
    if (me.report?.status === 'confirmed' && !held.has('community_staff')) entries.push(collectEntry);
    if (me.grid?.branch && !held.has('community_staff')) {
      entries.push(queueEntry('网格民情', `网格党支部负责人办理「${me.grid.branch.name}」居民反映的民情（建议）`, ['branch'], queue));
    }
    const unit = me.member && [me.member.unitName, me.member.branch].filter(Boolean).join(' · ');
    sections.push({ key: 'member', title: '党员服务', scope: unit || undefined, entries });
  }

  const staff = grantsOf(me, 'community_staff');
  if (staff.length > 0) {
    sections.push({
      key: 'community_staff',
      title: '社区工作台',
      scope: scopeOf(staff),
      // The queues first, each saying how many wait; then the community's standing work.
      entries: [
        {
          title: '审核心愿',
          description: '居民发布的心愿审核通过后才会公开',
          action: { label: waiting(staffQueues?.review, '待审核', '去审核'), onOpen: openWishPage(WISH_ROUTES.review) },
        },
        {
          title: '心愿异议',
          description: '居民评价不满意的心愿，核实后认定完成或重新发布',
          action: { label: waiting(staffQueues?.disputes, '待处理', '去处理'), onOpen: openWishPage(WISH_ROUTES.disputes) },
        },
        {
          title: '确认报到',
          description: '核对报到证，确认党员到社区报到',
          action: { label: waiting(staffQueues?.reports, '待确认', '去确认'), onOpen: () => openReporting(REPORTING_ROUTES.staffReports) },
        },
        {
          title: '核实服务',
          description: '核实党员的服务记录，计入时长和积分',
          action: { label: waiting(staffQueues?.records, '待核实', '去核实'), onOpen: openServicePage(SERVICE_ROUTES.staffVerify) },
        },
        queueEntry('民情办理', `居民反映的民情：${levelNames(holding('branch', 'community'))}，办结、上报或关闭`, holding('branch', 'community'), queue),
        projectEntry('项目管理', '发布党建、民生、公益和志愿服务项目，验收负责方报告完成的项目', 'community', projects.reported, '待验收'),
        collectEntry,
        {
          title: '岗位管理',
          description: '设立服务岗位，管理在岗党员并评岗',
          action: { label: '去管理', onOpen: openServicePage(SERVICE_ROUTES.staffPosts) },
        },
        {
          title: '困难群众',
          description: '登记需要结对帮扶的家庭，查看结对情况',
          action: { label: '去登记', onOpen: openServicePage(SERVICE_ROUTES.staffHouseholds) },
        },
        {
          title: '网格管理',
          description: '把已报到的党员编入网格支部和志愿服务队',
          action: { label: '去管理', onOpen: () => openReporting(REPORTING_ROUTES.staffGrid) },
        },
        agreementEntry('community', '向辖区单位发起共建协议，单位确认后结对共建；查看生效和历史协议', proposed.community),
        organiseEntry('发布主题活动、组团服务和定点服务，活动现场出示签到码，结束后确认服务时长'),
        {
          title: '代办心愿',
          description: '替没有智能手机的居民发布心愿，由工作人员电话回访、代为确认',
          action: { label: '去代办', onOpen: () => Taro.navigateTo({ url: COMMUNITY_ROUTES.proxyWish }) },
        },
        {
          title: '社区设置',
          description: '心愿认领的联系和完成期限，每户困难群众的结对人数上限',
          action: { label: '去设置', onOpen: () => Taro.navigateTo({ url: COMMUNITY_ROUTES.settings }) },
        },
        ...runningEntries(staff),
        ...statsEntries(staff, '本社区的报到率、服务率、心愿和岗位情况，导出台账'),
        ...auditEntries(staff, '谁在什么时候审核、确认、修改了什么，可按操作、时间和人员查找'),
      ],
    });
  }

  const unitAdmin = grantsOf(me, 'unit_admin');
  if (unitAdmin.length > 0) {
    sections.push({
      key: 'unit_admin',
      title: '单位党组织',
      scope: scopeOf(unitAdmin),
      entries: [
        {
          title: '党员名册',
          description: '导入和维护本单位在职党员名册',
          action: { label: '去导入', onOpen: () => openReporting(REPORTING_ROUTES.unitRoster) },
        },
        {
          title: '报到情况',
          description: '查看哪些党员已报到、已服务，催报未报到的党员',
          action: { label: unreported ? `${unreported} 人未报到` : '去查看', onOpen: () => openReporting(REPORTING_ROUTES.unitMembers) },
        },
        agreementEntry('unit', '社区发起的共建协议：接受后与该社区结对共建，也可拒绝或提前终止', proposed.unit),
        projectEntry('认领项目', '结对社区发布的项目，以本单位名义认领实施', 'claimable', projects.claimable, '可认领'),
        projectEntry('我们的项目', '本单位负责的项目：发布进展、报告完成', 'mine'),
        organiseEntry('在结对社区发布活动，可向本单位党员开放报名；现场出示签到码，结束后确认服务时长'),
        ...runningEntries(unitAdmin),
        ...statsEntries(unitAdmin, '本单位党员的报到率、服务率和服务时长，导出台账'),
      ],
    });
  }

  const admin = [...grantsOf(me, 'district_admin'), ...grantsOf(me, 'street_admin')];
  if (admin.length > 0) {
    const deliberates = grantsOf(me, 'street_admin').length > 0;
    const opinionEntries = [
      ...(deliberates ? [queueEntry('民情办理', '社区解决不了、上报街道的民情（审议）：办结、上报党代表或关闭', ['street'], queue)] : []),
      ...(mayTake(admin, 'opinion.settings')
        ? [{ title: '民情办理期限', description: '建议、商议、审议、呼吁各级首次答复的天数', action: { label: '去设置', onOpen: openOpinionPage(OPINION_ROUTES.deadlines) } }]
        : []),
    ];
    sections.push({ key: 'district', title: '辖区管理', scope: scopeOf(admin), entries: [...opinionEntries, ...runningEntries(admin), ...(mayTake(admin, 'agreement.read') ? [agreementEntry('area', '辖区内社区与单位的共建协议：待确认、已生效和历史', null)] : []), ...(mayTake(admin, 'project.oversee') ? [projectEntry('辖区项目', '辖区内各社区发布的项目：认领、实施和验收情况', 'area')] : [])] });
  }
  if (admin.length > 0) {
    sections.push({
      key: 'admin',
      title: '统计与台账',
      scope: scopeOf(admin),
      entries: [
        ...statsEntries(admin, '报到率、服务率、心愿和岗位完成情况，导出心愿、岗位、服务记录和报到台账'),
        ...auditEntries(admin, '辖区内各社区的办理记录，可按操作、时间和人员查找并导出'),
      ],
    });
  }

  const rep = grantsOf(me, 'party_rep');
  if (rep.length > 0) {
    sections.push({
      key: 'party_rep',
      title: '党代表',
      scope: scopeOf(rep),
      entries: [
        queueEntry('民情办理', '街道解决不了、上报党代表的民情（呼吁）：向有关部门反映，办结后告知居民', ['representative'], queue),
        ...(held.has('member')
          ? []
          : [
              projectEntry('认领项目', '联系社区发布的项目，以党代表身份认领实施', 'claimable', projects.claimable, '可认领'),
              projectEntry('我的项目', '您负责的项目：发布进展、报告完成', 'mine'),
            ]),
      ],
    });
  }

  return roleFirst ? [...sections.filter((s) => s.key !== 'resident'), ...sections.filter((s) => s.key === 'resident')] : sections;
}

function roleSummary(me: Me): string {
  const labels = Array.from(new Set(me.roles.map((grant) => ROLE_LABELS[grant.role])));
  return labels.length > 0 ? labels.join(' · ') : ROLE_LABELS.resident;
}

/** 首页: what the signed-in user can do, by the roles they hold. */
export default function Home() {
  const { state, reload } = useMe();
  const unread = useUnread();
  const queue = useQueueCount(state.kind === 'ready' && levelsHeld(state.value).length > 0);
  const proposed = useProposedCounts(state.kind === 'ready' ? state.value : null);
  const projects = useProjectCounts(state.kind === 'ready' ? state.value : null);
  const staffQueues = useStaffQueues(state.kind === 'ready' ? state.value : null);
  const unreported = useUnreported(state.kind === 'ready' ? state.value : null);
  // 首页 or 工作台, as the role's tab bar names it.
  const desk = state.kind === 'ready' ? deskOf(state.value) : null;
  const title = desk ? DESK_TABS[desk][0]?.text : undefined;
  useEffect(() => {
    if (title) void Taro.setNavigationBarTitle({ title: title === '首页' ? '回家' : title });
  }, [title]);

  if (state.kind === 'loading') {
    return (
      <Page>
        <View className='hero'>
          <Text className='hero__title'>回家</Text>
        </View>
        <Loading />
      </Page>
    );
  }

  if (state.kind === 'failed') {
    return (
      <Page>
        <View className='hero'>
          <Text className='hero__title'>回家</Text>
        </View>
        <Failed message={state.message} onRetry={reload} />
      </Page>
    );
  }

  const me = state.value;
  return (
    <Page>
      <View className='hero'>
        <View
          className='home-inbox'
          onClick={openWishPage(WISH_ROUTES.inbox)}
          {...buttonAria()}
          {...(unread ? { 'aria-label': `消息，${unread} 条未读` } : {})}
        >
          <Text className='home-inbox__label'>消息</Text>
          {unread ? <Text className='home-inbox__badge'>{unread > 99 ? '99+' : String(unread)}</Text> : null}
        </View>
        <Text className='hero__title home-greeting'>
          {me.user.name ? `您好，${me.user.name}` : '您好'}
        </Text>
        <Text className='hero__intro'>{roleSummary(me)}</Text>
      </View>

      {sectionsFor(me, desk !== 'resident', queue, proposed, projects, staffQueues, unreported).map((section) => (
        <View key={section.key} className={`card home-section home-section--${section.key}`}>
          <View className='home-section__head'>
            <Text className='card__title home-section__title'>{section.title}</Text>
            {section.scope && <Text className='home-section__scope'>{section.scope}</Text>}
          </View>
          {section.entries.map((entry) => (
            <FeatureCard key={entry.title} {...entry} />
          ))}
        </View>
      ))}
    </Page>
  );
}
