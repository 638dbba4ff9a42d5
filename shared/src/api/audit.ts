import { z } from 'zod';
import { idSchema } from '../domain/org';
import { listQuerySchema } from './list';

/** What the audit trail names: each kind of object a change is recorded on. */
export const AUDIT_OBJECT_TYPES = [
  'wish',
  'opinion',
  'activity',
  'agreement',
  'project',
  'report',
  'record',
  'post',
  'post_seat',
  'household',
  'pairing',
  'grid_group',
  'points_ledger',
  'org_node',
  'unit',
  'roster_entry',
  'user',
] as const;
export const auditObjectTypeSchema = z.enum(AUDIT_OBJECT_TYPES);
export type AuditObjectType = z.infer<typeof auditObjectTypeSchema>;

export const AUDIT_OBJECT_LABELS: Record<AuditObjectType, string> = {
  wish: '心愿',
  opinion: '民情',
  activity: '活动',
  agreement: '共建协议',
  project: '认领项目',
  report: '报到',
  record: '服务记录',
  post: '岗位',
  post_seat: '认岗',
  household: '困难群众',
  pairing: '结对',
  grid_group: '网格',
  points_ledger: '积分',
  org_node: '组织节点',
  unit: '单位',
  roster_entry: '党员名册',
  user: '账号',
};

/** Every action the trail records, as people read it. An action not listed reads as its code. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'wish.submit': '提交心愿',
  'wish.approve': '审核通过',
  'wish.resubmit': '修改后重新提交心愿',
  'wish.reject': '审核不通过',
  'wish.withdraw': '撤回心愿',
  'wish.claim': '认领心愿',
  'wish.contact': '已联系居民',
  'wish.release': '释放认领',
  'wish.fulfil': '完成心愿',
  'wish.confirm': '确认评价',
  'wish.resolve': '处理异议',
  'report.create': '提交报到',
  'report.certify': '签发报到证',
  'report.confirm': '确认报到',
  'report.reject': '退回报到',
  'report.withdraw': '撤回报到',
  'report.end': '结束报到',
  'report.change_unit': '报到转入其他单位',
  'report.transfer': '申请转移报到',
  'report.end_note': '结束报到说明',
  'report.remind': '催报',
  'record.create': '记录服务',
  'record.edit': '修改服务记录',
  'record.verify': '核实通过',
  'record.reject': '核实不通过',
  'post.create': '发布岗位',
  'post.update': '修改岗位',
  'post.close': '关闭岗位',
  'post.claim': '认岗',
  'post.leave': '退出岗位',
  'post.remove': '移出岗位',
  'household.create': '登记困难群众',
  'household.update': '修改困难群众',
  'pairing.create': '结对',
  'pairing.end': '结束结对',
  'grid.create': '新建网格',
  'grid.assign': '编入网格',
  'grid.unassign': '移出网格',
  'grid.leader': '设置网格负责人',
  'opinion.raise': '反映民情',
  'opinion.resolve': '办结民情',
  'opinion.escalate': '上报民情',
  'opinion.close': '关闭民情',
  'opinion.rate': '评价民情',
  'opinion.reopen': '不满意，民情重新办理',
  'opinion.deadlines': '设置民情办理期限',
  'activity.publish': '发布活动',
  'activity.edit': '修改活动',
  'activity.call_off': '取消活动',
  'activity.signup': '报名活动',
  'activity.waitlist': '候补报名活动',
  'activity.cancel': '取消报名',
  'activity.promote': '候补转正',
  'activity.checkin': '活动签到',
  'activity.checkout': '活动签退',
  'activity.strike': '剔除考勤',
  'activity.confirm': '确认活动时长',
  'agreement.propose': '提出共建协议',
  'agreement.accept': '接受共建协议',
  'agreement.decline': '拒绝共建协议',
  'agreement.withdraw': '撤回共建协议',
  'agreement.end': '提前终止共建协议',
  'agreement.expire': '共建协议到期',
  'agreement.arrange': '区级结对安排（共建协议）',
  'project.publish': '发布项目',
  'project.claim': '认领项目',
  'project.update': '发布项目进展',
  'project.complete': '报告项目完成',
  'project.accept': '验收项目',
  'project.send_back': '退回项目整改',
  'project.hand_back': '放弃认领项目',
  'project.withdraw': '撤回项目',
  'project.rate': '评价项目',
  'points.adjust': '调整积分',
  'community.deadlines': '设置认领期限',
  'community.settings': '修改社区设置',
  'org.create': '新建节点',
  'org.rename': '重命名节点',
  'org.move': '移动节点',
  'org.archive': '停用节点',
  'org.restore': '恢复节点',
  'org.import': '导入组织架构',
  'unit.create': '登记单位',
  'unit.update': '修改单位',
  'unit.pair': '调整结对社区',
  'roster.add': '名册新增党员',
  'roster.update': '名册更新党员',
  'roster.depart': '离开名册',
  'roster.return': '回到名册',
  'role.grant': '授予角色',
  'role.revoke': '撤销角色',
  'user.reset_password': '重置密码',
  'user.deactivate': '停用账号',
  'user.delete': '注销账号',
  'user.reactivate': '恢复账号',
};

export const auditActionLabel = (action: string): string => AUDIT_ACTION_LABELS[action] ?? action;

const auditFilterFields = {
  actorId: idSchema.optional(),
  action: z.string().regex(/^[a-z_]+\.[a-z_]+$/, '无效的操作').optional(),
  /** Dates (YYYY-MM-DD, China time), both included. */
  from: z.iso.date({ message: '日期格式应为 YYYY-MM-DD' }).optional(),
  to: z.iso.date({ message: '日期格式应为 YYYY-MM-DD' }).optional(),
};
const periodInOrder = (q: { from?: string; to?: string }) => !q.from || !q.to || q.from <= q.to;
const PERIOD_OUT_OF_ORDER = { message: '结束日期不能早于开始日期', path: ['to'] };

