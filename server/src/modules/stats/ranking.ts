import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import {
  MAX_PERIOD_MONTHS,
  RANKING_NODE_KINDS,
  RANKING_SUBJECT_LABELS,
  monthsBetween,
  periodOf,
  periodText,
  rankSubjects,
  rankingQuerySchema,
  rankingSchema,
  type Figures,
  type Ranking,
  type RankingQuery,
  type RankingRow,
} from '@huijia/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db';
import { rowsOf } from '../../db/raw';
import { AppError } from '../../http/errors';
import { attachment, ledgerFileNames } from '../exports/download';
import { XLSX_TYPE } from '../exports/workbook';
import type { OrgNodeRow } from '../orgs/repository';
import { getOrgNode } from '../orgs/service';
import { freshReporting } from './reporting';
import { treeFigures, type Period } from './tree';
import { manyUnitsFigures } from './unit';

/** A 通报 is monthly: without `from`/`to`, this month. */
const RANKING_PERIOD_MONTHS = 1;
/** Parents whose communities are read at once: each is a few queries in parallel (a parent's
 *  communities six), so that a ranking never takes the whole connection pool. */
const AT_ONCE = 2;

type Unranked = Omit<RankingRow, 'rank'>;

/** A ranked row from the figures the overview answers for the same unit or community. */
const rowOf = (subject: { id: number | string; name: string }, parentName: string, f: Figures): Unranked => ({
  id: String(subject.id),
  name: subject.name,
  parentName,
  expected: f.rosterMembers,
  reported: f.reported,
  reportingRate: f.reportingRate,
  served: f.served,
  serviceRate: f.serviceRate,
  wishesCollected: f.wishesCollected,
  wishesCompleted: f.wishesCompleted,
  completionRate: f.completionRate,
});

