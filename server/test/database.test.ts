import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { bootstrap } from '../src/bootstrap';
import { openDatabase, type DatabaseTarget } from '../src/db';
import { DataDirLockedError } from '../src/db/lock';
import { orgNodes, roleGrants, users } from '../src/db/schema';
import { testConfig } from './support/app';
import { TEST_DB, freshDatabase, type FreshDatabase } from './support/db';

/** A database that outlives one open: a PGlite directory, or a PostgreSQL database. */
async function durableDatabase(): Promise<FreshDatabase> {
  if (TEST_DB === 'pglite') {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'huijia-db-'));
    return { target: { driver: 'pglite', dataDir }, dispose: async () => {} };
  }
  return freshDatabase();
}

async function countRows(target: DatabaseTarget) {
  const database = await openDatabase(target);
  try {
    const count = async (table: typeof orgNodes | typeof users | typeof roleGrants) =>
      (await database.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;
    return { nodes: await count(orgNodes), users: await count(users), grants: await count(roleGrants) };
  } finally {
    await database.close();
  }
}

describe('starting on a database', () => {
  let fresh: FreshDatabase;
  beforeEach(async () => {
    fresh = await durableDatabase();
  });
  afterEach(() => fresh.dispose());

  it('creates the root city node on an empty database, and only once', async () => {
    const config = testConfig();
    for (let start = 0; start < 2; start++) {
      const database = await openDatabase(fresh.target);
      const { root } = await bootstrap(database, config);
      expect(root).toMatchObject({ kind: 'city', parentId: null, name: '龙岩市', path: `/${root.id}/` });
      await database.close();
    }
    expect((await countRows(fresh.target)).nodes).toBe(1);
  });

  it('applies migrations idempotently when started twice', async () => {
    const first = await openDatabase(fresh.target);
    await first.close();
    const second = await openDatabase(fresh.target);
    const applied = await second.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    await second.close();
    expect(Number((applied as unknown as { rows: { n: number }[] }).rows[0]!.n)).toBeGreaterThan(0);
  });

  it('loads the demo city once, on an empty database, and not when SEED_DEMO=0', async () => {
    const database = await openDatabase(fresh.target);
    expect((await bootstrap(database, testConfig({ SEED_DEMO: '0' }))).demo).toBeNull();
    const { demo } = await bootstrap(database, testConfig({ SEED_DEMO: '1' }));
    expect(demo?.map((l) => l.role)).toEqual(
      expect.arrayContaining(['district_admin', 'street_admin', 'community_staff', 'unit_admin', 'member', 'resident']),
    );
    expect((await bootstrap(database, testConfig({ SEED_DEMO: '1' }))).demo).toBeNull();
    const communities = await database.db.select().from(orgNodes).where(eq(orgNodes.kind, 'community'));
    expect(communities.map((c) => c.name).sort()).toEqual(['中山社区', '溪南社区', '莲东社区', '龙津社区'].sort());
    await database.close();
  });

  it('makes ADMIN_PHONE a district admin of the root, once, however often it starts', async () => {
    const config = testConfig({ ADMIN_PHONE: '13700000000', ADMIN_PASSWORD: 'admin-password' });
    const database = await openDatabase(fresh.target);
    const { root } = await bootstrap(database, config);
    await bootstrap(database, config);
    const grants = await database.db
      .select({ role: roleGrants.role, orgId: roleGrants.orgId, phone: users.phone, hash: users.passwordHash })
      .from(roleGrants)
      .innerJoin(users, eq(users.id, roleGrants.userId));
    await database.close();
    expect(grants).toHaveLength(1);
    expect(grants[0]).toMatchObject({ role: 'district_admin', orgId: root.id, phone: '13700000000' });
    expect(grants[0]!.hash).toMatch(/^\$argon2id\$/);
  });

  it('keeps a subtree to one indexed predicate on the materialised path', async () => {
    const database = await openDatabase(fresh.target);
    await bootstrap(database, testConfig({ SEED_DEMO: '1' }));
    const [street] = await database.db.select().from(orgNodes).where(eq(orgNodes.name, '东城街道'));
    const subtree = await database.db
      .select({ kind: orgNodes.kind })
      .from(orgNodes)
      .where(sql`${orgNodes.path} like ${street!.path + '%'}`);
    await database.close();
    // the street, 2 communities, 4 compounds, 8 buildings
    expect(subtree).toHaveLength(1 + 2 + 4 + 8);
  });
});

(TEST_DB === 'pglite' ? describe : describe.skip)('the PGlite lock', () => {
  it('refuses a second open of the same data directory with a clear message', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'huijia-lock-'));
    const first = await openDatabase({ driver: 'pglite', dataDir });
    try {
      await expect(openDatabase({ driver: 'pglite', dataDir })).rejects.toThrow(DataDirLockedError);
    } finally {
      await first.close();
    }
    const again = await openDatabase({ driver: 'pglite', dataDir });
    await again.close();
  });

  it('takes over a lock left by a process that is gone', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'huijia-lock-'));
    writeFileSync(path.join(dataDir, 'huijia.lock'), '999999999');
    const database = await openDatabase({ driver: 'pglite', dataDir });
    await database.close();
  });
});
