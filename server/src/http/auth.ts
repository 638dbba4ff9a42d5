import fastifyJwt from '@fastify/jwt';
import { decide, type Action, type Target } from '@huijia/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { actorCache, type Actor } from '../modules/users/actor';
import { AppError, forbidden, notFound, unauthenticated } from './errors';

export const ACCESS_TOKEN_SECONDS = 15 * 60;

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: { sub: string };
    user: { sub: string };
  }
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Open to a caller who must first replace a one-time password (changing it, signing out,
     *  reading who they are); every other authenticated route answers 403 PASSWORD_CHANGE_REQUIRED. */
    allowPasswordChange?: boolean;
  }
  interface FastifyInstance {
    /** preHandler: 401 unless a valid access token is presented. */
    authenticate(request: FastifyRequest): Promise<void>;
  }
  interface FastifyRequest {
    /** The signed-in user's id, set by `authenticate`. */
    userId: number;
    /** The signed-in person and their roles, as `authenticate` found them. */
    actor(): Promise<Actor>;
    /** The one guard: throws 403 when no role may take `action`, 404 when none reaches `target`. */
    authorize(action: Action, target?: Target): Promise<Actor>;
  }
}

/** Access tokens (15 minutes, @fastify/jwt) and the per-route guard over shared's permission table. */
export default fp(async function auth(app: FastifyInstance) {
  await app.register(fastifyJwt, { secret: app.config.jwtSecret, sign: { expiresIn: ACCESS_TOKEN_SECONDS } });
  const actors = actorCache(app.database);

  app.decorateRequest('userId', 0);
  app.decorateRequest('actor', async function actor(this: FastifyRequest) {
    throw new AppError(500, 'INTERNAL', 'actor() before authenticate');
  });
  app.decorateRequest('authorize', async function authorize(this: FastifyRequest, action: Action, target: Target = {}) {
    const actor = await this.actor();
    const decision = decide(actor.grants, action, target);
    if (decision === 'forbidden') throw forbidden();
    if (decision === 'not_found') throw notFound();
    return actor;
  });

  app.decorate('authenticate', async (request: FastifyRequest) => {
    let sub: string;
    try {
      ({ sub } = await request.jwtVerify<{ sub: string }>());
    } catch {
      throw unauthenticated();
    }
    const userId = Number(sub);
    if (!Number.isSafeInteger(userId)) throw unauthenticated();
    // A token proves who signed in, not that they still exist or are still active: every route
    // gets a caller the database knows (their actor, which the cache holds, so this costs no query).
    const actor = await actors.get(userId);
    if (!actor) throw unauthenticated();
    // Whoever holds a one-time password (it passed through an admin's hands) may do nothing else
    // until they choose their own.
    if (actor.mustChangePassword && request.routeOptions.config.allowPasswordChange !== true) {
      throw new AppError(403, 'PASSWORD_CHANGE_REQUIRED');
    }
    request.userId = userId;
    request.actor = async () => actor;
  });
});
