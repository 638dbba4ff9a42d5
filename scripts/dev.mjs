// `pnpm dev`: the API from source with reload, and the web build rebuilt on change.
import { spawn } from 'node:child_process';

const children = [
  spawn('pnpm', ['--filter', '@huijia/server', 'dev'], { stdio: 'inherit' }),
  spawn('pnpm', ['--filter', '@huijia/miniapp', 'dev:h5'], { stdio: 'inherit' }),
];
const stop = () => children.forEach((c) => c.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
children.forEach((c) => c.on('exit', (code) => code && stop()));
