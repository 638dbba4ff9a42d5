import { AUDIT_ACTION_LABELS, type Me, PERMISSIONS, type Role, type Scope as Reach } from '@huijia/shared';
import type { AuditFilter } from '../../services/audit';

/** A node whose trail the user may read, with its name. */
export interface AuditScope {
  id: string;
  name: string;
}

/**
 * The nodes whose trail the user may read: each node where they hold a role allowed audit.read
 * (community staff, street and district admins), from GET /api/me and the permission table.
 */
export function auditScopesOf(me: Me): AuditScope[] {
  const rule: Partial<Record<Role, Reach>> = PERMISSIONS['audit.read'];
  const scopes = new Map<string, AuditScope>();
  for (const grant of me.roles) {
    if (rule[grant.role] !== 'subtree' || !grant.orgId || scopes.has(grant.orgId)) continue;
    scopes.set(grant.orgId, { id: grant.orgId, name: grant.scopeName ?? '' });
  }
  return Array.from(scopes.values());
}

/** Every action the trail records, as a picker offers them: 全部操作 first. */
export const ACTION_OPTIONS: readonly { value: string | null; label: string }[] = [
  { value: null, label: '全部操作' },
  ...Object.entries(AUDIT_ACTION_LABELS).map(([value, label]) => ({ value, label })),
];

export type PeriodPreset = 'all' | 'today' | 'week' | 'month';
export const PERIOD_PRESETS: readonly { value: PeriodPreset; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'today', label: '今天' },
  { value: 'week', label: '近7天' },
  { value: 'month', label: '近30天' },
];

export interface Period {
  from?: string;
  to?: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The phone's calendar day, `YYYY-MM-DD`. */
export function dayOf(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The days a preset covers, today included; 全部 has no bounds. */
export function presetPeriod(preset: PeriodPreset, now: Date): Period {
  if (preset === 'all') return {};
  const days = preset === 'today' ? 1 : preset === 'week' ? 7 : 30;
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate() - (days - 1));
  return { from: dayOf(start), to: dayOf(now) };
}

/** The preset a period is, if any (its chip shows chosen). */
export function presetOf(period: Period, now: Date): PeriodPreset | null {
  return PERIOD_PRESETS.find(({ value }) => {
    const preset = presetPeriod(value, now);
    return preset.from === period.from && preset.to === period.to;
  })?.value ?? null;
}

/** What is wrong with a period picked by hand, or undefined when it may be asked for. */
export function periodError({ from, to }: Period): string | undefined {
  if (from && to && from > to) return '起始日期不能晚于结束日期';
  return undefined;
}

/** What the trail is narrowed to, as said before an export: "操作：提交心愿；期间：…；操作人：张丽华". */
export function filterSummary(filter: AuditFilter, actorName?: string): string {
  const parts: string[] = [];
  if (filter.action) parts.push(`操作：${AUDIT_ACTION_LABELS[filter.action] ?? filter.action}`);
  if (filter.from || filter.to) {
    const from = filter.from ?? '最早';
    const to = filter.to ?? '今天';
    parts.push(`期间：${from === to ? from : `${from} 至 ${to}`}`);
  }
  if (filter.actorId) parts.push(`操作人：${actorName ?? '所选人员'}`);
  return parts.length > 0 ? parts.join('；') : '全部记录';
}
