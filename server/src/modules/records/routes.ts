import { batchBodySchema, batchOutcomeSchema, createRecordBodySchema, listEnvelope, reasonBodySchema, recordListQuerySchema, recordSchema, updateRecordBodySchema } from '@huijia/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { eachOnItsOwn } from '../../http/batch';
import { getCommunity } from '../orgs/service';
import { decideRecord, editRecord, getRecord, listRecords, logRecord } from './service';

const params = z.object({ id: z.string().max(32) });

/** Service records (服务记实) and their confirmation by staff (服务确认). */
const recordRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['records'];
  const security = [{ bearer: [] }];
  app.addHook('onRequest', app.authenticate);
  const one = (summary: string) => ({ tags, security, summary, params, response: { 200: recordSchema } });

  app.post('/records', { schema: { tags, security, summary: '记录一次服务', body: createRecordBodySchema, response: { 201: recordSchema } } }, async (request, reply) =>
    reply.status(201).send(await logRecord(app.db, await request.authorize('report.create'), request.body, app.now())),
  );

  app.get('/records', { schema: { tags, security, summary: '我的服务记录，或社区的（核实队列：status=pending）', querystring: recordListQuerySchema, response: { 200: listEnvelope(recordSchema) } } }, async (request) => {
    const { communityId, mine, ...rest } = request.query;
    const community = communityId ? await getCommunity(app.nodes, communityId) : null;
    return listRecords(app.db, await request.actor(), { ...rest, mine: Boolean(mine), communityId: community?.id, communityPath: community?.path });
  });

  app.get('/records/:id', { schema: one('服务记录详情') }, async (request) => getRecord(app.db, await request.actor(), request.params.id));

  app.put('/records/:id', { schema: { ...one('修改服务记录（重新待核实）'), body: updateRecordBodySchema } }, async (request) =>
    editRecord(app.db, await request.actor(), request.params.id, request.body, app.now()),
  );

  app.post(
    '/records/verify',
    { schema: { tags, security, summary: '批量核实通过（每条各自处理，答复通过的和未通过的）', body: batchBodySchema, response: { 200: batchOutcomeSchema } } },
    async (request) => {
      const actor = await request.actor();
      return eachOnItsOwn(request.body.ids, (id) => decideRecord(app.db, actor, id, 'verified', null, app.now()));
    },
  );

  app.post('/records/:id/verify', { schema: one('核实通过') }, async (request) =>
    decideRecord(app.db, await request.actor(), request.params.id, 'verified', null, app.now()),
  );

  app.post('/records/:id/reject', { schema: { ...one('核实不通过'), body: reasonBodySchema } }, async (request) =>
    decideRecord(app.db, await request.actor(), request.params.id, 'rejected', request.body.reason, app.now()),
  );
};

export default recordRoutes;
