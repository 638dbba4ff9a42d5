import { photoSchema } from '@huijia/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../http/errors';
import { readUpload } from '../../http/upload';
import { loadViewer } from '../opinions/actors';
import { mayViewPhotos } from '../opinions/service';
import { loadRecord } from '../records/service';
import { loadForCaller } from '../wishes/service';
import { entitled } from '../wishes/view';
import { extensionOf } from './image';
import { THUMB_LONG_SIDE_PX, UPLOAD_BURST, UPLOAD_QUOTA } from './limits';
import { attachmentOf, getUpload, saveImage } from './service';
import { uploadStore } from './store';

const MB = 1024 * 1024;

/** Images: uploaded by anyone signed in, served back only to those who may see what they belong to. */
const uploadRoutes: FastifyPluginAsyncZod = async (app) => {
  const store = uploadStore(app.config.dataDir);
  const schema = { tags: ['uploads'], security: [{ bearer: [] }] };
  app.addHook('onRequest', app.authenticate);

  const postSchema = {
    ...schema,
    summary: `上传图片（字段 file：JPG、PNG、WebP，≤ 5 MB，存为 JPG；每个账号 24 小时内至多 ${UPLOAD_QUOTA.uploads} 张、${UPLOAD_QUOTA.bytes / MB} MB）`,
    response: { 201: photoSchema },
  };
  const burst = app.perAccount('upload', UPLOAD_BURST.uploads, UPLOAD_BURST.windowMs);
  app.post('/uploads', { schema: postSchema, preHandler: burst }, async (request, reply) => {
    const content = await readUpload(request, { required: 'UPLOAD_REQUIRED', tooLarge: 'UPLOAD_TOO_LARGE' });
    return reply.status(201).send(await saveImage(app.db, store, request.userId, content, app.now()));
  });

  const getSchema = {
    ...schema,
    summary: `查看图片（size=thumb：缩略图，长边 ≤ ${THUMB_LONG_SIDE_PX} px）`,
    params: z.object({ id: z.string().max(32) }),
    querystring: z.object({ size: z.enum(['full', 'thumb']).optional() }),
  };
  app.get('/uploads/:id', { schema: getSchema }, async (request, reply) => {
    const upload = await getUpload(app.db, request.params.id);
    if (upload.ownerId !== request.userId) {
      const attachment = await attachmentOf(app.db, upload.id);
      if (!attachment) throw notFound();
      const actor = await request.actor();
      if (attachment.kind === 'record') {
        await loadRecord(app.db, actor, String(attachment.recordId));
      } else if (attachment.kind === 'opinion') {
        // An open opinion's photos are not its neighbours' to see (opinions/privacy.ts).
        if (!(await mayViewPhotos(app.database, await loadViewer(app.database, actor), attachment.opinionId))) throw notFound();
      } else if (attachment.kind === 'project') {
        // A project's progress is public to everyone signed in: residents watch the work (项目认领).
      } else {
        const { actors } = await loadForCaller(app.database, actor, String(attachment.wishId));
        if (attachment.purpose === 'evidence' && !entitled(actors)) throw notFound();
      }
    }
    // An image uploaded before thumbnails were made is its own thumbnail.
    const key = request.query.size === 'thumb' ? (upload.thumbKey ?? upload.key) : upload.key;
    return reply
      .header('content-type', upload.contentType)
      .header('content-disposition', `inline; filename="${upload.id}.${extensionOf(upload.contentType)}"`)
      .header('cache-control', 'private, max-age=86400')
      .header('x-content-type-options', 'nosniff')
      .send(store.get(key));
  });
};

export default uploadRoutes;
