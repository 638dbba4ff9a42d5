/**
 * The figures page (统计) and its ledgers (台账), a WeChat subpackage: read by app.config.ts at
 * build time and by the pages for their urls. The charting library is used on h5 only, inside
 * this page's chunk, so it never reaches the weapp main package nor the web build's first page.
 *
 * Plain data only: app.config.ts is evaluated at build time, outside the app.
 */
export const statsPackages: { root: string; pages: string[] }[] = [
  // Community staff, street and district admins, unit admins (permission stats.read); the
  // ranking and the printable 通报 for street and district admins (stats.rank).
  { root: 'pages/stats', pages: ['index', 'ranking/index', 'bulletin/index'] },
];

/** The urls of the pages above, as Taro's navigation takes them. */
export const STATS_ROUTES = {
  /** 统计: the caller's node; `?orgId=` or `?unitId=` opens another, `&from=&to=` a period (see `statsUrl`). */
  stats: '/pages/stats/index',
  /** 通报排名: `?orgId=&name=` a node (else the caller's own), its units or communities ranked. */
  ranking: '/pages/stats/ranking/index',
  /** 通报 laid out for A4 (printed from the web build): `?orgId=&name=&from=&to=`. */
  bulletin: '/pages/stats/bulletin/index',
} as const;

/**
 * The figures of a node (`orgId`) or unit (`unitId`), over a period when given; `name` is shown
 * in the header until the figures arrive.
 */
export function statsUrl(query: { orgId?: string; unitId?: string; name?: string; from?: string; to?: string }): string {
  return urlOf(STATS_ROUTES.stats, query);
}

/** The ranking (`ranking`) or the 通报 (`bulletin`) of a node, over a period when given. */
export function rankingUrl(page: 'ranking' | 'bulletin', query: { orgId?: string; name?: string; from?: string; to?: string }): string {
  return urlOf(STATS_ROUTES[page], query);
}

function urlOf(route: string, query: Record<string, string | undefined>): string {
  const pairs = Object.entries(query)
    .filter((entry): entry is [string, string] => Boolean(entry[1]))
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`);
  return pairs.length > 0 ? `${route}?${pairs.join('&')}` : route;
}
