import { auditEntrySchema, auditQuerySchema, listEnvelope, mayTake } from '@huijia/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { forbidden, notFound } from '../../http/errors';
import { getOrgNode } from '../orgs/service';
import { objectPath } from './objects';
import { auditPage, auditRows, auditScopes } from './trail';

/**
 * The audit trail, shown (操作日志): a node's subtree for its staff and the admins above, filtered
 * by actor, action and period; or one object's history (a wish's, a report's), as far as it lies
 * in the caller's subtrees. Newest first, keyset by id.
 */
const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', app.authenticate);

  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        security: [{ bearer: [] }],
        summary: '操作日志：某节点及其下级（可按操作人、操作、日期筛选），或某对象的处理记录',
        querystring: auditQuerySchema,
        response: { 200: listEnvelope(auditEntrySchema) },
      },
    },
    async (request) => {
      const { orgId, objectType, objectId, limit, cursor, ...filters } = request.query;
      if (orgId) {
        const node = await getOrgNode(app.nodes, orgId);
        await request.authorize('audit.read', { orgPath: node.path });
        return auditPage(app.db, { path: node.path }, filters, limit, cursor);
      }
      const actor = await request.actor();
      if (!mayTake(actor.grants, 'audit.read')) throw forbidden();
      const object = { type: objectType!, id: objectId!, scopes: auditScopes(actor.grants) };
      const history = await auditPage(app.db, object, filters, limit, cursor);
      // No such object, or neither it nor any of its history in the caller's subtrees: alike, as
      // the guard answers. An object of theirs with no history yet answers an empty page.
      if (cursor === undefined && history.items.length === 0 && (await auditRows(app.db, object, {}, 'newest', null, 1)).length === 0) {
        const path = await objectPath(app.db, object.type, object.id);
        if (path === null || !object.scopes.some((scope) => path.startsWith(scope))) throw notFound();
      }
      return history;
    },
  );
};

export default auditRoutes;
