import { consentBodySchema, deactivateUserBodySchema, deleteAccountBodySchema, meSchema, passwordResetSchema, updateMeBodySchema } from '@huijia/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { deactivateUser, reactivateUser, resetPassword } from './accounts';
import { deleteAccount } from './deletion';
import { describeMe, recordConsent, updateMe } from './service';

const params = z.object({ id: z.string().max(32) });

/**
 * `GET /api/me` and its update (PATCH, and PUT for WeChat, whose request cannot send PATCH); an
 * admin's remedies for the accounts of the staff they manage (reset a password, deactivate).
 */
const meRoutes: FastifyPluginAsyncZod = async (app) => {
  const schema = { tags: ['me'], security: [{ bearer: [] }] };
  app.get(
    '/me',
    // Open while a one-time password waits to be changed: the app reads it to know where to send them.
    { schema: { ...schema, summary: '我的账号与角色', response: { 200: meSchema } }, config: { allowPasswordChange: true }, onRequest: app.authenticate },
    async (request) => describeMe(app.db, request.userId),
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

  app.post(
    '/me/consent',
    // Asked before the one-time password is changed: open while it waits, as GET /api/me is.
    { schema: { ...schema, summary: '同意用户协议和隐私政策', body: consentBodySchema }, config: { allowPasswordChange: true }, onRequest: app.authenticate },
    async (request, reply) => {
      await recordConsent(app.db, request.userId);
      return reply.status(204).send();
    },
  );

  app.post(
    '/me/delete',
    { schema: { ...schema, summary: '注销账号（个人信息删除，不可恢复）', body: deleteAccountBodySchema }, onRequest: app.authenticate },
    async (request, reply) => {
      const { wishCommunities } = await deleteAccount(app.db, request.userId, request.body, app.now());
      for (const id of wishCommunities) app.hall.changed(id);
      return reply.status(204).send();
    },
  );

  const accounts = { tags: ['staff'], security: [{ bearer: [] }] };
  app.post(
    '/users/:id/reset-password',
    {
      schema: { ...accounts, summary: '重置密码：生成一次性密码，首次登录须修改', params, response: { 200: passwordResetSchema } },
      onRequest: app.authenticate,
    },
    async (request, reply) => {
      const reset = await resetPassword(app.db, await request.actor(), request.params.id, app.now());
      // A password: no cache along the way may keep it.
      return reply.header('cache-control', 'no-store').send(reset);
    },
  );
  app.post(
    '/users/:id/deactivate',
    { schema: { ...accounts, summary: '停用账号（所有登录随即失效）', params, body: deactivateUserBodySchema }, onRequest: app.authenticate },
    async (request, reply) => {
      await deactivateUser(app.db, await request.actor(), request.params.id, request.body, app.now());
      return reply.status(204).send();
    },
  );
  app.post(
    '/users/:id/reactivate',
    { schema: { ...accounts, summary: '恢复已停用的账号', params }, onRequest: app.authenticate },
    async (request, reply) => {
      await reactivateUser(app.db, await request.actor(), request.params.id, app.now());
      return reply.status(204).send();
    },
  );
};

export default meRoutes;
