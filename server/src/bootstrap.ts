import { sql } from 'drizzle-orm';
import type { Config } from './config';
import type { Database, Tx } from './db';
import { orgNodes, roleGrants, users } from './db/schema';
import { hashPassword } from './modules/auth/password';
import { findRoot, insertOrgNode, type OrgNodeRow } from './modules/orgs/repository';
import { seedDemoCity, type DemoLogin } from './seed/demo-city';
import { refreshReporting } from './modules/stats/reporting';

export interface BootstrapResult {
  root: OrgNodeRow;
  /** The demo logins, when this start loaded the demo city. */
  demo: DemoLogin[] | null;
  /** The database held nothing but the root when this start found it, and no demo was loaded:
   *  a district is set up from the app by ADMIN_PHONE's account. */
  empty: boolean;
}

/**
 * What every database holds after a start: the root city node, the configured admin account and,
 * on an empty database with SEED_DEMO on, the demo city. Runs under a transaction-scoped advisory
 * lock so that several processes starting at once on one PostgreSQL do it once.
 */
export async function bootstrap(database: Database, config: Config): Promise<BootstrapResult> {
  const passwordHash = config.admin ? await hashPassword(config.admin.password) : null;
  const result = await database.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('huijia:bootstrap'))`);
    const root = (await findRoot(tx)) ?? (await insertOrgNode(tx, null, 'city', config.cityName));
    const empty = await isEmpty(tx);
    const demo = config.seedDemo && empty ? await seedDemoCity(tx, root) : null;
    if (config.admin && passwordHash) await ensureAdmin(tx, root, config.admin.phone, passwordHash);
    return { root, demo, empty: empty && demo === null };
  });
  // The demo's reports count in the figures from the first look, not after the next refresh.
  if (result.demo) await refreshReporting(database.db);
  return result;
}

async function isEmpty(tx: Tx): Promise<boolean> {
  const [nodes] = await tx.select({ n: sql<number>`count(*)::int` }).from(orgNodes);
  const [people] = await tx.select({ n: sql<number>`count(*)::int` }).from(users);
  return nodes!.n <= 1 && people!.n === 0;
}

/** ADMIN_PHONE becomes a district_admin of the root node; the password is (re)set to ADMIN_PASSWORD. */
async function ensureAdmin(tx: Tx, root: OrgNodeRow, phone: string, passwordHash: string): Promise<void> {
  const [admin] = await tx
    .insert(users)
    .values({ phone, name: '系统管理员', passwordHash })
    .onConflictDoUpdate({ target: users.phone, set: { passwordHash, updatedAt: sql`now()` } })
    .returning({ id: users.id });
  await tx.insert(roleGrants).values({ userId: admin!.id, role: 'district_admin', orgId: root.id }).onConflictDoNothing();
}
