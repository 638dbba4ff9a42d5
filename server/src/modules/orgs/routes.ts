import {
  archiveOrgBodySchema,
  createOrgBodySchema,
  importOrgsQuerySchema,
  listEnvelope,
  listQuerySchema,
  moveOrgBodySchema,
  orgImportResultSchema,
  orgNodeSchema,
  renameOrgBodySchema,
} from '@huijia/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../http/errors';
import { readUpload } from '../../http/upload';
import { archiveOrgNode, restoreOrgNode } from './archive';
import { assertImportBase, callersDistrict, importOrgTree } from './import';
import { createOrgNode, getOrgNode, getRoot, listChildren, toOrgNode } from './service';
import { getManagedNode, moveOrgNode, renameOrgNode } from './tree';
import { parseTreeFile } from './tree-file';

const params = z.object({ id: z.string().max(32) });

/** The organisation tree: read by everyone signed in, grown by admins of the parent, run
 *  (renamed, moved, archived, imported) by the street and district admins above a node. */
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
    { schema: { ...schema, summary: '下级节点（含已停用的）', params, querystring: listQuerySchema, response: { 200: listEnvelope(orgNodeSchema) } } },
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

  // Managing a node is checked on its parent: an admin runs the nodes strictly below their own.
  // Renaming answers PUT too: wx.request cannot send PATCH.
  for (const method of ['PATCH', 'PUT'] as const) {
    app.route({
      method,
      url: '/orgs/:id',
      schema: { ...schema, summary: '重命名节点', params, body: renameOrgBodySchema, response: { 200: orgNodeSchema } },
      handler: async (request) => {
        const { node, parent } = await getManagedNode(app.nodes, request.params.id);
        const actor = await request.authorize('org.manage', { orgPath: parent.path });
        return renameOrgNode(app.db, actor, node.id, request.body);
      },
    });
  }

  app.post(
    '/orgs/:id/move',
    { schema: { ...schema, summary: '移动节点到新的上级', params, body: moveOrgBodySchema, response: { 200: orgNodeSchema } } },
    async (request) => {
      const { node, parent } = await getManagedNode(app.nodes, request.params.id);
      await request.authorize('org.manage', { orgPath: parent.path });
      const target = await getOrgNode(app.nodes, request.body.parentId);
      const actor = await request.authorize('org.manage', { orgPath: target.path });
      return moveOrgNode(app.db, actor, node.id, target.id);
    },
  );

  app.post(
    '/orgs/:id/archive',
    { schema: { ...schema, summary: '停用节点（连同下级）', params, body: archiveOrgBodySchema, response: { 200: orgNodeSchema } } },
    async (request) => {
      const { node, parent } = await getManagedNode(app.nodes, request.params.id);
      const actor = await request.authorize('org.manage', { orgPath: parent.path });
      return archiveOrgNode(app.db, actor, node.id, request.body);
    },
  );

  app.post(
    '/orgs/:id/restore',
    { schema: { ...schema, summary: '恢复已停用的节点（连同一并停用的下级）', params, response: { 200: orgNodeSchema } } },
    async (request) => {
      const { node, parent } = await getManagedNode(app.nodes, request.params.id);
      const actor = await request.authorize('org.manage', { orgPath: parent.path });
      return restoreOrgNode(app.db, actor, node.id);
    },
  );

  app.post(
    '/orgs/import',
    {
      schema: {
        ...schema,
        summary: '导入组织架构（CSV 或 XLSX，字段 file；每行 街道,社区,小区,楼栋；dryRun=1 预览）',
        querystring: importOrgsQuerySchema,
        response: { 200: orgImportResultSchema },
      },
    },
    async (request) => {
      const { orgId, dryRun } = request.query;
      const base = orgId ? await getOrgNode(app.nodes, orgId) : await callersDistrict(app.nodes, await request.actor());
      if (!base) {
        // Not a district admin: whoever may not import at all hears so (403), anyone else 404.
        await request.authorize('org.import');
        throw notFound();
      }
      const actor = await request.authorize('org.import', { orgPath: base.path });
      assertImportBase(base);
      const content = await readUpload(request, { required: 'ORG_IMPORT_FILE_REQUIRED', tooLarge: 'ORG_IMPORT_FILE_TOO_LARGE' });
      return importOrgTree(app.db, actor.userId, base.id, await parseTreeFile(content), dryRun === '1');
    },
  );
};

export default orgRoutes;
