import { subscriptionsBodySchema, subscriptionsResultSchema, wechatTemplatesSchema } from '@huijia/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { recordSubscriptions } from './subscriptions';
import { putTemplatesInForce, templatesPerMoment } from './templates';

/**
 * Subscribe messages (订阅消息): the templates the app asks for, and what the user accepted. The
 * configured mapping is also put in force here, for notify() to write the outbox by.
 */
const wechatRoutes: FastifyPluginAsyncZod = async (app) => {
  const { templates } = app.config.wechat;
  putTemplatesInForce(templates);
  const perMoment = templatesPerMoment(templates);
  const schema = { tags: ['wechat'], security: [{ bearer: [] }] };
  app.addHook('onRequest', app.authenticate);

  app.get(
    '/wechat/templates',
    { schema: { ...schema, summary: '订阅消息模板（按时机）', response: { 200: wechatTemplatesSchema } } },
    async () => perMoment,
  );
  app.post(
    '/subscriptions',
    { schema: { ...schema, summary: '记录订阅消息授权结果', body: subscriptionsBodySchema, response: { 200: subscriptionsResultSchema } } },
    async (request) => recordSubscriptions(app.db, templates, request.userId, request.body),
  );
};

export default wechatRoutes;
