import { listQuerySchema, notificationListSchema, notificationSchema } from '@huijia/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listNotifications, markAllRead, markRead } from './service';

/** In-app messages for every state change that concerns the user. */
const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  const schema = { tags: ['notifications'], security: [{ bearer: [] }] };
  app.addHook('onRequest', app.authenticate);

  app.get(
    '/notifications',
    { schema: { ...schema, summary: '我的消息', querystring: listQuerySchema, response: { 200: notificationListSchema } } },
    async (request) => listNotifications(app.db, request.userId, request.query.limit, request.query.cursor),
  );
  app.post(
    '/notifications/:id/read',
    { schema: { ...schema, summary: '标记已读', params: z.object({ id: z.string().max(32) }), response: { 200: notificationSchema } } },
    async (request) => markRead(app.db, request.userId, request.params.id, app.now()),
  );
  app.post('/notifications/read-all', { schema: { ...schema, summary: '全部标记已读' } }, async (request, reply) => {
    await markAllRead(app.db, request.userId, app.now());
    return reply.status(204).send();
  });
};

export default notificationRoutes;
