import {
  AUDIT_OBJECT_LABELS,
  type AuditEntry,
  type AuditObjectType,
  auditObjectTypeSchema,
  maskPhone,
  ORG_KIND_LABELS,
  PIONEER_ROLE_LABELS,
  POST_STATE_LABELS,
  RECORD_STATE_LABELS,
  REPORT_BASIS_LABELS,
  REPORT_END_REASON_LABELS,
  REPORT_STATE_LABELS,
  ROLE_LABELS,
  SEAT_STATE_LABELS,
  WISH_STATE_LABELS,
} from '@huijia/shared';
import { PARSE_CONTEXT } from '../../services/api';
import { postDetailUrl } from '../../subpackages/service';
import { wishDetailUrl } from '../../subpackages/wishes';

/**
 * How one row of the audit trail reads to people: the object it names, the states it moved
 * between and what else was recorded, in plain Chinese. The server sends codes (`pending_review`,
 * `contactDays`); the labels are the shared ones the rest of the app shows.
 */

const PAIRING_STATE_LABELS: Record<string, string> = { active: '结对中', ended: '已结束' };
/** A roster entry's one state of note: it left the roster (离开名册), kept for history. */
const ROSTER_ENTRY_STATE_LABELS: Record<string, string> = { departed: '已离开名册' };

const STATE_LABELS: Partial<Record<AuditObjectType, Record<string, string>>> = {
  wish: WISH_STATE_LABELS,
  report: REPORT_STATE_LABELS,
  record: RECORD_STATE_LABELS,
  post: POST_STATE_LABELS,
  post_seat: SEAT_STATE_LABELS,
  pairing: PAIRING_STATE_LABELS,
  roster_entry: ROSTER_ENTRY_STATE_LABELS,
  // A node's "state" in its trail is its kind (新建节点 → 社区).
  org_node: ORG_KIND_LABELS,
};

function objectTypeOf(entry: Pick<AuditEntry, 'objectType'>): AuditObjectType | null {
  const parsed = auditObjectTypeSchema.safeParse(entry.objectType, PARSE_CONTEXT);
  return parsed.success ? parsed.data : null;
}

/** 心愿, 服务记录…; an object type the app does not know reads as its code. */
export function objectLabel(entry: Pick<AuditEntry, 'objectType'>): string {
  const type = objectTypeOf(entry);
  return type ? AUDIT_OBJECT_LABELS[type] : entry.objectType;
}

/** A state of an object as the app names it elsewhere (待审核, 已核实), else the code. */
export function stateLabel(objectType: string, state: string): string {
  const type = objectTypeOf({ objectType });
  return (type && STATE_LABELS[type]?.[state]) || state;
}

/** "待审核 → 待认领", "→ 待审核" for a creation, or null when the row records no state. */
export function stateChange(entry: Pick<AuditEntry, 'objectType' | 'from' | 'to'>): string | null {
  if (!entry.to && !entry.from) return null;
  if (entry.from && entry.to && entry.from === entry.to) return stateLabel(entry.objectType, entry.to);
  const from = entry.from ? `${stateLabel(entry.objectType, entry.from)} ` : '';
  return `${from}→ ${entry.to ? stateLabel(entry.objectType, entry.to) : ''}`.trim();
}

/** The page that shows the object, where the app has one (a wish's or a post's detail). */
export function objectUrl(entry: Pick<AuditEntry, 'objectType' | 'objectId'>): string | null {
  if (entry.objectType === 'wish') return wishDetailUrl(entry.objectId);
  if (entry.objectType === 'post') return postDetailUrl(entry.objectId);
  return null;
}

const text = (value: unknown): string | null => {
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
};
const labelled = (labels: Record<string, string>) => (value: unknown) => {
  const code = text(value);
  return code === null ? null : (labels[code] ?? code);
};
const counted = (unit: string) => (value: unknown) => {
  const n = text(value);
  return n === null ? null : `${n} ${unit}`;
};

