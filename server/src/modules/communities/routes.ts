import { communitySettingsSchema } from '@huijia/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getCommunity } from '../orgs/service';
import { setSettings, settingsOf } from './settings';

const params = z.object({ id: z.string().max(32) });

/** A community's settings (社区设置), for its staff: claim deadlines and the household pairing cap. */
const communityRoutes: FastifyPluginAsyncZod = async (app) => {
  const schema = { tags: ['communities'], security: [{ bearer: [] }], params, response: { 200: communitySettingsSchema } };
  app.addHook('onRequest', app.authenticate);

  app.get('/communities/:id/settings', { schema: { ...schema, summary: '社区设置' } }, async (request) => {
    const community = await getCommunity(app.nodes, request.params.id);
    await request.authorize('community.manage', { orgPath: community.path });
    return settingsOf(app.db, community.id);
  });

  app.put('/communities/:id/settings', { schema: { ...schema, summary: '修改社区设置（认领期限、每户结对上限）', body: communitySettingsSchema } }, async (request) => {
    const community = await getCommunity(app.nodes, request.params.id);
    const actor = await request.authorize('community.manage', { orgPath: community.path });
    return setSettings(app.db, actor.userId, community, request.body);
  });
};

export default communityRoutes;
