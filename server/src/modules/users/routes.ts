import { meSchema, updateMeBodySchema } from '@huijia/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { describeMe, updateMe } from './service';

/** `GET /api/me` and its update (PATCH, and PUT for WeChat, whose request cannot send PATCH). */
const meRoutes: FastifyPluginAsyncZod = async (app) => {
  const schema = { tags: ['me'], security: [{ bearer: [] }] };
  app.get('/me', { schema: { ...schema, summary: '我的账号与角色', response: { 200: meSchema } }, onRequest: app.authenticate }, async (request) =>
    describeMe(app.db, request.userId),
  );
  for (const method of ['PATCH', 'PUT'] as const) {
    app.route({
      method,
      url: '/me',
      schema: { ...schema, summary: '修改姓名、所在社区、先锋角色', body: updateMeBodySchema, response: { 200: meSchema } },
      onRequest: app.authenticate,
      handler: async (request) => updateMe(app.db, request.userId, request.body, app.now()),
    });
  }
};

export default meRoutes;
