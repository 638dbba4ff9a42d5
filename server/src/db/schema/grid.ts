import { pgEnum, pgTable, primaryKey, text, unique } from 'drizzle-orm/pg-core';
import { GRID_GROUP_KINDS } from '@huijia/shared';
import { createdAt, idColumn, ref } from './columns';
import { orgNodes } from './org';
import { users } from './users';

export const gridGroupKind = pgEnum('grid_group_kind', GRID_GROUP_KINDS);

/** The 立体网格 of a community: grid branches (网格临时党支部) and volunteer teams (志愿服务队). */
export const gridGroups = pgTable(
  'grid_groups',
  {
    id: idColumn(),
    communityId: ref('community_id')
      .notNull()
      .references(() => orgNodes.id),
    kind: gridGroupKind('kind').notNull(),
    name: text('name').notNull(),
    /** Its leader (负责人), one of its members: a branch's leader holds 建议 of 四议一呼. */
    leaderId: ref('leader_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [unique('grid_groups_name_key').on(t.communityId, t.kind, t.name)],
);

/** A member in a group. A member belongs to at most one group of each kind in a community. */
export const gridMembers = pgTable(
  'grid_members',
  {
    groupId: ref('group_id')
      .notNull()
      .references(() => gridGroups.id),
    memberId: ref('member_id')
      .notNull()
      .references(() => users.id),
    communityId: ref('community_id')
      .notNull()
      .references(() => orgNodes.id),
    kind: gridGroupKind('kind').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.memberId] }), unique('grid_members_one_per_kind').on(t.memberId, t.communityId, t.kind)],
);
