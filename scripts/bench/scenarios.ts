/**
 * The scenarios of targets.md against a running server, each with the baseline it is measured
 * against in the same run. Every request is authenticated as a generated user.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../../server/src/db';
import { rowsOf } from '../../server/src/db/raw';
import { startBareServer } from './bare-server';
import type { Layout } from './generate';
import { load, type LoadRequest, type LoadResult } from './load';
import { perRequest, readCpu, type CpuPerRequest } from './cpu';
import { pgbench } from './pgbench';
import type { Scenario } from './report';

export interface Bench {
  url: string;
  /** The API under load: its pid (CPU is read from its process tree), how it runs, whether PostgreSQL runs here. */
  server: { pid: number; label: string; postgresHere: boolean };
  layout: Layout;
  bearer: (userId: number) => Record<string, string>;
  seconds: number;
  log: (line: string) => void;
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const ratio = (value: number, baseline: number) => (baseline > 0 ? round(value / baseline) : null);
const summary = (r: LoadResult) => ({ rps: round(r.rps, 0), p50: r.latency.p50, p95: r.latency.p95, p99: r.latency.p99, status: r.status, errors: r.errors });

/** The member whose report is in `communityId` (the generator reports member n in community n, then wraps). */
const memberOf = (layout: Layout, communityId: number) => layout.members.firstId + (communityId - layout.communities.first);

type Bearer = (userId: number) => Record<string, string>;

/** The feed scenario's request: the hall of the first community, as a member reported there. */
export function feedRequest(layout: Layout, bearer: Bearer): LoadRequest {
  const community = layout.communities.first;
  return { path: `/api/wishes?communityId=${community}&status=published`, headers: bearer(memberOf(layout, community)) };
}

/** The i-th claim of the claim scenario: a distinct wish of the pool, by a member reported in its community. */
export function claimRequest(layout: Layout, pool: { id: number; communityId: number }[], bearer: Bearer, i: number): LoadRequest {
  const wish = pool[i % pool.length]!;
  return { method: 'POST', path: `/api/wishes/${wish.id}/claim`, headers: bearer(memberOf(layout, wish.communityId)) };
}

