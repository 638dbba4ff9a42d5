import {
  changePasswordBodySchema,
  passwordLoginBodySchema,
  passwordResetBodySchema,
  refreshBodySchema,
  registerBodySchema,
  sessionSchema,
  smsBodySchema,
  smsSentSchema,
  wechatLoginBodySchema,
  wechatPhoneBodySchema,
} from '@huijia/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sendSmsCode } from '../sms/codes';
import { bindWechatPhone, changePassword, loginWithPassword, loginWithWechat, refresh, register, resetPassword } from './service';
import { endSession } from './tokens';

const MINUTE = 60_000;
const byAddress = (request: FastifyRequest) => request.ip;
const byPhone = (request: FastifyRequest) => (request.body as { phone?: string }).phone ?? '';
const byAccount = (request: FastifyRequest) => String(request.userId);

/** A refusal that says when to ask again (details.retryAfterSeconds) says it in Retry-After too. */
async function sayingRetryAfter<T>(reply: FastifyReply, answer: () => Promise<T>): Promise<T> {
  try {
    return await answer();
  } catch (err) {
    const seconds = (err as { details?: { retryAfterSeconds?: unknown } }).details?.retryAfterSeconds;
    if (typeof seconds === 'number') reply.header('retry-after', String(seconds));
    throw err;
  }
}

/** Sign-up, sign-in (password and WeChat), SMS codes, refresh, password change and reset, sign-out. */
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
    '/auth/sms',
    {
      schema: { tags, summary: '发送短信验证码（注册、忘记密码）', body: smsBodySchema, response: { 200: smsSentSchema } },
      // The codes' own limits (a minute and a day per phone, an hour per address) are counted in
      // the database; this one also counts asks that send nothing (a phone already signed up).
      preHandler: [app.throttle('sms-ip', 30, 10 * MINUTE, byAddress)],
    },
    async (request, reply) => sayingRetryAfter(reply, () => sendSmsCode(app, request.body, request.ip)),
  );

  app.post(
    '/auth/password/reset',
    {
      schema: { tags, summary: '忘记密码：用短信验证码设置新密码', body: passwordResetBodySchema, response: { 200: sessionSchema } },
      preHandler: [app.throttle('password-reset-ip', 20, 10 * MINUTE, byAddress), app.throttle('password-reset-phone', 10, 15 * MINUTE, byPhone)],
    },
    async (request) => resetPassword(app, request.body),
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
    '/auth/wechat/phone',
    {
      schema: { tags, summary: '绑定微信手机号（getPhoneNumber）', body: wechatPhoneBodySchema, response: { 200: sessionSchema }, security: [{ bearer: [] }] },
      onRequest: app.authenticate,
      preHandler: [app.throttle('wechat-phone-account', 10, 15 * MINUTE, byAccount)],
    },
    async (request) => bindWechatPhone(app, request.userId, request.body.code),
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
    '/auth/password/change',
    {
      schema: { tags, summary: '修改密码（首次登录须修改管理员重置的密码）', body: changePasswordBodySchema, response: { 200: sessionSchema }, security: [{ bearer: [] }] },
      config: { allowPasswordChange: true },
      onRequest: app.authenticate,
      // A stolen access token must not become a way to guess the password: as sign-in, per account.
      preHandler: [app.throttle('password-change-ip', 60, MINUTE, byAddress), app.throttle('password-change-account', 10, 15 * MINUTE, byAccount)],
    },
    async (request) => changePassword(app, request.userId, request.body),
  );

  app.post(
    '/auth/logout',
    {
      schema: { tags, summary: '退出登录', body: refreshBodySchema, security: [{ bearer: [] }] },
      config: { allowPasswordChange: true },
      onRequest: app.authenticate,
    },
    async (request, reply) => {
      await endSession(app, request.userId, request.body.refreshToken);
      return reply.status(204).send();
    },
  );
};

export default authRoutes;
