import { and, count, desc, eq, isNull, lt } from 'drizzle-orm';
import type { Notification, NotificationList } from '@huijia/shared';
import type { Db } from '../../db';
import { notifications } from '../../db/schema';
import { notFound } from '../../http/errors';
import { page, parseCursor } from '../../http/cursor';
import { parseId } from '../orgs/service';

type Row = typeof notifications.$inferSelect;

const toNotification = (r: Row): Notification => ({
  id: String(r.id),
  kind: r.kind,
  title: r.title,
  body: r.body,
  entity: r.entity,
  entityId: r.entityId,
  read: r.readAt !== null,
  createdAt: r.createdAt.toISOString(),
});

/** The user's messages, newest first, with the unread count for the badge. */
export async function listNotifications(db: Db, userId: number, limit: number, cursor?: string): Promise<NotificationList> {
  const before = parseCursor(cursor);
  const rows = await db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), before === null ? undefined : lt(notifications.id, before)))
    .orderBy(desc(notifications.id))
    .limit(limit + 1);
  const [unread] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  const { rows: items, nextCursor } = page(rows, limit, (r) => r.id);
  return { items: items.map(toNotification), nextCursor, unread: unread!.n };
}

/** Marks one of the user's own messages read; anyone else's is not found. */
export async function markRead(db: Db, userId: number, id: string, now: Date): Promise<Notification> {
  const n = parseId(id);
  if (n === null) throw notFound();
  const [row] = await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.id, n), eq(notifications.userId, userId)))
    .returning();
  if (!row) throw notFound();
  return toNotification(row);
}

export async function markAllRead(db: Db, userId: number, now: Date): Promise<void> {
  await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
}
