/**
 * A community's own running (社区设置, 代办心愿), a WeChat subpackage: read by app.config.ts at
 * build time and by the pages for their urls.
 *
 * Plain data only: app.config.ts is evaluated at build time, outside the app.
 */
export const communityPackages: { root: string; pages: string[] }[] = [
  // Community staff (permission community.manage). Separate roots under pages/staff: other staff
  // pages live beside them.
  { root: 'pages/staff/settings', pages: ['index'] },
  { root: 'pages/staff/proxy-wish', pages: ['index'] },
];

/** The urls of the pages above, as Taro's navigation takes them. */
export const COMMUNITY_ROUTES = {
  /** 社区设置: the claim deadlines and the household pairing cap. */
  settings: '/pages/staff/settings/index',
  /** 代办心愿: a wish posted for a resident without a smartphone. */
  proxyWish: '/pages/staff/proxy-wish/index',
} as const;

export type CommunityRoute = (typeof COMMUNITY_ROUTES)[keyof typeof COMMUNITY_ROUTES];
