// The benchmark's data generator (scripts/bench/generate.ts) at a small size: deterministic from
// its seed, consistent (every foreign key checked), every wish state present, the claim pool and
// the arena laid out where the layout says, and restorable after the scenarios have run.
import { sql } from 'drizzle-orm';
import type { Database } from '../src/db';
import { ARENA_MEMBERS, ARENA_SEATS, ARENA_WISHES, ensureDataset, openBenchDatabase, restoreDataset, type Dataset, type DatasetSize } from '../../scripts/bench/generate';
import { freshDatabase, type FreshDatabase } from './support/db';

const SIZE: DatasetSize = { communities: 30, members: 300, wishes: 3_000, records: 2_000, seed: 7 };
const quiet = () => {};

async function rows<T>(database: Database, text: string): Promise<T[]> {
  return ((await database.db.execute(sql.raw(text))) as unknown as { rows: T[] }).rows;
}

/** A fingerprint of the generated content that does not depend on when it was generated. */
async function fingerprint(database: Database): Promise<string> {
  const [row] = await rows<{ f: string }>(
    database,
    `select md5(string_agg(concat_ws('|', id, community_id, resident_id, claimant_id, status, category, title, address, rating), ',' order by id)) ||
            (select md5(string_agg(concat_ws('|', id, member_id, community_id, status, minutes), ',' order by id)) from service_records) ||
            (select md5(string_agg(concat_ws('|', id, name, phone), ',' order by id)) from users) as f
     from wishes`,
  );
  return row!.f;
}

describe('bench data generator', () => {
  let fresh: FreshDatabase;
  let database: Database;
  let dataset: Dataset;

  beforeAll(async () => {
    fresh = await freshDatabase();
    database = await openBenchDatabase(fresh.target);
    dataset = await ensureDataset(database, SIZE, quiet, { checkForeignKeys: true });
  });
  afterAll(async () => {
    await database?.close();
    await fresh?.dispose();
  });

  it('makes the sizes asked for, every wish state, and consistent claims and points', async () => {
    expect(dataset.counts.wishes).toBe(SIZE.wishes + ARENA_WISHES);
    expect(dataset.counts.service_records).toBe(SIZE.records);
    expect(dataset.counts.reports).toBe(SIZE.members + ARENA_MEMBERS);
    const states = await rows<{ status: string }>(database, `select distinct status::text as status from wishes order by 1`);
    expect(states.map((s) => s.status)).toEqual(['claimed', 'completed', 'disputed', 'fulfilled', 'pending_review', 'published', 'rejected', 'withdrawn']);
    // Claimants are members reported in the wish's community; one live claim per claimed wish.
    const [bad] = await rows<{ n: number }>(
      database,
      `select count(*)::int as n from wishes w
       where w.claimant_id is not null
         and not exists (select 1 from reports r where r.member_id = w.claimant_id and r.community_id = w.community_id and r.status = 'confirmed')`,
    );
    expect(bad!.n).toBe(0);
    const [live] = await rows<{ n: number; claimed: number }>(
      database,
      `select (select count(*)::int from wish_claims where released_at is null) as n,
              (select count(*)::int from wishes where status in ('claimed', 'fulfilled', 'disputed')) as claimed`,
    );
    expect(live!.n).toBe(live!.claimed);
    // Every verified record and completed wish is paid once.
    const [paid] = await rows<{ missing: number }>(
      database,
      `select count(*)::int as missing from service_records s
       where s.status = 'verified' and not exists (select 1 from points_ledger p where p.source = 'record' and p.source_id = s.id)`,
    );
    expect(paid!.missing).toBe(0);
  });

  it('lays out the claim pool and the arena where the layout says', async () => {
    const { claimPool, arena } = dataset.layout;
    const [pool] = await rows<{ n: number; published: number }>(
      database,
      `select count(*)::int as n, count(*) filter (where status = 'published')::int as published
       from wishes where id between ${claimPool.firstWishId} and ${claimPool.lastWishId}`,
    );
    expect(pool!.n).toBe(SIZE.wishes / 10);
    expect(pool!.published).toBe(pool!.n);
    const [reported] = await rows<{ n: number }>(
      database,
      `select count(*)::int as n from reports
       where community_id = ${arena.communityId} and status = 'confirmed'
         and member_id between ${arena.firstMemberId} and ${arena.firstMemberId + arena.memberCount - 1}`,
    );
    expect(reported!.n).toBe(ARENA_MEMBERS);
    const [post] = await rows<{ capacity: number; seats_taken: number }>(database, `select capacity, seats_taken from posts where id = ${arena.postId}`);
    expect(post).toEqual({ capacity: ARENA_SEATS, seats_taken: 0 });
  });

  it('is deterministic from its seed, and reuses a data set of the same size', async () => {
    const before = await fingerprint(database);
    const again = await freshDatabase();
    const other = await openBenchDatabase(again.target);
    try {
      await ensureDataset(other, SIZE, quiet);
      expect(await fingerprint(other)).toBe(before);
      const lines: string[] = [];
      await ensureDataset(other, SIZE, (l) => lines.push(l));
      expect(lines.join('\n')).toMatch(/already present/);
    } finally {
      await other.close();
      await again.dispose();
    }
  });

  it('restores what the scenarios change', async () => {
    const { claimPool, arena } = dataset.layout;
    await database.db.execute(sql.raw(`update wishes set status = 'claimed', claimant_id = ${arena.firstMemberId} where id = ${claimPool.firstWishId}`));
    await database.db.execute(
      sql.raw(`insert into wish_claims (wish_id, member_id, claimed_at) values (${arena.firstWishId}, ${arena.firstMemberId}, now())`),
    );
    await database.db.execute(sql.raw(`update wishes set status = 'claimed', claimant_id = ${arena.firstMemberId} where id = ${arena.firstWishId}`));
    await restoreDataset(database, dataset.layout);
    const [after] = await rows<{ claimed: number; claims: number }>(
      database,
      `select (select count(*)::int from wishes where id in (${claimPool.firstWishId}, ${arena.firstWishId}) and status <> 'published') as claimed,
              (select count(*)::int from wish_claims where wish_id = ${arena.firstWishId}) as claims`,
    );
    expect(after).toEqual({ claimed: 0, claims: 0 });
  });

  it('refuses a database holding anything it did not make', async () => {
    const again = await freshDatabase();
    const other = await openBenchDatabase(again.target);
    try {
      await other.db.execute(sql.raw(`insert into users (phone, name) values ('13800000000', '某人')`));
      await expect(ensureDataset(other, SIZE, quiet)).rejects.toThrow(/did not make/);
    } finally {
      await other.close();
      await again.dispose();
    }
  });
});
