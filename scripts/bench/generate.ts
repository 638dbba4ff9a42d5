/**
 * The benchmark's data set: a city of `communities` communities, `members` reported members,
 * `wishes` micro-wishes across every state and `records` service records, computed inside the
 * database by set-based INSERT … SELECT over generate_series (batched, so progress shows) and
 * deterministic from `seed`: every choice is a hash of (row number, seed), never random().
 *
 * Times are relative to the moment of generation (claims due in the future, records in the past
 * year), so that the server's deadline sweep finds nothing to do during a run.
 *
 *   node --import tsx scripts/bench/generate.ts [--database-url URL | --data-dir DIR] [--communities N]
 *        [--members N] [--wishes N] [--records N] [--seed N]
 */
import { PIONEER_ROLES, WISH_CATEGORIES, pointsForMinutes } from '@huijia/shared';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database, type DatabaseTarget } from '../../server/src/db';
import { rowsOf as rowsOfSql } from '../../server/src/db/raw';
import { hashPassword } from '../../server/src/modules/auth/password';
import { findRoot, insertOrgNode } from '../../server/src/modules/orgs/repository';

export interface DatasetSize {
  communities: number;
  members: number;
  wishes: number;
  records: number;
  seed: number;
}

/** What targets.md names: 10k communities, 100k members, 1M wishes, 1M records. */
export const FULL_SIZE: DatasetSize = { communities: 10_000, members: 100_000, wishes: 1_000_000, records: 1_000_000, seed: 2026 };
/** PGlite is one process and one connection: a data set it loads in under a minute. */
export const SMALL_SIZE: DatasetSize = { communities: 100, members: 2_000, wishes: 20_000, records: 20_000, seed: 2026 };

/** Every generated account's password. */
export const BENCH_PASSWORD = 'bench2026';
/** Members of the arena: the community where the contention scenarios race. */
export const ARENA_MEMBERS = 1_000;
export const ARENA_WISHES = 100;
export const ARENA_SEATS = 20;
/** Members of each community hold this many seats of each of its posts. */
const POSTS_PER_COMMUNITY = 3;
const SEATS_HELD_PER_POST = 2;
const BATCH = 100_000;

/** Where things are: ids the scenarios need, by construction of the data set. */
export interface Layout {
  rootId: number;
  districtIds: number[];
  /** Communities are ids first..first+count-1; the n-th member (1-based) reported in community first + (n-1) % count. */
  communities: { first: number; count: number };
  members: { firstId: number; count: number; phonePrefix: string };
  residents: { firstId: number; count: number };
  /** One community staff account per community, in community order. */
  staff: { firstId: number };
  /** district_admin of the root: sees the whole city. */
  cityAdminId: number;
  /** The last wishes by id are all published: the pool the claim scenarios take. */
  claimPool: { firstWishId: number; lastWishId: number };
  arena: { communityId: number; postId: number; firstWishId: number; wishCount: number; firstMemberId: number; memberCount: number };
}

export interface Dataset {
  size: DatasetSize;
  layout: Layout;
  generatedAt: string;
  seconds: number;
  counts: Record<string, number>;
}

type Log = (line: string) => void;

/** A database the generator writes to: the server's own connection, migrated by the server's code. */
export async function openBenchDatabase(target: DatabaseTarget): Promise<Database> {
  return openDatabase(target.driver === 'postgres' ? { ...target, poolSize: 2 } : target);
}

const rowsOf = <T>(database: Database, text: string): Promise<T[]> => rowsOfSql<T>(database.db, sql.raw(text));

/** The data set already in the database, if the generator made it. */
export async function existingDataset(database: Database): Promise<Dataset | null> {
  await database.db.execute(sql.raw(`create table if not exists bench_dataset (id int primary key default 1 check (id = 1), dataset jsonb not null)`));
  const [row] = await rowsOf<{ dataset: Dataset }>(database, `select dataset from bench_dataset`);
  return row?.dataset ?? null;
}

