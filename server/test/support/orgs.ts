import type { FastifyInstance } from 'fastify';
import { isNull } from 'drizzle-orm';
import { orgNodes, roleGrants, users } from '../../src/db/schema';
import { freshPhone } from './identity';
import { callerOf, type Caller } from './wishes';

/**
 * An admin of the whole city (the root node), as `ADMIN_PHONE` makes one at start: a new account
 * with `district_admin` granted on the root, written straight into the tables (granting on the root
 * through the API takes an admin of the root to begin with).
 */
export async function cityAdmin(app: FastifyInstance): Promise<Caller> {
  const phone = freshPhone();
  const [root] = await app.db.select({ id: orgNodes.id }).from(orgNodes).where(isNull(orgNodes.parentId));
  const [user] = await app.db.insert(users).values({ phone, name: '市级管理员' }).returning({ id: users.id });
  await app.db.insert(roleGrants).values({ userId: user!.id, role: 'district_admin', orgId: root!.id });
  return callerOf(app, phone);
}
