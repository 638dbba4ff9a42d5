import { count, eq } from 'drizzle-orm';
import { uploads, wishes } from '../src/db/schema';
import { buildTestApp, type TestApp } from './support/app';
import { demoIds } from './support/identity';
import {
  JPEG,
  PNG,
  WEBP,
  APP_START_TIMEOUT,
  WHO,
  api,
  asWish,
  callersOf,
  expectCode,
  jpegOfSize,
  multipart,
  postImage,
  uploadImage,
  wishBody,
  wishIn,
  type Caller,
  type Who,
} from './support/wishes';

// Images (POST /api/uploads, GET /api/uploads/:id): accepted by what their bytes are, at most
// 5 MB, and served back only to those who may see what they belong to.

const MB = 1024 * 1024;

let t: TestApp;
let p: Record<Who, Caller>;
let longjin: string;

beforeAll(async () => {
  t = await buildTestApp({ env: { SEED_DEMO: '1' } });
  longjin = (await demoIds(t.app))['龙津社区']!;
  p = await callersOf(t.app, WHO);
}, APP_START_TIMEOUT);
afterAll(() => t.close());

const uploadsOf = async (who: Caller) =>
  (await t.app.db.select({ n: count() }).from(uploads).where(eq(uploads.ownerId, who.userId)))[0]!.n;
const fetchImage = (who: Caller, url: string) => api(t.app, who, 'GET', url);
const cast = () => ({ resident: p.resident, staff: p.staff, claimant: p.claimant });

/** Expects each person to be served the image (200) or not to find it (404). */
async function expectServed(url: string, served: Who[], refused: Who[]) {
  const answers: Record<string, number> = {};
  for (const who of [...served, ...refused]) answers[who] = (await fetchImage(p[who], url)).statusCode;
  expect(answers).toEqual(Object.fromEntries([...served.map((w) => [w, 200]), ...refused.map((w) => [w, 404])]));
}

describe('an image is accepted by its bytes: JPEG, PNG and WebP', () => {
  it.each([
    ['JPEG', 'image/jpeg', JPEG],
    ['PNG', 'image/png', PNG],
    ['WebP', 'image/webp', WEBP],
  ])('accepts a %s with 201 and serves the same bytes back to its owner as %s', async (_kind, type, bytes) => {
    const photo = await uploadImage(t.app, p.resident, bytes);
    expect(photo.url).toBe(`/api/uploads/${photo.id}`);
    const res = await fetchImage(p.resident, photo.url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(type);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.rawPayload.equals(bytes)).toBe(true);
  });

  it('stores a PNG sent as photo.jpg with type image/jpeg as the PNG it is', async () => {
    const res = await postImage(t.app, p.resident, PNG, 'photo.jpg', 'image/jpeg');
    expect(res.statusCode).toBe(201);
    expect((await fetchImage(p.resident, res.json().url)).headers['content-type']).toBe('image/png');
  });

  it('accepts an image of exactly 5 MB', async () => {
    const photo = await uploadImage(t.app, p.resident, jpegOfSize(5 * MB));
    expect((await fetchImage(p.resident, photo.url)).rawPayload.length).toBe(5 * MB);
  });
});

