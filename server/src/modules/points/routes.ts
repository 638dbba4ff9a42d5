import { adjustPointsBodySchema, leaderboardEntrySchema, ledgerEntrySchema, ledgerQuerySchema, listEnvelope, pointsSummarySchema } from '@huijia/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { forbidden, notFound } from '../../http/errors';
import { getCommunity, parseId } from '../orgs/service';
import { adjustPoints, leaderboard, ledger, pointsSummary } from './service';

/** Points (积分): one's balance and ledger, staff adjustments, the community leaderboard. */
const pointRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['points'];
  const security = [{ bearer: [] }];
  app.addHook('onRequest', app.authenticate);

  app.get('/points/me', { schema: { tags, security, summary: '我的积分与服务时长', response: { 200: pointsSummarySchema } } }, async (request) =>
    pointsSummary(app.db, request.userId),
  );

  app.get(
    '/points/ledger',
    { schema: { tags, security, summary: '积分明细（社区工作人员可按 communityId 查看）', querystring: ledgerQuerySchema.extend({ communityId: z.string().max(32).optional() }), response: { 200: listEnvelope(ledgerEntrySchema) } } },
    async (request) => {
      const { communityId, memberId, limit, cursor } = request.query;
      if (!communityId) {
        if (memberId && memberId !== String(request.userId)) throw forbidden();
        return ledger(app.db, { memberId: request.userId }, limit, cursor);
      }
      const community = await getCommunity(app.nodes, communityId);
      await request.authorize('points.adjust', { orgPath: community.path });
      return ledger(app.db, { communityId: community.id, memberId: memberId ? (parseId(memberId) ?? -1) : undefined }, limit, cursor);
    },
  );

  app.post(
    '/points/adjustments',
    { schema: { tags, security, summary: '调整积分（有上限，须写原因）', body: adjustPointsBodySchema.extend({ communityId: z.string().max(32) }), response: { 201: ledgerEntrySchema } } },
    async (request, reply) => {
      const community = await getCommunity(app.nodes, request.body.communityId);
      const actor = await request.authorize('points.adjust', { orgPath: community.path });
      const memberId = parseId(request.body.memberId);
      if (memberId === null) throw notFound();
      if (memberId === actor.userId) throw forbidden();
      return reply.status(201).send(await adjustPoints(app.db, actor.userId, community, memberId, request.body.points, request.body.reason));
    },
  );

  app.get(
    '/communities/:id/leaderboard',
    { schema: { tags, security, summary: '社区服务排行（按核实时长和完成心愿）', params: z.object({ id: z.string().max(32) }), response: { 200: z.object({ items: z.array(leaderboardEntrySchema) }) } } },
    async (request) => {
      const community = await getCommunity(app.nodes, request.params.id);
      return { items: await leaderboard(app.db, community.id) };
    },
  );
};

export default pointRoutes;
