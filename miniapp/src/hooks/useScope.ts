import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type { Me } from '@huijia/shared';
import { decodeParam } from '../components/reporting/navigation';
import { useMe } from './useMe';
import type { Remote } from './useRemote';

/** Where a page works: a community (社区) or a unit (单位), by id, with its name. */
export interface Scope {
  id: string;
  name: string;
}

export type ScopedRole = 'community_staff' | 'unit_admin';

const UNNAMED: Record<ScopedRole, string> = { community_staff: '本社区', unit_admin: '本单位' };

/** Where `role` is held: communities by `orgId`, units by `unitId` (GET /api/me). */
export function scopesOf(me: Me, role: ScopedRole): Scope[] {
  return me.roles.flatMap((grant) => {
    if (grant.role !== role) return [];
    const id = role === 'unit_admin' ? grant.unitId : grant.orgId;
    return id ? [{ id, name: grant.scopeName ?? UNNAMED[role] }] : [];
  });
}

/** The places a staff or admin page may work on, and the one it shows. */
export interface ScopeChoice {
  scopes: Scope[];
  current: Scope;
  choose: (id: string) => void;
  /** Who works on it: what they leave unsent is kept as theirs, in this scope. */
  draftOwner: string;
}

const storageKey = (role: ScopedRole) => `huijia.scope.${role}`;

function remembered(role: ScopedRole): string | null {
  try {
    const value: unknown = Taro.getStorageSync(storageKey(role));
    return typeof value === 'string' && value ? value : null;
  } catch {
    return null;
  }
}

/**
 * The community (community staff) or unit (unit admin) a page works on. Someone holding the role in
 * several picks one, remembered across pages; `?scope=` in the page's url chooses it too. Ready
 * with null for someone who does not hold the role.
 */
export function useRoleScope(role: ScopedRole): { state: Remote<ScopeChoice | null>; reload: () => void } {
  const { state, reload } = useMe();
  const asked = decodeParam(useRouter().params.scope);
  const [chosen, setChosen] = useState<string | null>(() => asked ?? remembered(role));
  if (state.kind !== 'ready') return { state, reload };

  const scopes = scopesOf(state.value, role);
  const current = scopes.find((scope) => scope.id === chosen) ?? scopes[0];
  const choose = (id: string) => {
    setChosen(id);
    try {
      Taro.setStorageSync(storageKey(role), id);
    } catch {
      // Not remembered: the next page starts from the first one.
    }
  };
  return { state: { kind: 'ready', value: current ? { scopes, current, choose, draftOwner: `${state.value.user.id}@${current.id}` } : null }, reload };
}

/** The community a member serves: the one their confirmed report is with (else none yet). */
export function reportedCommunity(me: Me): Scope | null {
  const report = me.report;
  return report && report.status === 'confirmed' ? { id: report.communityId, name: report.communityName } : null;
}

/** The member's community (`reportedCommunity`), ready with null before their report is confirmed. */
export function useReportedCommunity(): { state: Remote<Scope | null>; reload: () => void } {
  const { state, reload } = useMe();
  if (state.kind !== 'ready') return { state, reload };
  return { state: { kind: 'ready', value: reportedCommunity(state.value) }, reload };
}

/** Shown where a member without a confirmed report would see their community's posts. */
export const NOT_REPORTED_TEXT = '请先完成社区报到。报到经社区确认后，就能认岗、记录服务和结对帮扶。';
