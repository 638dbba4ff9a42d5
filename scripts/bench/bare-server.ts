/**
 * Baseline server: bare Fastify 5 in a child process, no plugins, no logging, answering
 * `GET /bare` with a JSON value held in memory (serialised by Fastify on every request, as a real
 * route pays it) and `GET /hello` with `{ hello: 'world' }`. It measures the ceiling of what
 * Fastify can serve on this machine, so real routes can be reported as a ratio of it. Run as a
 * child so that, like the real server, it competes with the load generator for CPU rather than
 * sharing its event loop.
 *
 * Parent → child: one IPC message `{ body }`. Child → parent: `{ port }` once listening on
 * 127.0.0.1 (port chosen by the OS). The child exits on SIGTERM or when the parent goes away.
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import { stopChild } from './child';

export interface BareServer {
  url: string;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 30_000;
export async function startBareServer(body: unknown): Promise<BareServer> {
  const child = fork(__filename, [], {
    cwd: path.resolve(__dirname, '..', '..'),
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`bare server did not start within ${START_TIMEOUT_MS} ms\n${stderr}`));
    }, START_TIMEOUT_MS);
    child.on('message', (msg: unknown) => {
      if (typeof msg === 'object' && msg !== null && 'port' in msg && typeof msg.port === 'number') {
        clearTimeout(timer);
        resolve(msg.port);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`bare server exited before listening (code ${code}, signal ${signal})\n${stderr}`));
    });
    child.send({ body });
  });

  return { url: `http://127.0.0.1:${port}`, stop: () => stopChild(child) };
}


/** The child: waits for the body, listens, reports its port. */
async function runChild(): Promise<void> {
  const { default: Fastify } = await import('fastify');
  const body = await new Promise<unknown>((resolve) => {
    process.once('message', (msg: unknown) => {
      resolve(typeof msg === 'object' && msg !== null && 'body' in msg ? msg.body : null);
    });
  });
  const app = Fastify({ logger: false });
  const hello = { hello: 'world' };
  app.get('/bare', (_request, reply) => {
    reply.send(body);
  });
  app.get('/hello', (_request, reply) => {
    reply.send(hello);
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('bare server: no TCP address');
  process.send?.({ port: address.port });

  const close = () => {
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', close);
  process.once('SIGINT', close);
  process.once('disconnect', close);
}

if (require.main === module) {
  runChild().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