const sameSize = (a: DatasetSize, b: DatasetSize) =>
  a.communities === b.communities && a.members === b.members && a.wishes === b.wishes && a.records === b.records && a.seed === b.seed;

/**
 * The data set of `size`, generating it unless the database already holds exactly that one. A
 * database holding anything else is refused (it is not ours to wipe); one holding another data set
 * of ours is emptied first.
 */
export async function ensureDataset(database: Database, size: DatasetSize, log: Log, options: { checkForeignKeys?: boolean } = {}): Promise<Dataset> {
  const existing = await existingDataset(database);
  if (existing && sameSize(existing.size, size)) {
    log(`data set already present (generated ${existing.generatedAt} in ${existing.seconds} s): ${describe(existing.counts)}`);
    return existing;
  }
  if (existing) {
    log('another data set is present: emptying the database');
    await truncateEverything(database);
  } else {
    const [people] = await rowsOf<{ n: number }>(database, `select count(*)::int as n from users`);
    if (people!.n > 0) {
      throw new Error('the bench database holds data the generator did not make; point BENCH_DATABASE_URL at an empty database');
    }
  }
  return generate(database, size, log, options);
}

async function truncateEverything(database: Database): Promise<void> {
  const tables = await rowsOf<{ tablename: string }>(database, `select tablename from pg_tables where schemaname = 'public' and tablename <> 'bench_dataset'`);
  await database.db.execute(sql.raw(`truncate ${tables.map((t) => `"${t.tablename}"`).join(', ')} restart identity cascade`));
  await database.db.execute(sql.raw(`delete from bench_dataset`));
}

const describe = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([k, v]) => `${v.toLocaleString('en')} ${k}`)
    .join(', ');