const auditSubjectFields = {
  orgId: idSchema.optional(),
  objectType: auditObjectTypeSchema.optional(),
  objectId: idSchema.optional(),
};
const hasOneSubject = (q: { orgId?: string; objectType?: string; objectId?: string }) => Boolean(q.orgId) !== Boolean(q.objectType && q.objectId);
const ONE_SUBJECT = { message: '请指定 orgId，或 objectType 与 objectId', path: ['orgId'] };

/**
 * `GET /api/audit`: a node's trail (`orgId`, filtered by actor, action and period) or one object's
 * history (`objectType` and `objectId`). Newest first, keyset-paged.
 */
export const auditQuerySchema = listQuerySchema
  .extend({ ...auditSubjectFields, ...auditFilterFields })
  .refine(hasOneSubject, ONE_SUBJECT)
  .refine(periodInOrder, PERIOD_OUT_OF_ORDER);
export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** `GET /api/exports/audit.xlsx`: the same trail as a ledger (操作日志台账), oldest first, unpaged. */
export const auditExportQuerySchema = z
  .object({ ...auditSubjectFields, ...auditFilterFields })
  .refine(hasOneSubject, ONE_SUBJECT)
  .refine(periodInOrder, PERIOD_OUT_OF_ORDER);
export type AuditExportQuery = z.infer<typeof auditExportQuerySchema>;
export const AUDIT_LEDGER_LABEL = '操作日志台账';

/**
 * What `details` of an entry may carry, by key: reasons, notes, counts, ids and names of nodes,
 * units and groups. Anything else a writer recorded is left out of the answer, so a resident's phone
 * or address can never reach the trail through a key nobody checked; a value that is not text, a
 * number, a yes/no, a flat record of those (a unit's name before and after) or a list of either
 * is left out too, and phone numbers in text are masked (138****5678). A new key is added here.
 */
export const AUDIT_DETAIL_KEYS = [
  // wishes
  'reason', 'note', 'outcome', 'rating', 'comment', 'claimantId', 'onBehalfOf',
  // records, posts, seats, points, grid, households and pairings
  'minutes', 'title', 'description', 'pioneerRole', 'capacity', 'schedule', 'location', 'endsOn', 'postId',
  'memberId', 'points', 'maxMembers', 'householdId',
  // reports, transfers and 催报
  'communityId', 'basis', 'reissued', 'transferOf', 'fromCommunityId', 'fromUnitId', 'toUnitId', 'reportEnded',
  'reminderId', 'reminded', 'withoutAccount',
  // a community's settings
  'contactDays', 'fulfilDays', 'householdMaxMembers',
  // the tree, units, staff and accounts (a phone here is staff's, and shown masked)
  'phone', 'name', 'parentId', 'fromParent', 'toParent', 'fromPath', 'toPath', 'nodes', 'orgId', 'unitId', 'role', 'grantId',
  'grantedBy', 'pairedCommunityIds', 'communityIds', 'before', 'after', 'created', 'existing', 'createdByKind', 'rejected',
  // opinions (民情) and grid leaders
  'source', 'level', 'fromLevel', 'reply', 'satisfaction', 'leaderId',
  // activities (集体活动): publishing, places and the waiting list, attendance
  'kind', 'startsAt', 'endsAt', 'audience', 'organiserKind', 'teamId', 'promoted', 'records', 'activityId',
  // 共建协议
  'startsOn', 'resources',
] as const;

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  action: z.string(),
  /** The action as people read it (AUDIT_ACTION_LABELS). */
  label: z.string(),
  objectType: z.string(),
  objectId: z.string(),
  /** Who did it; null for the system (a deadline passing). */
  actor: z.object({ id: z.string(), name: z.string() }).nullable(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  /** What else was recorded: a reason, a name, counts. Never a resident's phone or address. */
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
