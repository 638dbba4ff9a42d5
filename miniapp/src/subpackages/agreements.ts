/**
 * 共建协议 (partnership agreements between units and communities), a WeChat subpackage: read by
 * app.config.ts at build time and by the pages for their urls.
 *
 * Plain data only: app.config.ts is evaluated at build time, outside the app.
 */
export const agreementPackages: { root: string; pages: string[] }[] = [
  // Community staff propose and withdraw, a unit's admins accept or decline, either side ends one
  // early; street and district admins read those of their area.
  { root: 'pages/agreement', pages: ['list/index', 'new/index', 'detail/index'] },
];

/** The urls of the pages above, as Taro's navigation takes them. */
export const AGREEMENT_ROUTES = {
  /** 共建协议: add `?as=`, see `agreementListUrl`. */
  list: '/pages/agreement/list/index',
  /** 发起共建 (community staff). */
  propose: '/pages/agreement/new/index',
  /** 协议详情: add `?id=`, see `agreementDetailUrl`. */
  detail: '/pages/agreement/detail/index',
} as const;

/** Whose agreements the list shows: a community's (its staff), a unit's (its admins), or an area's (street and district admins, read-only). */
export type AgreementView = 'community' | 'unit' | 'area';

export function agreementListUrl(as: AgreementView): string {
  return `${AGREEMENT_ROUTES.list}?as=${as}`;
}

export function agreementDetailUrl(id: string): string {
  return `${AGREEMENT_ROUTES.detail}?id=${encodeURIComponent(id)}`;
}
