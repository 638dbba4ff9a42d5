import {
  claimProjectBodySchema,
  listEnvelope,
  projectDetailSchema,
  projectListQuerySchema,
  projectReasonBodySchema,
  projectSchema,
  projectUpdateBodySchema,
  publishProjectBodySchema,
  rateProjectBodySchema,
} from '@huijia/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assertOpen, getCommunity, getOrgNode } from '../orgs/service';
import {
  acceptProject,
  claimProject,
  completeProject,
  getProject,
  handBackProject,
  listProjects,
  postUpdate,
  publishProject,
  rateProject,
  sendBackProject,
  withdrawProject,
} from './service';

const params = z.object({ id: z.string().max(32) });

/** 项目认领: community staff publish and accept; a paired unit, a volunteer team, a party representative or a member claims and carries it out. */
const projectRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['projects'];
  const security = [{ bearer: [] }];
  app.addHook('onRequest', app.authenticate);
  const verb = (summary: string) => ({ tags, security, summary, params, response: { 200: projectDetailSchema } });

  app.post(
    '/projects',
    { schema: { tags, security, summary: '社区发布项目', body: publishProjectBodySchema, response: { 201: projectDetailSchema } } },
    async (request, reply) => {
      const community = await getCommunity(app.nodes, request.body.communityId);
      const actor = await request.authorize('project.publish', { orgPath: community.path });
      assertOpen(community);
      return reply.status(201).send(await publishProject(app.db, actor, community, request.body, app.now()));
    },
  );

  app.get(
    '/projects',
    { schema: { tags, security, summary: '项目列表（社区的、辖区的、我负责的、可认领的）', querystring: projectListQuerySchema, response: { 200: listEnvelope(projectSchema) } } },
    async (request) => listProjects(app.db, await request.actor(), request.query, (id) => getOrgNode(app.nodes, id), app.now()),
  );

  app.get('/projects/:id', { schema: verb('项目详情与进展') }, async (request) => getProject(app.db, await request.actor(), request.params.id, app.now()));
  app.post('/projects/:id/claim', { schema: { ...verb('认领项目'), body: claimProjectBodySchema } }, async (request) =>
    claimProject(app.db, await request.actor(), request.params.id, request.body, app.now()),
  );
  app.post(
    '/projects/:id/updates',
    { schema: { tags, security, summary: '项目负责方发布进展', params, body: projectUpdateBodySchema, response: { 201: projectDetailSchema } } },
    async (request, reply) => reply.status(201).send(await postUpdate(app.db, await request.actor(), request.params.id, request.body, app.now())),
  );
  app.post('/projects/:id/complete', { schema: { ...verb('项目负责方报告完成'), body: projectUpdateBodySchema } }, async (request) =>
    completeProject(app.db, await request.actor(), request.params.id, request.body, app.now()),
  );
  app.post('/projects/:id/accept', { schema: verb('社区验收项目') }, async (request) => acceptProject(app.db, await request.actor(), request.params.id, app.now()));
  app.post('/projects/:id/send-back', { schema: { ...verb('社区退回项目整改'), body: projectReasonBodySchema } }, async (request) =>
    sendBackProject(app.db, await request.actor(), request.params.id, request.body.reason, app.now()),
  );
  app.post('/projects/:id/hand-back', { schema: { ...verb('项目负责方放弃认领'), body: projectReasonBodySchema } }, async (request) =>
    handBackProject(app.db, await request.actor(), request.params.id, request.body.reason, app.now()),
  );
  app.post('/projects/:id/withdraw', { schema: { ...verb('社区撤回未认领的项目'), body: projectReasonBodySchema } }, async (request) =>
    withdrawProject(app.db, await request.actor(), request.params.id, request.body.reason, app.now()),
  );
  app.post('/projects/:id/rating', { schema: { ...verb('居民评价已完成的项目'), body: rateProjectBodySchema } }, async (request) =>
    rateProject(app.db, await request.actor(), request.params.id, request.body, app.now()),
  );
};

export default projectRoutes;
