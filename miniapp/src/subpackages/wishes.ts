/**
 * The micro-wish pages (微心愿) and the inbox, a WeChat subpackage: read by app.config.ts at build
 * time and by the pages for their urls.
 */
export const wishPackages: { root: string; pages: string[] }[] = [];