/** `map` over `items`, at most `n` calls in flight, answers in the items' order. */
async function mapAtMost<T, R>(items: readonly T[], n: number, map: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await map(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  return out;
}

/**
 * The units registered at or below the node, each with its own figures (stats/unit.ts, as the
 * overview answers them for the unit: its roster not departed, its members' service and claims),
 * all in one query.
 */
async function unitRows(db: Db, node: OrgNodeRow, period: Period): Promise<Unranked[]> {
  const units = await rowsOf<{ id: string | number; name: string; org_name: string }>(
    db,
    sql`select un.id, un.name, o.name as org_name
          from units un join org_nodes o on o.id = un.org_id
         where o.path like ${`${node.path}%`} order by un.id`,
  );
  const figures = await manyUnitsFigures(db, units.map((u) => Number(u.id)), period);
  return units.map((u) => rowOf(u, u.org_name, figures.get(Number(u.id))!));
}

/**
 * Every community in the node's subtree (not only its children), with the figures the overview
 * answers for it: those of the rows per child of its parent (stats/tree.ts), one parent at a time.
 */
async function communityRows(app: FastifyInstance, node: OrgNodeRow, period: Period): Promise<Unranked[]> {
  const parents = await rowsOf<{ parent_id: string | number }>(
    app.replica,
    sql`select distinct parent_id from org_nodes where kind = 'community' and path like ${`${node.path}%`} order by parent_id`,
  );
  const rows = await mapAtMost(parents, AT_ONCE, async ({ parent_id }) => {
    const parent = await getOrgNode(app.nodes, String(parent_id));
    const { children } = await treeFigures(app.replica, parent, period);
    return children.filter((c) => c.kind === 'community').map((c) => rowOf(c, parent.name, c.figures));
  });
  return rows.flat();
}

/** The 通报 asked for: the node (authorized, and one that has something below it to rank), its rows ranked. */
async function rankingOf(app: FastifyInstance, request: FastifyRequest, q: RankingQuery): Promise<Ranking> {
  const period = periodOf(q, app.now(), RANKING_PERIOD_MONTHS);
  if (monthsBetween(period.from, period.to).length > MAX_PERIOD_MONTHS) {
    throw new AppError(400, 'VALIDATION_FAILED', undefined, [{ path: 'querystring.to', message: `统计区间最长 ${MAX_PERIOD_MONTHS} 个月` }]);
  }
  const node = await getOrgNode(app.nodes, q.orgId);
  await request.authorize('stats.rank', { orgPath: node.path });
  const kind = RANKING_NODE_KINDS.find((k) => k === node.kind);
  if (!kind) throw new AppError(400, 'BAD_REQUEST', '社区及以下没有可排名的单位或社区，请选择街道、区或市');
  // Figures read the replica when there is one (a few seconds behind at most).
  const reportingAsOf = await freshReporting(app.db, app.replica, app.now());
  const rows = q.of === 'units' ? await unitRows(app.replica, node, period) : await communityRows(app, node, period);
  return {
    subject: { id: String(node.id), name: node.name, kind },
    period,
    of: q.of,
    rows: rankSubjects(rows),
    reportingAsOf: reportingAsOf.toISOString(),
  };
}

/** The sheet's columns: a header and a width (in characters, a Chinese one about two) each. */
const sheetColumns = (of: Ranking['of']): { header: string; width: number; cell: (r: RankingRow) => string | number; rate?: true }[] => [
  { header: '排名', width: 6, cell: (r) => r.rank },
  { header: RANKING_SUBJECT_LABELS[of], width: 28, cell: (r) => r.name },
  { header: '所属', width: 16, cell: (r) => r.parentName },
  { header: '应报到', width: 9, cell: (r) => r.expected },
  { header: '已报到', width: 9, cell: (r) => r.reported },
  { header: '报到率', width: 9, cell: (r) => r.reportingRate, rate: true },
  { header: '已服务', width: 9, cell: (r) => r.served },
  { header: '服务率', width: 9, cell: (r) => r.serviceRate, rate: true },
  { header: '心愿数', width: 9, cell: (r) => r.wishesCollected },
  { header: '已完成', width: 9, cell: (r) => r.wishesCompleted },
  { header: '完成率', width: 9, cell: (r) => r.completionRate, rate: true },
];

/** `新罗区单位排名（2026年11月）`: the title of a 通报's table and sheet. */
const titleOf = (ranking: Ranking) => `${ranking.subject.name}${RANKING_SUBJECT_LABELS[ranking.of]}排名（${periodText(ranking.period)}）`;

/**
 * The ranking as a workbook: a title row naming the node and the period, the headers, then the
 * rows in ranking order, rates as percentages (numbers, so that Excel sorts them as numbers).
 */
async function rankingWorkbook(ranking: Ranking): Promise<Buffer> {
  const columns = sheetColumns(ranking.of);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(`${RANKING_SUBJECT_LABELS[ranking.of]}排名`, { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.columns = columns.map((c) => ({ width: c.width, ...(c.rate ? { style: { numFmt: '0.0%' } } : {}) }));
  const title = sheet.addRow([titleOf(ranking)]);
  title.font = { bold: true, size: 14 };
  sheet.mergeCells(1, 1, 1, columns.length);
  sheet.addRow(columns.map((c) => c.header)).font = { bold: true };
  for (const row of ranking.rows) sheet.addRow(columns.map((c) => c.cell(row)));
  sheet.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: columns.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * 通报 (street and district admins): `GET /api/stats/ranking` ranks the units registered under a
 * node, or the communities in its subtree, by reporting, service and completion rate over a
 * period; `GET /api/stats/ranking.xlsx` answers the same as a spreadsheet.
 */
const rankingRoutes: FastifyPluginAsyncZod = async (app) => {
  const schema = { tags: ['stats'], security: [{ bearer: [] }], querystring: rankingQuerySchema };

  app.get(
    '/stats/ranking',
    {
      onRequest: app.authenticate,
      schema: { ...schema, summary: '通报：单位或社区按报到率、服务率、心愿完成率排名', response: { 200: rankingSchema } },
    },
    (request) => rankingOf(app, request, request.query),
  );

  app.get(
    '/stats/ranking.xlsx',
    { onRequest: app.authenticate, schema: { ...schema, summary: '通报排名（Excel）' } },
    async (request, reply) => {
      const ranking = await rankingOf(app, request, request.query);
      const names = ledgerFileNames(
        { list: `ranking-${ranking.of}`, label: `${RANKING_SUBJECT_LABELS[ranking.of]}排名${periodText(ranking.period).replace(/\s/g, '')}` },
        { name: ranking.subject.name, tag: `org${ranking.subject.id}` },
        app.now(),
      );
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', attachment(names))
        .header('cache-control', 'no-store')
        .send(await rankingWorkbook(ranking));
    },
  );
};

export default rankingRoutes;
