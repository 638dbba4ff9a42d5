import { sql } from 'drizzle-orm';
import type { Tx } from '../../db';
import { notifications, users, wechatOutbox, wechatSubscriptions } from '../../db/schema';
import { subscribeMessageOf, templatesInForce } from '../wechat/templates';

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

/**
 * Tells each of many users their own message (a departure touching many people), in one insert.
 * A message whose kind has a subscribe message template is also queued for WeChat (the outbox), in
 * the same transaction, when its user accepted that template (a credit) — see echoOnWechat.
 */
export async function notifyEach(tx: Tx, messages: readonly (NotificationDraft & { userId: number })[]): Promise<void> {
  if (messages.length === 0) return;
  const inserted = await tx
    .insert(notifications)
    .values(
      messages.map((m) => ({
        userId: m.userId,
        kind: m.kind,
        title: m.title,
        body: m.body,
        entity: m.entity ?? null,
        entityId: m.entityId === undefined ? null : String(m.entityId),
      })),
    )
    .returning({
      id: notifications.id,
      userId: notifications.userId,
      kind: notifications.kind,
      title: notifications.title,
      body: notifications.body,
      entityId: notifications.entityId,
      createdAt: notifications.createdAt,
    });
  await echoOnWechat(tx, inserted);
}

type Inserted = { id: number; userId: number; kind: string; title: string; body: string; entityId: string | null; createdAt: Date };

/**
 * Queues a subscribe message for each message whose kind has a template, for users signed in
 * through WeChat who have an unused accept of that template: one statement for all of them, which
 * takes one credit per message (the n-th message of a user and template takes their n-th credit;
 * a message with no credit left gets none) and writes the outbox rows. Credits another transaction
 * is taking right now are skipped rather than waited for: a state change never waits on another
 * one's WeChat bookkeeping. Nothing is asked of the database when no kind has a template.
 */
async function echoOnWechat(tx: Tx, inserted: readonly Inserted[]): Promise<void> {
  const templates = templatesInForce();
  const wanted = inserted.flatMap((n) => {
    const mapping = templates[n.kind];
    if (!mapping) return [];
    const { page, data } = subscribeMessageOf(mapping, n);
    return [{ notification_id: n.id, user_id: n.userId, event: n.kind, template_id: mapping.templateId, page, data }];
  });
  if (wanted.length === 0) return;
  await tx.execute(sql`
    with wanted as (
      select w.* from jsonb_to_recordset(${JSON.stringify(wanted)}::jsonb)
        as w(notification_id bigint, user_id bigint, event text, template_id text, page text, data jsonb)
      join ${users} u on u.id = w.user_id and u.wechat_openid is not null
    ),
    credits as (
      select s.id, s.user_id, s.template_id from ${wechatSubscriptions} s
      where s.used_at is null and (s.user_id, s.template_id) in (select user_id, template_id from wanted)
      for update of s skip locked
    ),
    matched as (
      select w.*, c.id as credit_id
      from (select *, row_number() over (partition by user_id, template_id order by notification_id) as n from wanted) w
      join (select *, row_number() over (partition by user_id, template_id order by id) as n from credits) c
        on c.user_id = w.user_id and c.template_id = w.template_id and c.n = w.n
    ),
    used as (
      update ${wechatSubscriptions} set used_at = now() where id in (select credit_id from matched)
    )
    insert into ${wechatOutbox} (user_id, notification_id, event, template_id, page, data)
    select user_id, notification_id, event, template_id, page, data from matched
  `);
}
