import type { AddressInfo } from 'node:net';
import { ROLE_LABELS } from '@huijia/shared';
import { ConfigError, loadConfig } from './config';
import { DataDirLockedError } from './db/lock';
import { DEMO_PASSWORD, type DemoLogin } from './seed/demo-city';
import { prepareServer } from './server';

const SHUTDOWN_GRACE_MS = 10_000;

function printDemoLogins(logins: DemoLogin[]): void {
  console.log(`\n演示城市已载入 (demo city loaded). Every demo account's password: ${DEMO_PASSWORD}`);
  for (const l of logins) console.log(`  ${l.phone}  ${ROLE_LABELS[l.role]}  ${l.name}  ${l.where}`);
  console.log('');
}

async function main(): Promise<void> {
  const config = loadConfig();
  const { app, boot } = await prepareServer(config);

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

  await app.listen({ port: config.port, host: config.host });
  if (boot.demo) printDemoLogins(boot.demo);
  const where = config.databaseUrl ? 'PostgreSQL' : `PGlite in ${config.dataDir}`;
  // The port actually bound: PORT=0 asks the system for a free one (the tests start servers so).
  const { port } = app.server.address() as AddressInfo;
  console.log(`huijia 已启动: http://${config.host}:${port}/  (API /api, docs /api/docs, database: ${where})`);
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DataDirLockedError) {
    console.error(err.message);
  } else {
    console.error('huijia failed to start:', err);
  }
  process.exit(1);
});
