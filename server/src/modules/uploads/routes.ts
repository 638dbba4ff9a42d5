import path from 'node:path';
import { photoSchema } from '@huijia/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../http/errors';
import { readUpload } from '../../http/upload';
import { loadRecord } from '../records/service';
import { loadForCaller } from '../wishes/service';
import { attachmentOf, getUpload, saveImage } from './service';
import { diskStore } from './store';

/** Images: uploaded by anyone signed in, served back only to those who may see what they belong to. */
const uploadRoutes: FastifyPluginAsyncZod = async (app) => {
  const store = diskStore(path.join(app.config.dataDir, 'uploads'));
  const schema = { tags: ['uploads'], security: [{ bearer: [] }] };
  app.addHook('onRequest', app.authenticate);

  app.post('/uploads', { schema: { ...schema, summary: '上传图片（字段 file：JPG、PNG、WebP，≤ 5 MB）', response: { 201: photoSchema } } }, async (request, reply) => {
    const content = await readUpload(request, { required: 'UPLOAD_REQUIRED', tooLarge: 'UPLOAD_TOO_LARGE' });
    return reply.status(201).send(await saveImage(app.db, store, request.userId, content));
  });

  app.get('/uploads/:id', { schema: { ...schema, summary: '查看图片', params: z.object({ id: z.string().max(32) }) } }, async (request, reply) => {
    const upload = await getUpload(app.db, request.params.id);
    if (upload.ownerId !== request.userId) {
      const attachment = await attachmentOf(app.db, upload.id);
      if (!attachment) throw notFound();
      const actor = await request.actor();
      if (attachment.kind === 'record') {
        await loadRecord(app.db, actor, String(attachment.recordId));
      } else {
        const { actors } = await loadForCaller(app.database, actor, String(attachment.wishId));
        const entitled = actors.some((a) => a === 'resident' || a === 'claimant' || a === 'staff');
        if (attachment.purpose === 'evidence' && !entitled) throw notFound();
      }
    }
    return reply
      .header('content-type', upload.contentType)
      .header('cache-control', 'private, max-age=86400')
      .header('x-content-type-options', 'nosniff')
      .send(store.get(upload.key));
  });
};

export default uploadRoutes;
