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
  if (ids.length === 0) return;
  await tx.insert(notifications).values(
    ids.map((userId) => ({
      userId,
      kind: draft.kind,
      title: draft.title,
      body: draft.body,
      entity: draft.entity ?? null,
      entityId: draft.entityId === undefined ? null : String(draft.entityId),
    })),
  );
}
