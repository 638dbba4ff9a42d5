import { sql } from 'drizzle-orm';
import { boolean, check, index, pgEnum, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, ref } from './columns';
import { orgNodes } from './org';
import { units } from './units';

/** Everyone is a resident; `member` comes from a unit roster. The rest are granted. */
export const users = pgTable(
  'users',
  {
    id: idColumn(),
    phone: text('phone').unique(),
    name: text('name').notNull(),
    /** argon2id, PHC string. Null for accounts that only sign in with WeChat. */
    passwordHash: text('password_hash'),
    wechatOpenId: text('wechat_openid').unique(),
    /** When the phone was proven theirs: an SMS code (web) or WeChat's getPhoneNumber. Null for phones
     *  typed in before that existed, or by staff. */
    phoneVerifiedAt: timestamp('phone_verified_at', { withTimezone: true }),
    /** When the person agreed to the 用户协议 and 隐私政策 (个人信息保护法: consent before collecting). */
    consentedAt: timestamp('consented_at', { withTimezone: true }),
    homeCommunityId: ref('home_community_id').references(() => orgNodes.id),
    /** Since when the home community is the one it is (a resident's 评岗 waits on it). */
    homeCommunitySince: timestamp('home_community_since', { withTimezone: true }),
    pioneerRoles: text('pioneer_roles').array().notNull().default(sql`'{}'::text[]`),
    /** Set by an admin's password reset: the one-time password works only to choose a new one. */
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    /** Deactivated (停用) by an admin: cannot sign in, every session revoked. */
    deactivatedAt: timestamp('deactivated_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // By home: the members a community expects because they live there (migrations/0019).
  (t) => [index('users_home_community_idx').on(t.homeCommunityId)],
);

export const grantRole = pgEnum('grant_role', ['community_staff', 'unit_admin', 'street_admin', 'district_admin', 'party_rep']);

/** A staff or admin role, bound to one org node (staff, street and district admins) or one unit
 *  (unit admins); the holder sees only that subtree (分级管理). */
export const roleGrants = pgTable(
  'role_grants',
  {
    id: idColumn(),
    userId: ref('user_id').notNull().references(() => users.id),
    role: grantRole('role').notNull(),
    orgId: ref('org_id').references(() => orgNodes.id),
    unitId: ref('unit_id').references(() => units.id),
    grantedBy: ref('granted_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    unique('role_grants_once').on(t.userId, t.role, t.orgId, t.unitId).nullsNotDistinct(),
    check(
      'role_grants_scope',
      sql`(${t.role} = 'unit_admin' AND ${t.unitId} IS NOT NULL AND ${t.orgId} IS NULL)
       OR (${t.role} <> 'unit_admin' AND ${t.orgId} IS NOT NULL AND ${t.unitId} IS NULL)`,
    ),
    index('role_grants_user_idx').on(t.userId),
  ],
);
