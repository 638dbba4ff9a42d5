import { type Me, mayTake, OPINION_LEVEL_HOLDERS, OPINION_LEVELS, type OpinionLevel } from '@huijia/shared';
import { reportedCommunity, type Scope, scopesOf } from '../../hooks/useScope';

/**
 * The levels of 四议一呼 whose queue the user works, by the grants in GET /api/me and the
 * permission table (`OPINION_LEVEL_HOLDERS`): community staff hold 建议 and 商议, street admins
 * 审议, party representatives 呼吁. A grid branch's leader holds 建议 by their group, which
 * GET /api/me does not say (it names the member's branch, not whether they lead it): every member
 * placed in a branch is offered its 建议 queue, which the server fills for its leader alone.
 */
export function levelsHeld(me: Me): OpinionLevel[] {
  return OPINION_LEVELS.filter(
    (level) => mayTake(me.roles, OPINION_LEVEL_HOLDERS[level]) || (level === 'branch' && me.grid?.branch != null),
  );
}

/**
 * Where the user may log what they collected (社情民意搜集本, `source: collected | mailbox`): the
 * communities they are staff of, and the one a member's confirmed report is with.
 */
export function collectingCommunities(me: Me): Scope[] {
  const places = [...scopesOf(me, 'community_staff')];
  const reported = reportedCommunity(me);
  if (reported && !places.some((place) => place.id === reported.id)) places.push(reported);
  return places;
}
