import {
  listEnvelope,
  reportingFiguresSchema,
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
import { importRoster, listRosterMembers } from './service';

const params = z.object({ id: z.string().max(32) });

/** A unit's roster: import (CSV or XLSX) and the members with their reports (信息比对). */
const rosterRoutes: FastifyPluginAsyncZod = async (app) => {
  const schema = { tags: ['units'], security: [{ bearer: [] }] };
  app.addHook('onRequest', app.authenticate);

  app.post(
    '/units/:id/roster',
    { schema: { ...schema, summary: '导入党员名册（CSV 或 XLSX，字段 file）', params, response: { 200: rosterImportResultSchema } } },
    async (request) => {
      const unit = await getUnitRow(app.db, request.params.id);
      const actor = await request.authorize('roster.import', { unitId: String(unit.id), unitOrgPath: unit.orgPath });
      const content = await readUpload(request, { required: 'ROSTER_FILE_REQUIRED', tooLarge: 'ROSTER_FILE_TOO_LARGE' });
      return importRoster(app.db, actor.userId, unit, await parseRoster(content));
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
