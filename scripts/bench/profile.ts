/**
 * `pnpm bench:profile`: where a request's time goes. Starts the production server under
 * `node --cpu-prof`, loads it with the wish feed, then (on a fresh start) with claims of distinct
 * wishes, and prints each profile's self time by component and its busiest functions, beside the
 * CPU the API and PostgreSQL spent per request. Same database and data set as `pnpm bench`
 * (BENCH_DATABASE_URL, else PGlite); BENCH_SECONDS sets the load (default 10), BENCH_BUILD=0 reuses
 * the last server build, BENCH_WORKERS the API processes (default 1). Profiles stay in
 * bench/results/profiles/<scenario>/ for Chrome's DevTools.
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { formatSummary, summariseProfiles } from './cpu-profile';
import { perRequest, readCpu } from './cpu';
import { load, type LoadRequest } from './load';
import { claimRequest, feedRequest } from './scenarios';
import { buildServer, startServer } from './server-process';
import { restoreBench, setUpBench, type BenchSetup } from './setup';
import { bearers } from './tokens';

const root = path.resolve(__dirname, '../..');
const seconds = Number(process.env.BENCH_SECONDS || 10);
const log = (line: string) => console.log(line);

async function profile(setup: BenchSetup, name: string, next: (i: number) => LoadRequest): Promise<void> {
  const dir = path.join(root, 'bench/results/profiles', name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const server = await startServer({ ...setup.env, WORKERS: process.env.BENCH_WORKERS || '1' }, { nodeArgs: ['--cpu-prof', '--cpu-prof-dir', dir], log: path.join(root, 'bench/results/server.log') });
  let requests = 0;
  let cpu: ReturnType<typeof perRequest>;
  try {
    const before = readCpu(server.pid, setup.databaseUrl !== null);
    const result = await load({ url: server.url, connections: 50, durationSeconds: seconds, next });
    requests = result.requests;
    cpu = perRequest(before, readCpu(server.pid, setup.databaseUrl !== null), requests);
    log(`\n${name}: ${Math.round(result.rps)} req/s, p99 ${result.latency.p99} ms, statuses ${JSON.stringify(result.status)}`);
    log(`  CPU per request: API ${cpu.apiMs} ms, PostgreSQL ${cpu.postgresMs ?? 'not measured'} ms, the whole machine ${cpu.machineMs} ms`);
  } finally {
    await server.stop();
  }
  log(formatSummary(name, summariseProfiles(dir), requests));
}

async function main(): Promise<void> {
  const setup = await setUpBench(log);
  if (process.env.BENCH_BUILD !== '0') {
    log('building the production server');
    await buildServer();
  }
  const bearer = bearers(setup.secret);
  const feed = feedRequest(setup.layout, bearer);
  await profile(setup, 'feed', () => feed);
  await profile(setup, 'claims', (i) => claimRequest(setup.layout, setup.pool, bearer, i));
  await restoreBench(setup);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
