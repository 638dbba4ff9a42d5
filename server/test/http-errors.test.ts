import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { buildTestApp, type TestApp } from './support/app';
import { expectError } from './support/identity';

let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp({
    // A route of the tests' own, to see the one error handler at work on a validated body.
    configure: (app) =>
      app.withTypeProvider<ZodTypeProvider>().post(
        '/api/test/echo',
        { schema: { body: z.object({ name: z.string().min(1), age: z.number().int(), tags: z.array(z.string()) }) } },
        async (request) => request.body,
      ),
  });
});
afterAll(() => t.close());

describe('error answers', () => {
  it('answers an unknown route with 404 ROUTE_NOT_FOUND', async () => {
    expectError(await t.app.inject({ method: 'GET', url: '/api/no-such-thing' }), 404, 'ROUTE_NOT_FOUND');
    expectError(await t.app.inject({ method: 'DELETE', url: '/api/health' }), 404, 'ROUTE_NOT_FOUND');
  });

  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/test/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    expectError(res, 400, 'MALFORMED_JSON');
  });

  it('answers an oversized body with 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/test/echo',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024), age: 1, tags: [] }),
    });
    expectError(res, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('answers a content type it does not read with 415', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/test/echo',
      headers: { 'content-type': 'application/xml' },
      payload: '<a/>',
    });
    expectError(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('lists each bad field of a body with its path', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/test/echo',
      payload: { name: '', age: 'old', tags: ['ok', 3] },
    });
    const error = expectError(res, 400, 'VALIDATION_FAILED');
    const paths = (error.details as { path: string; message: string }[]).map((d) => d.path).sort();
    expect(paths).toEqual(['body.age', 'body.name', 'body.tags.1']);
  });

  it('passes a valid body through', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/test/echo', payload: { name: 'a', age: 1, tags: [] } });
    expect(res.statusCode).toBe(200);
  });
});

describe('the API document', () => {
  it('serves OpenAPI at /api/openapi.json', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.paths['/api/health']).toBeDefined();
  });

  it('serves a browsable page at /api/docs', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/html/);
  });
});
