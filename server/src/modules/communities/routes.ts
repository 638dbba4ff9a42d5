import { communitySettingsSchema, staffQueueCountsSchema } from '@huijia/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getCommunity } from '../orgs/service';
import { staffQueueCounts } from './queues';
import { setSettings, settingsOf } from './settings';

const params = z.object({ id: z.string().max(32) });

/** For a community's staff: its settings (社区设置: claim deadlines, the household pairing cap) and the counts of 工作台. */
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

  app.get(
    '/communities/:id/queues',
    { schema: { ...schema, summary: '工作台待办数（待审核心愿、心愿异议、待确认报到、待核实服务）', response: { 200: staffQueueCountsSchema } } },
    async (request) => {
      const community = await getCommunity(app.nodes, request.params.id);
      await request.authorize('community.manage', { orgPath: community.path });
      return staffQueueCounts(app.db, community.id);
    },
  );
};

export default communityRoutes;
