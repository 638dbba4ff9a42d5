import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgEnum, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { OUTBOX_STATES } from '@huijia/shared';
import { createdAt, idColumn, ref } from './columns';
import { notifications } from './notifications';
import { users } from './users';

/**
 * WeChat's access token (接口调用凭证), one per app id for every process: whoever finds it about to
 * expire refreshes it under the row's lock, the others wait and read the new one (wechat/token.ts).
 */
export const wechatAccessTokens = pgTable('wechat_access_tokens', {
  appId: text('app_id').primaryKey(),
  token: text('token').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  refreshedAt: timestamp('refreshed_at', { withTimezone: true }).notNull().defaultNow(),
});

/** 6-digit SMS codes (验证码) for registration and password reset: kept hashed, 5 minutes, 5 tries. */
export const smsCodes = pgTable(
  'sms_codes',
  {
    id: idColumn(),
    phone: text('phone').notNull(),
    purpose: text('purpose').notNull(),
    codeHash: text('code_hash').notNull(),
    /** Who asked (the client's address), for the per-address limits. */
    address: text('address').notNull(),
    tries: integer('tries').notNull().default(0),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    consumedAt: timestamp('consumed_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('sms_codes_phone_idx').on(t.phone, t.createdAt), index('sms_codes_address_idx').on(t.address, t.createdAt)],
);

/**
 * What `requestSubscribeMessage` answered: each accept of a template is one message the server may
 * send the user with it (WeChat's one-time subscription). Used when a message takes it.
 */
export const wechatSubscriptions = pgTable(
  'wechat_subscriptions',
  {
    id: idColumn(),
    userId: ref('user_id')
      .notNull()
      .references(() => users.id),
    templateId: text('template_id').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('wechat_subscriptions_unused_idx').on(t.userId, t.templateId, t.id).where(sql`used_at is null`)],
);

export const outboxStatus = pgEnum('wechat_outbox_status', OUTBOX_STATES);

/**
 * Subscribe messages to deliver through WeChat (subscribe/send), written in the transaction of the
 * state change beside the in-app message they echo; a sender claims due rows with SKIP LOCKED, so two
 * processes never send one twice.
 */
export const wechatOutbox = pgTable(
  'wechat_outbox',
  {
    id: idColumn(),
    userId: ref('user_id')
      .notNull()
      .references(() => users.id),
    notificationId: ref('notification_id').references(() => notifications.id),
    /** The notification kind it echoes (a key of the template mapping). */
    event: text('event').notNull(),
    templateId: text('template_id').notNull(),
    /** The mini-program page it opens, with its query. */
    page: text('page'),
    /** The template's fields, already cut to WeChat's limits: `{ thing1: { value } }`. */
    data: jsonb('data').notNull(),
    status: outboxStatus('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('wechat_outbox_due_idx').on(t.nextAttemptAt, t.id).where(sql`status = 'pending'`)],
);
