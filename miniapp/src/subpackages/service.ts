/**
 * The service pages (posts 认岗, service records 服务记实, points 积分, pairing 结对帮扶), a WeChat
 * subpackage: read by app.config.ts at build time and by the pages for their urls.
 */
export const servicePackages: { root: string; pages: string[] }[] = [];
