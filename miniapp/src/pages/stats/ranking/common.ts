import { PERMISSIONS, monthSchema, type Me, type Role, type Scope } from '@huijia/shared';
import type { MonthRange } from '../../../components/MonthRangePicker';
import { PARSE_CONTEXT } from '../../../services/api';
import type { StatsScope } from '../scopes';

/**
 * What the ranking (通报排名) and the printable 通报 share: where the user may rank, which node a
 * page shows, and the period it was opened with.
 */

/** The nodes the user may rank below (permission stats.rank): those of their street and district admin roles. */
export function rankScopesOf(me: Me): StatsScope[] {
  const rule: Partial<Record<Role, Scope>> = PERMISSIONS['stats.rank'];
  const scopes = new Map<string, StatsScope>();
  for (const grant of me.roles) {
    if (rule[grant.role] !== 'subtree' || !grant.orgId) continue;
    const key = `org:${grant.orgId}`;
    if (!scopes.has(key)) scopes.set(key, { kind: 'org', id: grant.orgId, key, name: grant.scopeName ?? '' });
  }
  return Array.from(scopes.values());
}

/** The node a page ranks, and whether it is one of the user's own (then the page offers the others). */
export interface RankTarget {
  id: string;
  /** Known before the answer arrives: the user's own node's, or the one the page was opened with. */
  name: string | undefined;
  own: StatsScope | null;
}

/**
 * The node chosen among the user's own; else the one the page was opened on (`?orgId=`, which may
 * lie below theirs); else their first. Null when they may rank nowhere.
 */
export function rankTargetOf(scopes: readonly StatsScope[], asked: { id?: string; name?: string }, chosen: string | null): RankTarget | null {
  if (scopes.length === 0) return null;
  const own = scopes.find((scope) => scope.key === chosen) ?? (asked.id ? scopes.find((scope) => scope.id === asked.id) : scopes[0]);
  if (own) return { id: own.id, name: own.name, own };
  return { id: asked.id!, name: asked.name, own: null };
}

/** A period from a page's query, or null when it is missing or not a valid one. */
export function periodParam(from: string | undefined, to: string | undefined): MonthRange | null {
  if (!from || !to) return null;
  const valid = (month: string) => monthSchema.safeParse(month, PARSE_CONTEXT).success;
  if (!valid(from) || !valid(to) || from > to) return null;
  return { from, to };
}

/** "2026年12月6日 14:05" in the phone's time zone, or nothing for a time that cannot be read. */
export function dateTimeText(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}年${date.getMonth() + 1}月${date.getDate()}日 ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