/** Generates the data set into a database with no users (the tree may hold its root). */
export async function generate(database: Database, size: DatasetSize, log: Log, options: { checkForeignKeys?: boolean } = {}): Promise<Dataset> {
  if (size.members < size.communities) throw new Error('members must be at least communities (every community has a member)');
  const started = Date.now();
  const h = new Hash(size.seed);
  const exec = async (label: string, text: string, rows?: number) => {
    const t = Date.now();
    await database.db.transaction(async (tx) => {
      // The data is consistent by construction; foreign keys are checked in the tests, not here.
      if (!options.checkForeignKeys) await tx.execute(sql.raw(`set local session_replication_role = replica`));
      await tx.execute(sql.raw(text));
    });
    const s = (Date.now() - t) / 1000;
    log(`  ${label}${rows ? `: ${rows.toLocaleString('en')} rows, ${Math.round(rows / Math.max(s, 0.001)).toLocaleString('en')}/s` : ''} (${s.toFixed(1)} s)`);
  };
  const maxId = async (table: string) => Number((await rowsOf<{ n: string }>(database, `select coalesce(max(id), 0) as n from ${table}`))[0]!.n);

  const root = (await findRoot(database.db)) ?? (await insertOrgNode(database.db, null, 'city', '龙岩市'));
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const C = size.communities;
  const D = Math.max(1, Math.ceil(C / 1000));
  const S = Math.max(1, Math.ceil(C / 20));
  const M = size.members;
  const R = C * 10; // ten residents per community
  const U = Math.max(1, Math.floor(M / 100));
  const perCommunity = Math.floor(M / C);
  const W = size.wishes;
  const pool = Math.floor(W / 10);

  // ---- the tree: districts, streets, communities, and the arena community
  const ob = await maxId('org_nodes');
  const district = (k: string) => `${ob} + ${k}`;
  const street = (k: string) => `${ob + D} + ${k}`;
  const community = (k: string) => `${ob + D + S} + ${k}`;
  const arenaCommunity = ob + D + S + C + 1;
  log(`generating: ${C.toLocaleString('en')} communities, ${M.toLocaleString('en')} members, ${W.toLocaleString('en')} wishes, ${size.records.toLocaleString('en')} records (seed ${size.seed})`);
  await exec(
    'districts',
    `insert into org_nodes (id, parent_id, kind, name, path)
     select ${district('g')}, ${root.id}, 'district', '基准区' || g, '${root.path}' || (${district('g')}) || '/' from generate_series(1, ${D}) g`,
  );
  await exec(
    'streets',
    `insert into org_nodes (id, parent_id, kind, name, path)
     select ${street('g')}, d.id, 'street', '基准街道' || g, d.path || (${street('g')}) || '/'
     from generate_series(1, ${S}) g join org_nodes d on d.id = ${district(`((g - 1) % ${D}) + 1`)}`,
  );
  await exec(
    'communities',
    `insert into org_nodes (id, parent_id, kind, name, path)
     select ${community('g')}, s.id, 'community', '基准社区' || g, s.path || (${community('g')}) || '/'
     from generate_series(1, ${C + 1}) g join org_nodes s on s.id = ${street(`((g - 1) % ${S}) + 1`)}`,
    C + 1,
  );
  await database.db.execute(sql.raw(`update org_nodes set name = '基准竞赛社区' where id = ${arenaCommunity}`));
  const communityOf = (n: string) => community(`((${n} - 1) % ${C}) + 1`);

  // ---- people: members, residents, staff, admins, the arena's members and resident
  const ub = await maxId('users');
  const memberId = (m: string) => `${ub} + ${m}`;
  const residentId = (r: string) => `${ub + M} + ${r}`;
  const staffId = (c: string) => `${ub + M + R} + ${c}`;
  const adminId = (k: string) => `${ub + M + R + C} + ${k}`;
  const cityAdminId = ub + M + R + C + D + 1;
  const arenaMember = (a: string) => `${cityAdminId} + ${a}`;
  const arenaResidentId = cityAdminId + ARENA_MEMBERS + 1;
  const phone = (prefix: string, n: string) => `'${prefix}' || lpad((${n})::text, 8, '0')`;
  const users = (label: string, count: number, id: (g: string) => string, phonePrefix: string, home: (g: string) => string | null, salt: number) =>
    exec(
      label,
      `insert into users (id, phone, name, password_hash, home_community_id)
       select ${id('g')}, ${phone(phonePrefix, 'g')}, ${h.name('g', salt)}, '${passwordHash}', ${home('g') ?? 'null'}
       from generate_series(1, ${count}) g`,
      count,
    );
  await users('members', M, memberId, '170', communityOf, 1);
  await users('residents', R, residentId, '171', communityOf, 2);
  await users('staff', C, staffId, '172', (g) => community(g), 3);
  await users('district admins', D + 1, adminId, '173', () => null, 4);
  await users('arena members', ARENA_MEMBERS, arenaMember, '174', () => String(arenaCommunity), 5);
  await users('arena resident', 1, () => String(arenaResidentId), '175', () => String(arenaCommunity), 6);
  const gb = await maxId('role_grants');
  await exec(
    'grants',
    `insert into role_grants (id, user_id, role, org_id)
     select ${gb} + g, ${staffId('g')}, 'community_staff'::grant_role, ${community('g')} from generate_series(1, ${C}) g
     union all select ${gb + C} + g, ${adminId('g')}, 'district_admin', ${district('g')} from generate_series(1, ${D}) g
     union all select ${gb + C + D + 1}, ${cityAdminId}, 'district_admin', ${root.id}
     union all select ${gb + C + D + 2}, ${staffId('1')}, 'community_staff', ${arenaCommunity}`,
  );

  // ---- units, rosters, confirmed reports
  const unb = await maxId('units');
  const unitOf = (m: string) => `${unb} + ((${m} - 1) % ${U}) + 1`;
  const arenaUnit = unb + U + 1;
  await exec(
    'units',
    `insert into units (id, name, org_id)
     select ${unb} + g, '基准单位' || g, ${district(`((g - 1) % ${D}) + 1`)} from generate_series(1, ${U}) g
     union all select ${arenaUnit}, '基准竞赛单位', ${district('1')}`,
  );
  await exec(
    'roster entries',
    `insert into roster_entries (unit_id, name, phone, branch)
     select ${unitOf('g')}, ${h.name('g', 1)}, ${phone('170', 'g')}, '第' || ((g % 5) + 1) || '党支部' from generate_series(1, ${M}) g
     union all select ${arenaUnit}, ${h.name('g', 5)}, ${phone('174', 'g')}, '竞赛党支部' from generate_series(1, ${ARENA_MEMBERS}) g`,
    M + ARENA_MEMBERS,
  );
  await exec(
    'reports',
    `insert into reports (member_id, unit_id, community_id, basis, status, decided_by, decided_at, created_at)
     select ${memberId('g')}, ${unitOf('g')}, ${communityOf('g')}, 'residence'::report_basis, 'confirmed'::report_status, ${staffId(`((g - 1) % ${C}) + 1`)},
            now() - interval '200 days' + (g % 100) * interval '1 day', now() - interval '201 days' + (g % 100) * interval '1 day'
     from generate_series(1, ${M}) g
     union all select ${arenaMember('g')}, ${arenaUnit}, ${arenaCommunity}, 'residence', 'confirmed', ${staffId('1')}, now() - interval '30 days', now() - interval '31 days'
     from generate_series(1, ${ARENA_MEMBERS}) g`,
    M + ARENA_MEMBERS,
  );

  // ---- wishes: every state; the last tenth (the claim pool) published
  const wb = await maxId('wishes');
  const categories = `(array[${WISH_CATEGORIES.map((c) => `'${c}'`).join(',')}])`;
  const roles = `(array[${PIONEER_ROLES.map((c) => `'${c}'`).join(',')}])`;
  // Of every 100 wishes outside the pool: 5 pending review, 20 published, 10 claimed, 5 fulfilled,
  // 48 completed, 2 disputed, 5 rejected, 5 withdrawn.
  const state = `case when g > ${W - pool} then 'published'
      else (array['pending_review','published','claimed','fulfilled','completed','disputed','rejected','withdrawn'])[
        case when b < 5 then 1 when b < 25 then 2 when b < 35 then 3 when b < 40 then 4 when b < 88 then 5 when b < 90 then 6 when b < 95 then 7 else 8 end]
      end::wish_status`;
  for (let from = 1; from <= W; from += BATCH) {
    const to = Math.min(W, from + BATCH - 1);
    await exec(
      `wishes ${from.toLocaleString('en')}–${to.toLocaleString('en')}`,
      `insert into wishes (id, community_id, resident_id, title, description, category, pioneer_role, contact_phone, address, status,
                           reject_reason, claimant_id, claimed_at, contacted_at, contact_due_at, fulfil_due_at, fulfilled_at, fulfil_note,
                           rating, comment, completed_at, created_at, updated_at)
       select ${wb} + g, c, ${residentId('r')}, t.title, t.title || '，麻烦党员同志帮帮忙。', t.category::wish_category,
              case when b % 3 = 0 then ${roles}[(b % ${PIONEER_ROLES.length}) + 1]::pioneer_role end,
              ${phone('171', 'r')}, '基准小区' || (b % 40 + 1) || '栋' || (b % 6 + 1) || '0' || (b % 4 + 1) || '室', s,
              case when s = 'rejected' then '内容不属于微心愿范围' end,
              case when claimed then ${memberId(`c - ${ob + D + S} + ${C} * ${h.int('g', 7, perCommunity)}`)} end,
              case when claimed then at + interval '1 day' end,
              case when claimed and s <> 'claimed' then at + interval '2 days' end,
              case when s = 'claimed' then now() + interval '7 days' end,
              case when s = 'claimed' then now() + interval '30 days' end,
              case when s in ('fulfilled','completed','disputed') then at + interval '5 days' end,
              case when s in ('fulfilled','completed','disputed') then '已上门完成' end,
              case when s = 'completed' then 3 + b % 3 when s = 'disputed' then 1 + b % 2 end,
              case when s = 'completed' then '感谢党员同志' end,
              case when s = 'completed' then at + interval '6 days' end,
              at, at
       from (
         select g, ${communityOf('g')} as c, ((g - 1) % ${C}) + 1 + ${C} * ${h.int('g', 5, 10)} as r, b,
                ${state} as s, now() - interval '1 year' * (${W} - g + 1) / ${W} - interval '10 days' as at,
                ${h.int('g', 6, 6)} as k
         from (select g, ${h.int('g', 4, 100)} as b from generate_series(${from}, ${to}) g) x
       ) w
       cross join lateral (select s in ('claimed','fulfilled','completed','disputed') as claimed) cl
       cross join lateral (select ${categories}[k + 1] as category,
                                  (array['帮忙买菜送上门','孩子课业辅导','陪同去医院复诊','修理漏水的水龙头','周末陪老人聊聊天','帮忙办理社保手续'])[k + 1] as title) t`,
      to - from + 1,
    );
  }
  await exec(
    'wish claims',
    `insert into wish_claims (wish_id, member_id, claimed_at, released_at, release_reason)
     select id, claimant_id, claimed_at, case when status = 'completed' then completed_at end, case when status = 'completed' then 'completed' end
     from wishes where claimant_id is not null and id > ${wb}`,
  );
  const arenaWishFirst = wb + W + 1;
  await exec(
    'arena wishes',
    `insert into wishes (id, community_id, resident_id, title, description, category, contact_phone, address, status)
     select ${wb + W} + g, ${arenaCommunity}, ${arenaResidentId}, '竞赛心愿' || g, '基准测试用心愿', 'other', '17500000001', '竞赛小区1栋', 'published'
     from generate_series(1, ${ARENA_WISHES}) g`,
  );

  // ---- posts and their holders; the arena's post is empty
  const pb = await maxId('posts');
  const postsCount = C * POSTS_PER_COMMUNITY;
  const held = Math.min(SEATS_HELD_PER_POST, perCommunity);
  await exec(
    'posts',
    `insert into posts (id, community_id, title, description, pioneer_role, capacity, seats_taken, schedule, location, starts_on, ends_on, created_by)
     select ${pb} + g, ${communityOf('g')}, (array['楼栋政策宣讲','邻里矛盾调解','社区环境整治','民情走访','文明示范'])[(g % 5) + 1],
            '每月参与社区服务', ${roles}[(g % ${PIONEER_ROLES.length}) + 1]::pioneer_role, 5, ${held}, '每周六上午', '社区党群服务中心',
            current_date - 60, current_date + 300, ${staffId(`((g - 1) % ${C}) + 1`)}
     from generate_series(1, ${postsCount}) g
     union all select ${pb + postsCount + 1}, ${arenaCommunity}, '竞赛岗位', '基准测试用岗位', 'volunteer', ${ARENA_SEATS}, 0, '每周日', '竞赛社区', current_date, current_date + 90, ${staffId('1')}`,
    postsCount,
  );
  await exec(
    'post seats',
    `insert into post_seats (post_id, member_id, commitment, claimed_at)
     select ${pb} + g, ${memberId(`((g - 1) % ${C}) + 1 + ${C} * j`)}, '按时到岗，服务群众', now() - interval '50 days'
     from generate_series(1, ${postsCount}) g cross join generate_series(0, ${held - 1}) j`,
    postsCount * held,
  );

  // ---- service records over the past year; verified ones paid into the ledger
  const rb = await maxId('service_records');
  // Of every 10 records: 7 verified, 2 pending, 1 rejected.
  for (let from = 1; from <= size.records; from += BATCH) {
    const to = Math.min(size.records, from + BATCH - 1);
    await exec(
      `records ${from.toLocaleString('en')}–${to.toLocaleString('en')}`,
      `insert into service_records (id, member_id, community_id, source_type, started_at, ended_at, minutes, content, beneficiary, status,
                                    reject_reason, verified_by, verified_at, created_at)
       select ${rb} + g, ${memberId('m')}, ${communityOf('m')}, (array['post','activity','other'])[(b % 3) + 1]::record_source,
              at, at + minutes * interval '1 minute', minutes,
              (array['参加社区环境整治','入户走访困难群众','政策宣讲','协助疫苗接种','调解邻里纠纷'])[(b % 5) + 1], null,
              s::record_status, case when s = 'rejected' then '记录不实' end,
              case when s <> 'pending' then ${staffId(`((m - 1) % ${C}) + 1`)} end,
              case when s <> 'pending' then at + interval '2 days' end, at + minutes * interval '1 minute'
       from (
         select g, m, b, 30 * (1 + b % 8) as minutes,
                case when b % 10 < 7 then 'verified' when b % 10 < 9 then 'pending' else 'rejected' end as s,
                date_trunc('hour', now() - interval '1 year' * (${size.records} - g + 1) / ${size.records}) - interval '3 days' as at
         from (select g, ${h.int('g', 8, M)} + 1 as m, ${h.int('g', 9, 1000)} as b from generate_series(${from}, ${to}) g) x
       ) r`,
      to - from + 1,
    );
  }
  await exec(
    'points for records',
    `insert into points_ledger (member_id, community_id, source, source_id, points, reason, created_at)
     select member_id, community_id, 'record', id, floor(minutes / 30) * ${pointsForMinutes(30)}, '服务记实：' || content, verified_at
     from service_records where status = 'verified' and id > ${rb}`,
  );
  await exec(
    'points for wishes',
    `insert into points_ledger (member_id, community_id, source, source_id, points, reason, created_at)
     select claimant_id, community_id, 'wish', id, 20, '完成心愿「' || title || '」', completed_at
     from wishes where status = 'completed' and id > ${wb}`,
  );

  // ---- identities continue after the explicit ids; statistics for the planner
  for (const table of ['org_nodes', 'users', 'role_grants', 'units', 'wishes', 'posts', 'service_records']) {
    await database.db.execute(sql.raw(`select setval(pg_get_serial_sequence('${table}', 'id'), (select max(id) from ${table}))`));
  }
  // The triggers were off (replica role): the figures' rollups are computed in one pass instead.
  await exec('figures rollups', `select stats_rebuild()`);
  const t = Date.now();
  await database.db.execute(sql.raw(`vacuum analyze`));
  log(`  vacuum analyze (${((Date.now() - t) / 1000).toFixed(1)} s)`);

  const counts: Record<string, number> = {};
  for (const table of ['org_nodes', 'users', 'reports', 'wishes', 'wish_claims', 'posts', 'post_seats', 'service_records', 'points_ledger']) {
    counts[table] = Number((await rowsOf<{ n: string }>(database, `select count(*) as n from ${table}`))[0]!.n);
  }
  const districts = await rowsOf<{ id: string }>(database, `select id from org_nodes where parent_id = ${root.id} and id > ${ob} order by id`);
  const dataset: Dataset = {
    size,
    generatedAt: new Date().toISOString(),
    seconds: Math.round((Date.now() - started) / 100) / 10,
    counts,
    layout: {
      rootId: root.id,
      districtIds: districts.map((d) => Number(d.id)),
      communities: { first: ob + D + S + 1, count: C },
      members: { firstId: ub + 1, count: M, phonePrefix: '170' },
      residents: { firstId: ub + M + 1, count: R },
      staff: { firstId: ub + M + R + 1 },
      cityAdminId,
      claimPool: { firstWishId: wb + W - pool + 1, lastWishId: wb + W },
      arena: {
        communityId: arenaCommunity,
        postId: pb + postsCount + 1,
        firstWishId: arenaWishFirst,
        wishCount: ARENA_WISHES,
        firstMemberId: cityAdminId + 1,
        memberCount: ARENA_MEMBERS,
      },
    },
  };
  await database.db.execute(sql`insert into bench_dataset (dataset) values (${JSON.stringify(dataset)}::jsonb) on conflict (id) do update set dataset = excluded.dataset`);
  log(`generated in ${dataset.seconds} s: ${describe(counts)}`);
  return dataset;
}

