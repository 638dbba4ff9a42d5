import {
  batchBodySchema,
  batchOutcomeSchema,
  confirmWishBodySchema,
  createWishBodySchema,
  fulfilWishBodySchema,
  reasonBodySchema,
  resubmitWishBodySchema,
  resolveWishBodySchema,
  wishDeadlinesSchema,
  wishListQuerySchema,
  wishSchema,
  type Wish,
} from '@huijia/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getDeadlines, setDeadlines } from '../communities/settings';
import { eachOnItsOwn } from '../../http/batch';
import { getCommunity, getOpenCommunity } from '../orgs/service';
import { claimQueue, claimWish } from './claim';
import { wishFeed, wishPageSchema } from './feed';
import {
  approveWish,
  confirmWish,
  contactWish,
  fulfilWish,
  getWish,
  rejectWish,
  releaseWish,
  resolveWish,
  submitWish,
  resubmitWish,
  withdrawWish,
} from './service';

const params = z.object({ id: z.string().max(32) });
const MINUTE = 60_000;
const WISHES_PER_WINDOW = 10;
/** 代办: a worker types the wishes gathered on a round of visits at one sitting. */
const PROXY_WISHES_PER_WINDOW = 60;

/** Micro-wishes (微心愿): submit, review, claim, fulfil, confirm; private by default. */
const wishRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['wishes'];
  const security = [{ bearer: [] }];
  app.addHook('onRequest', app.authenticate);
  const verb = (summary: string) => ({ tags, security, summary, params, response: { 200: wishSchema } });
  const feed = { database: app.database, hall: app.hall, serialize: app.serializerFor(wishPageSchema) };
  const claims = claimQueue(app.database);
  /** A wish changed: this process's hall shows it at once (others within a second). */
  const changed = (wish: Wish) => {
    app.hall.changed(Number(wish.communityId));
    return wish;
  };

  // A resident posts a wish or two; a burst floods the review queue.
  const residentLimit = app.perAccount('wish-create', WISHES_PER_WINDOW, 10 * MINUTE);
  const proxyLimit = app.perAccount('wish-create-on-behalf', PROXY_WISHES_PER_WINDOW, 10 * MINUTE);

  app.post(
    '/wishes',
    {
      preHandler: async (request, reply) => (request.body.onBehalfOf ? proxyLimit : residentLimit)(request, reply),
      schema: {
        tags,
        security,
        summary: '发布微心愿（可带 Idempotency-Key）；社区工作人员可代办（onBehalfOf）',
        body: createWishBodySchema,
        headers: z.object({ 'idempotency-key': z.string().min(1).max(100).optional() }),
        response: { 200: wishSchema, 201: wishSchema },
      },
    },
    async (request, reply) => {
      const community = await getOpenCommunity(app.nodes, request.body.communityId);
      // 代办 is for staff of the wish's community only.
      const actor = request.body.onBehalfOf
        ? await request.authorize('community.manage', { orgPath: community.path })
        : await request.authorize('wish.create');
      const { body, replayed } = await submitWish(app.db, actor, community, request.body, request.headers['idempotency-key']);
      return reply.status(replayed ? 200 : 201).send(changed(body));
    },
  );

  app.get(
    '/wishes',
    { schema: { tags, security, summary: '心愿列表（社区心愿大厅、我的心愿、我认领的）', querystring: wishListQuerySchema, response: { 200: wishPageSchema } } },
    async (request, reply) => {
      const actor = await request.actor();
      const community = request.query.communityId ? await getCommunity(app.nodes, request.query.communityId) : null;
      // Already serialised (by this route's serializer), so that viewers of a hall share answers;
      // Fastify sends a string as it is.
      const json = await wishFeed(feed, actor, request.query, community);
      return reply.type('application/json; charset=utf-8').send(json as never);
    },
  );

  app.get('/wishes/:id', { schema: verb('心愿详情') }, async (request) => getWish(app.database, await request.actor(), request.params.id));

  app.post(
    '/wishes/approve',
    { schema: { tags, security, summary: '批量审核通过（每条各自处理，答复通过的和未通过的）', body: batchBodySchema, response: { 200: batchOutcomeSchema } } },
    async (request) => {
      const actor = await request.actor();
      return eachOnItsOwn(request.body.ids, async (id) => changed(await approveWish(app.database, actor, id, app.now())));
    },
  );
  app.post('/wishes/:id/approve', { schema: verb('审核通过') }, async (request) =>
    changed(await approveWish(app.database, await request.actor(), request.params.id, app.now())),
  );
  app.post('/wishes/:id/reject', { schema: { ...verb('审核不通过'), body: reasonBodySchema } }, async (request) =>
    changed(await rejectWish(app.database, await request.actor(), request.params.id, app.now(), request.body.reason)),
  );
  app.post('/wishes/:id/resubmit', { schema: { ...verb('修改未通过的心愿并重新提交审核'), body: resubmitWishBodySchema } }, async (request) =>
    changed(await resubmitWish(app.database, await request.actor(), request.params.id, request.body)),
  );
  app.post('/wishes/:id/withdraw', { schema: verb('撤回心愿') }, async (request) =>
    changed(await withdrawWish(app.database, await request.actor(), request.params.id)),
  );
  app.post('/wishes/:id/claim', { schema: verb('认领心愿') }, async (request) =>
    changed(await claimWish(claims, await request.actor(), request.params.id, app.now())),
  );
  app.post('/wishes/:id/contact', { schema: verb('已联系居民') }, async (request) =>
    changed(await contactWish(app.database, await request.actor(), request.params.id, app.now())),
  );
  app.post('/wishes/:id/release', { schema: verb('放弃认领') }, async (request) =>
    changed(await releaseWish(app.database, await request.actor(), request.params.id, app.now())),
  );
  app.post('/wishes/:id/fulfil', { schema: { ...verb('完成心愿（说明与照片）'), body: fulfilWishBodySchema } }, async (request) =>
    changed(await fulfilWish(app.database, await request.actor(), request.params.id, app.now(), request.body.note, request.body.photoIds)),
  );
  app.post('/wishes/:id/confirm', { schema: { ...verb('确认并评价'), body: confirmWishBodySchema } }, async (request) =>
    changed(await confirmWish(app.database, await request.actor(), request.params.id, app.now(), request.body.rating, request.body.comment)),
  );
  app.post('/wishes/:id/resolve', { schema: { ...verb('处理异议'), body: resolveWishBodySchema } }, async (request) =>
    changed(await resolveWish(app.database, await request.actor(), request.params.id, app.now(), request.body.outcome, request.body.note)),
  );

  const settings = { tags, security, params, response: { 200: wishDeadlinesSchema } };
  app.get('/communities/:id/wish-deadlines', { schema: { ...settings, summary: '社区认领期限' } }, async (request) => {
    const community = await getCommunity(app.nodes, request.params.id);
    return getDeadlines(app.db, community.id);
  });
  app.put('/communities/:id/wish-deadlines', { schema: { ...settings, summary: '设置社区认领期限', body: wishDeadlinesSchema } }, async (request) => {
    const community = await getCommunity(app.nodes, request.params.id);
    const actor = await request.authorize('wish.review', { orgPath: community.path });
    return setDeadlines(app.db, actor.userId, community, request.body);
  });
};

export default wishRoutes;
