import { listEnvelope, orgRemindersResultSchema, reminderListQuerySchema, reminderSchema } from '@huijia/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getOrgNode } from '../orgs/service';
import { getUnitRow, unitTarget } from '../units/service';
import { listReminders, remindUnit, remindUnitsBelow } from './service';

const params = z.object({ id: z.string().max(32) });

/** 催报: a unit reminds its unreported members once a day; a district, every unit below it. The
 *  list of who was reminded is a ledger (`GET /api/exports/reminders.xlsx`). */
const reminderRoutes: FastifyPluginAsyncZod = async (app) => {
  const schema = { tags: ['units'], security: [{ bearer: [] }] };
  app.addHook('onRequest', app.authenticate);

  app.post(
    '/units/:id/reminders',
    {
      schema: {
        ...schema,
        summary: '催报：提醒名册中所有未报到的党员（每天一次；已注册的收到站内消息，未注册的列入名单待电话联系）',
        params,
        response: { 201: reminderSchema },
      },
    },
    async (request, reply) => {
      const unit = await getUnitRow(app.db, request.params.id);
      const actor = await request.authorize('report.remind', unitTarget(unit));
      return reply.status(201).send(await remindUnit(app.db, actor.userId, unit, app.now()));
    },
  );

  app.get(
    '/units/:id/reminders',
    {
      schema: {
        ...schema,
        summary: '单位的催报记录（新的在前）',
        params,
        querystring: reminderListQuerySchema,
        response: { 200: listEnvelope(reminderSchema) },
      },
    },
    async (request) => {
      const unit = await getUnitRow(app.db, request.params.id);
      await request.authorize('report.remind', unitTarget(unit));
      return listReminders(app.db, unit, request.query);
    },
  );

  app.post(
    '/orgs/:id/reminders',
    {
      schema: {
        ...schema,
        summary: '一键催报：辖区内登记的每个单位提醒其未报到的党员（今天已催报过的单位跳过）',
        params,
        response: { 200: orgRemindersResultSchema },
      },
    },
    async (request) => {
      const node = await getOrgNode(app.nodes, request.params.id);
      const actor = await request.authorize('report.remind', { orgPath: node.path });
      return remindUnitsBelow(app.db, actor.userId, node, app.now());
    },
  );
};

export default reminderRoutes;
