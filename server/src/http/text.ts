import { unstorableTextAt } from '@huijia/shared';
import type { FastifyInstance } from 'fastify';
import { AppError } from './errors';

/**
 * Every request's body, query and path parameters are checked once, before validation, for text
 * that cannot be kept (shared's isStorableText): 400 INVALID_TEXT naming the field, instead of the
 * database refusing it later.
 */
export function registerTextCheck(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const [where, value] of [['params', request.params], ['querystring', request.query], ['body', request.body]] as const) {
      const path = unstorableTextAt(value);
      if (path) throw new AppError(400, 'INVALID_TEXT', undefined, [{ path: [where, ...path].join('.'), message: '含有无法识别的字符' }]);
    }
  });
}
