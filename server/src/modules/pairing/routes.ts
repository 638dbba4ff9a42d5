import { createHouseholdBodySchema, householdSchema, pairingSchema, updateHouseholdBodySchema } from '@huijia/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getCommunity, getOpenCommunity } from '../orgs/service';
import { endPairing, getHousehold, listHouseholds, myPairings, pairWith, registerHousehold, updateHousehold } from './service';

const params = z.object({ id: z.string().max(32) });

/** Pairing assistance (结对帮扶): staff register households in difficulty; members pair with them. */
const pairingRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['pairing'];
  const security = [{ bearer: [] }];
  app.addHook('onRequest', app.authenticate);

  app.post('/households', { schema: { tags, security, summary: '登记困难群众', body: createHouseholdBodySchema, response: { 201: householdSchema } } }, async (request, reply) => {
    const community = await getOpenCommunity(app.nodes, request.body.communityId);
    const actor = await request.authorize('household.manage', { orgPath: community.path });
    return reply.status(201).send(await registerHousehold(app.db, actor, community, request.body));
  });

  app.get(
    '/households',
    { schema: { tags, security, summary: '社区的困难群众', querystring: z.object({ communityId: z.string().max(32) }), response: { 200: z.object({ items: z.array(householdSchema) }) } } },
    async (request) => {
      const community = await getCommunity(app.nodes, request.query.communityId);
      return { items: await listHouseholds(app.db, await request.actor(), community.id) };
    },
  );

  // PUT too: wx.request cannot send PATCH.
  for (const method of ['PATCH', 'PUT'] as const) {
    app.route({
      method,
      url: '/households/:id',
      schema: { tags, security, summary: '修改可结对党员人数（不少于已结对人数）', params, body: updateHouseholdBodySchema, response: { 200: householdSchema } },
      handler: async (request) => {
        const household = await getHousehold(app.db, request.params.id);
        const actor = await request.authorize('household.manage', { orgPath: household.communityPath });
        return updateHousehold(app.db, actor, household, request.body.maxMembers);
      },
    });
  }

  app.post('/households/:id/pair', { schema: { tags, security, summary: '与困难群众结对', params, response: { 200: householdSchema } } }, async (request) => {
    const household = await getHousehold(app.db, request.params.id);
    return pairWith(app.db, await request.authorize('report.create'), household, app.now());
  });

  app.get('/pairings', { schema: { tags, security, summary: '我的结对', response: { 200: z.object({ items: z.array(pairingSchema) }) } } }, async (request) => ({
    items: await myPairings(app.db, request.userId),
  }));

  app.post('/pairings/:id/end', { schema: { tags, security, summary: '结束结对', params, response: { 200: pairingSchema } } }, async (request) =>
    endPairing(app.db, await request.actor(), request.params.id, app.now()),
  );
};

export default pairingRoutes;
