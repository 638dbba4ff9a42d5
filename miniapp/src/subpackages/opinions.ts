/**
 * 民情 and 四议一呼, a WeChat subpackage: read by app.config.ts at build time and by the pages for
 * their urls.
 *
 * Plain data only: app.config.ts is evaluated at build time, outside the app.
 */
export const opinionPackages: { root: string; pages: string[] }[] = [
  // Residents and members raise, follow and second; the holders of each level (community staff,
  // grid branch leaders, street admins, party representatives) work the queue; everyone who may
  // see one opens the detail; district admins set each level's deadline.
  { root: 'pages/opinion', pages: ['new/index', 'mine/index', 'board/index', 'queue/index', 'detail/index', 'deadlines/index'] },
];

/** The urls of the pages above, as Taro's navigation takes them. */
export const OPINION_ROUTES = {
  /** 反映民情 (residents, members; `?source=collected` for a worker logging what they collected). */
  raise: '/pages/opinion/new/index',
  /** 我的民情: what I raised or logged. */
  mine: '/pages/opinion/mine/index',
  /** 社区民情: the board of my home community. */
  board: '/pages/opinion/board/index',
  /** 民情办理: the holder's queue, a tab per level held. */
  queue: '/pages/opinion/queue/index',
  /** 民情详情: add `?id=`, see `opinionDetailUrl`. */
  detail: '/pages/opinion/detail/index',
  /** 民情办理期限 (district admins): the days each level has for its first answer. */
  deadlines: '/pages/opinion/deadlines/index',
} as const;

export type OpinionRoute = (typeof OPINION_ROUTES)[keyof typeof OPINION_ROUTES];

export function opinionDetailUrl(id: string): string {
  return `${OPINION_ROUTES.detail}?id=${encodeURIComponent(id)}`;
}

/** 反映民情, for a worker (staff, a reported member) logging what they collected (社情民意搜集本). */
export const COLLECT_OPINION_URL = `${OPINION_ROUTES.raise}?source=collected`;
