import {
  AUDIT_LEDGER_LABEL,
  AUDIT_OBJECT_LABELS,
  EXPORT_LIST_LABELS,
  PERIOD_EXPORT_LISTS,
  REMINDER_LEDGER_LABEL,
  auditExportQuerySchema,
  exportParamsSchema,
  exportQuerySchema,
  mayTake,
  nodePeriodQuerySchema,
  reminderExportQuerySchema,
  type PeriodExportList,
} from '@huijia/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError, forbidden, notFound } from '../../http/errors';
import { auditRows, auditScopes, type AuditSubject } from '../audit/trail';
import { getOrgNode } from '../orgs/service';
import { getReminder } from '../reminders/service';
import { nodePeriodAsked } from '../stats/period';
import { getUnitRow, unitTarget } from '../units/service';
import type { Actor } from '../users/actor';
import { attachment, ledgerFileNames } from './download';
import { PERIOD_LEDGERS } from './ledgers';
import { auditLedger } from './ledgers/audit';
import { reminderLedger } from './ledgers/reminders';
import { findLedger } from './service';
import { viewerOf } from './viewer';
import { XLSX_TYPE, streamWorkbook, type SheetContent } from './workbook';

const MINUTE = 60_000;
/** A ledger reads every row of a subtree: a few an account, a few at once in a process. */
const EXPORTS_PER_WINDOW = 10;
const EXPORTS_AT_ONCE = 2;

/** The ledgers of a period: what each is, and the query of the figures it goes with. */
const PERIOD_LEDGER_ROUTES = {
  opinions: {
    summary: '导出民情台账（Excel）：某节点及其下级在统计期间（from..to，默认近 12 个月）提出的民情',
    querystring: nodePeriodQuerySchema,
  },
  activities: {
    summary: '导出活动台账（Excel）：某节点及其下级在统计期间（from..to，默认近 12 个月）开始的活动',
    querystring: nodePeriodQuerySchema,
  },
  partnership: {
    summary: '导出共建台账（Excel）：某节点及其下级在统计期间（from..to，默认近 12 个月）有效或签订的共建协议，和期间内进行中的共建项目',
    querystring: nodePeriodQuerySchema,
  },
} satisfies Record<PeriodExportList, { summary: string; querystring: unknown }>;

/**
 * Ledgers (台账) as spreadsheets: `GET /api/exports/:list.xlsx?orgId=` (or `?unitId=`), the ledgers
 * of a period `GET /api/exports/{opinions,activities,partnership}.xlsx?orgId=&from=&to=` (民情台账,
 * 活动台账, 共建台账: its agreements and its projects, two sheets),
 * the audit trail's `GET /api/exports/audit.xlsx` (操作日志台账, with the trail's filters) and a
 * unit's 催报名单 `GET /api/exports/reminders.xlsx?unitId=&reminderId=`. Everything that can fail with an answer
 * (validation, 404, 403, 400) is decided before the first byte; then the workbook streams, its rows
 * fetched in batches. Every ledger shares the limits.
 */
const exportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', app.authenticate);
  const perAccount = app.perAccount('export', EXPORTS_PER_WINDOW, 10 * MINUTE);
  /** Ledgers being written now, in this process. */
  let streaming = 0;

  /** 429 while this process already writes as many ledgers as it may. */
  const refuseWhenBusy = (reply: FastifyReply) => {
    if (app.config.writeLimits && streaming >= EXPORTS_AT_ONCE) {
      reply.header('retry-after', '5');
      throw new AppError(429, 'RATE_LIMITED', undefined, { retryAfterSeconds: 5 });
    }
  };

  const send = (request: FastifyRequest, reply: FastifyReply, sheet: SheetContent | readonly SheetContent[], names: { utf8: string; ascii: string }) => {
    const sheetNames = (Array.isArray(sheet) ? sheet : [sheet as SheetContent]).map((s) => s.name).join(',');
    const workbook = streamWorkbook(sheet, (err) => request.log.error({ err, sheet: sheetNames }, 'a ledger export failed after it began'));
    streaming += 1;
    workbook.once('close', () => (streaming -= 1));
    return reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(names)).header('cache-control', 'no-store').send(workbook);
  };

  // Declared before `:list.xlsx`, and static: the router tries it first.
  app.get(
    '/exports/audit.xlsx',
    {
      preHandler: perAccount,
      schema: {
        tags: ['audit'],
        security: [{ bearer: [] }],
        summary: '导出操作日志台账（Excel）：某节点及其下级，或某对象的处理记录；筛选同 /api/audit',
        querystring: auditExportQuerySchema,
      },
    },
    async (request, reply) => {
      refuseWhenBusy(reply);
      const { orgId, objectType, objectId, ...filters } = request.query;
      let subject: AuditSubject;
      let of: { name: string; tag: string };
      let actor: Actor;
      if (orgId) {
        const node = await getOrgNode(app.nodes, orgId);
        actor = await request.authorize('audit.read', { orgPath: node.path });
        subject = { path: node.path };
        of = { name: node.name, tag: `org${node.id}` };
      } else {
        actor = await request.actor();
        if (!mayTake(actor.grants, 'audit.read')) throw forbidden();
        subject = { type: objectType!, id: objectId!, scopes: auditScopes(actor.grants) };
        if ((await auditRows(app.replica, subject, {}, 'oldest', null, 1)).length === 0) throw notFound();
        of = { name: `${AUDIT_OBJECT_LABELS[objectType!]}${objectId}`, tag: `${objectType}${objectId}` };
      }
      const viewer = await viewerOf(app.db, actor);
      const sheet = { name: AUDIT_LEDGER_LABEL, columns: auditLedger.columns, rows: auditLedger.rows(app.replica, { subject, filters }, viewer) };
      return send(request, reply, sheet, ledgerFileNames({ list: 'audit', label: AUDIT_LEDGER_LABEL }, of, app.now()));
    },
  );

  // Static too, and declared before `:list.xlsx`.
  app.get(
    '/exports/reminders.xlsx',
    {
      preHandler: perAccount,
      schema: {
        tags: ['units'],
        security: [{ bearer: [] }],
        summary: '导出催报名单（Excel）：某次催报（reminderId）或单位的全部催报，提醒了谁、如何提醒',
        querystring: reminderExportQuerySchema,
      },
    },
    async (request, reply) => {
      refuseWhenBusy(reply);
      const unit = await getUnitRow(app.db, request.query.unitId);
      // Those who may remind the unit's members, and no one else, read whom it reminded.
      const actor = await request.authorize('report.remind', unitTarget(unit));
      const { reminderId } = request.query;
      const reminder = reminderId === undefined ? null : await getReminder(app.db, unit, reminderId);
      const viewer = await viewerOf(app.db, actor);
      const scope = { unit, reminderId: reminder ? Number(reminder.id) : null };
      // From the primary: one unit's list is small, and is exported right after it was sent,
      // before a replica may have it.
      const sheet = { name: REMINDER_LEDGER_LABEL, columns: reminderLedger.columns, rows: reminderLedger.rows(app.db, scope, viewer) };
      const of = reminder ? { name: `${unit.name}-${reminder.day}`, tag: `reminder${reminder.id}` } : { name: unit.name, tag: `unit${unit.id}` };
      return send(request, reply, sheet, ledgerFileNames({ list: 'reminders', label: REMINDER_LEDGER_LABEL }, of, app.now()));
    },
  );

  // Static too, and declared before `:list.xlsx`: the ledgers of a period, as the figures they go with.
  for (const list of PERIOD_EXPORT_LISTS) {
    const { summary, querystring } = PERIOD_LEDGER_ROUTES[list];
    app.get(
      `/exports/${list}.xlsx`,
      { preHandler: perAccount, schema: { tags: ['stats'], security: [{ bearer: [] }], summary, querystring } },
      async (request, reply) => {
        refuseWhenBusy(reply);
        // Whoever reads the node's figures reads what is behind them.
        const { node, period, actor } = await nodePeriodAsked(app, request, request.query);
        const viewer = await viewerOf(app.db, actor);
        const label = EXPORT_LIST_LABELS[list];
        const scope = { node, period, now: app.now() };
        const sheets = PERIOD_LEDGERS[list].map(({ name, ledger }) => ({ name: name ?? label, columns: ledger.columns, rows: ledger.rows(app.replica, scope, viewer) }));
        return send(request, reply, sheets, ledgerFileNames({ list, label }, { name: node.name, tag: `org${node.id}` }, app.now()));
      },
    );
  }

  app.get(
    '/exports/:list.xlsx',
    {
      preHandler: perAccount,
      schema: {
        tags: ['stats'],
        security: [{ bearer: [] }],
        summary: '导出台账（Excel）：微心愿、岗位与认岗、服务记实、报到、党员名册',
        params: exportParamsSchema,
        querystring: exportQuerySchema,
      },
    },
    async (request, reply) => {
      refuseWhenBusy(reply);
      const { list } = request.params;
      // Ledgers read the replica when there is one.
      const ledger = await findLedger(app.replica, app.nodes, list, request.query);
      const viewer = await viewerOf(app.db, await request.authorize('stats.read', ledger.target));
      const sheet = { name: EXPORT_LIST_LABELS[list], columns: ledger.columns, rows: ledger.rows(viewer) };
      return send(request, reply, sheet, ledgerFileNames({ list, label: EXPORT_LIST_LABELS[list] }, ledger.of, app.now()));
    },
  );
};

export default exportRoutes;