async function getJson(url: string, headers: Record<string, string>): Promise<unknown> {
  const response = await fetch(url, { headers });
  if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** The bare baseline of the feed: Fastify answering the feed's bytes from memory. */
export async function bareFeed(b: Bench): Promise<{ result: LoadResult; items: number }> {
  const request = feedRequest(b.layout, b.bearer);
  const body = await getJson(b.url + request.path, request.headers!);
  const bare = await startBareServer(body);
  try {
    const result = await load({ url: bare.url, connections: 50, durationSeconds: b.seconds, warmupSeconds: 2, request: { path: '/bare' } });
    b.log(`  bare Fastify, the feed's bytes from memory: ${Math.round(result.rps)} req/s, p99 ${result.latency.p99} ms`);
    return { result, items: (body as { items: unknown[] }).items.length };
  } finally {
    await bare.stop();
  }
}

/** CPU the API and PostgreSQL spent per request during `run`. */
async function measured<T extends LoadResult>(b: Bench, run: () => Promise<T>): Promise<{ result: T; cpu: CpuPerRequest }> {
  const before = readCpu(b.server.pid, b.server.postgresHere);
  const result = await run();
  return { result, cpu: perRequest(before, readCpu(b.server.pid, b.server.postgresHere), result.requests) };
}

const cpuLine = (cpu: CpuPerRequest) =>
  `CPU per request: API ${cpu.apiMs} ms, PostgreSQL ${cpu.postgresMs ?? 'not measured'} ms, the whole machine ${cpu.machineMs} ms`;

/** Where a scenario's time went: the CPU of the API's processes and of PostgreSQL per request (no target). */
function cpuScenario(name: string, cpu: CpuPerRequest): Scenario {
  return {
    name: `${name}: API CPU / request`,
    value: cpu.apiMs,
    unit: 'ms',
    baseline: cpu.postgresMs,
    baselineName: 'PostgreSQL CPU / request',
    ratio: null,
    target: 'reported',
    pass: null,
  };
}

/** One community's hall, 20 published wishes a page, against a bare route serving the same bytes. */
export async function feed(b: Bench, bare: { result: LoadResult; items: number }): Promise<Scenario[]> {
  const request = feedRequest(b.layout, b.bearer);
  const { result: real, cpu } = await measured(b, () => load({ url: b.url, connections: 50, durationSeconds: b.seconds, warmupSeconds: 2, request }));
  const baseline = bare.result;
  const clean = real.non2xx === 0 && real.errors === 0;
  b.log(`  feed, ${b.server.label}: ${Math.round(real.rps)} req/s (bare ${Math.round(baseline.rps)}), p99 ${real.latency.p99} ms; ${cpuLine(cpu)}`);
  const name = `wish feed, ${b.server.label}`;
  return [
    {
      name: `${name} (req/s)`,
      value: round(real.rps, 0),
      unit: 'req/s',
      baseline: round(baseline.rps, 0),
      baselineName: 'bare Fastify, same bytes from memory',
      ratio: ratio(real.rps, baseline.rps),
      target: '≥ 0.5 × baseline',
      pass: clean && real.rps >= 0.5 * baseline.rps,
      detail: { items: bare.items, real: summary(real), bare: summary(baseline), cpuPerRequest: cpu },
    },
    {
      name: `${name} (p99)`,
      value: real.latency.p99,
      unit: 'ms',
      baseline: baseline.latency.p99,
      baselineName: 'bare Fastify p99',
      ratio: ratio(real.latency.p99, baseline.latency.p99),
      target: '< 20 ms',
      pass: clean && real.latency.p99 < 20,
    },
    cpuScenario(name, cpu),
  ];
}

/** pgbench, 16 clients, running the feed's own prepared SELECT: what PostgreSQL alone serves (no target). */
export async function pgbenchFeed(databaseUrl: string, b: Bench, query: string): Promise<Scenario> {
  const result = await pgbench({ databaseUrl, clients: 16, threads: 2, durationSeconds: b.seconds, script: `${query};\n`, prepared: true });
  b.log(`  ceiling: pgbench running the feed's SELECT: ${Math.round(result.tps)} TPS`);
  return {
    name: "ceiling: the feed's SELECT in pgbench",
    value: round(result.tps, 0),
    unit: 'TPS',
    baseline: null,
    ratio: null,
    target: 'reported',
    pass: null,
    detail: { query },
  };
}

/** The published wishes of the claim pool, with their communities. */
export async function claimPool(database: Database, layout: Layout): Promise<{ id: number; communityId: number }[]> {
  const { firstWishId, lastWishId } = layout.claimPool;
  const rows = await rowsOf<{ id: string; community_id: string }>(database.db, sql`select id, community_id from wishes where id between ${firstWishId} and ${lastWishId} order by id`);
  return rows.map((r) => ({ id: Number(r.id), communityId: Number(r.community_id) }));
}

/** Claims of distinct published wishes from the pool, each by a member reported in its community. */
export async function claims(b: Bench, pool: { id: number; communityId: number }[]): Promise<ClaimRun> {
  const { result, cpu } = await measured(b, () =>
    load({ url: b.url, connections: 50, durationSeconds: b.seconds, next: (i) => claimRequest(b.layout, pool, b.bearer, i) }),
  );
  const claimed = result.status['200'] ?? 0;
  b.log(
    `  claims, ${b.server.label}: ${Math.round(claimed / result.durationSeconds)}/s, statuses ${JSON.stringify(result.status)}, errors ${result.errors}, p99 ${result.latency.p99} ms; ${cpuLine(cpu)}`,
  );
  return { label: b.server.label, result, claimed, cpu };
}

export interface ClaimRun {
  label: string;
  result: LoadResult;
  claimed: number;
  cpu: CpuPerRequest;
}

export function claimsScenarios(run: ClaimRun, baseline: { tps: number; name: string }): Scenario[] {
  const perSecond = run.claimed / run.result.durationSeconds;
  const clean = run.result.errors === 0 && run.claimed === run.result.requests;
  const name = `claim, distinct wishes, ${run.label}`;
  return [
    {
      name: `${name} (claims/s)`,
      value: round(perSecond, 0),
      unit: 'claims/s',
      baseline: round(baseline.tps, 0),
      baselineName: baseline.name,
      ratio: ratio(perSecond, baseline.tps),
      target: '≥ 0.4 × baseline',
      pass: clean && perSecond >= 0.4 * baseline.tps,
      detail: { ...summary(run.result), cpuPerRequest: run.cpu },
    },
    cpuScenario(name, run.cpu),
  ];
}

/** pgbench, 16 clients, running the claim's UPDATE over the same pool (restored before and after). */
export async function pgbenchClaims(databaseUrl: string, layout: Layout, seconds: number): Promise<{ tps: number; name: string }> {
  const { firstWishId, lastWishId } = layout.claimPool;
  const result = await pgbench({
    databaseUrl,
    clients: 16,
    threads: 2,
    durationSeconds: seconds,
    script: `\\set id random(${firstWishId}, ${lastWishId})\nUPDATE wishes SET status = 'claimed' WHERE id = :id AND status = 'published';\n`,
  });
  return { tps: result.tps, name: 'pgbench, 16 clients, the same UPDATE' };
}

/** PGlite has no pgbench: the same UPDATE, one at a time in one process, as the server's PGlite runs it. */
export async function sequentialClaims(database: Database, layout: Layout, seconds: number): Promise<{ tps: number; name: string }> {
  const { firstWishId, lastWishId } = layout.claimPool;
  const until = Date.now() + seconds * 1000;
  let n = 0;
  const started = Date.now();
  for (let id = firstWishId; id <= lastWishId && Date.now() < until; id++, n++) {
    await database.db.execute(sql`update wishes set status = 'claimed' where id = ${id} and status = 'published'`);
  }
  return { tps: n / ((Date.now() - started) / 1000), name: 'PGlite, the same UPDATE, sequential' };
}

/** 1,000 members race for 100 wishes (ten for each), 50 connections. */
export async function wishRace(b: Bench): Promise<Scenario> {
  const { arena } = b.layout;
  const result = await load({
    url: b.url,
    connections: 50,
    amount: arena.memberCount,
    next: (i) => ({ method: 'POST', path: `/api/wishes/${arena.firstWishId + (i % arena.wishCount)}/claim`, headers: b.bearer(arena.firstMemberId + i) }),
  });
  const won = result.status['200'] ?? 0;
  const lost = result.status['409'] ?? 0;
  b.log(`  wish race: ${won} won, ${lost} refused with 409, other ${result.requests - won - lost}, errors ${result.errors}`);
  return {
    name: `race: ${arena.memberCount} members for ${arena.wishCount} wishes`,
    value: won,
    unit: 'claims',
    baseline: arena.wishCount,
    baselineName: 'wishes on offer',
    ratio: ratio(won, arena.wishCount),
    target: `exactly ${arena.wishCount}, the rest 409, 0 errors`,
    pass: won === arena.wishCount && lost === arena.memberCount - arena.wishCount && result.errors === 0,
    detail: summary(result),
  };
}

/** 500 members race for a post of 20 seats. */
export async function seatRace(b: Bench, seats: number): Promise<Scenario> {
  const { arena } = b.layout;
  const racers = Math.min(500, arena.memberCount);
  const body = JSON.stringify({ commitment: '按时到岗，服务群众，接受监督' });
  const result = await load({
    url: b.url,
    connections: 50,
    amount: racers,
    next: (i) => ({
      method: 'POST',
      path: `/api/posts/${arena.postId}/claim`,
      headers: { ...b.bearer(arena.firstMemberId + i), 'content-type': 'application/json' },
      body,
    }),
  });
  const won = result.status['200'] ?? 0;
  const lost = result.status['409'] ?? 0;
  b.log(`  seat race: ${won} seated, ${lost} refused with 409, other ${result.requests - won - lost}, errors ${result.errors}`);
  return {
    name: `race: ${racers} members for a post of ${seats} seats`,
    value: won,
    unit: 'holders',
    baseline: seats,
    baselineName: 'seats on offer',
    ratio: ratio(won, seats),
    target: `exactly ${seats} holders`,
    pass: won === seats && lost === racers - seats && result.errors === 0,
    detail: summary(result),
  };
}

/** What the database says after the races: never two live claims on a wish, never a post over capacity. */
export async function raceOutcome(database: Database, layout: Layout): Promise<{ liveClaims: number; doubleClaimed: number; holders: number; seatsTaken: number }> {
  const { arena } = layout;
  const [claims] = await rowsOf<{ live: string; doubled: string }>(database.db, sql`
    select count(*) as live, count(*) - count(distinct wish_id) as doubled from wish_claims
    where released_at is null and wish_id between ${arena.firstWishId} and ${arena.firstWishId + arena.wishCount - 1}`);
  const [seats] = await rowsOf<{ holders: string; taken: number }>(database.db, sql`
    select (select count(*) from post_seats where post_id = ${arena.postId} and status = 'active') as holders,
           (select seats_taken from posts where id = ${arena.postId}) as taken`);
  return { liveClaims: Number(claims!.live), doubleClaimed: Number(claims!.doubled), holders: Number(seats!.holders), seatsTaken: Number(seats!.taken) };
}

/** Figures are read by a few staff at a time, not by a crowd. */
const FIGURES_CONNECTIONS = 2;

/** A district's figures (统计) as admins read them, two at a time, against the same bytes from memory. */
export async function districtFigures(b: Bench): Promise<Scenario> {
  const district = b.layout.districtIds[0]!;
  const headers = b.bearer(b.layout.cityAdminId);
  const path = `/api/stats/overview?orgId=${district}`;
  const body = await getJson(b.url + path, headers);
  const bare = await startBareServer(body);
  let baseline: LoadResult;
  try {
    baseline = await load({ url: bare.url, connections: FIGURES_CONNECTIONS, durationSeconds: b.seconds, request: { path: '/bare' } });
  } finally {
    await bare.stop();
  }
  const real = await load({ url: b.url, connections: FIGURES_CONNECTIONS, durationSeconds: b.seconds, warmupSeconds: 2, request: { path, headers } });
  b.log(`  district figures (${FIGURES_CONNECTIONS} connections): p95 ${real.latency.p95} ms, ${Math.round(real.rps)} req/s (bare p95 ${baseline.latency.p95} ms)`);
  return {
    name: 'district figures (p95)',
    value: real.latency.p95,
    unit: 'ms',
    baseline: baseline.latency.p95,
    baselineName: 'bare Fastify p95, same bytes',
    ratio: ratio(real.latency.p95, baseline.latency.p95),
    target: '< 100 ms',
    pass: real.non2xx === 0 && real.errors === 0 && real.latency.p95 < 100,
    detail: summary(real),
  };
}