/** Deterministic choices: a 63-bit hash of (row, salt) under the seed, reduced to a range. */
class Hash {
  constructor(private readonly seed: number) {}
  /** An integer in [0, n) for row `g`. */
  int(g: string, salt: number, n: number): string {
    return `((hashint8extended((${g})::bigint * 64 + ${salt}, ${this.seed}) & 9223372036854775807) % ${n})::int`;
  }
  /** A plausible Chinese name for row `g`. */
  name(g: string, salt: number): string {
    const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'.split('');
    const given = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红'.split('');
    const arr = (xs: string[]) => `(array[${xs.map((x) => `'${x}'`).join(',')}])`;
    return `${arr(surnames)}[${this.int(g, salt * 3, surnames.length)} + 1] || ${arr(given)}[${this.int(g, salt * 3 + 1, given.length)} + 1] || case when ${this.int(g, salt * 3 + 2, 2)} = 0 then ${arr(given)}[${this.int(g, salt * 3 + 3, given.length)} + 1] else '' end`;
  }
}

function parseArgs(argv: string[]): { target: DatabaseTarget; size: DatasetSize } {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i];
    const value = argv[i + 1];
    if (!key?.startsWith('--') || value === undefined) throw new Error(`usage: generate.ts [--database-url URL | --data-dir DIR] [--communities N] …; bad argument ${key}`);
    flags.set(key.slice(2), value);
  }
  const url = flags.get('database-url') ?? process.env.BENCH_DATABASE_URL;
  const target: DatabaseTarget = url ? { driver: 'postgres', url } : { driver: 'pglite', dataDir: flags.get('data-dir') ?? '.bench-data' };
  const base = url ? FULL_SIZE : SMALL_SIZE;
  const num = (k: keyof DatasetSize) => {
    const v = flags.get(k);
    if (v === undefined) return base[k];
    const n = Number(v.replace(/_/g, ''));
    if (!Number.isSafeInteger(n) || n < 1) throw new Error(`--${k} must be a positive integer`);
    return n;
  };
  return { target, size: { communities: num('communities'), members: num('members'), wishes: num('wishes'), records: num('records'), seed: num('seed') } };
}

