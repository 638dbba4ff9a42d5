import {
  createOpinionBodySchema,
  listEnvelope,
  opinionDeadlinesSchema,
  opinionListQuerySchema,
  opinionReasonBodySchema,
  opinionSchema,
  rateOpinionBodySchema,
  resolveOpinionBodySchema,
} from '@huijia/shared';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getOpenCommunity } from '../orgs/service';
import { loadViewer } from './actors';
import { deadlinesAt, getDistrict, refuseReadingDeadlines, setDeadlines } from './deadlines';
import { listOpinions } from './list';
import { closeOpinion, escalateOpinion, getOpinion, raiseOpinion, rateOpinion, resolveOpinion, secondOpinion } from './service';

const params = z.object({ id: z.string().max(32) });
const MINUTE = 60_000;
/** A resident raises a problem or two; a burst floods the holders' queue. */
const OPINIONS_PER_WINDOW = 10;
/** A worker types what a round of visits or the 意见箱 collected at one sitting. */
const COLLECTED_PER_WINDOW = 60;

/** 民情 and 四议一呼: raised, deliberated up the levels, resolved and rated; seconded by neighbours. */
const opinionRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['opinions'];
  const security = [{ bearer: [] }];
  app.addHook('onRequest', app.authenticate);
  const viewerOf = async (request: FastifyRequest) => loadViewer(app.database, await request.actor());
  const verb = (summary: string) => ({ tags, security, summary, params, response: { 200: opinionSchema } });

  const ownLimit = app.perAccount('opinion-create', OPINIONS_PER_WINDOW, 10 * MINUTE);
  const collectedLimit = app.perAccount('opinion-create-collected', COLLECTED_PER_WINDOW, 10 * MINUTE);

  app.post(
    '/opinions',
    {
      preHandler: async (request, reply) => (request.body.source === 'self' ? ownLimit : collectedLimit)(request, reply),
      schema: {
        tags,
        security,
        summary: '反映民情（提议，可带 Idempotency-Key）；工作人员和报到党员可登记走访收集或意见箱的民情',
        body: createOpinionBodySchema,
        headers: z.object({ 'idempotency-key': z.string().min(1).max(100).optional() }),
        response: { 200: opinionSchema, 201: opinionSchema },
      },
    },
    async (request, reply) => {
      const community = await getOpenCommunity(app.nodes, request.body.communityId);
      const viewer = await viewerOf(request);
      const { body, replayed } = await raiseOpinion(app.db, app.nodes, viewer, community, request.body, request.headers['idempotency-key'], app.now());
      return reply.status(replayed ? 200 : 201).send(body);
    },
  );

  app.get(
    '/opinions',
    {
      schema: {
        tags,
        security,
        summary: '民情列表（我的、待办队列、社区民情公开栏、辖区全部）',
        querystring: opinionListQuerySchema,
        response: { 200: listEnvelope(opinionSchema) },
      },
    },
    async (request) => listOpinions(app.database, app.nodes, await viewerOf(request), request.query, app.now()),
  );

  app.get('/opinions/:id', { schema: verb('民情详情（含办理过程）') }, async (request) =>
    getOpinion(app.database, await viewerOf(request), request.params.id, app.now()),
  );
  app.post('/opinions/:id/resolve', { schema: { ...verb('办结（说明办理结果）'), body: resolveOpinionBodySchema } }, async (request) =>
    resolveOpinion(app.database, await viewerOf(request), request.params.id, app.now(), request.body),
  );
  app.post('/opinions/:id/escalate', { schema: { ...verb('上报上一级'), body: opinionReasonBodySchema } }, async (request) =>
    escalateOpinion(app.database, await viewerOf(request), request.params.id, app.now(), request.body),
  );
  app.post('/opinions/:id/close', { schema: { ...verb('关闭（重复、不属受理范围）'), body: opinionReasonBodySchema } }, async (request) =>
    closeOpinion(app.database, await viewerOf(request), request.params.id, app.now(), request.body),
  );
  app.post('/opinions/:id/rate', { schema: { ...verb('评价办理结果（不满意可重新办理一次）'), body: rateOpinionBodySchema } }, async (request) =>
    rateOpinion(app.database, await viewerOf(request), request.params.id, app.now(), request.body.satisfaction, request.body.comment),
  );
  app.post('/opinions/:id/second', { schema: verb('附议') }, async (request) => secondOpinion(app.database, await viewerOf(request), request.params.id, app.now()));

  const settings = { tags, security, params, response: { 200: opinionDeadlinesSchema } };
  app.get('/orgs/:id/opinion-deadlines', { schema: { ...settings, summary: '区民情各级办理期限（天）' } }, async (request) => {
    const district = await getDistrict(app.nodes, request.params.id);
    const refused = await refuseReadingDeadlines(app.nodes, await viewerOf(request), district);
    if (refused) throw refused;
    return deadlinesAt(app.db, district.path);
  });
  app.put('/orgs/:id/opinion-deadlines', { schema: { ...settings, summary: '设置区民情各级办理期限（天）', body: opinionDeadlinesSchema } }, async (request) => {
    const district = await getDistrict(app.nodes, request.params.id);
    const actor = await request.authorize('opinion.settings', { orgPath: district.path });
    return setDeadlines(app.db, actor.userId, district, request.body, app.now());
  });
};

export default opinionRoutes;
