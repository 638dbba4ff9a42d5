// `pnpm start`: build what changed since the last build (the server's bundle, the web build of the
// mini-program), quietly, then serve. A build is skipped when a fingerprint of the files it reads
// (their paths and contents) matches the one kept beside its output, so a start with both up to
// date takes seconds. A failed build prints its output; a good one only says how long it took.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const shared = ['shared/src', 'shared/package.json', 'pnpm-lock.yaml', 'tsconfig.base.json'];

/** What each build reads, where it writes, and the command that makes it. */
const builds = [
  {
    name: '服务端 (server)',
    inputs: ['server/src', 'server/scripts/build.mjs', 'server/package.json', ...shared],
    output: 'server/dist',
    command: ['pnpm', ['--filter', '@huijia/server', 'build']],
  },
  {
    name: '网页版 (web build)',
    inputs: ['miniapp/src', 'miniapp/config', 'miniapp/package.json', 'miniapp/babel.config.js', 'miniapp/tsconfig.json', 'miniapp/project.config.json', ...shared],
    output: 'miniapp/dist/h5',
    command: ['pnpm', ['--filter', '@huijia/miniapp', 'build:h5']],
  },
];

/** Every file under `path` (a file or a folder), sorted. */
function filesOf(path) {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full, { withFileTypes: true })
    .filter((entry) => entry.name !== 'node_modules')
    .flatMap((entry) => filesOf(relative(root, join(full, entry.name))))
    .sort();
}

function fingerprint(inputs) {
  const hash = createHash('sha256');
  for (const file of inputs.flatMap(filesOf)) hash.update(file).update('\0').update(readFileSync(join(root, file))).update('\0');
  return hash.digest('hex');
}

for (const build of builds) {
  const stampFile = join(root, build.output, '.fingerprint');
  const print = fingerprint(build.inputs);
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === print) {
    console.log(`${build.name}: 已是最新，跳过构建 (up to date)`);
    continue;
  }
  process.stdout.write(`${build.name}: 构建中 (building)…`);
  const started = Date.now();
  const [cmd, args] = build.command;
  const result = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    console.log(' 失败 (failed):\n');
    console.log(`${result.stdout ?? ''}${result.stderr ?? ''}`);
    process.exit(result.status ?? 1);
  }
  writeFileSync(stampFile, print);
  console.log(` 完成，用时 ${Math.round((Date.now() - started) / 1000)} 秒`);
}

const server = spawn(process.execPath, [join(root, 'server/dist/main.js')], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
