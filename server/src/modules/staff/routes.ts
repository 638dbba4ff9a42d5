import { grantSchema, grantStaffBodySchema, listEnvelope, staffGrantSchema, staffListQuerySchema } from '@huijia/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listStaff, staffScope } from './list';
import { assertMayGrant, grantRole, grantTarget, revokeGrant } from './service';

const grantParams = z.object({ grantId: z.string().max(32) });

/** Staff (工作人员) and admins: who holds which role where; granting and revoking. */
const staffRoutes: FastifyPluginAsyncZod = async (app) => {
  const schema = { tags: ['staff'], security: [{ bearer: [] }] };

  app.get(
    '/staff',
    {
      schema: { ...schema, summary: '某节点或单位的工作人员与管理员', querystring: staffListQuerySchema, response: { 200: listEnvelope(staffGrantSchema) } },
      onRequest: app.authenticate,
    },
    async (request) => {
      const { scope, target } = await staffScope(app.db, app.nodes, request.query);
      const actor = await request.authorize('staff.read', target);
      return listStaff(app.db, actor, scope, request.query.limit, request.query.cursor);
    },
  );

  app.post(
    '/staff',
    {
      schema: { ...schema, summary: '授予工作人员或管理员角色', body: grantStaffBodySchema, response: { 201: grantSchema } },
      onRequest: app.authenticate,
    },
    async (request, reply) => {
      assertMayGrant(await request.actor(), request.body.role);
      const target = await grantTarget(app.db, app.nodes, request.body);
      const actor = await request.authorize('staff.grant', target);
      return reply.status(201).send(await grantRole(app.db, actor, request.body, target));
    },
  );

  app.post(
    '/staff/:grantId/revoke',
    { schema: { ...schema, summary: '撤销角色（下一次请求起生效）', params: grantParams }, onRequest: app.authenticate },
    async (request, reply) => {
      await revokeGrant(app.db, await request.actor(), request.params.grantId);
      return reply.status(204).send();
    },
  );
};

export default staffRoutes;
