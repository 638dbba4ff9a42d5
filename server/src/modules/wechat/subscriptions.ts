import { eq, sql } from 'drizzle-orm';
import type { SubscriptionsBody, SubscriptionsResult } from '@huijia/shared';
import type { Db } from '../../db';
import { rowsOf } from '../../db/raw';
import { users, wechatSubscriptions } from '../../db/schema';
import { AppError } from '../../http/errors';
import { configuredTemplateIds, type SubscribeTemplates } from './templates';

/** Unused accepts kept per user and template: WeChat counts its own quota; this only keeps a client
 *  that posts the same answer in a loop from filling the table. */
export const UNUSED_CREDITS_KEPT = 50;

/**
 * `POST /api/subscriptions`: what requestSubscribeMessage answered. Each `accept` of a configured
 * template is one credit: one message the server may send the user with it. Other answers (reject,
 * ban, filter) and templates not configured are ignored. Only an account signed in through WeChat
 * can receive subscribe messages (403 WECHAT_ONLY).
 */
export async function recordSubscriptions(db: Db, templates: SubscribeTemplates, userId: number, answers: SubscriptionsBody): Promise<SubscriptionsResult> {
  const [account] = await db.select({ openId: users.wechatOpenId }).from(users).where(eq(users.id, userId));
  if (!account?.openId) throw new AppError(403, 'WECHAT_ONLY');
  const known = configuredTemplateIds(templates);
  const accepted = Object.entries(answers).flatMap(([templateId, answer]) => (answer === 'accept' && known.has(templateId) ? [templateId] : []));
  if (accepted.length === 0) return { accepted: 0 };
  const inserted = await rowsOf<{ id: number }>(
    db,
    sql`
      insert into ${wechatSubscriptions} (user_id, template_id)
      select ${userId}, t.id from jsonb_array_elements_text(${JSON.stringify(accepted)}::jsonb) as t(id)
      where (select count(*) from ${wechatSubscriptions} s where s.user_id = ${userId} and s.template_id = t.id and s.used_at is null) < ${UNUSED_CREDITS_KEPT}
      returning id
    `,
  );
  return { accepted: inserted.length };
}
