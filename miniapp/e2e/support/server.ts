import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnServer } from '../../../server/test/support/process';

export interface RunningServer {
  url: string;
  /** What the server has written to stdout and stderr so far (its log). */
  output(): string;
  /** Moves the server's clock to `ms` past the real time (server/src/clock.ts): an activity starts
   *  and ends without the test waiting for it. */
  setClockOffset(ms: number): void;
  stop(): Promise<void>;
}

/**
 * The real API server, from source, on a throwaway PGlite directory with the demo city, serving
 * the web build (miniapp/dist/h5) at `/`, on a port the system picks. SMS codes go to its log, as
 * in development (the log sender): `smsCodeSentTo` reads them there.
 */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'huijia-e2e-'));
  const clockFile = path.join(dataDir, 'clock-offset');
  const server = spawnServer({
    DATA_DIR: dataDir,
    CLOCK_FILE: clockFile,
    DATABASE_URL: '',
    SEED_DEMO: '1',
    SMS_PROVIDER: 'log',
    ...env,
  });
  const url = await server.listening;
  const health = await fetch(`${url}/api/health`);
  if (!health.ok) throw new Error(`the server started but is not healthy (${health.status}):\n${server.output()}`);
  return {
    url,
    output: server.output,
    setClockOffset: (ms) => writeFileSync(clockFile, String(ms)),
    stop: async () => {
      server.child.kill('SIGTERM');
      await server.exited;
    },
  };
}

/**
 * The SMS code the server last sent to `phone`, read from the log sender's line in its output
 * (`验证码 123456 → 138****5678`, the phone masked as the log has it). Waits for the line a while.
 */
export async function smsCodeSentTo(server: RunningServer, phone: string, timeoutMs = 10_000): Promise<string> {
  const line = new RegExp(`验证码 (\\d{6}) → ${phone.slice(0, 3)}\\*{4}${phone.slice(-4)}`, 'g');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const codes = [...server.output().matchAll(line)].map((m) => m[1]!);
    if (codes.length > 0) return codes.at(-1)!;
    if (Date.now() > deadline) throw new Error(`no SMS code for ${phone} in the server's log:\n${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
