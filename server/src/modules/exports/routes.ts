import { EXPORT_LIST_LABELS, exportParamsSchema, exportQuerySchema } from '@huijia/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { attachment, ledgerFileNames } from './download';
import { findLedger } from './service';
import { viewerOf } from './viewer';
import { XLSX_TYPE, streamWorkbook } from './workbook';

/**
 * Ledgers (台账) as spreadsheets: `GET /api/exports/:list.xlsx?orgId=` (or `?unitId=`). Everything
 * that can fail with an answer (validation, 404, 403, 400) is decided before the first byte; then
 * the workbook streams, its rows fetched in batches.
 */
const exportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', app.authenticate);

  app.get(
    '/exports/:list.xlsx',
    {
      schema: {
        tags: ['stats'],
        security: [{ bearer: [] }],
        summary: '导出台账（Excel）：微心愿、岗位与认岗、服务记实、报到、党员名册',
        params: exportParamsSchema,
        querystring: exportQuerySchema,
      },
    },
    async (request, reply) => {
      const { list } = request.params;
      const ledger = await findLedger(app.db, app.nodes, list, request.query);
      const viewer = await viewerOf(app.db, await request.authorize('stats.read', ledger.target));
      const sheet = { name: EXPORT_LIST_LABELS[list], columns: ledger.columns, rows: ledger.rows(viewer) };
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', attachment(ledgerFileNames(list, ledger.of, app.now())))
        .header('cache-control', 'no-store')
        .send(streamWorkbook(sheet, (err) => request.log.error({ err, list }, 'a ledger export failed after it began')));
    },
  );
};

export default exportRoutes;
