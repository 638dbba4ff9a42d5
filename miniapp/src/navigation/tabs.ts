import type { Me } from '@huijia/shared';
import { pathOf, ROUTES } from '../routes';
import { OPINION_ROUTES } from '../subpackages/opinions';
import { SERVICE_ROUTES } from '../subpackages/service';
import { STATS_ROUTES } from '../subpackages/stats';
import { WISH_ROUTES } from '../subpackages/wishes';

/**
 * Which tab bar a user holds, by the work they come for. One account may hold several roles; the
 * bar follows the one with the most daily work (community staff, then the admins who read figures,
 * then party representatives, then members), and the home page (首页 / 工作台) still lists every
 * role's entries.
 */
export type Desk = 'resident' | 'member' | 'staff' | 'admin' | 'rep';

export interface Tab {
  key: 'home' | 'wishes' | 'posts' | 'review' | 'stats' | 'opinions' | 'me';
  text: string;
  url: string;
}

const home = (text: string): Tab => ({ key: 'home', text, url: ROUTES.home });
const me: Tab = { key: 'me', text: '我的', url: ROUTES.me };
const stats: Tab = { key: 'stats', text: '统计', url: STATS_ROUTES.stats };

export const DESK_TABS: Record<Desk, readonly Tab[]> = {
  // Residents post wishes and follow them.
  resident: [home('首页'), { key: 'wishes', text: '心愿', url: WISH_ROUTES.mine }, me],
  // Members claim posts and wishes where they reported.
  member: [
    home('首页'),
    { key: 'posts', text: '岗位', url: SERVICE_ROUTES.postHall },
    { key: 'wishes', text: '心愿', url: WISH_ROUTES.hall },
    me,
  ],
  // Community staff: the desk of every task, the review queue, the community's figures.
  staff: [home('工作台'), { key: 'review', text: '审核', url: WISH_ROUTES.review }, stats, me],
  // Unit, street and district admins read figures and rosters; they review nothing.
  admin: [home('工作台'), stats, me],
  // Party representatives (党代表): their daily work is the 呼吁 queue, what the streets passed up.
  rep: [home('工作台'), { key: 'opinions', text: '民情', url: OPINION_ROUTES.queue }, me],
};

export function deskOf(me: Pick<Me, 'roles'>): Desk {
  const held = new Set(me.roles.map((grant) => grant.role));
  if (held.has('community_staff')) return 'staff';
  if (held.has('district_admin') || held.has('street_admin') || held.has('unit_admin')) return 'admin';
  if (held.has('party_rep')) return 'rep';
  if (held.has('member')) return 'member';
  return 'resident';
}

/** The tab a page is, for this desk, or undefined when the page is not one of its tabs. */
export function tabAt(desk: Desk, path: string): Tab | undefined {
  return DESK_TABS[desk].find((tab) => tab.url === pathOf(path));
}
