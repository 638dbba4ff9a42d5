/**
 * `pnpm bench`: the scenarios of ../shared/targets.md, each as a ratio against a baseline measured
 * in the same run on this machine. Builds the production server and the mini-program, generates
 * (or reuses) the data set, starts the real server on it and loads it over loopback with
 * autocannon, authenticated as generated users. Prints a table and writes bench/results/latest.json.
 *
 * BENCH_DATABASE_URL names the PostgreSQL database to use (created when missing, and used for
 * nothing else). Without it the bench runs on PGlite with a smaller data set, and says so.
 * BENCH_SECONDS sets the length of each timed load (default 10); BENCH_BUILD=0 reuses the last builds.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBareServer } from './bare-server';
import { weappMainPackageBytes, webFirstPageScriptGzipBytes } from './bundle-size';
import { BENCH_PASSWORD, ARENA_SEATS, openBenchDatabase, restoreDataset, type Layout } from './generate';
import { pgbenchAvailable } from './pgbench';
import { machineFacts, printTable, writeResults, type Results, type Scenario } from './report';
import { feedStatement } from '../../server/src/modules/wishes/feed';
import { bareFeed, claims, claimsScenarios, districtFigures, feed, pgbenchClaims, pgbenchFeed, raceOutcome, seatRace, sequentialClaims, wishRace, type Bench, type ClaimRun } from './scenarios';
import { buildServer, startServer } from './server-process';
import { restoreBench, setUpBench } from './setup';
import { bearers } from './tokens';

const root = path.resolve(__dirname, '../..');
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const seconds = Number(process.env.BENCH_SECONDS || 10);
const log = (line: string) => console.log(line);
const elapsed = (since: number) => `${((Date.now() - since) / 1000).toFixed(0)} s`;

function buildMiniapp(): void {
  for (const type of ['weapp', 'h5']) {
    const result = spawnSync('pnpm', ['--filter', '@huijia/miniapp', `build:${type}`], { cwd: root, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`the ${type} build failed:\n${result.stdout}\n${result.stderr}`);
  }
}

/** Starts one server process `times` times on the existing database, measuring each start. */
async function coldStarts(env: Record<string, string>, times: number): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    const server = await startServer({ ...env, WORKERS: '1' }, { log: path.join(root, 'bench/results/server.log') });
    ms.push(server.startedInMs);
    await server.stop();
  }
  return ms;
}

/** Whether PostgreSQL runs on this machine (its CPU can then be read). */
const isLocal = (url: string) => ['127.0.0.1', 'localhost', '::1', '[::1]', ''].includes(new URL(url).hostname);

/** The feed's own statement with the bench's values written in, for pgbench. */
function feedQuery(layout: Layout): string {
  const statement = feedStatement({ community: true, mine: false, claimedByMe: false, status: 'one', category: false });
  const values = statement.values({ communityId: layout.communities.first, userId: 0, status: 'published', states: null, category: null, before: Number.MAX_SAFE_INTEGER, limit: 21 });
  return statement.text.replace(/\$(\d+)/g, (_, n: string) => {
    const v = values[Number(n) - 1];
    return typeof v === 'number' ? String(v) : `'${String(v)}'`;
  });
}

async function bareStarts(times: number): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    const t = Date.now();
    const bare = await startBareServer({ hello: 'world' });
    await fetch(`${bare.url}/hello`);
    ms.push(Date.now() - t);
    await bare.stop();
  }
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** A real sign-in of one generated member, and the bench's own token for them accepted by the server. */
async function checkSignIn(url: string, phone: string, bearer: Record<string, string>): Promise<void> {
  const login = await fetch(`${url}/api/auth/password`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone, password: BENCH_PASSWORD }) });
  if (!login.ok) throw new Error(`sign-in of generated member ${phone} failed: ${login.status} ${await login.text()}`);
  const me = await fetch(`${url}/api/me`, { headers: bearer });
  if (!me.ok) throw new Error(`the bench's token was refused: ${me.status} ${await me.text()}`);
}

