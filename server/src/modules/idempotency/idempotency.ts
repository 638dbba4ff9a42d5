import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '../../db';
import { idempotencyKeys } from '../../db/schema';
import { AppError } from '../../http/errors';

const KEY_MAX = 100;

/**
 * Runs `create` once per (user, route, Idempotency-Key): the key row is inserted first, so a
 * concurrent repeat waits on it and then answers the first result; a later repeat answers the
 * stored result. Without a key, `create` simply runs.
 */
export async function onceForKey<T extends object>(
  db: Db,
  userId: number,
  route: string,
  key: string | undefined,
  create: (tx: Tx) => Promise<T>,
): Promise<{ body: T; replayed: boolean }> {
  if (!key) return { body: await db.transaction(create), replayed: false };
  if (key.length > KEY_MAX) throw new AppError(400, 'VALIDATION_FAILED', undefined, [{ path: 'headers.idempotency-key', message: '过长' }]);
  return db.transaction(async (tx) => {
    const [claimed] = await tx
      .insert(idempotencyKeys)
      .values({ userId, route, key, status: 0, response: {} })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (!claimed) {
      const [stored] = await tx
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.route, route), eq(idempotencyKeys.key, key)));
      return { body: stored!.response as T, replayed: true };
    }
    const body = await create(tx);
    await tx
      .update(idempotencyKeys)
      .set({ status: 201, response: body })
      .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.route, route), eq(idempotencyKeys.key, key)));
    return { body, replayed: false };
  });
}
