// GET /api/stats/overview: the figures of domain.md over the demo city, checked against counts
// computed straight from the base tables; the rollups the triggers keep equal a rebuild from
// scratch; scope and period validation.
import { sql } from 'drizzle-orm';
import { lastMonths, monthOf, statsOverviewSchema, type StatsOverview } from '@huijia/shared';
import { buildTestApp, type TestApp } from './support/app';
import { DEMO, bearer, demoIds, expectError, signIn } from './support/identity';

let t: TestApp;
let ids: Record<string, string>;
let admin: string;

const rows = async <T>(text: ReturnType<typeof sql>) => ((await t.app.db.execute(text)) as unknown as { rows: T[] }).rows;

async function overview(token: string, query: string) {
  return t.app.inject({ method: 'GET', url: `/api/stats/overview?${query}`, headers: bearer(token) });
}

async function figures(query: string): Promise<StatsOverview> {
  const res = await overview(admin, query);
  expect(res.statusCode).toBe(200);
  return statsOverviewSchema.parse(res.json());
}

beforeAll(async () => {
  t = await buildTestApp({ env: { SEED_DEMO: '1' } });
  ids = await demoIds(t.app);
  admin = (await signIn(t.app, DEMO.districtAdmin)).accessToken;
});
afterAll(async () => t?.close());

