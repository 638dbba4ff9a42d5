/**
 * The dual-reporting pages (双报到, the grid, rosters), a WeChat subpackage: read by app.config.ts
 * at build time and by the pages for their urls.
 *
 * Plain data only: app.config.ts is evaluated at build time, outside the app.
 */
export const reportingPackages: { root: string; pages: string[] }[] = [
  // The member's own report (社区报到).
  { root: 'pages/report', pages: ['index'] },
  // The unit admin's roster import and 信息比对.
  { root: 'pages/unit', pages: ['roster/index', 'members/index'] },
  // Community staff. Separate roots under pages/staff: other staff pages live beside them.
  { root: 'pages/staff/reports', pages: ['index'] },
  { root: 'pages/staff/confirm', pages: ['index'] },
  { root: 'pages/staff/grid', pages: ['index'] },
];

/** The urls of the pages above, as Taro's navigation takes them. */
export const REPORTING_ROUTES = {
  /** 社区报到 (member). */
  report: '/pages/report/index',
  /** 党员名册 (unit admin): import the roster. */
  unitRoster: '/pages/unit/roster/index',
  /** 报到情况 (unit admin): members and their reports, 签发报到证. */
  unitMembers: '/pages/unit/members/index',
  /** 报到名单 (staff): the community's reports. */
  staffReports: '/pages/staff/reports/index',
  /** 确认报到 (staff): check a 报到证 and confirm or reject. */
  staffConfirm: '/pages/staff/confirm/index',
  /** 网格管理 (staff). */
  staffGrid: '/pages/staff/grid/index',
} as const;

export type ReportingRoute = (typeof REPORTING_ROUTES)[keyof typeof REPORTING_ROUTES];
