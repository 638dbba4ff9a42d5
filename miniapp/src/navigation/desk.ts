import type { Me } from '@huijia/shared';
import { storedValue } from '../settings/stored';
import { type Desk, DESK_TABS, deskOf } from './tabs';

/**
 * The signed-in user's desk (which tab bar they hold), remembered on this phone so the bar shows
 * at once on the next launch; set each time `GET /api/me` answers and cleared at sign-out.
 */
export const desk = storedValue<Desk | null>('huijia.desk', (stored) =>
  typeof stored === 'string' && stored in DESK_TABS ? (stored as Desk) : null,
);

export function rememberDesk(me: Pick<Me, 'roles'>): void {
  const next = deskOf(me);
  if (desk.get() !== next) desk.set(next);
}
