import { AppError } from './errors';

/** Keyset cursors are the id of the last item of the previous page. */
export function parseCursor(cursor: string | undefined): number | null {
  if (cursor === undefined) return null;
  if (!/^\d{1,15}$/.test(cursor)) {
    throw new AppError(400, 'VALIDATION_FAILED', undefined, [{ path: 'querystring.cursor', message: '无效的游标' }]);
  }
  return Number(cursor);
}

/** Cuts a page fetched with `limit + 1` rows and names the next cursor. */
export function page<T>(rows: T[], limit: number, idOf: (row: T) => number | string): { rows: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  return { rows: items, nextCursor: rows.length > limit ? String(idOf(items.at(-1)!)) : null };
}
