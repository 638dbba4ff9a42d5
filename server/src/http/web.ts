import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Serves the mini-program's web build at `/` when it has been built (hash routing: no fallback). */
export async function registerWebBuild(app: FastifyInstance, root: string): Promise<void> {
  if (!existsSync(path.join(root, 'index.html'))) {
    app.log.warn(`no web build at ${root}: run \`pnpm build\` to serve the mini-program at /`);
    return;
  }
  await app.register(fastifyStatic, { root, prefix: '/', index: 'index.html', wildcard: true });
}