if (require.main === module) {
  const { target, size } = parseArgs(process.argv.slice(2));
  openBenchDatabase(target)
    .then(async (database) => {
      try {
        await ensureDataset(database, size, console.log);
      } finally {
        await database.close();
      }
    })
    .catch((err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    });
}

/**
 * Puts back what the scenarios change: the claim pool and the arena's wishes published again with
 * no claims, the arena's post empty; the scenario-made audit rows, notifications and sessions gone
 * (the generator makes none of those).
 */
export async function restoreDataset(database: Database, layout: Layout): Promise<void> {
  const { claimPool: p, arena: a } = layout;
  const scenarioWishes = `(id between ${p.firstWishId} and ${p.lastWishId} or id between ${a.firstWishId} and ${a.firstWishId + a.wishCount - 1})`;
  await database.db.transaction(async (tx) => {
    const run = (text: string) => tx.execute(sql.raw(text));
    await run(`delete from wish_claims where wish_id in (select id from wishes where ${scenarioWishes} and status <> 'published')`);
    await run(
      `update wishes set status = 'published', claimant_id = null, claimed_at = null, contacted_at = null, contact_due_at = null,
              fulfil_due_at = null, updated_at = created_at
       where ${scenarioWishes} and status <> 'published'`,
    );
    await run(`delete from post_seats where post_id = ${a.postId}`);
    await run(`update posts set seats_taken = 0 where id = ${a.postId}`);
    await run(`truncate audit_log, wechat_outbox, notifications, refresh_tokens`);
  });
  // Restoring rewrote the rollup rows of every community: vacuum them now, as autovacuum would
  // within a minute (migrations/0011 tunes it), so the figures are read as they are in steady state.
  await database.db.execute(sql.raw(`vacuum analyze stats_community_month, stats_member_year`));
}
