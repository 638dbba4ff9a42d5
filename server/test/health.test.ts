import { healthSchema } from '@huijia/shared';
import { buildTestApp } from './support/app';

describe('GET /api/health', () => {
  it('answers ok while the database answers', async () => {
    const t = await buildTestApp();
    try {
      const res = await t.app.inject({ method: 'GET', url: '/api/health' });
      expect(res.statusCode).toBe(200);
      expect(healthSchema.parse(res.json())).toEqual({ status: 'ok', db: 'ok' });
    } finally {
      await t.close();
    }
  });

  it('answers 503 when the database is gone', async () => {
    const t = await buildTestApp();
    try {
      await t.app.database.close();
      const res = await t.app.inject({ method: 'GET', url: '/api/health' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ status: 'unavailable', db: 'down' });
    } finally {
      await t.close();
    }
  });
});
