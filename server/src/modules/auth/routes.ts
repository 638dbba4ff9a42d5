import {
  passwordLoginBodySchema,
  refreshBodySchema,
  registerBodySchema,
  sessionSchema,
  wechatLoginBodySchema,
} from '@huijia/shared';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { loginWithPassword, loginWithWechat, refresh, register } from './service';
import { endSession } from './tokens';

const MINUTE = 60_000;
const byAddress = (request: FastifyRequest) => request.ip;
const byPhone = (request: FastifyRequest) => (request.body as { phone?: string }).phone ?? '';

/** Sign-up, sign-in (password and WeChat), refresh and sign-out. */
const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['auth'];

  app.post(
    '/auth/register',
    {
      schema: { tags, summary: '注册居民账号', body: registerBodySchema, response: { 201: sessionSchema } },
      preHandler: [app.throttle('register-ip', 20, 10 * MINUTE, byAddress), app.throttle('register-phone', 5, 10 * MINUTE, byPhone)],
    },
    async (request, reply) => reply.status(201).send(await register(app, request.body)),
  );

  app.post(
    '/auth/password',
    {
      schema: { tags, summary: '手机号密码登录', body: passwordLoginBodySchema, response: { 200: sessionSchema } },
      // Ten tries per phone in 15 minutes stops guessing at one account; the address limit, many.
      preHandler: [app.throttle('login-ip', 60, MINUTE, byAddress), app.throttle('login-phone', 10, 15 * MINUTE, byPhone)],
    },
    async (request) => loginWithPassword(app, request.body),
  );

  app.post(
    '/auth/wechat',
    {
      schema: { tags, summary: '微信登录', body: wechatLoginBodySchema, response: { 200: sessionSchema } },
      preHandler: [app.throttle('wechat-ip', 60, MINUTE, byAddress)],
    },
    async (request) => loginWithWechat(app, request.body.code),
  );

  app.post(
    '/auth/refresh',
    {
      schema: { tags, summary: '刷新登录凭证', body: refreshBodySchema, response: { 200: sessionSchema } },
      preHandler: [app.throttle('refresh-ip', 60, MINUTE, byAddress)],
    },
    async (request) => refresh(app, request.body.refreshToken),
  );

  app.post(
    '/auth/logout',
    {
      schema: { tags, summary: '退出登录', body: refreshBodySchema, security: [{ bearer: [] }] },
      onRequest: app.authenticate,
    },
    async (request, reply) => {
      await endSession(app, request.userId, request.body.refreshToken);
      return reply.status(204).send();
    },
  );
};

export default authRoutes;
