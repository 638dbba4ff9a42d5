import type { Tx } from '../../db';
import { notifications } from '../../db/schema';

export interface NotificationDraft {
  kind: string;
  title: string;
  body: string;
  entity?: string;
  entityId?: string | number;
}

/** Tells users of a change that concerns them; call it inside the change's transaction. */
export async function notify(tx: Tx, userIds: number | number[], draft: NotificationDraft): Promise<void> {
  const ids = [...new Set(Array.isArray(userIds) ? userIds : [userIds])];
  await notifyEach(tx, ids.map((userId) => ({ ...draft, userId })));
}

/** Tells each of many users their own message (a departure touching many people), in one insert. */
export async function notifyEach(tx: Tx, messages: readonly (NotificationDraft & { userId: number })[]): Promise<void> {
  if (messages.length === 0) return;
  await tx.insert(notifications).values(
    messages.map((m) => ({
      userId: m.userId,
      kind: m.kind,
      title: m.title,
      body: m.body,
      entity: m.entity ?? null,
      entityId: m.entityId === undefined ? null : String(m.entityId),
    })),
  );
}
