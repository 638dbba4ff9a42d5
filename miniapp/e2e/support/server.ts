import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnServer } from '../../../server/test/support/process';

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * The real API server, from source, on a throwaway PGlite directory with the demo city, serving
 * the web build (miniapp/dist/h5) at `/`, on a port the system picks.
 */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const server = spawnServer({
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'huijia-e2e-')),
    DATABASE_URL: '',
    SEED_DEMO: '1',
    ...env,
  });
  const url = await server.listening;
  const health = await fetch(`${url}/api/health`);
  if (!health.ok) throw new Error(`the server started but is not healthy (${health.status}):\n${server.output()}`);
  return {
    url,
    stop: async () => {
      server.child.kill('SIGTERM');
      await server.exited;
    },
  };
}
