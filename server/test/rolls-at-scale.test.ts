// The rolls add up at the benchmark's size (issue 17, "Done when"): over 10,000 communities and
// 100,000 members on PostgreSQL (a hundredth of it on PGlite), with members who left their roster,
// reports ended, transfers pending and members who never signed up, the city's expected members
// equal the sum of its districts, the sum of its units' rosters (a phone once) less those placed
// nowhere, and a count straight from the base tables.
import { sql } from 'drizzle-orm';
import { periodOf } from '@huijia/shared';
import type { Database } from '../src/db';
import type { OrgNodeRow } from '../src/modules/orgs/repository';
import { refreshReporting } from '../src/modules/stats/reporting';
import { treeFigures } from '../src/modules/stats/tree';
import { ensureDataset, openBenchDatabase, type DatasetSize } from '../../scripts/bench/generate';
import { TEST_DB, freshDatabase, type FreshDatabase } from './support/db';

const SIZE: DatasetSize =
  TEST_DB === 'postgres'
    ? { communities: 10_000, members: 100_000, wishes: 2_000, records: 2_000, seed: 17 }
    : { communities: 100, members: 1_000, wishes: 500, records: 500, seed: 17 };

let fresh: FreshDatabase;
let database: Database;

async function rows<T>(text: ReturnType<typeof sql>): Promise<T[]> {
  return ((await database.db.execute(text)) as unknown as { rows: T[] }).rows;
}

beforeAll(async () => {
  fresh = await freshDatabase();
  database = await openBenchDatabase(fresh.target);
  await ensureDataset(database, SIZE, () => {});
  // Life on the rolls, by the hundredth: members leave their roster (and their reports end with
  // them), reports end (退休), transfers wait for a new community, and phones on a roster never sign up.
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`update roster_entries set departed_at = now(), depart_reason = '调离' where id % 100 = 1`);
    await tx.execute(sql`
      update reports r set status = 'ended', ended_at = now(), end_reason = 'departed'
        from users u join roster_entries e on e.phone = u.phone
       where u.id = r.member_id and e.departed_at is not null and r.status = 'confirmed'`);
    await tx.execute(sql`update reports set status = 'ended', ended_at = now(), end_reason = 'retired' where id % 100 = 7 and status = 'confirmed'`);
    await tx.execute(sql`
      insert into reports (member_id, unit_id, community_id, basis, status, transfer_of)
      select r.member_id, r.unit_id, (select min(c.id) from org_nodes c where c.kind = 'community' and c.id <> r.community_id), 'residence', 'pending_offline', r.id
        from reports r where r.id % 100 = 13 and r.status = 'confirmed'`);
    await tx.execute(sql`
      insert into roster_entries (unit_id, name, phone, branch)
      select u.id, '未注册党员', '1990' || lpad(u.id::text, 7, '0'), '第一党支部' from units u where u.id % 3 = 0`);
    // Half the units pair with a community (结对共建): their members without an account are expected there, the rest nowhere.
    await tx.execute(sql`
      insert into unit_communities (unit_id, community_id)
      select u.id, (select min(c.id) + u.id % 7 from org_nodes c where c.kind = 'community') from units u where u.id % 2 = 0`);
  });
  await refreshReporting(database.db);
}, 900_000);
afterAll(async () => {
  await database?.close();
  await fresh?.dispose();
});

it('adds up every way: the city, its districts, the unit rosters and the base tables', async () => {
  // The city: the units are registered under its districts, their members live all over it.
  const [city] = await rows<{ id: string; name: string; path: string }>(sql`select id::text, name, path from org_nodes where parent_id is null`);
  const node = { id: Number(city!.id), parentId: null, kind: 'city', name: city!.name, path: city!.path } as unknown as OrgNodeRow;
  const figures = await treeFigures(database.db, node, periodOf({}, new Date(), 1));
  const expected = figures.figures.rosterMembers;
  const districts = figures.children.reduce((n, c) => n + c.figures.rosterMembers, 0);
  const unplaced = figures.unplaced.reduce((n, u) => n + u.members, 0);
  const [rosters] = await rows<{ phones: number; entries: number }>(sql`
    select count(distinct e.phone)::int as phones, count(*)::int as entries
      from roster_entries e join units un on un.id = e.unit_id join org_nodes o on o.id = un.org_id
     where e.departed_at is null and o.path like ${`${node.path}%`}`);
  // Straight from the base tables, apart from the view: each phone once, at its live report's
  // community, else its home, else its first unit's first paired community.
  const [base] = await rows<{ expected: number; reported: number }>(sql`
    with rolls as (select distinct on (phone) phone, unit_id from roster_entries where departed_at is null order by phone, id),
    placed as (
      select coalesce(
               (select x.community_id from reports x where x.member_id = u.id
                  and (x.status = 'confirmed' or (x.status = 'pending_offline' and x.transfer_of is null))),
               u.home_community_id,
               (select p.community_id from unit_communities p where p.unit_id = r.unit_id order by p.community_id limit 1)) as community_id,
             exists (select 1 from reports x where x.member_id = u.id and x.status = 'confirmed') as reported
        from rolls r left join users u on u.phone = r.phone)
    select count(*)::int as expected, count(*) filter (where reported)::int as reported
      from placed p join org_nodes c on c.id = p.community_id where c.path like ${`${node.path}%`}`);

  expect(rosters!.entries).toBeGreaterThan(SIZE.members * 0.9);
  expect({ districts, fromRosters: rosters!.phones - unplaced, base: base!.expected }).toEqual({ districts: expected, fromRosters: expected, base: expected });
  expect(figures.figures.reported).toBe(base!.reported);
  expect(figures.figures.expectedWithoutAccount).toBeGreaterThan(0);
  expect(unplaced).toBeGreaterThan(0);
});
