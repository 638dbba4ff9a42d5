import {
  departRosterEntryBodySchema,
  listEnvelope,
  reportingFiguresSchema,
  rosterImportQuerySchema,
  rosterImportResultSchema,
  rosterMemberSchema,
  unitMembersQuerySchema,
} from '@huijia/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readUpload } from '../../http/upload';
import { getUnitRow } from '../units/service';
import { unitFigures } from './figures';
import { parseRoster } from './parse';
import { departRosterEntry, importRoster, listRosterMembers } from './service';

const params = z.object({ id: z.string().max(32) });
const entryParams = params.extend({ entryId: z.string().max(32) });

/** A unit's roster: import (CSV or XLSX; added to, or replaced), members leaving it, and the members
 *  with their reports (信息比对). */
const rosterRoutes: FastifyPluginAsyncZod = async (app) => {
  const schema = { tags: ['units'], security: [{ bearer: [] }] };
  app.addHook('onRequest', app.authenticate);

  /** Wishes went back to published: this process's halls show it at once (others within a second). */
  const wishesChanged = (communityIds: number[]) => {
    for (const id of communityIds) app.hall.changed(id);
  };

  app.post(
    '/units/:id/roster',
    {
      schema: {
        ...schema,
        summary: '导入党员名册（CSV 或 XLSX，字段 file；mode=replace 整体替换，名册外的党员离开名册；dryRun=1 预览）',
        params,
        querystring: rosterImportQuerySchema,
        response: { 200: rosterImportResultSchema },
      },
    },
    async (request) => {
      const unit = await getUnitRow(app.db, request.params.id);
      const actor = await request.authorize('roster.import', { unitId: String(unit.id), unitOrgPath: unit.orgPath });
      const content = await readUpload(request, { required: 'ROSTER_FILE_REQUIRED', tooLarge: 'ROSTER_FILE_TOO_LARGE' });
      const { result, wishCommunities } = await importRoster(app.db, actor.userId, unit, await parseRoster(content), request.query, app.now());
      wishesChanged(wishCommunities);
      return result;
    },
  );

  app.post(
    '/units/:id/roster/:entryId/depart',
    {
      schema: {
        ...schema,
        summary: '党员离开名册（离开原因必填；其进行中的报到随之结束）',
        params: entryParams,
        body: departRosterEntryBodySchema,
        response: { 200: rosterMemberSchema },
      },
    },
    async (request) => {
      const unit = await getUnitRow(app.db, request.params.id);
      const actor = await request.authorize('roster.import', { unitId: String(unit.id), unitOrgPath: unit.orgPath });
      const { member, wishCommunities } = await departRosterEntry(app.db, actor.userId, unit, request.params.entryId, request.body.reason, app.now());
      wishesChanged(wishCommunities);
      return member;
    },
  );

  app.get(
    '/units/:id/members',
    {
      schema: {
        ...schema,
        summary: '名册与报到情况（信息比对）',
        params,
        querystring: unitMembersQuerySchema,
        response: { 200: listEnvelope(rosterMemberSchema).extend({ figures: reportingFiguresSchema }) },
      },
    },
    async (request) => {
      const unit = await getUnitRow(app.db, request.params.id);
      await request.authorize('roster.read', { unitId: String(unit.id), unitOrgPath: unit.orgPath });
      const { status, limit, cursor } = request.query;
      const list = await listRosterMembers(app.db, unit.id, status, limit, cursor);
      return { ...list, figures: await unitFigures(app.db, unit.id) };
    },
  );
};

export default rosterRoutes;
