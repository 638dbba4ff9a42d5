import { EXPORT_LIST_LABELS, exportParamsSchema, exportQuerySchema } from '@huijia/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../http/errors';
import { attachment, ledgerFileNames } from './download';
import { findLedger } from './service';
import { viewerOf } from './viewer';
import { XLSX_TYPE, streamWorkbook } from './workbook';

const MINUTE = 60_000;
/** A ledger reads every row of a subtree: a few an account, a few at once in a process. */
const EXPORTS_PER_WINDOW = 10;
const EXPORTS_AT_ONCE = 2;

/**
 * Ledgers (台账) as spreadsheets: `GET /api/exports/:list.xlsx?orgId=` (or `?unitId=`). Everything
 * that can fail with an answer (validation, 404, 403, 400) is decided before the first byte; then
 * the workbook streams, its rows fetched in batches.
 */
const exportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', app.authenticate);
  /** Ledgers being written now, in this process. */
  let streaming = 0;

  app.get(
    '/exports/:list.xlsx',
    {
      preHandler: app.perAccount('export', EXPORTS_PER_WINDOW, 10 * MINUTE),
      schema: {
        tags: ['stats'],
        security: [{ bearer: [] }],
        summary: '导出台账（Excel）：微心愿、岗位与认岗、服务记实、报到、党员名册',
        params: exportParamsSchema,
        querystring: exportQuerySchema,
      },
    },
    async (request, reply) => {
      if (app.config.writeLimits && streaming >= EXPORTS_AT_ONCE) {
        reply.header('retry-after', '5');
        throw new AppError(429, 'RATE_LIMITED', undefined, { retryAfterSeconds: 5 });
      }
      const { list } = request.params;
      // Ledgers read the replica when there is one.
      const ledger = await findLedger(app.replica, app.nodes, list, request.query);
      const viewer = await viewerOf(app.db, await request.authorize('stats.read', ledger.target));
      const sheet = { name: EXPORT_LIST_LABELS[list], columns: ledger.columns, rows: ledger.rows(viewer) };
      const workbook = streamWorkbook(sheet, (err) => request.log.error({ err, list }, 'a ledger export failed after it began'));
      streaming += 1;
      workbook.once('close', () => (streaming -= 1));
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', attachment(ledgerFileNames(list, ledger.of, app.now())))
        .header('cache-control', 'no-store')
        .send(workbook);
    },
  );
};

export default exportRoutes;
