// `pnpm test`: typecheck and lint every package, build the mini-program for the suites that read
// it (weapp for the bundle scan, h5 for the browser tests), then one jest run over every project.
// Suites that cannot run here are announced loudly, before and after.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const skipped = [];
if (!process.env.TEST_DATABASE_URL) {
  skipped.push('PostgreSQL suite SKIPPED: TEST_DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test); the server tests ran on PGlite only.');
}
if (!existsSync(chromium)) {
  skipped.push(`Browser suite SKIPPED: no Chromium at ${chromium} (apt-get install chromium, or set CHROMIUM_PATH).`);
}
const announce = () => {
  if (skipped.length === 0) return;
  const bar = '!'.repeat(100);
  console.log(`\n${bar}\n${skipped.map((s) => `!! ${s}`).join('\n')}\n${bar}\n`);
};

const run = (cmd, args, env = {}) => {
  const result = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) {
    announce();
    process.exit(result.status ?? 1);
  }
};

/** Whether jest runs `project`: every project unless `--selectProjects` names some. */
function runs(project) {
  const args = process.argv.slice(2);
  const at = args.findIndex((arg) => arg === '--selectProjects' || arg.startsWith('--selectProjects='));
  if (at === -1) return true;
  if (args[at].includes('=')) return args[at].split('=')[1].split(',').includes(project);
  const named = [];
  for (const arg of args.slice(at + 1)) {
    if (arg.startsWith('-')) break;
    named.push(arg);
  }
  return named.includes(project);
}

announce();
run('pnpm', ['lint']);
// miniapp/test/weapp-bundle.test.ts scans this build for web code.
if (runs('miniapp')) run('pnpm', ['--filter', '@huijia/miniapp', 'build:weapp']);
if (existsSync(chromium) && runs('browser')) run('pnpm', ['--filter', '@huijia/miniapp', 'build:h5']);
run('pnpm', ['exec', 'jest', ...process.argv.slice(2)], {
  NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules --no-warnings=ExperimentalWarning`.trim(),
});
announce();