/** Why the system released a claim or ended a report (its other reasons are people's own words). */
const REASONS: Record<string, string> = {
  contact_overdue: '未在期限内联系居民',
  fulfil_overdue: '未在期限内完成',
  report_ended: '认领人在本社区的报到已结束',
  ...REPORT_END_REASON_LABELS,
};
const OUTCOME_LABELS: Record<string, string> = { completed: '认定完成', reopen: '重新发布' };

/** The details people can read, in the order shown, each with its label and how its value reads. */
const DETAILS: readonly { key: string; label: string; value: (value: unknown) => string | null }[] = [
  { key: 'reason', label: '原因', value: labelled(REASONS) },
  // A seat left or a pairing ended because the holder's report ended (离开名册, 转移报到…).
  { key: 'reportEnded', label: '随报到结束', value: labelled(REPORT_END_REASON_LABELS) },
  { key: 'outcome', label: '处理结果', value: labelled(OUTCOME_LABELS) },
  // 代办: staff posted or answered for a resident without a smartphone.
  { key: 'onBehalfOf', label: '代办', value: (value) => (value === true ? '社区代居民办理' : text(value)) },
  { key: 'note', label: '说明', value: text },
  { key: 'rating', label: '评分', value: counted('分') },
  { key: 'comment', label: '评价', value: text },
  { key: 'name', label: '名称', value: text },
  { key: 'title', label: '标题', value: text },
  { key: 'role', label: '角色', value: labelled(ROLE_LABELS) },
  { key: 'pioneerRole', label: '先锋角色', value: labelled(PIONEER_ROLE_LABELS) },
  { key: 'basis', label: '报到方式', value: labelled(REPORT_BASIS_LABELS) },
  { key: 'contactDays', label: '联系期限', value: counted('天') },
  { key: 'fulfilDays', label: '完成期限', value: counted('天') },
  { key: 'householdMaxMembers', label: '每户结对上限', value: counted('人') },
  { key: 'maxMembers', label: '可结对人数', value: counted('人') },
  { key: 'capacity', label: '名额', value: counted('人') },
  { key: 'schedule', label: '服务时间', value: text },
  { key: 'location', label: '服务地点', value: text },
  { key: 'endsOn', label: '结束日期', value: text },
  { key: 'description', label: '描述', value: text },
  {
    key: 'minutes',
    label: '时长',
    value: (value) => (typeof value === 'number' && value > 0 ? `${Math.round((value / 60) * 10) / 10} 小时` : null),
  },
  {
    key: 'points',
    label: '积分',
    value: (value) => (typeof value === 'number' ? `${value > 0 ? '+' : ''}${value}` : null),
  },
  { key: 'phone', label: '手机号', value: (value) => (typeof value === 'string' ? maskPhone(value) : null) },
  { key: 'reissued', label: '报到证', value: (value) => (value === true ? '重新签发' : null) },
  { key: 'created', label: '新建', value: counted('个') },
  { key: 'existing', label: '已有', value: counted('个') },
  { key: 'rejected', label: '未导入', value: (value) => (Array.isArray(value) ? `${value.length} 行` : counted('行')(value)) },
];
const KNOWN = new Set(DETAILS.map((detail) => detail.key));

/** Ids are for the machine: the trail names people and places by name. */
const isReference = (key: string) => /Ids?$/.test(key);

/**
 * The details of a row as lines ("原因：…", "联系期限：5 天"): known keys in a fixed order with
 * their labels; any other plain value (a key the app does not know yet) under its own key, so that
 * nothing recorded is hidden; references to other objects by id left out.
 */
export function detailLines(details: AuditEntry['details']): string[] {
  if (!details) return [];
  const lines: string[] = [];
  for (const { key, label, value } of DETAILS) {
    const shown = key in details ? value(details[key]) : null;
    if (shown) lines.push(`${label}：${shown}`);
  }
  for (const [key, value] of Object.entries(details)) {
    if (KNOWN.has(key) || isReference(key)) continue;
    const shown = typeof value === 'boolean' ? (value ? '是' : '否') : text(value);
    if (shown) lines.push(`${key}：${shown}`);
  }
  return lines;
}

/** Who did it: the actor's name, or 系统 for the scheduler (a deadline passing). */
export function actorName(entry: Pick<AuditEntry, 'actor'>): string {
  return entry.actor?.name || '系统';
}
