import {
  createUnitBodySchema,
  listEnvelope,
  unitCommunitiesBodySchema,
  unitListQuerySchema,
  unitSchema,
  unitSummarySchema,
  updateUnitBodySchema,
} from '@huijia/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { forbidden } from '../../http/errors';
import { getOrgNode } from '../orgs/service';
import { createUnit, describeUnit, getUnitRow, listUnits, ownAdminNode, pairedCommunities, renameUnit, replacePairings, unitTarget } from './service';

const params = z.object({ id: z.string().max(32) });

/** Work units (单位): registered and paired (结对共建) by district admins, read by their admins. */
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
      const unit = await createUnit(app.db, actor.userId, org, request.body, communities, app.now());
      return reply.status(201).send(unit);
    },
  );

  app.get(
    '/units',
    { schema: { ...schema, summary: '辖区内的单位及其报到率', querystring: unitListQuerySchema, response: { 200: listEnvelope(unitSummarySchema) } } },
    async (request) => {
      // The node named, or else the caller's own district or street.
      const orgId = request.query.orgId ?? ownAdminNode((await request.actor()).grants);
      if (!orgId) throw forbidden();
      const org = await getOrgNode(app.nodes, orgId);
      await request.authorize('unit.read', { orgPath: org.path });
      return listUnits(app.db, org.path, request.query);
    },
  );

  app.get('/units/:id', { schema: { ...schema, summary: '单位详情', params, response: { 200: unitSchema } } }, async (request) => {
    const unit = await getUnitRow(app.db, request.params.id);
    await request.authorize('unit.read', unitTarget(unit));
    return describeUnit(app.db, unit);
  });

  // Renaming answers PUT too: wx.request cannot send PATCH.
  for (const method of ['PATCH', 'PUT'] as const) {
    app.route({
      method,
      url: '/units/:id',
      schema: { ...schema, summary: '修改单位名称', params, body: updateUnitBodySchema, response: { 200: unitSchema } },
      handler: async (request) => {
        const unit = await getUnitRow(app.db, request.params.id);
        const actor = await request.authorize('unit.manage', unitTarget(unit));
        return renameUnit(app.db, actor.userId, unit, request.body);
      },
    });
  }

  app.put(
    '/units/:id/communities',
    { schema: { ...schema, summary: '设置单位的结对社区（整体替换）', params, body: unitCommunitiesBodySchema, response: { 200: unitSchema } } },
    async (request) => {
      const unit = await getUnitRow(app.db, request.params.id);
      const actor = await request.authorize('unit.manage', unitTarget(unit));
      const communities = await pairedCommunities(app.db, request.body.communityIds);
      // Only communities within the caller's own reach.
      for (const c of communities) await request.authorize('unit.manage', { orgPath: c.path });
      return replacePairings(app.db, actor.userId, unit, communities, app.now());
    },
  );
};

export default unitRoutes;
