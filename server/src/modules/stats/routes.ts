import {
  activityStatsSchema,
  hoursOf,
  monthsBetween,
  nodePeriodQuerySchema,
  opinionStatsSchema,
  partnershipStatsSchema,
  statsOverviewSchema,
  statsQuerySchema,
  type ActivityStats,
  type OpinionStats,
  type PartnershipStats,
  type StatsOverview,
} from '@huijia/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getOrgNode } from '../orgs/service';
import { getUnitRow } from '../units/service';
import { activityFigures } from './activities';
import { opinionFigures } from './opinions';
import { partnershipFigures } from './partnership';
import { nodePeriodAsked, nodeSubject, periodAsked } from './period';
import rankingRoutes from './ranking';
import { freshReporting } from './reporting';
import { treeFigures, type SubjectFigures } from './tree';
import { unitFigures } from './unit';

/** 统计: the figures of domain.md for a node of the tree or a unit, with a row per child. */
const statsRoutes: FastifyPluginAsyncZod = async (app) => {
  // 通报: the units and communities below a node, ranked (ranking.ts).
  await app.register(rankingRoutes);
  app.get(
    '/stats/overview',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['stats'],
        security: [{ bearer: [] }],
        summary: '统计概览：报到率、服务率、心愿、岗位、服务时长、积分',
        querystring: statsQuerySchema,
        response: { 200: statsOverviewSchema },
      },
    },
    async (request): Promise<StatsOverview> => {
      const q = request.query;
      const period = periodAsked(q, app.now());
      // Figures read the replica when there is one (a few seconds behind at most).
      const reportingAsOf = await freshReporting(app.db, app.replica, app.now());
      let subject: StatsOverview['subject'];
      let result: SubjectFigures;
      if (q.unitId) {
        const unit = await getUnitRow(app.db, q.unitId);
        await request.authorize('stats.read', { unitId: String(unit.id), unitOrgPath: unit.orgPath });
        subject = { id: String(unit.id), name: unit.name, kind: 'unit' };
        result = await unitFigures(app.replica, unit, period);
      } else {
        const node = await getOrgNode(app.nodes, q.orgId!);
        await request.authorize('stats.read', { orgPath: node.path });
        subject = nodeSubject(node);
        result = await treeFigures(app.replica, node, period);
      }
      return {
        subject,
        period,
        figures: result.figures,
        children: result.children,
        trend: monthsBetween(period.from, period.to).map((month) => ({ month, verifiedHours: hoursOf(result.trend.get(month) ?? 0) })),
        reportingAsOf: reportingAsOf.toISOString(),
        unplaced: result.unplaced,
      };
    },
  );

  app.get(
    '/stats/opinions',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['stats'],
        security: [{ bearer: [] }],
        summary: '民情统计：提出、办结、办结率、满意率、办结层级、办理用时、超期、社情民意搜集',
        querystring: nodePeriodQuerySchema,
        response: { 200: opinionStatsSchema },
      },
    },
    async (request): Promise<OpinionStats> => {
      const { node, period } = await nodePeriodAsked(app, request, request.query);
      const subject = nodeSubject(node);
      // From the replica when there is one, as the other figures.
      return { subject, period, ...(await opinionFigures(app.replica, node, period, app.now())) };
    },
  );

  app.get(
    '/stats/activities',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['stats'],
        security: [{ bearer: [] }],
        summary: '活动统计：举办活动（按类型）、报名、进社区人次、未到率、确认时长',
        querystring: nodePeriodQuerySchema,
        response: { 200: activityStatsSchema },
      },
    },
    async (request): Promise<ActivityStats> => {
      const { node, period } = await nodePeriodAsked(app, request, request.query);
      const subject = nodeSubject(node);
      return { subject, period, ...(await activityFigures(app.replica, node, period, app.now())) };
    },
  );

  app.get(
    '/stats/partnership',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['stats'],
        security: [{ bearer: [] }],
        summary: '结对共建统计：生效和签订的共建协议，项目发布、认领、完成（按类别、按牵头方）、超期，各共建单位',
        querystring: nodePeriodQuerySchema,
        response: { 200: partnershipStatsSchema },
      },
    },
    async (request): Promise<PartnershipStats> => {
      const { node, period } = await nodePeriodAsked(app, request, request.query);
      const subject = nodeSubject(node);
      return { subject, period, ...(await partnershipFigures(app.replica, node, period, app.now())) };
    },
  );
};

export default statsRoutes;
