/**
 * 项目认领 (projects a community publishes and a lead claims and carries out), a WeChat
 * subpackage: read by app.config.ts at build time and by the pages for their urls.
 *
 * Plain data only: app.config.ts is evaluated at build time, outside the app.
 */
export const projectPackages: { root: string; pages: string[] }[] = [
  // Residents read their community's board; staff publish, accept and send back; a paired unit's
  // admin, a team leader, a party representative or a member claims one and posts its progress.
  { root: 'pages/project', pages: ['list/index', 'new/index', 'detail/index', 'update/index'] },
];

/** The urls of the pages above, as Taro's navigation takes them. */
export const PROJECT_ROUTES = {
  /** 社区项目, 认领项目, 我的项目, 辖区项目: add `?as=`, see `projectListUrl`. */
  list: '/pages/project/list/index',
  /** 发布项目 (community staff); `?scope=` chooses the community. */
  publish: '/pages/project/new/index',
  /** 项目详情: add `?id=`, see `projectDetailUrl`. */
  detail: '/pages/project/detail/index',
  /** 发布进展 and 报告完成 (the lead): add `?id=&mode=`, see `projectUpdateUrl`. */
  update: '/pages/project/update/index',
} as const;

/**
 * Whose projects the list shows: the board of the user's home community (residents), a community's
 * (its staff, who publish), those open to the viewer's claim, the viewer's own (led by them, their
 * unit or team), or an area's (street and district admins).
 */
export type ProjectView = 'board' | 'community' | 'claimable' | 'mine' | 'area';

export function projectListUrl(as: ProjectView, scope?: string): string {
  return `${PROJECT_ROUTES.list}?as=${as}${scope ? `&scope=${encodeURIComponent(scope)}` : ''}`;
}

export function projectDetailUrl(id: string): string {
  return `${PROJECT_ROUTES.detail}?id=${encodeURIComponent(id)}`;
}

/** The lead's form: a progress update, or the report that it is done. */
export type ProjectUpdateMode = 'progress' | 'complete';

export function projectUpdateUrl(id: string, mode: ProjectUpdateMode): string {
  return `${PROJECT_ROUTES.update}?id=${encodeURIComponent(id)}&mode=${mode}`;
}
