/**
 * The dual-reporting pages (双报到, the grid, rosters), a WeChat subpackage: read by app.config.ts
 * at build time and by the pages for their urls.
 */
export const reportingPackages: { root: string; pages: string[] }[] = [];
