import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type { Me } from '@huijia/shared';
import { useMe } from '../../hooks/useMe';
import { decodeParam } from './navigation';

/** A community (staff) or unit (unit admin) where the signed-in user holds the role. */
export interface Scope {
  id: string;
  name: string;
}

export type ScopedRole = 'community_staff' | 'unit_admin';

/** Where `role` is held: communities by `orgId`, units by `unitId` (GET /api/me). */
export function scopesOf(me: Me, role: ScopedRole): Scope[] {
  return me.roles.flatMap((grant) => {
    if (grant.role !== role) return [];
    const id = role === 'unit_admin' ? grant.unitId : grant.orgId;
    return id ? [{ id, name: grant.scopeName ?? '' }] : [];
  });
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
 * The community or unit a staff or admin page works on. Someone holding the role in several
 * picks one (remembered across pages); `?scope=` in the page's url chooses it too.
 */
export function useRoleScope(role: ScopedRole) {
  const { state, reload } = useMe();
  const asked = decodeParam(useRouter().params.scope);
  const [chosen, setChosen] = useState<string | null>(() => asked ?? remembered(role));

  const scopes = state.kind === 'ready' ? scopesOf(state.value, role) : [];
  const current = scopes.find((scope) => scope.id === chosen) ?? scopes[0] ?? null;

  const choose = (id: string) => {
    setChosen(id);
    try {
      Taro.setStorageSync(storageKey(role), id);
    } catch {
      // Not remembered: the next page starts from the first one.
    }
  };

  return { me: state, reload, scopes, current, choose };
}
