import {
  activityListQuerySchema,
  activitySchema,
  attendanceListSchema,
  callOffActivityBodySchema,
  checkinBodySchema,
  checkinCodeSchema,
  confirmAttendanceResultSchema,
  createActivityBodySchema,
  listEnvelope,
  signupResultSchema,
  strikeAttendanceBodySchema,
  updateActivityBodySchema,
} from '@huijia/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getOpenCommunity } from '../orgs/service';
import { attendanceOf, confirmAttendance, strikeAttendance } from './attendance';
import { listActivities } from './list';
import {
  callOffActivity,
  cancelSignup,
  checkinCodeOf,
  editActivity,
  getActivity,
  publishActivity,
  signUp,
  stampAttendance,
} from './service';

const params = z.object({ id: z.string().max(32) });
const MINUTE = 60_000;
/** Tries of a check-in or check-out code per account: a member needs two per activity and a few
 *  typos; a guesser of a code good for a minute gets nowhere (one in 400 million a try). On even
 *  when write limits are off: it guards against faked attendance, not against floods. */
const CODE_TRIES = 20;

/** Activities (集体活动、组团服务、定点服务): publish, sign up and wait, check in and out, confirm attendance. */
const activityRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['activities'];
  const security = [{ bearer: [] }];
  app.addHook('onRequest', app.authenticate);
  const one = (summary: string) => ({ tags, security, summary, params, response: { 200: activitySchema } });
  const codeTries = app.throttle('activity-code', CODE_TRIES, 10 * MINUTE, (request) => String(request.userId));

  app.post(
    '/activities',
    {
      schema: {
        tags,
        security,
        summary: '发布活动（社区工作人员、志愿服务队负责人、结对单位管理员；可带 Idempotency-Key）',
        body: createActivityBodySchema,
        headers: z.object({ 'idempotency-key': z.string().min(1).max(100).optional() }),
        response: { 200: activitySchema, 201: activitySchema },
      },
    },
    async (request, reply) => {
      const community = await getOpenCommunity(app.nodes, request.body.communityId);
      const { body, replayed } = await publishActivity(app.db, await request.actor(), community, request.body, request.headers['idempotency-key'], app.now());
      return reply.status(replayed ? 200 : 201).send(body);
    },
  );

  app.get(
    '/activities',
    {
      schema: {
        tags,
        security,
        summary: '活动大厅（按社区和日期）、我报名的活动、我组织的活动',
        querystring: activityListQuerySchema,
        response: { 200: listEnvelope(activitySchema) },
      },
    },
    async (request) => listActivities(app.database, app.nodes, await request.actor(), request.query, app.now()),
  );

  app.get('/activities/:id', { schema: one('活动详情（含我的报名与候补位置）') }, async (request) =>
    getActivity(app.database, await request.actor(), request.params.id, app.now()),
  );
  app.put('/activities/:id', { schema: { ...one('修改活动（开始前；名额不少于已报名人数，增加的名额由候补依次递补）'), body: updateActivityBodySchema } }, async (request) =>
    editActivity(app.database, await request.actor(), request.params.id, request.body, app.now()),
  );
  app.post('/activities/:id/call-off', { schema: { ...one('取消活动（结束前，通知已报名和候补的党员）'), body: callOffActivityBodySchema } }, async (request) =>
    callOffActivity(app.database, await request.actor(), request.params.id, request.body.reason, app.now()),
  );

  app.post(
    '/activities/:id/signup',
    { schema: { tags, security, summary: '报名（名额已满则进入候补）', params, response: { 200: signupResultSchema } } },
    async (request) => signUp(app.database, await request.actor(), request.params.id, app.now()),
  );
  app.post('/activities/:id/cancel', { schema: one('取消报名（开始前；候补第一位自动递补）') }, async (request) =>
    cancelSignup(app.database, await request.actor(), request.params.id, app.now()),
  );

  app.get(
    '/activities/:id/checkin-code',
    { schema: { tags, security, summary: '签到码（组织者，每 30 秒更新）与签到人数', params, response: { 200: checkinCodeSchema } } },
    async (request) => checkinCodeOf(app.database, await request.actor(), request.params.id, app.now()),
  );
  app.post('/activities/:id/checkin', { preHandler: codeTries, schema: { ...one('签到（扫码或输入签到码）'), body: checkinBodySchema } }, async (request) =>
    stampAttendance(app.database, await request.actor(), request.params.id, request.body.code, 'checkin', app.now()),
  );
  app.post('/activities/:id/checkout', { preHandler: codeTries, schema: { ...one('签退（扫码或输入签到码）'), body: checkinBodySchema } }, async (request) =>
    stampAttendance(app.database, await request.actor(), request.params.id, request.body.code, 'checkout', app.now()),
  );

  const attendance = { tags, security, params, response: { 200: attendanceListSchema } };
  app.get('/activities/:id/attendance', { schema: { ...attendance, summary: '考勤名单（组织者；上级只读）' } }, async (request) =>
    attendanceOf(app.database, await request.actor(), request.params.id, app.now()),
  );
  app.post(
    '/activities/:id/attendance/strike',
    { schema: { ...attendance, summary: '剔除一人的考勤（活动结束后、确认前，须说明原因）', body: strikeAttendanceBodySchema } },
    async (request) => strikeAttendance(app.database, await request.actor(), request.params.id, request.body, app.now()),
  );
  app.post(
    '/activities/:id/attendance/confirm',
    { schema: { tags, security, summary: '确认时长（活动结束后一步完成：考勤记为已核实的服务记录并发放积分）', params, response: { 200: confirmAttendanceResultSchema } } },
    async (request) => confirmAttendance(app.database, await request.actor(), request.params.id, app.now()),
  );
};

export default activityRoutes;
