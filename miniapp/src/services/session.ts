import Taro from '@tarojs/taro';
import { tabBadges } from '../navigation/badges';
import { desk } from '../navigation/desk';

/** The tokens of a signed-in user. The user itself is always read fresh from `GET /api/me`. */
export interface StoredSession {
  accessToken: string;
  refreshToken: string;
}

const STORAGE_KEY = 'huijia.session';

function isStoredSession(value: unknown): value is StoredSession {
  if (typeof value !== 'object' || value === null) return false;
  const { accessToken, refreshToken } = value as Record<string, unknown>;
  return (
    typeof accessToken === 'string' &&
    accessToken.length > 0 &&
    typeof refreshToken === 'string' &&
    refreshToken.length > 0
  );
}

/**
 * The session in storage, read on every call rather than cached: on h5 another tab may have
 * rotated the tokens since, and a stale refresh token presented again would end the session.
 */
export function getSession(): StoredSession | null {
  try {
    const stored: unknown = Taro.getStorageSync(STORAGE_KEY);
    return isStoredSession(stored) ? stored : null;
  } catch {
    return null;
  }
}

export function hasSession(): boolean {
  return getSession() !== null;
}

export function saveSession({ accessToken, refreshToken }: StoredSession): void {
  Taro.setStorageSync(STORAGE_KEY, { accessToken, refreshToken });
}

/** Forgets the user on this phone: the session, and the tab bar they held. */
export function clearSession(): void {
  desk.set(null);
  tabBadges.set({});
  try {
    Taro.removeStorageSync(STORAGE_KEY);
  } catch {
    // Nothing stored, or storage unavailable: either way there is no session left to use.
  }
}
