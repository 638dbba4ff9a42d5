import type { AddressInfo } from 'node:net';
import { ROLE_LABELS } from '@huijia/shared';
import { fileClock } from './clock';
import { isWorker, reportListening, runsJobs, superviseWorkers } from './cluster';
import type { BootstrapResult } from './bootstrap';
import { ConfigError, loadConfig, type Config } from './config';
import { DataDirLockedError } from './db/lock';
import { DEMO_PASSWORD, type DemoLogin } from './seed/demo-city';
import { prepareDatabase, prepareServer } from './server';

const SHUTDOWN_GRACE_MS = 10_000;

/** The demo's logins, as one write: the server's own log lines, written as they come, cannot land inside it. */
function printDemoLogins(logins: DemoLogin[]): void {
  const rows = logins.map((l) => `  ${l.phone}  ${ROLE_LABELS[l.role]}  ${l.name}  ${l.where}`);
  console.log([`\n演示城市已载入 (demo city loaded). Every demo account's password: ${DEMO_PASSWORD}`, ...rows, ''].join('\n'));
}

/** An empty database: who can sign in and where setting up a district begins (README, 从空数据库开始). */
function printEmptyStart(config: Config, boot: BootstrapResult): void {
  console.log(`\n数据库为空 (empty database): only the root node 「${boot.root.name}」${config.admin ? ` and the account ${config.admin.phone}` : ''}.`);
  if (config.admin) {
    console.log(`  Sign in on the web build as ${config.admin.phone} and build the district from 工作台 → 组织架构.`);
  } else {
    console.log('  Nobody can sign in yet: set ADMIN_PHONE and ADMIN_PASSWORD and start again.');
  }
  console.log('');
}

function printBoot(config: Config, boot: BootstrapResult | null): void {
  if (boot?.demo) printDemoLogins(boot.demo);
  else if (boot?.empty) printEmptyStart(config, boot);
}

function printStarted(config: Config, url: string): void {
  const where = config.databaseUrl ? 'PostgreSQL' : `PGlite in ${config.dataDir}`;
  const processes = config.workers > 1 ? `, ${config.workers} processes` : '';
  console.log(`huijia 已启动: ${url}/  (API /api, docs /api/docs, database: ${where}${processes})`);
}

/** Serves in this process (alone, or as one worker of several); answers the address it listens at. */
async function serve(config: Config): Promise<string> {
  const clock = config.clockFile ? { now: fileClock(config.clockFile) } : {};
  const { app, boot } = await prepareServer(config, { jobs: runsJobs(), ...clock }, { bootstrapped: isWorker() });

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info(`${signal}: finishing requests and closing`);
    // Stop accepting, let requests under way finish, then close the database (onClose).
    setTimeout(() => {
      app.log.error('shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    app.close().then(
      () => process.exit(0),
      (err) => {
        app.log.error({ err }, 'error while closing');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  // A worker whose primary is gone stops too.
  if (isWorker()) process.on('disconnect', () => shutdown('disconnect'));

  await app.listen({ port: config.port, host: config.host });
  printBoot(config, boot);
  // The port actually bound: PORT=0 asks the system for a free one (the tests start servers so).
  const { port } = app.server.address() as AddressInfo;
  return `http://${config.host}:${port}`;
}

async function main(): Promise<void> {
  const config = loadConfig();
  if (isWorker()) {
    reportListening(await serve(config));
  } else if (config.workers > 1) {
    // Migrations, the root node and the demo city once, before the workers open the database.
    printBoot(config, await prepareDatabase(config));
    printStarted(config, await superviseWorkers(config.workers, (line) => console.log(line)));
  } else {
    printStarted(config, await serve(config));
  }
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DataDirLockedError) {
    console.error(err.message);
  } else {
    console.error('huijia failed to start:', err);
  }
  process.exit(1);
});
