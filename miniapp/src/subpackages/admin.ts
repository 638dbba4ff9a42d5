/**
 * Running a district (组织架构, 单位, 人员与权限) and the account's own pages (修改密码, 注销账号,
 * 个人信息保护, 用户协议 and 隐私政策), WeChat subpackages: read by app.config.ts at build time and by
 * the pages for their urls.
 *
 * Plain data only: app.config.ts is evaluated at build time, outside the app.
 */
export const adminPackages: { root: string; pages: string[] }[] = [
  // District and street admins: the tree and its import.
  { root: 'pages/admin/org', pages: ['tree/index', 'import/index'] },
  // District and street admins: the units and their pairings (结对共建).
  { root: 'pages/admin/units', pages: ['index'] },
  // Whoever grants roles: admins, community staff, unit admins.
  { root: 'pages/admin/staff', pages: ['index'] },
  // Everyone: its own root, so that the forced change after a reset loads nothing else.
  { root: 'pages/admin/password', pages: ['index'] },
  // Everyone, signed in or not: 用户协议 and 隐私政策, opened from the sign-up form.
  { root: 'pages/legal', pages: ['index'] },
  // Everyone: 注销账号, and 个人信息保护 for an account that never agreed to the 用户协议 and 隐私政策.
  { root: 'pages/account', pages: ['delete/index', 'consent/index'] },
];

/** The urls of the pages above, as Taro's navigation takes them. */
export const ADMIN_ROUTES = {
  /** 组织架构: the caller's node and below; `?orgId=` opens another node of their subtree. */
  tree: '/pages/admin/org/tree/index',
  /** 导入组织架构: `?orgId=` the district (or city without districts) the file goes under. */
  importOrgs: '/pages/admin/org/import/index',
  /** 单位管理: `?orgId=` the district or street whose units are listed. */
  units: '/pages/admin/units/index',
  /** 人员与权限: `?orgId=` or `?unitId=`, and `&name=` shown until the list arrives. */
  staff: '/pages/admin/staff/index',
  /** 修改密码; after an admin's reset, the only page that works until it is done. */
  password: '/pages/admin/password/index',
  /** 注销账号. */
  deleteAccount: '/pages/account/delete/index',
  /** 个人信息保护: an account made without agreeing to the 用户协议 and 隐私政策 (by an admin, or before sign-up asked) agrees here first. */
  consent: '/pages/account/consent/index',
} as const;

export type AdminRoute = (typeof ADMIN_ROUTES)[keyof typeof ADMIN_ROUTES];

/** `route` with the query's set values, encoded. */
export function adminUrl(route: AdminRoute, query: Record<string, string | undefined> = {}): string {
  const pairs = Object.entries(query)
    .filter((entry): entry is [string, string] => Boolean(entry[1]))
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`);
  return pairs.length > 0 ? `${route}?${pairs.join('&')}` : route;
}
