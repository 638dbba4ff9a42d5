/**
 * The micro-wish pages (微心愿) and the inbox, a WeChat subpackage: read by app.config.ts at build
 * time and by the pages for their urls.
 *
 * Plain data only: app.config.ts is evaluated at build time, outside the app.
 */
export const wishPackages: { root: string; pages: string[] }[] = [
  // The resident's and the member's pages, and the detail page every role opens.
  {
    root: 'pages/wish',
    pages: ['new/index', 'mine/index', 'detail/index', 'hall/index', 'claims/index'],
  },
  // Community staff. Separate roots under pages/staff: other staff pages live beside them.
  { root: 'pages/staff/review', pages: ['index'] },
  { root: 'pages/staff/disputes', pages: ['index'] },
  // 消息: everyone's in-app messages.
  { root: 'pages/inbox', pages: ['index'] },
];

/** The urls of the pages above, as Taro's navigation takes them. */
export const WISH_ROUTES = {
  /** 发布微心愿 (resident). */
  newWish: '/pages/wish/new/index',
  /** 我的心愿 (resident). */
  mine: '/pages/wish/mine/index',
  /** 心愿详情 (anyone who may see the wish): add `?id=`, see `wishDetailUrl`. */
  detail: '/pages/wish/detail/index',
  /** 心愿大厅 (member): the wishes of the community they reported to. */
  hall: '/pages/wish/hall/index',
  /** 我的认领 (member). */
  claims: '/pages/wish/claims/index',
  /** 审核心愿 (staff). */
  review: '/pages/staff/review/index',
  /** 心愿异议 (staff). */
  disputes: '/pages/staff/disputes/index',
  /** 消息 (everyone). */
  inbox: '/pages/inbox/index',
} as const;

export type WishRoute = (typeof WISH_ROUTES)[keyof typeof WISH_ROUTES];

export function wishDetailUrl(id: string): string {
  return `${WISH_ROUTES.detail}?id=${encodeURIComponent(id)}`;
}

/** 修改心愿: the form, filled with a rejected wish, to send it again. */
export function resubmitWishUrl(id: string): string {
  return `${WISH_ROUTES.newWish}?resubmit=${encodeURIComponent(id)}`;
}
