import {
  claimPostBodySchema,
  createPostBodySchema,
  decide,
  evaluateHolderBodySchema,
  listEnvelope,
  postListQuerySchema,
  postSchema,
  reasonBodySchema,
  updatePostBodySchema,
} from '@huijia/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../http/errors';
import { getCommunity, getOpenCommunity, parseId } from '../orgs/service';
import { findUser } from '../users/service';
import { claimSeat, closePost, createPost, describePost, endSeat, evaluateHolder, getPostRow, listPosts, updatePost } from './service';

const params = z.object({ id: z.string().max(32) });

/** Service posts: 定岗 (staff), 认岗 with a commitment (members), 示岗 (holders shown), 评岗. */
const postRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['posts'];
  const security = [{ bearer: [] }];
  app.addHook('onRequest', app.authenticate);
  const one = (summary: string) => ({ tags, security, summary, params, response: { 200: postSchema } });

  app.post('/posts', { schema: { tags, security, summary: '定岗：发布服务岗位', body: createPostBodySchema, response: { 201: postSchema } } }, async (request, reply) => {
    const community = await getOpenCommunity(app.nodes, request.body.communityId);
    const actor = await request.authorize('post.manage', { orgPath: community.path });
    return reply.status(201).send(await createPost(app.db, actor, community, request.body));
  });

  app.get('/posts', { schema: { tags, security, summary: '岗位大厅', querystring: postListQuerySchema, response: { 200: listEnvelope(postSchema) } } }, async (request) => {
    const { communityId, mine, ...rest } = request.query;
    const community = communityId ? await getCommunity(app.nodes, communityId) : null;
    return listPosts(app.db, await request.actor(), { ...rest, communityId: community?.id, mine: Boolean(mine) });
  });

  app.get('/posts/:id', { schema: one('岗位详情') }, async (request) =>
    describePost(app.db, await request.actor(), await getPostRow(app.db, request.params.id)),
  );

  app.put('/posts/:id', { schema: { ...one('修改岗位（名额不少于已认领人数）'), body: updatePostBodySchema } }, async (request) => {
    const post = await getPostRow(app.db, request.params.id);
    const actor = await request.authorize('post.manage', { orgPath: post.communityPath });
    return updatePost(app.db, actor, post, request.body);
  });

  app.post('/posts/:id/close', { schema: one('关闭岗位') }, async (request) => {
    const post = await getPostRow(app.db, request.params.id);
    const actor = await request.authorize('post.manage', { orgPath: post.communityPath });
    return closePost(app.db, actor, post);
  });

  app.post('/posts/:id/claim', { schema: { ...one('认岗（写下认岗承诺）'), body: claimPostBodySchema } }, async (request) => {
    const post = await getPostRow(app.db, request.params.id);
    return claimSeat(app.db, await request.authorize('report.create'), post, request.body.commitment, app.now());
  });

  app.post('/posts/:id/leave', { schema: one('退出岗位') }, async (request) => {
    const post = await getPostRow(app.db, request.params.id);
    return endSeat(app.db, await request.actor(), post, request.userId, 'left', null, app.now());
  });

  app.post(
    '/posts/:id/holders/:memberId/remove',
    { schema: { ...one('移出岗位'), params: params.extend({ memberId: z.string().max(32) }), body: reasonBodySchema } },
    async (request) => {
      const post = await getPostRow(app.db, request.params.id);
      const actor = await request.authorize('post.manage', { orgPath: post.communityPath });
      const memberId = parseId(request.params.memberId);
      if (memberId === null) throw notFound();
      return endSeat(app.db, actor, post, memberId, 'removed', request.body.reason, app.now());
    },
  );

  app.post('/posts/:id/evaluations', { schema: { ...one('评岗'), body: evaluateHolderBodySchema } }, async (request) => {
    const post = await getPostRow(app.db, request.params.id);
    const actor = await request.actor();
    const isStaff = decide(actor.grants, 'post.manage', { orgPath: post.communityPath }) === 'allow';
    const user = await findUser(app.db, actor.userId);
    return evaluateHolder(app.db, actor, post, isStaff, { communityId: user?.homeCommunityId ?? null, since: user?.homeCommunitySince ?? null }, request.body, app.now());
  });
};

export default postRoutes;