describe('stats overview', () => {
  it("a community's figures are the counts of its own rows", async () => {
    const community = ids['龙津社区']!;
    const now = new Date();
    const month = monthOf(now);
    const o = await figures(`orgId=${community}&from=${lastMonths(now, 24).from}&to=${month}`);
    const [w] = await rows<{ collected: number; claimed: number; completed: number; rated: number; rating_sum: number }>(sql`
      select count(*)::int as collected,
             count(*) filter (where status in ('claimed', 'fulfilled', 'completed', 'disputed'))::int as claimed,
             count(*) filter (where status = 'completed')::int as completed,
             count(rating) filter (where status = 'completed')::int as rated,
             coalesce(sum(rating) filter (where status = 'completed'), 0)::int as rating_sum
      from wishes where community_id = ${community}`);
    const [s] = await rows<{ minutes: number; served: number; points: number }>(sql`
      select coalesce(sum(minutes), 0)::int as minutes, count(distinct member_id)::int as served,
             (select coalesce(sum(points), 0)::int from points_ledger where community_id = ${community}) as points
      from service_records where community_id = ${community} and status = 'verified'`);
    const [p] = await rows<{ posts: number; seats: number }>(sql`
      select count(*)::int as posts, coalesce(sum(seats_taken), 0)::int as seats from posts where community_id = ${community} and status = 'open'`);
    const [r] = await rows<{ reported: number }>(sql`
      select count(*)::int as reported from reports where community_id = ${community} and status = 'confirmed'`);
    expect(o.subject).toMatchObject({ id: community, kind: 'community' });
    expect(o.children).toEqual([]);
    expect(o.figures).toMatchObject({
      wishesCollected: w!.collected,
      wishesClaimed: w!.claimed,
      wishesCompleted: w!.completed,
      verifiedHours: Math.round(s!.minutes / 6) / 10,
      served: s!.served,
      points: s!.points,
      posts: p!.posts,
      seatsFilled: p!.seats,
      reported: r!.reported,
    });
    expect(w!.collected).toBeGreaterThan(0);
    expect(o.figures.averageRating).toBe(w!.rated ? Math.round((w!.rating_sum / w!.rated) * 100) / 100 : null);
    expect(o.figures.completionRate).toBe(w!.collected ? Math.round((w!.completed / w!.collected) * 10_000) / 10_000 : 0);
    expect(o.trend.at(-1)!.month).toBe(month);
  });

  it("a node's total is its children's counts (members counted once), over every community below it", async () => {
    const o = await figures(`orgId=${ids['新罗区']}&from=${lastMonths(new Date(), 24).from}`);
    expect(o.children.map((c) => c.kind)).toEqual(o.children.map(() => 'street'));
    const sum = (k: keyof StatsOverview['figures']) => o.children.reduce((n, c) => n + Number(c.figures[k]), 0);
    for (const k of ['wishesCollected', 'wishesCompleted', 'posts', 'seatsFilled', 'points', 'rosterMembers', 'expectedWithoutAccount', 'reported'] as const) {
      expect(o.figures[k]).toBe(sum(k));
    }
    expect(o.figures.served).toBeLessThanOrEqual(sum('served'));
    expect(o.figures.wishesCollected).toBeGreaterThan(0);
  });

  it('keeps the rollups equal to a rebuild from the base tables, through real state changes', async () => {
    const snapshot = () =>
      rows<{ f: string }>(sql`
        select (select md5(coalesce(string_agg(concat_ws('|', community_id, community_path, month, wishes_collected, wishes_claimed, wishes_completed,
                                                       rating_sum, rating_count, verified_minutes, points), ',' order by community_id, month), ''))
                from stats_community_month
                where wishes_collected <> 0 or verified_minutes <> 0 or points <> 0) ||
               (select md5(coalesce(string_agg(concat_ws('|', community_id, month, member_id, verified_minutes), ',' order by community_id, month, member_id), ''))
                from stats_member_month where verified_minutes <> 0) ||
               (select md5(coalesce(string_agg(concat_ws('|', community_id, community_path, year, member_id, months), ',' order by community_id, year, member_id), ''))
                from stats_member_year where months <> 0) as f`);
    const kept = await snapshot();
    await t.app.db.execute(sql`select stats_rebuild()`);
    expect(await snapshot()).toEqual(kept);
  });

  it('answers a unit admin for their unit, one row per roster member', async () => {
    const unitAdmin = (await signIn(t.app, DEMO.unitAdminHospital)).accessToken;
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: bearer(unitAdmin) });
    const unitId = (me.json() as { roles: { role: string; unitId?: string }[] }).roles.find((r) => r.role === 'unit_admin')!.unitId!;
    const res = await overview(unitAdmin, `unitId=${unitId}`);
    expect(res.statusCode).toBe(200);
    const o = statsOverviewSchema.parse(res.json());
    const [roster] = await rows<{ n: number }>(sql`select count(*)::int as n from roster_entries where unit_id = ${unitId} and departed_at is null`);
    expect(o.subject.kind).toBe('unit');
    expect(o.children).toHaveLength(roster!.n);
    expect(o.figures.rosterMembers).toBe(roster!.n);
    expect(o.children.every((c) => c.kind === 'member')).toBe(true);
    // Not the tree: outside what they reach, as everywhere.
    expectError(await overview(unitAdmin, `orgId=${ids['龙津社区']}`), 404, 'NOT_FOUND');
  });

  it('refuses residents, and staff outside their subtree', async () => {
    const resident = (await signIn(t.app, DEMO.resident)).accessToken;
    expectError(await overview(resident, `orgId=${ids['龙津社区']}`), 403, 'FORBIDDEN');
    const staff = (await signIn(t.app, DEMO.staffLongjin)).accessToken;
    expect((await overview(staff, `orgId=${ids['龙津社区']}`)).statusCode).toBe(200);
    expectError(await overview(staff, `orgId=${ids['新罗区']}`), 404, 'NOT_FOUND');
  });

  it('validates the scope and the period', async () => {
    expectError(await overview(admin, ''), 400, 'VALIDATION_FAILED');
    expectError(await overview(admin, `orgId=${ids['新罗区']}&unitId=1`), 400, 'VALIDATION_FAILED');
    expectError(await overview(admin, `orgId=${ids['新罗区']}&from=2026-05&to=2026-01`), 400, 'VALIDATION_FAILED');
    expectError(await overview(admin, `orgId=${ids['新罗区']}&from=2020-01&to=2026-01`), 400, 'VALIDATION_FAILED');
    expectError(await overview(admin, `orgId=${ids['新罗区']}&from=2026-13`), 400, 'VALIDATION_FAILED');
    const o = await figures(`orgId=${ids['新罗区']}&from=2026-01&to=2026-03`);
    expect(o.trend.map((m) => m.month)).toEqual(['2026-01', '2026-02', '2026-03']);
    // `from` alone runs to this month, and is held to the same length.
    expectError(await overview(admin, `orgId=${ids['新罗区']}&from=2020-01`), 400, 'VALIDATION_FAILED');
  });
});
