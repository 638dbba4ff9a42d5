import {
  confirmWishBodySchema,
  createWishBodySchema,
  fulfilWishBodySchema,
  listEnvelope,
  reasonBodySchema,
  resolveWishBodySchema,
  wishDeadlinesSchema,
  wishListQuerySchema,
  wishSchema,
} from '@huijia/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getCommunity } from '../orgs/service';
import { getDeadlines, setDeadlines } from './settings';
import {
  approveWish,
  claimWish,
  confirmWish,
  contactWish,
  fulfilWish,
  getWish,
  listWishes,
  rejectWish,
  releaseWish,
  resolveWish,
  submitWish,
  withdrawWish,
} from './service';

const params = z.object({ id: z.string().max(32) });

/** Micro-wishes (微心愿): submit, review, claim, fulfil, confirm; private by default. */
const wishRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['wishes'];
  const security = [{ bearer: [] }];
  app.addHook('onRequest', app.authenticate);
  const verb = (summary: string) => ({ tags, security, summary, params, response: { 200: wishSchema } });

  app.post(
    '/wishes',
    {
      schema: {
        tags,
        security,
        summary: '发布微心愿（可带 Idempotency-Key）',
        body: createWishBodySchema,
        headers: z.object({ 'idempotency-key': z.string().min(1).max(100).optional() }),
        response: { 200: wishSchema, 201: wishSchema },
      },
    },
    async (request, reply) => {
      const actor = await request.authorize('wish.create');
      const { body, replayed } = await submitWish(app.db, actor, request.body, request.headers['idempotency-key']);
      return reply.status(replayed ? 200 : 201).send(body);
    },
  );

  app.get(
    '/wishes',
    { schema: { tags, security, summary: '心愿列表（社区心愿大厅、我的心愿、我认领的）', querystring: wishListQuerySchema, response: { 200: listEnvelope(wishSchema) } } },
    async (request) => listWishes(app.db, await request.actor(), request.query),
  );

  app.get('/wishes/:id', { schema: verb('心愿详情') }, async (request) => getWish(app.db, await request.actor(), request.params.id));

  app.post('/wishes/:id/approve', { schema: verb('审核通过') }, async (request) => approveWish(app.db, await request.actor(), request.params.id, app.now()));
  app.post('/wishes/:id/reject', { schema: { ...verb('审核不通过'), body: reasonBodySchema } }, async (request) =>
    rejectWish(app.db, await request.actor(), request.params.id, app.now(), request.body.reason),
  );
  app.post('/wishes/:id/withdraw', { schema: verb('撤回心愿') }, async (request) => withdrawWish(app.db, await request.actor(), request.params.id));
  app.post('/wishes/:id/claim', { schema: verb('认领心愿') }, async (request) => claimWish(app.db, await request.actor(), request.params.id, app.now()));
  app.post('/wishes/:id/contact', { schema: verb('已联系居民') }, async (request) => contactWish(app.db, await request.actor(), request.params.id, app.now()));
  app.post('/wishes/:id/release', { schema: verb('放弃认领') }, async (request) => releaseWish(app.db, await request.actor(), request.params.id, app.now()));
  app.post('/wishes/:id/fulfil', { schema: { ...verb('完成心愿（说明与照片）'), body: fulfilWishBodySchema } }, async (request) =>
    fulfilWish(app.db, await request.actor(), request.params.id, app.now(), request.body.note, request.body.photoIds),
  );
  app.post('/wishes/:id/confirm', { schema: { ...verb('确认并评价'), body: confirmWishBodySchema } }, async (request) =>
    confirmWish(app.db, await request.actor(), request.params.id, app.now(), request.body.rating, request.body.comment),
  );
  app.post('/wishes/:id/resolve', { schema: { ...verb('处理异议'), body: resolveWishBodySchema } }, async (request) =>
    resolveWish(app.db, await request.actor(), request.params.id, app.now(), request.body.outcome, request.body.note),
  );

  const settings = { tags, security, params, response: { 200: wishDeadlinesSchema } };
  app.get('/communities/:id/wish-deadlines', { schema: { ...settings, summary: '社区认领期限' } }, async (request) => {
    const community = await getCommunity(app.db, request.params.id);
    return getDeadlines(app.db, community.id);
  });
  app.put('/communities/:id/wish-deadlines', { schema: { ...settings, summary: '设置社区认领期限', body: wishDeadlinesSchema } }, async (request) => {
    const community = await getCommunity(app.db, request.params.id);
    const actor = await request.authorize('wish.review', { orgPath: community.path });
    return setDeadlines(app.db, actor.userId, community.id, request.body);
  });
};

export default wishRoutes;
