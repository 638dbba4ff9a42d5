import { createUnitBodySchema, unitSchema } from '@huijia/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { forbidden } from '../../http/errors';
import { getOrgNode } from '../orgs/service';
import { createUnit, describeUnit, getUnitRow, pairedCommunities } from './service';

const params = z.object({ id: z.string().max(32) });

/** Work units (单位): registered by district admins, read by their admins. */
const unitRoutes: FastifyPluginAsyncZod = async (app) => {
  const schema = { tags: ['units'], security: [{ bearer: [] }] };
  app.addHook('onRequest', app.authenticate);

  app.post(
    '/units',
    { schema: { ...schema, summary: '登记单位及其结对社区', body: createUnitBodySchema, response: { 201: unitSchema } } },
    async (request, reply) => {
      const actor = await request.actor();
      // Registered under the node named, or else the caller's own district.
      const orgId = request.body.orgId ?? actor.grants.find((g) => g.role === 'district_admin')?.orgId;
      if (!orgId) throw forbidden();
      const org = await getOrgNode(app.nodes, orgId);
      await request.authorize('unit.create', { orgPath: org.path });
      const communities = await pairedCommunities(app.db, request.body.pairedCommunityIds);
      for (const c of communities) await request.authorize('unit.create', { orgPath: c.path });
      const unit = await createUnit(app.db, actor.userId, org, request.body, communities.map((c) => c.id));
      return reply.status(201).send(unit);
    },
  );

  app.get('/units/:id', { schema: { ...schema, summary: '单位详情', params, response: { 200: unitSchema } } }, async (request) => {
    const unit = await getUnitRow(app.db, request.params.id);
    await request.authorize('unit.read', { unitId: String(unit.id), unitOrgPath: unit.orgPath });
    return describeUnit(app.db, unit);
  });
};

export default unitRoutes;