describe('anything that is not an image of at most 5 MB is refused, and nothing is stored', () => {
  it.each([
    ['a text file named photo.jpg sent as image/jpeg', Buffer.from('这不是图片，只是一段文字。\n'), 'photo.jpg', 'image/jpeg'],
    ['a GIF', Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'), 'photo.gif', 'image/gif'],
    ['a PDF named photo.png', Buffer.from('%PDF-1.4\n1 0 obj\n'), 'photo.png', 'image/png'],
    ['an empty file', Buffer.alloc(0), 'photo.jpg', 'image/jpeg'],
    ['an HTML page named photo.webp', Buffer.from('<html><script>alert(1)</script></html>'), 'photo.webp', 'image/webp'],
  ])('refuses %s with 400 UPLOAD_NOT_IMAGE', async (_what, content, filename, type) => {
    const before = await uploadsOf(p.resident);
    expectCode(await postImage(t.app, p.resident, content, filename, type), 400, 'UPLOAD_NOT_IMAGE');
    expect(await uploadsOf(p.resident)).toBe(before);
  });

  it('refuses an image over 5 MB with 400 UPLOAD_TOO_LARGE', async () => {
    const before = await uploadsOf(p.resident);
    expectCode(await postImage(t.app, p.resident, jpegOfSize(5 * MB + 1)), 400, 'UPLOAD_TOO_LARGE');
    expectCode(await postImage(t.app, p.resident, jpegOfSize(8 * MB)), 400, 'UPLOAD_TOO_LARGE');
    expect(await uploadsOf(p.resident)).toBe(before);
  });

  it.each([
    ['no body at all', () => ({ payload: undefined, headers: {} })],
    ['a JSON body', () => ({ payload: { file: 'photo.jpg' }, headers: {} })],
    ['a form with a text field only', () => multipart([{ name: 'note', content: '没有文件' }])],
  ])('answers %s with 400 UPLOAD_REQUIRED', async (_what, build) => {
    const { payload, headers } = build();
    expectCode(await api(t.app, p.resident, 'POST', '/api/uploads', payload, headers), 400, 'UPLOAD_REQUIRED');
  });

  it('answers 401 to an upload without a session', async () => {
    const form = multipart([{ name: 'file', filename: 'photo.jpg', contentType: 'image/jpeg', content: JPEG }]);
    const res = await t.app.inject({ method: 'POST', url: '/api/uploads', payload: form.payload, headers: form.headers });
    expectCode(res, 401, 'UNAUTHENTICATED');
  });
});

describe('an upload not attached to anything is served to its owner only', () => {
  it('serves it to its owner and answers 404 to everyone else, staff included', async () => {
    const photo = await uploadImage(t.app, p.unrelatedResident);
    await expectServed(photo.url, ['unrelatedResident'], ['resident', 'staff', 'reportedMember', 'streetAdmin']);
  });

  it.each(['abc', '-1', '99999999999999999999', '987654321'])('answers 404 NOT_FOUND for the upload id %s', async (id) => {
    expectCode(await fetchImage(p.resident, `/api/uploads/${id}`), 404, 'NOT_FOUND');
  });
});

describe('a wish’s photo is served to whoever may see the wish', () => {
  it('under review only to the resident and staff; once published to anyone signed in; withdrawn, no longer to others', async () => {
    const photo = await uploadImage(t.app, p.resident, PNG);
    const wish = asWish(await api(t.app, p.resident, 'POST', '/api/wishes', wishBody({ communityId: longjin, photoIds: [photo.id] })), 201);
    expect(wish.photos).toEqual([photo]);
    await expectServed(photo.url, ['resident', 'staff', 'streetAdmin'], ['reportedMember', 'otherStaff', 'unrelatedResident', 'memberReportedElsewhere']);

    expect(asWish(await api(t.app, p.staff, 'POST', `/api/wishes/${wish.id}/approve`)).photos).toEqual([photo]);
    await expectServed(photo.url, ['resident', 'staff', 'reportedMember', 'otherStaff', 'unrelatedResident', 'memberReportedElsewhere'], []);
    expect(asWish(await api(t.app, p.unrelatedResident, 'GET', `/api/wishes/${wish.id}`)).photos).toEqual([photo]);

    expect(asWish(await api(t.app, p.resident, 'POST', `/api/wishes/${wish.id}/withdraw`)).status).toBe('withdrawn');
    await expectServed(photo.url, ['resident', 'staff'], ['reportedMember', 'otherStaff', 'unrelatedResident']);
  });
});

describe('evidence photos are served only to the resident, the claimant and staff of the community', () => {
  it('serves the claimant’s evidence to the three of them and answers 404 to everyone else, before and after completion', async () => {
    const wish = await wishIn(t.app, cast(), longjin, 'contacted');
    const evidence = [await uploadImage(t.app, p.claimant, JPEG), await uploadImage(t.app, p.claimant, WEBP)];
    const fulfilled = asWish(
      await api(t.app, p.claimant, 'POST', `/api/wishes/${wish.id}/fulfil`, { note: '已陪同就医', photoIds: evidence.map((e) => e.id) }),
    );
    expect(fulfilled.evidence.map((e) => e.id).sort()).toEqual(evidence.map((e) => e.id).sort());
    const others: Who[] = ['reportedMember', 'memberReportedElsewhere', 'otherStaff', 'unrelatedResident', 'streetAdmin', 'districtAdmin'];
    for (const e of evidence) await expectServed(e.url, ['resident', 'claimant', 'staff'], others);
    // The wish is public, but its evidence is not listed to others either.
    expect(asWish(await api(t.app, p.reportedMember, 'GET', `/api/wishes/${wish.id}`)).evidence).toEqual([]);

    expect(asWish(await api(t.app, p.resident, 'POST', `/api/wishes/${wish.id}/confirm`, { rating: 5 })).status).toBe('completed');
    for (const e of evidence) await expectServed(e.url, ['resident', 'claimant', 'staff'], others);
  });
});

describe('photoIds take only the caller’s own uploads not yet attached', () => {
  it('refuses someone else’s upload on a new wish with 400 UPLOAD_NOT_FOUND and makes no wish', async () => {
    const foreign = await uploadImage(t.app, p.unrelatedResident);
    const body = wishBody({ communityId: longjin, title: '带别人照片的心愿', photoIds: [foreign.id] });
    const before = (await t.app.db.select({ n: count() }).from(wishes).where(eq(wishes.residentId, p.resident.userId)))[0]!.n;
    expectCode(await api(t.app, p.resident, 'POST', '/api/wishes', body), 400, 'UPLOAD_NOT_FOUND');
    expect((await t.app.db.select({ n: count() }).from(wishes).where(eq(wishes.residentId, p.resident.userId)))[0]!.n).toBe(before);
    // The owner's photo stays theirs alone.
    await expectServed(foreign.url, ['unrelatedResident'], ['resident', 'staff']);
  });

  it('refuses someone else’s upload as evidence: the wish stays claimed, with no evidence', async () => {
    const wish = await wishIn(t.app, cast(), longjin, 'claimed');
    const foreign = await uploadImage(t.app, p.reportedMember);
    expectCode(await api(t.app, p.claimant, 'POST', `/api/wishes/${wish.id}/fulfil`, { note: '已完成', photoIds: [foreign.id] }), 400, 'UPLOAD_NOT_FOUND');
    expect(asWish(await api(t.app, p.claimant, 'GET', `/api/wishes/${wish.id}`))).toMatchObject({ status: 'claimed', evidence: [] });
  });

  it.each([
    ['an upload already attached to another wish', 'attached'],
    ['an id of no upload', '987654321'],
    ['an id that cannot be one', 'abc'],
  ])('refuses %s with 400 UPLOAD_NOT_FOUND', async (_what, which) => {
    let id = which;
    if (which === 'attached') {
      const photo = await uploadImage(t.app, p.resident);
      asWish(await api(t.app, p.resident, 'POST', '/api/wishes', wishBody({ communityId: longjin, photoIds: [photo.id] })), 201);
      id = photo.id;
    }
    expectCode(await api(t.app, p.resident, 'POST', '/api/wishes', wishBody({ communityId: longjin, photoIds: [id] })), 400, 'UPLOAD_NOT_FOUND');
  });

  it('refuses more than 6 photos with 400 VALIDATION_FAILED', async () => {
    const photos = [];
    for (let i = 0; i < 7; i++) photos.push((await uploadImage(t.app, p.resident)).id);
    expectCode(await api(t.app, p.resident, 'POST', '/api/wishes', wishBody({ communityId: longjin, photoIds: photos })), 400, 'VALIDATION_FAILED');
  });
});
