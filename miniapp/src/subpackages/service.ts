/**
 * The service pages (posts 认岗, service records 服务记实, points 积分, pairing 结对帮扶), a WeChat
 * subpackage: read by app.config.ts at build time and by the pages for their urls.
 *
 * Plain data only: app.config.ts is evaluated at build time, outside the app.
 */
export const servicePackages: { root: string; pages: string[] }[] = [
  // The member's pages, and the residents' 示岗 board (board/index).
  { root: 'pages/post', pages: ['hall/index', 'detail/index', 'board/index'] },
  { root: 'pages/record', pages: ['new/index', 'mine/index'] },
  { root: 'pages/points', pages: ['index'] },
  { root: 'pages/pairing', pages: ['index'] },
  // Community staff. Separate roots under pages/staff: other staff pages live beside them.
  { root: 'pages/staff/posts', pages: ['index'] },
  { root: 'pages/staff/verify', pages: ['index'] },
  { root: 'pages/staff/households', pages: ['index'] },
];

/** The urls of the pages above, as Taro's navigation takes them. */
export const SERVICE_ROUTES = {
  /** 岗位大厅 (member): the posts of the community they reported to, and 我的岗位. */
  postHall: '/pages/post/hall/index',
  /** 岗位详情: add `?id=`, see `postDetailUrl`. */
  postDetail: '/pages/post/detail/index',
  /** 社区示岗 (resident): the home community's posts, holders' commitments and 评岗. */
  postBoard: '/pages/post/board/index',
  /** 记录服务 (member); `?id=` edits a record, `?source=&sourceId=` preselects what it is for. */
  newRecord: '/pages/record/new/index',
  /** 我的服务记录 (member). */
  myRecords: '/pages/record/mine/index',
  /** 我的积分 and 服务排行 (member). */
  points: '/pages/points/index',
  /** 结对帮扶 (member). */
  pairing: '/pages/pairing/index',
  /** 岗位管理 (staff). */
  staffPosts: '/pages/staff/posts/index',
  /** 核实服务 (staff). */
  staffVerify: '/pages/staff/verify/index',
  /** 困难群众 (staff). */
  staffHouseholds: '/pages/staff/households/index',
} as const;

export type ServiceRoute = (typeof SERVICE_ROUTES)[keyof typeof SERVICE_ROUTES];

export function postDetailUrl(id: string): string {
  return `${SERVICE_ROUTES.postDetail}?id=${encodeURIComponent(id)}`;
}

/** The record form: for a new record of `source` (a post, wish or pairing), or to edit `recordId`. */
export function recordFormUrl(target: { recordId: string } | { source: string; sourceId?: string }): string {
  if ('recordId' in target) return `${SERVICE_ROUTES.newRecord}?id=${encodeURIComponent(target.recordId)}`;
  const id = target.sourceId ? `&sourceId=${encodeURIComponent(target.sourceId)}` : '';
  return `${SERVICE_ROUTES.newRecord}?source=${encodeURIComponent(target.source)}${id}`;
}
