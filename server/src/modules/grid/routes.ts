import { addGridMemberBodySchema, createGridGroupBodySchema, gridGroupSchema, gridLeaderBodySchema } from '@huijia/shared';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findOrgNode } from '../orgs/repository';
import { getCommunity } from '../orgs/service';
import { addMember, createGroup, getGroup, listGrid, removeMember, setLeader } from './service';

const params = z.object({ id: z.string().max(32) });

/** The grid (立体网格): staff group confirmed members into branches and teams. */
const gridRoutes: FastifyPluginAsyncZod = async (app) => {
  const schema = { tags: ['grid'], security: [{ bearer: [] }] };
  app.addHook('onRequest', app.authenticate);

  app.get('/communities/:id/grid', { schema: { ...schema, summary: '社区网格', params, response: { 200: z.object({ items: z.array(gridGroupSchema) }) } } }, async (request) => {
    const community = await getCommunity(app.nodes, request.params.id);
    await request.authorize('grid.read', { orgPath: community.path });
    return { items: await listGrid(app.db, community.id) };
  });

  app.post(
    '/communities/:id/grid',
    { schema: { ...schema, summary: '新建网格支部或志愿服务队', params, body: createGridGroupBodySchema, response: { 201: gridGroupSchema } } },
    async (request, reply) => {
      const community = await getCommunity(app.nodes, request.params.id);
      const actor = await request.authorize('grid.manage', { orgPath: community.path });
      return reply.status(201).send(await createGroup(app.db, actor.userId, community, request.body.kind, request.body.name));
    },
  );

  /** Staff of the group's community only. */
  const authorizeGroup = async (request: FastifyRequest, groupId: string) => {
    const group = await getGroup(app.db, groupId);
    const community = (await findOrgNode(app.db, group.communityId))!;
    const actor = await request.authorize('grid.manage', { orgPath: community.path });
    return { group, community, actor };
  };

  app.post(
    '/grid/:id/members',
    { schema: { ...schema, summary: '编入网格', params, body: addGridMemberBodySchema, response: { 200: gridGroupSchema } } },
    async (request) => {
      const { group, community, actor } = await authorizeGroup(request, request.params.id);
      return addMember(app.db, actor.userId, group, community.path, request.body.memberId);
    },
  );

  app.post(
    '/grid/:id/members/:memberId/remove',
    { schema: { ...schema, summary: '移出网格', params: params.extend({ memberId: z.string().max(32) }), response: { 200: gridGroupSchema } } },
    async (request) => {
      const { group, community, actor } = await authorizeGroup(request, request.params.id);
      return removeMember(app.db, actor.userId, group, community.path, request.params.memberId);
    },
  );

  app.put(
    '/grid/groups/:id/leader',
    { schema: { ...schema, summary: '设置网格负责人（须是该组成员；null 为不设）', params, body: gridLeaderBodySchema, response: { 200: gridGroupSchema } } },
    async (request) => {
      const { group, community, actor } = await authorizeGroup(request, request.params.id);
      return setLeader(app.db, actor.userId, group, community.path, request.body.memberId);
    },
  );
};

export default gridRoutes;
