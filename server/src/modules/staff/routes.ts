import { grantSchema, grantStaffBodySchema } from '@huijia/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { assertMayGrant, grantRole, grantTarget } from './service';

/** `POST /api/staff`: admins grant roles within their node or unit. */
const staffRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/staff',
    {
      schema: { tags: ['staff'], summary: '授予工作人员或管理员角色', security: [{ bearer: [] }], body: grantStaffBodySchema, response: { 201: grantSchema } },
      onRequest: app.authenticate,
    },
    async (request, reply) => {
      assertMayGrant(await request.actor(), request.body.role);
      const target = await grantTarget(app.db, app.nodes, request.body);
      const actor = await request.authorize('staff.grant', target);
      return reply.status(201).send(await grantRole(app.db, actor, request.body, target));
    },
  );
};

export default staffRoutes;