async function main(): Promise<void> {
  const started = Date.now();
  const startedAt = new Date().toISOString();
  mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  const setup = await setUpBench(log);
  const { databaseUrl, target, layout, pool, secret, env } = setup;
  if (process.env.BENCH_BUILD === '0' && existsSync(path.join(root, 'server/dist/main.js'))) {
    log('BENCH_BUILD=0: using the builds already in server/dist and miniapp/dist');
  } else {
    log('building the production server and the mini-program (weapp, h5)');
    await buildServer();
    buildMiniapp();
    log(`  built (${elapsed(started)})`);
  }

  const scenarios: Scenario[] = [];

  log('cold start: the production server on the existing database, to a healthy /api/health (3 starts)');
  const ms = await coldStarts(env, 3);
  const bareMs = await bareStarts(3);
  scenarios.push({
    name: 'cold start to healthy',
    value: median(ms) / 1000,
    unit: 's',
    baseline: median(bareMs) / 1000,
    baselineName: 'bare Fastify process to first answer',
    ratio: Math.round((median(ms) / median(bareMs)) * 100) / 100,
    target: 'reported in seconds',
    pass: null,
    detail: { startsMs: ms, bareStartsMs: bareMs },
  });

  // One API process, then one per core (PostgreSQL only: PGlite is one process), side by side.
  const processes = databaseUrl ? [1, os.availableParallelism()] : [1];
  const claimRuns: ClaimRun[] = [];
  let bare: Awaited<ReturnType<typeof bareFeed>> | null = null;
  let firstPage: { bytes: number; files: number } | null = null;
  let bench: Bench | null = null;
  for (const workers of processes) {
    const last = workers === processes.at(-1);
    // setUpBench restored the data set for the first run; the claims of each run take it back.
    if (workers !== processes[0]) await restoreBench(setup);
    const server = await startServer({ ...env, WORKERS: String(workers) }, { log: path.join(root, 'bench/results/server.log') });
    const label = workers === 1 ? '1 process' : `${workers} processes`;
    bench = { url: server.url, layout, bearer: bearers(secret), seconds, log, server: { pid: server.pid, label, postgresHere: databaseUrl !== null && isLocal(databaseUrl) } };
    try {
      await checkSignIn(server.url, `${layout.members.phonePrefix}00000001`, bench.bearer(layout.members.firstId));
      log(`scenarios on ${label} (${seconds} s of load each, 50 connections)`);
      bare ??= await bareFeed(bench);
      scenarios.push(...(await feed(bench, bare)));
      claimRuns.push(await claims(bench, pool));
      if (last) {
        scenarios.push(await wishRace(bench));
        scenarios.push(await seatRace(bench, ARENA_SEATS));
        scenarios.push(await districtFigures(bench));
        if (existsSync(chromium)) firstPage = await webFirstPageScriptGzipBytes(`${server.url}/`, chromium);
      }
    } finally {
      await server.stop();
    }
  }

  const database = await openBenchDatabase(target);
  try {
    const outcome = await raceOutcome(database, layout);
    log(`  after the races: ${outcome.liveClaims} live claims on the arena's wishes (${outcome.doubleClaimed} doubled), ${outcome.holders} holders, seats_taken ${outcome.seatsTaken}`);
    const race = scenarios.find((s) => s.name.startsWith('race:') && s.unit === 'claims')!;
    race.pass = race.pass === true && outcome.liveClaims === layout.arena.wishCount && outcome.doubleClaimed === 0;
    race.detail = { ...race.detail, database: outcome };
    const seats = scenarios.find((s) => s.unit === 'holders')!;
    seats.pass = seats.pass === true && outcome.holders === ARENA_SEATS && outcome.seatsTaken === ARENA_SEATS;
    await restoreDataset(database, layout);
    let baseline: { tps: number; name: string };
    if (databaseUrl) {
      if (!pgbenchAvailable()) throw new Error('pgbench not found: apt-get install postgresql-contrib (or the postgresql-client package that ships it)');
      log('baselines: pgbench on the claim pool, and on the feed');
      baseline = await pgbenchClaims(databaseUrl, layout, seconds);
      scenarios.push(await pgbenchFeed(databaseUrl, bench!, feedQuery(layout)));
    } else {
      log('baseline: the same UPDATE, sequential, on PGlite');
      baseline = await sequentialClaims(database, layout, Math.min(seconds, 5));
    }
    log(`  ${baseline.name}: ${Math.round(baseline.tps)} TPS`);
    await restoreDataset(database, layout);
    for (const run of claimRuns) scenarios.push(...claimsScenarios(run, baseline));
  } finally {
    await database.close();
  }

  const weapp = weappMainPackageBytes(path.join(root, 'miniapp/dist/weapp'));
  scenarios.push({ name: 'weapp main package', value: Math.round(weapp / 1024), unit: 'KB', baseline: null, ratio: null, target: '≤ 600 KB', pass: weapp <= 600 * 1024 });
  if (firstPage) {
    scenarios.push({
      name: 'web first page JavaScript (gzip)',
      value: Math.round(firstPage.bytes / 1024),
      unit: 'KB',
      baseline: null,
      ratio: null,
      target: '≤ 250 KB',
      pass: firstPage.bytes <= 250 * 1024,
      detail: { files: firstPage.files },
    });
  } else {
    log(`!! no Chromium at ${chromium}: the web first-page size is not measured`);
  }

  const results: Results = { machine: machineFacts(databaseUrl ? 'PostgreSQL' : 'PGlite (small data set)'), startedAt, scenarios };
  printTable(results);
  const written = writeResults(results, path.join(root, 'bench/results'));
  log(`\nwritten to ${path.relative(root, written)}; the whole run took ${elapsed(started)}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
