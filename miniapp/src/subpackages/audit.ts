/**
 * The audit trail (操作日志), a WeChat subpackage: read by app.config.ts at build time and by the
 * pages for their urls.
 *
 * Plain data only: app.config.ts is evaluated at build time, outside the app.
 */
export const auditPackages: { root: string; pages: string[] }[] = [
  // Community staff, street and district admins (permission audit.read).
  { root: 'pages/audit', pages: ['index'] },
];

/** The urls of the pages above, as Taro's navigation takes them. */
export const AUDIT_ROUTES = {
  /** 操作日志: the trail of the node where the user holds audit.read. */
  audit: '/pages/audit/index',
} as const;
