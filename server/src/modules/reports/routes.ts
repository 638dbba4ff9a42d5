import {
  certificateSchema,
  communityReportsQuerySchema,
  confirmReportBodySchema,
  createReportBodySchema,
  endReportBodySchema,
  listEnvelope,
  myReportSchema,
  reasonBodySchema,
  reportOptionsSchema,
  reportDetailSchema,
  reportSchema,
  reportingFiguresSchema,
  transferReportBodySchema,
} from '@huijia/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getCommunity, parseId, refuseArchived } from '../orgs/service';
import { communityFigures } from '../rosters/figures';
import { endReport, reportDetail, transferReport } from './moving';
import { listCommunityReports } from './repository';
import { assertOwnReport, closeReport, confirmReport, createReport, currentCertificate, getReport, issueCertificate, pendingReportByCode, reportOptions } from './service';

const params = z.object({ id: z.string().max(32) });
const MINUTE = 60_000;

/** Dual reporting (双报到): report online, the unit's 报到证, staff confirm offline. */
const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  const schema = { tags: ['reports'], security: [{ bearer: [] }] };
  app.addHook('onRequest', app.authenticate);

  /** Wishes went back to published: this process's halls show it at once (others within a second). */
  const wishesChanged = (communityIds: number[]) => {
    for (const id of communityIds) app.hall.changed(id);
  };

  app.get('/reports/options', { schema: { ...schema, summary: '可报到的社区', response: { 200: reportOptionsSchema } } }, async (request) => {
    const { residence, pairedUnit } = await reportOptions(app.db, request.userId);
    return { residence, pairedUnit };
  });

  app.post(
    '/reports',
    { schema: { ...schema, summary: '线上报到', body: createReportBodySchema, response: { 201: myReportSchema } } },
    async (request, reply) => {
      await refuseArchived(app.nodes, request.body.communityId);
      return reply.status(201).send(await createReport(app.db, request.userId, request.body));
    },
  );

  app.post(
    '/reports/:id/certificate',
    { schema: { ...schema, summary: '签发报到证', params, response: { 200: certificateSchema } } },
    async (request) => {
      const row = await getReport(app.db, request.params.id);
      const actor = await request.authorize('report.certify', { unitId: String(row.report.unitId) });
      return issueCertificate(app.db, actor.userId, row, app.now());
    },
  );

  app.get(
    '/reports/:id/certificate',
    { schema: { ...schema, summary: '查看已签发的报到证（不重新签发）', params, response: { 200: certificateSchema } } },
    async (request) => {
      const row = await getReport(app.db, request.params.id);
      await request.authorize('report.certify', { unitId: String(row.report.unitId) });
      return currentCertificate(row);
    },
  );

  // A code has 31^8 values; ten tries per report in a quarter hour keeps guessing hopeless. Only
  // tries by staff who may confirm it count, keyed by the report itself however its id is written.
  const confirmTries = app.throttle('report-confirm', 10, 15 * MINUTE, (request) => String(parseId((request.params as { id: string }).id)));
  app.post(
    '/reports/:id/confirm',
    { schema: { ...schema, summary: '凭报到证确认线下报到', params, body: confirmReportBodySchema, response: { 200: reportSchema } } },
    async (request, reply) => {
      const row = await getReport(app.db, request.params.id);
      const actor = await request.authorize('report.decide', { orgPath: row.communityPath });
      await confirmTries(request, reply);
      const { report, wishCommunities } = await confirmReport(app.db, actor.userId, row, request.body.certificateCode, app.now());
      wishesChanged(wishCommunities);
      return report;
    },
  );

  // A code typed on the list, not on a report: tries count per staff account, ten in a quarter
  // hour, so that the community's pending codes cannot be swept for one that matches.
  const codeTries = app.throttle('report-confirm-by-code', 10, 15 * MINUTE, (request) => String(request.userId));
  app.post(
    '/communities/:id/reports/confirm',
    {
      schema: {
        ...schema,
        summary: '在报到名单上输入报到证编码确认（无需先找到党员）',
        params,
        body: confirmReportBodySchema,
        response: { 200: reportSchema },
      },
    },
    async (request, reply) => {
      const community = await getCommunity(app.nodes, request.params.id);
      const actor = await request.authorize('report.decide', { orgPath: community.path });
      await codeTries(request, reply);
      const reportId = await pendingReportByCode(app.db, community.id, request.body.certificateCode);
      const { report, wishCommunities } = await confirmReport(app.db, actor.userId, await getReport(app.db, String(reportId)), request.body.certificateCode, app.now());
      wishesChanged(wishCommunities);
      return report;
    },
  );

  app.post(
    '/reports/:id/reject',
    { schema: { ...schema, summary: '退回报到', params, body: reasonBodySchema, response: { 200: reportSchema } } },
    async (request) => {
      const row = await getReport(app.db, request.params.id);
      const actor = await request.authorize('report.decide', { orgPath: row.communityPath });
      return closeReport(app.db, actor.userId, row, 'rejected', request.body.reason, app.now());
    },
  );

  app.post('/reports/:id/withdraw', { schema: { ...schema, summary: '撤回报到', params, response: { 200: reportSchema } } }, async (request) => {
    const row = await getReport(app.db, request.params.id);
    const actor = await request.authorize('report.create');
    assertOwnReport(actor, row);
    return closeReport(app.db, actor.userId, row, 'withdrawn', null, app.now());
  });

  app.get(
    '/reports/:id',
    { schema: { ...schema, summary: '报到详情（本人、所在单位管理员、社区工作人员）', params, response: { 200: reportDetailSchema } } },
    async (request) => reportDetail(app.db, await request.actor(), await getReport(app.db, request.params.id)),
  );

  app.post(
    '/reports/:id/transfer',
    {
      schema: {
        ...schema,
        summary: '转移报到：新社区确认后，原报到结束',
        params,
        body: transferReportBodySchema,
        response: { 201: myReportSchema },
      },
    },
    async (request, reply) => {
      const row = await getReport(app.db, request.params.id);
      await request.authorize('report.create');
      await refuseArchived(app.nodes, request.body.communityId);
      return reply.status(201).send(await transferReport(app.db, request.userId, row, request.body));
    },
  );

  app.post(
    '/reports/:id/end',
    { schema: { ...schema, summary: '结束报到（退休、调离、去世）', params, body: endReportBodySchema, response: { 200: reportDetailSchema } } },
    async (request) => {
      const row = await getReport(app.db, request.params.id);
      const { detail, wishCommunities } = await endReport(app.db, await request.actor(), row, request.body, app.now());
      wishesChanged(wishCommunities);
      return detail;
    },
  );

  app.get(
    '/communities/:id/reports',
    {
      schema: {
        ...schema,
        summary: '社区报到名单',
        params,
        querystring: communityReportsQuerySchema,
        response: { 200: listEnvelope(reportSchema).extend({ figures: reportingFiguresSchema }) },
      },
    },
    async (request) => {
      const community = await getCommunity(app.nodes, request.params.id);
      await request.authorize('report.list', { orgPath: community.path });
      const { status, limit, cursor } = request.query;
      const list = await listCommunityReports(app.db, community.id, status, limit, cursor);
      return { ...list, figures: await communityFigures(app.db, community.id) };
    },
  );
};

export default reportRoutes;
