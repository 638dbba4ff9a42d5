import { DEFAULT_PERIOD_MONTHS, MAX_PERIOD_MONTHS, hoursOf, monthsBetween, periodOf, statsOverviewSchema, statsQuerySchema, type StatsOverview } from '@huijia/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../http/errors';
import { getOrgNode } from '../orgs/service';
import { getUnitRow } from '../units/service';
import rankingRoutes from './ranking';
import { freshReporting } from './reporting';
import { treeFigures, type SubjectFigures } from './tree';
import { unitFigures } from './unit';

const STATS_NODE_KINDS = ['city', 'district', 'street', 'community'] as const;

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
      const period = periodOf(q, app.now(), DEFAULT_PERIOD_MONTHS);
      if (monthsBetween(period.from, period.to).length > MAX_PERIOD_MONTHS) {
        throw new AppError(400, 'VALIDATION_FAILED', undefined, [{ path: 'querystring.to', message: `统计区间最长 ${MAX_PERIOD_MONTHS} 个月` }]);
      }
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
        const kind = STATS_NODE_KINDS.find((k) => k === node.kind);
        if (!kind) throw new AppError(400, 'BAD_REQUEST', '统计到社区一级，请选择社区或以上的节点');
        subject = { id: String(node.id), name: node.name, kind };
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
};

export default statsRoutes;
