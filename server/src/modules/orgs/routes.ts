import { createOrgBodySchema, listEnvelope, listQuerySchema, orgNodeSchema } from '@huijia/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createOrgNode, getOrgNode, getRoot, listChildren, toOrgNode } from './service';

const params = z.object({ id: z.string().max(32) });

/** The organisation tree: read by everyone signed in, grown by admins of the parent. */
const orgRoutes: FastifyPluginAsyncZod = async (app) => {
  const schema = { tags: ['orgs'], security: [{ bearer: [] }] };
  app.addHook('onRequest', app.authenticate);

  app.get('/orgs/root', { schema: { ...schema, summary: '根节点（市）', response: { 200: orgNodeSchema } } }, async (request) => {
    await request.authorize('org.read');
    return toOrgNode(await getRoot(app.db));
  });

  app.get('/orgs/:id', { schema: { ...schema, summary: '节点', params, response: { 200: orgNodeSchema } } }, async (request) => {
    await request.authorize('org.read');
    return toOrgNode(await getOrgNode(app.nodes, request.params.id));
  });

  app.get(
    '/orgs/:id/children',
    { schema: { ...schema, summary: '下级节点', params, querystring: listQuerySchema, response: { 200: listEnvelope(orgNodeSchema) } } },
    async (request) => {
      await request.authorize('org.read');
      const parent = await getOrgNode(app.nodes, request.params.id);
      return listChildren(app.db, parent, request.query.limit, request.query.cursor);
    },
  );

  app.post(
    '/orgs',
    { schema: { ...schema, summary: '新建下级节点', body: createOrgBodySchema, response: { 201: orgNodeSchema } } },
    async (request, reply) => {
      const parent = await getOrgNode(app.nodes, request.body.parentId);
      const actor = await request.authorize('org.create', { orgPath: parent.path });
      return reply.status(201).send(await createOrgNode(app.db, actor.userId, parent, request.body));
    },
  );
};

export default orgRoutes;
