import { agreementListQuerySchema, agreementReasonBodySchema, agreementSchema, listEnvelope, partnerUnitSchema, proposeAgreementBodySchema } from '@huijia/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assertOpen, getCommunity, getOrgNode } from '../orgs/service';
import { acceptAgreement, declineAgreement, endAgreement, getAgreement, listAgreements, partnerUnits, proposeAgreement, withdrawAgreement } from './service';

const params = z.object({ id: z.string().max(32) });

/** 共建协议: community staff propose, the unit's admins accept or decline; either side ends one early. */
const agreementRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['agreements'];
  const security = [{ bearer: [] }];
  app.addHook('onRequest', app.authenticate);
  const verb = (summary: string) => ({ tags, security, summary, params, response: { 200: agreementSchema } });

  app.post(
    '/agreements',
    { schema: { tags, security, summary: '社区向单位提出共建协议', body: proposeAgreementBodySchema, response: { 201: agreementSchema } } },
    async (request, reply) => {
      const community = await getCommunity(app.nodes, request.body.communityId);
      const actor = await request.authorize('agreement.propose', { orgPath: community.path });
      assertOpen(community);
      return reply.status(201).send(await proposeAgreement(app.db, actor, community, request.body, app.now()));
    },
  );

  app.get(
    '/agreements',
    { schema: { tags, security, summary: '共建协议列表（单位的、社区的、辖区的）', querystring: agreementListQuerySchema, response: { 200: listEnvelope(agreementSchema) } } },
    async (request) => listAgreements(app.db, await request.actor(), request.query, (id) => getOrgNode(app.nodes, id), app.now()),
  );

  app.get('/agreements/:id', { schema: verb('共建协议详情') }, async (request) => getAgreement(app.db, await request.actor(), request.params.id, app.now()));
  app.post('/agreements/:id/accept', { schema: verb('单位接受共建协议') }, async (request) =>
    acceptAgreement(app.db, await request.actor(), request.params.id, app.now()),
  );
  app.post('/agreements/:id/decline', { schema: { ...verb('单位拒绝共建协议'), body: agreementReasonBodySchema } }, async (request) =>
    declineAgreement(app.db, await request.actor(), request.params.id, app.now(), request.body.reason),
  );
  app.post('/agreements/:id/withdraw', { schema: verb('社区撤回待确认的共建协议') }, async (request) =>
    withdrawAgreement(app.db, await request.actor(), request.params.id, app.now()),
  );
  app.post('/agreements/:id/end', { schema: { ...verb('提前终止共建协议'), body: agreementReasonBodySchema } }, async (request) =>
    endAgreement(app.db, await request.actor(), request.params.id, app.now(), request.body.reason),
  );

  app.get(
    '/communities/:id/partner-units',
    { schema: { tags, security, summary: '社区可提出共建协议的单位', params, response: { 200: z.array(partnerUnitSchema) } } },
    async (request) => {
      const community = await getCommunity(app.nodes, request.params.id);
      await request.authorize('agreement.propose', { orgPath: community.path });
      return partnerUnits(app.db, community);
    },
  );
};

export default agreementRoutes;
