import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/** The server as `pnpm start` runs it (from source through tsx), in its own process. */
export interface ServerProcess {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
  /**
   * The server's address once it listens. It is started on PORT=0 unless told otherwise, so the
   * system picks a free port: a port picked at random here can be taken by then, even by one of
   * this machine's own outgoing connections.
   */
  listening: Promise<string>;
}

const serverDir = path.join(__dirname, '..', '..');
const STARTED = /huijia 已启动: (http:\/\/[^/\s]+)\//;

export function spawnServer(env: Record<string, string>, startupMs = 150_000): ServerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    env: { ...process.env, NODE_OPTIONS: '', LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const listening = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not start in ${startupMs / 1000} s:\n${output}`));
    }, startupMs);
    const read = (d: Buffer) => {
      output += d;
      const started = STARTED.exec(output);
      if (started) {
        clearTimeout(timer);
        resolve(started[1]!);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) while starting:\n${output}`));
    });
  });
  // A caller that only waits for the exit must not see an unhandled rejection.
  listening.catch(() => undefined);
  return { child, output: () => output, exited, listening };
}
