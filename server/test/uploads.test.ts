import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { and, count, eq, gt } from 'drizzle-orm';
import sharp from 'sharp';
import { uploads, wishes } from '../src/db/schema';
import { saveImage } from '../src/modules/uploads/service';
import { uploadStore, type BlobStore } from '../src/modules/uploads/store';
import { sweepUnattachedUploads } from '../src/modules/uploads/sweep';
import { buildTestApp, type TestApp } from './support/app';
import { demoIds } from './support/identity';
import {
  CAMERA_MARK,
  COMMENT_MARK,
  GPS_MARK,
  SMALL_JPEG,
  SMALL_PNG,
  SMALL_WEBP,
  cameraPhoto,
  decompressionBomb,
  filesUnder,
  imageInfo,
  lightness,
  padJpeg,
} from './support/images';
import { logRecord, newResident, recordBody, session } from './support/service';
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

// Images (POST /api/uploads, GET /api/uploads/:id): accepted by what their bytes are and what their
// pixels decode to, at most 5 MB; stored redrawn as a JPEG of at most 2048 px with a thumbnail and
// no metadata; at most 60 uploads and 60 MB per account in any 24 hours; served back only to those
// who may see what they belong to; removed a day after they were made if attached to nothing.

const MB = 1024 * 1024;
const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

let t: TestApp;
let p: Record<Who, Caller>;
let longjin: string;
let store: BlobStore;
let uploadDir: string;

beforeAll(async () => {
  t = await buildTestApp({ env: { SEED_DEMO: '1' } });
  longjin = (await demoIds(t.app))['龙津社区']!;
  p = await callersOf(t.app, WHO);
  store = uploadStore(t.config.dataDir);
  uploadDir = path.join(t.config.dataDir, 'uploads');
}, APP_START_TIMEOUT);
afterAll(() => t.close());

const upload = (who: Caller, content: Buffer = SMALL_JPEG) => uploadImage(t.app, who, content);
const uploadsOf = async (who: Caller) =>
  (await t.app.db.select({ n: count() }).from(uploads).where(eq(uploads.ownerId, who.userId)))[0]!.n;
const allUploads = async () => (await t.app.db.select({ n: count() }).from(uploads))[0]!.n;
/** The caller's rows and every file on the store's disk. */
const storedBy = async (who: Caller) => ({ rows: await uploadsOf(who), files: filesUnder(uploadDir) });
const fetchImage = (who: Caller, url: string) => api(t.app, who, 'GET', url);
const rowOf = async (photo: { id: string }) => (await t.app.db.select().from(uploads).where(eq(uploads.id, Number(photo.id))))[0];
const fileOf = (key: string) => path.join(uploadDir, key.slice(0, 2), key);
const cast = () => ({ resident: p.resident, staff: p.staff, claimant: p.claimant });

/** Rows of uploads made `agoMs` before now, of `size` bytes each, as if uploaded then. */
async function pastUploads(who: Caller, options: { count: number; agoMs: number; size: number }) {
  const createdAt = new Date(Date.now() - options.agoMs);
  await t.app.db.insert(uploads).values(
    Array.from({ length: options.count }, () => ({ ownerId: who.userId, key: randomBytes(16).toString('hex'), contentType: 'image/jpeg', size: options.size, createdAt })),
  );
}

/** Expects each person to be served the image and its thumbnail (200) or not to find them (404). */
async function expectServed(url: string, served: Who[], refused: Who[]) {
  const expected = Object.fromEntries([...served.map((w) => [w, 200]), ...refused.map((w) => [w, 404])]);
  for (const asked of [url, `${url}?size=thumb`]) {
    const answers: Record<string, number> = {};
    for (const who of [...served, ...refused]) answers[who] = (await fetchImage(p[who], asked)).statusCode;
    expect({ asked, answers }).toEqual({ asked, answers: expected });
  }
}

describe('an image is accepted by its bytes and its pixels, and stored as a JPEG', () => {
  it.each([
    ['JPEG', SMALL_JPEG],
    ['PNG', SMALL_PNG],
    ['WebP', SMALL_WEBP],
  ])('accepts a %s with 201 and serves it back as a JPEG of its size, inline, named by its id', async (_kind, bytes) => {
    const photo = await upload(p.resident, bytes);
    expect(photo.url).toBe(`/api/uploads/${photo.id}`);
    const res = await fetchImage(p.resident, photo.url);
    expect(res.statusCode).toBe(200);
    expect(res.headers).toMatchObject({
      'content-type': 'image/jpeg',
      'content-disposition': `inline; filename="${photo.id}.jpg"`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, max-age=86400',
    });
    expect(await imageInfo(res.rawPayload)).toMatchObject({ format: 'jpeg', width: 4, height: 3 });
  });

  it('goes by the bytes, not by the name or type a file is sent with: a PNG sent as photo.webp is stored as a JPEG', async () => {
    const res = await postImage(t.app, p.resident, SMALL_PNG, 'photo.webp', 'image/webp');
    expect(res.statusCode).toBe(201);
    expect((await fetchImage(p.resident, res.json().url)).headers['content-type']).toBe('image/jpeg');
  });

  it('accepts an image of exactly 5 MB and stores what its pixels need, without the rest', async () => {
    const padded = padJpeg(await cameraPhoto({ width: 800, height: 600 }), 5 * MB);
    expect(padded.length).toBe(5 * MB);
    const served = (await fetchImage(p.resident, (await upload(p.resident, padded)).url)).rawPayload;
    expect(await imageInfo(served)).toMatchObject({ format: 'jpeg', width: 800, height: 600 });
    expect(served.length).toBeLessThan(MB / 10);
    expect(served.includes(COMMENT_MARK)).toBe(false);
  });
});

describe('an image is redrawn from its pixels: upright, at most 2048 px, with no metadata', () => {
  it('serves a phone photo without its EXIF: neither the place it was taken nor the camera, in the image or its thumbnail', async () => {
    const original = await cameraPhoto({ width: 1200, height: 900 });
    expect({ gps: original.includes(GPS_MARK), camera: original.includes(CAMERA_MARK), exif: (await imageInfo(original)).exif !== undefined }).toEqual({
      gps: true,
      camera: true,
      exif: true,
    });
    const photo = await upload(p.resident, original);
    for (const asked of [photo.url, `${photo.url}?size=thumb`]) {
      const served = (await fetchImage(p.resident, asked)).rawPayload;
      const info = await imageInfo(served);
      expect({ asked, gps: served.includes(GPS_MARK), camera: served.includes(CAMERA_MARK), exif: info.exif, xmp: info.xmp, icc: info.icc }).toEqual({
        asked,
        gps: false,
        camera: false,
        exif: undefined,
        xmp: undefined,
        icc: undefined,
      });
    }
  });

  it('turns a photo upright by its EXIF orientation, so that it shows the same without it', async () => {
    // Stored 600 × 400 with its dark half on the left; orientation 6 shows it turned clockwise.
    const photo = await upload(p.resident, await cameraPhoto({ width: 600, height: 400, orientation: 6 }));
    const served = (await fetchImage(p.resident, photo.url)).rawPayload;
    const { width, height, orientation } = await imageInfo(served);
    expect({ width, height, orientation }).toEqual({ width: 400, height: 600, orientation: undefined });
    const { top, bottom } = await lightness(served);
    expect({ darkTop: top < 80, lightBottom: bottom > 180 }).toEqual({ darkTop: true, lightBottom: true });
  });

  it.each([
    [3000, 1500, 2048, 1024],
    [1500, 3000, 1024, 2048],
  ])('bounds a %i × %i image to %i × %i', async (width, height, servedWidth, servedHeight) => {
    const photo = await upload(p.resident, await cameraPhoto({ width, height }));
    expect(await imageInfo((await fetchImage(p.resident, photo.url)).rawPayload)).toMatchObject({ width: servedWidth, height: servedHeight });
  });

  it('lays a transparent PNG on white', async () => {
    const clear = await sharp({ create: { width: 20, height: 10, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
    const res = await fetchImage(p.resident, (await upload(p.resident, clear)).url);
    expect(res.headers['content-type']).toBe('image/jpeg');
    expect(Math.min(...Object.values(await lightness(res.rawPayload)))).toBeGreaterThan(250);
  });
});

describe('anything that is not an image of at most 5 MB is refused, and nothing is stored', () => {
  it.each([
    ['a text file named photo.jpg sent as image/jpeg', Buffer.from('这不是图片，只是一段文字。\n'), 'photo.jpg', 'image/jpeg'],
    ['a GIF', Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'), 'photo.gif', 'image/gif'],
    ['a PDF named photo.png', Buffer.from('%PDF-1.4\n1 0 obj\n'), 'photo.png', 'image/png'],
    ['an empty file', Buffer.alloc(0), 'photo.jpg', 'image/jpeg'],
    ['an HTML page named photo.webp', Buffer.from('<html><script>alert(1)</script></html>'), 'photo.webp', 'image/webp'],
    ['a file whose first bytes say JPEG and whose rest is garbage', JPEG, 'photo.jpg', 'image/jpeg'],
    ['a file whose first bytes say PNG and whose rest is garbage', PNG, 'photo.png', 'image/png'],
    ['a file whose first bytes say WebP and whose rest is garbage', WEBP, 'photo.webp', 'image/webp'],
  ])('refuses %s with 400 UPLOAD_NOT_IMAGE', async (_what, content, filename, type) => {
    const before = await storedBy(p.resident);
    expectCode(await postImage(t.app, p.resident, content, filename, type), 400, 'UPLOAD_NOT_IMAGE');
    expect(await storedBy(p.resident)).toEqual(before);
  });

  it.each([
    ['a JPEG cut off halfway', async () => (await cameraPhoto({ width: 800, height: 600 })).subarray(0, 4000)],
    ['a decompression bomb: a PNG of a few hundred KB that decodes to 80 megapixels', () => decompressionBomb(10_000, 8_000)],
  ])('refuses %s with 400 UPLOAD_NOT_IMAGE', async (_what, build) => {
    const content = await build();
    const before = await storedBy(p.resident);
    expectCode(await postImage(t.app, p.resident, content), 400, 'UPLOAD_NOT_IMAGE');
    expect(await storedBy(p.resident)).toEqual(before);
  });

  it('refuses an image over 5 MB with 400 UPLOAD_TOO_LARGE', async () => {
    const before = await storedBy(p.resident);
    expectCode(await postImage(t.app, p.resident, jpegOfSize(5 * MB + 1)), 400, 'UPLOAD_TOO_LARGE');
    expectCode(await postImage(t.app, p.resident, jpegOfSize(8 * MB)), 400, 'UPLOAD_TOO_LARGE');
    expect(await storedBy(p.resident)).toEqual(before);
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
    const form = multipart([{ name: 'file', filename: 'photo.jpg', contentType: 'image/jpeg', content: SMALL_JPEG }]);
    const res = await t.app.inject({ method: 'POST', url: '/api/uploads', payload: form.payload, headers: form.headers });
    expectCode(res, 401, 'UNAUTHENTICATED');
  });
});

describe('an upload is stored whole or not at all', () => {
  it('writes no file for an upload whose row cannot be written (an account that does not exist)', async () => {
    const [files, rows] = [filesUnder(uploadDir), await allUploads()];
    await expect(saveImage(t.app.db, store, 987_654_321, await cameraPhoto({ width: 400, height: 300 }), new Date())).rejects.toThrow();
    expect({ files: filesUnder(uploadDir), rows: await allUploads() }).toEqual({ files, rows });
  });

  it('leaves no row and no file when writing the image or its thumbnail fails', async () => {
    const photo = await cameraPhoto({ width: 400, height: 300 });
    for (const failing of [1, 2]) {
      let puts = 0;
      const full: BlobStore = {
        ...store,
        put: async (key, content) => {
          puts += 1;
          if (puts === failing) throw new Error('磁盘已满');
          await store.put(key, content);
        },
      };
      const before = await storedBy(p.resident);
      await expect(saveImage(t.app.db, full, p.resident.userId, photo, new Date())).rejects.toThrow('磁盘已满');
      expect({ failing, stored: await storedBy(p.resident) }).toEqual({ failing, stored: before });
    }
  });
});

describe('a thumbnail is served with ?size=thumb to exactly those the image is served to', () => {
  it('serves a thumbnail of at most 360 px on its long side, with the image’s headers', async () => {
    const photo = await upload(p.resident, await cameraPhoto({ width: 1600, height: 1200 }));
    const [full, thumb] = [await fetchImage(p.resident, photo.url), await fetchImage(p.resident, `${photo.url}?size=thumb`)];
    for (const res of [full, thumb]) {
      expect(res.statusCode).toBe(200);
      expect(res.headers).toMatchObject({
        'content-type': 'image/jpeg',
        'content-disposition': `inline; filename="${photo.id}.jpg"`,
        'x-content-type-options': 'nosniff',
        'cache-control': 'private, max-age=86400',
      });
    }
    expect(await imageInfo(full.rawPayload)).toMatchObject({ width: 1600, height: 1200 });
    expect(await imageInfo(thumb.rawPayload)).toMatchObject({ format: 'jpeg', width: 360, height: 270 });
    expect(thumb.rawPayload.length).toBeLessThan(full.rawPayload.length / 4);
  });

  it('serves the thumbnail of evidence to the resident, the claimant and staff, and answers 404 to everyone else', async () => {
    const wish = await wishIn(t.app, cast(), longjin, 'contacted');
    const evidence = await upload(p.claimant, await cameraPhoto({ width: 1000, height: 800 }));
    asWish(await api(t.app, p.claimant, 'POST', `/api/wishes/${wish.id}/fulfil`, { note: '已陪同就医', photoIds: [evidence.id] }));
    const thumb = `${evidence.url}?size=thumb`;
    for (const who of ['resident', 'claimant', 'staff'] as const) {
      const res = await fetchImage(p[who], thumb);
      expect({ who, status: res.statusCode }).toEqual({ who, status: 200 });
      expect(await imageInfo(res.rawPayload)).toMatchObject({ width: 360, height: 288 });
    }
    for (const who of ['reportedMember', 'otherStaff', 'unrelatedResident', 'streetAdmin'] as const) {
      expectCode(await fetchImage(p[who], thumb), 404, 'NOT_FOUND');
    }
  });

  it('serves an image uploaded before thumbnails were made as its own thumbnail, named by its type', async () => {
    const key = randomBytes(16).toString('hex');
    await store.put(key, SMALL_PNG);
    const [row] = await t.app.db.insert(uploads).values({ ownerId: p.resident.userId, key, contentType: 'image/png', size: SMALL_PNG.length }).returning({ id: uploads.id });
    for (const asked of [`/api/uploads/${row!.id}`, `/api/uploads/${row!.id}?size=thumb`]) {
      const res = await fetchImage(p.resident, asked);
      expect({ asked, status: res.statusCode, type: res.headers['content-type'], disposition: res.headers['content-disposition'] }).toEqual({
        asked,
        status: 200,
        type: 'image/png',
        disposition: `inline; filename="${row!.id}.png"`,
      });
      expect(res.rawPayload.equals(SMALL_PNG)).toBe(true);
    }
  });

  it('answers a size it does not know with 400 VALIDATION_FAILED', async () => {
    const photo = await upload(p.resident);
    expectCode(await fetchImage(p.resident, `${photo.url}?size=huge`), 400, 'VALIDATION_FAILED');
  });
});

describe('an account may upload at most 60 images and 60 MB in any 24 hours', () => {
  it('answers the 61st upload of the day with 429 UPLOAD_QUOTA_EXCEEDED and stores nothing for it', async () => {
    const who = await newResident(t.app, longjin);
    for (let i = 0; i < 60; i++) await upload(who);
    const before = await storedBy(who);
    expect(before.rows).toBe(60);
    expectCode(await postImage(t.app, who, SMALL_JPEG), 429, 'UPLOAD_QUOTA_EXCEEDED');
    expect(await storedBy(who)).toEqual(before);
  });

  it('refuses an upload that would take the bytes stored in 24 hours past 60 MB, and accepts one that fits', async () => {
    const full = await newResident(t.app, longjin);
    await pastUploads(full, { count: 1, agoMs: 60 * MINUTE_MS, size: 60 * MB - 100 });
    expectCode(await postImage(t.app, full, SMALL_JPEG), 429, 'UPLOAD_QUOTA_EXCEEDED');
    const roomy = await newResident(t.app, longjin);
    await pastUploads(roomy, { count: 1, agoMs: 60 * MINUTE_MS, size: 59 * MB });
    await upload(roomy);
  });

  it('stops counting an upload 24 hours after it was made', async () => {
    const who = await newResident(t.app, longjin);
    await pastUploads(who, { count: 60, agoMs: DAY_MS + MINUTE_MS, size: MB });
    await upload(who);
    await pastUploads(who, { count: 59, agoMs: DAY_MS - MINUTE_MS, size: 1000 });
    expectCode(await postImage(t.app, who, SMALL_JPEG), 429, 'UPLOAD_QUOTA_EXCEEDED');
  });

  it('accepts exactly the uploads left of the quota when they arrive together', async () => {
    const who = await newResident(t.app, longjin);
    await pastUploads(who, { count: 55, agoMs: 60 * MINUTE_MS, size: 1000 });
    const answers = await Promise.all(Array.from({ length: 10 }, () => postImage(t.app, who, SMALL_JPEG)));
    expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 201, 201, 201, 201, 429, 429, 429, 429, 429]);
    const since = new Date(Date.now() - DAY_MS);
    expect((await t.app.db.select({ n: count() }).from(uploads).where(and(eq(uploads.ownerId, who.userId), gt(uploads.createdAt, since))))[0]!.n).toBe(60);
  });
});

describe('an upload not attached to anything is served to its owner only', () => {
  it('serves it to its owner and answers 404 to everyone else, staff included', async () => {
    const photo = await upload(p.unrelatedResident);
    await expectServed(photo.url, ['unrelatedResident'], ['resident', 'staff', 'reportedMember', 'streetAdmin']);
  });

  it.each(['abc', '-1', '99999999999999999999', '987654321'])('answers 404 NOT_FOUND for the upload id %s', async (id) => {
    expectCode(await fetchImage(p.resident, `/api/uploads/${id}`), 404, 'NOT_FOUND');
  });
});

describe('a wish’s photo is served to whoever may see the wish', () => {
  it('under review only to the resident and staff; once published to anyone signed in; withdrawn, no longer to others', async () => {
    const photo = await upload(p.resident, SMALL_PNG);
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
    const evidence = [await upload(p.claimant, SMALL_JPEG), await upload(p.claimant, SMALL_WEBP)];
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
    const foreign = await upload(p.unrelatedResident);
    const body = wishBody({ communityId: longjin, title: '带别人照片的心愿', photoIds: [foreign.id] });
    const before = (await t.app.db.select({ n: count() }).from(wishes).where(eq(wishes.residentId, p.resident.userId)))[0]!.n;
    expectCode(await api(t.app, p.resident, 'POST', '/api/wishes', body), 400, 'UPLOAD_NOT_FOUND');
    expect((await t.app.db.select({ n: count() }).from(wishes).where(eq(wishes.residentId, p.resident.userId)))[0]!.n).toBe(before);
    // The owner's photo stays theirs alone.
    await expectServed(foreign.url, ['unrelatedResident'], ['resident', 'staff']);
  });

  it('refuses someone else’s upload as evidence: the wish stays claimed, with no evidence', async () => {
    const wish = await wishIn(t.app, cast(), longjin, 'claimed');
    const foreign = await upload(p.reportedMember);
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
      const photo = await upload(p.resident);
      asWish(await api(t.app, p.resident, 'POST', '/api/wishes', wishBody({ communityId: longjin, photoIds: [photo.id] })), 201);
      id = photo.id;
    }
    expectCode(await api(t.app, p.resident, 'POST', '/api/wishes', wishBody({ communityId: longjin, photoIds: [id] })), 400, 'UPLOAD_NOT_FOUND');
  });

  it('refuses more than 6 photos with 400 VALIDATION_FAILED', async () => {
    const photos = [];
    for (let i = 0; i < 7; i++) photos.push((await upload(p.resident)).id);
    expectCode(await api(t.app, p.resident, 'POST', '/api/wishes', wishBody({ communityId: longjin, photoIds: photos })), 400, 'VALIDATION_FAILED');
  });
});

// Last: the sweep removes every upload of this file that is attached to nothing.
describe('an upload attached to nothing is removed a day after it was made, row and files', () => {
  const filesOf = async (photo: { id: string }) => {
    const row = (await rowOf(photo))!;
    return [fileOf(row.key), fileOf(row.thumbKey!)];
  };

  it('removes a day-old unattached upload and keeps younger ones and those on a wish or a record', async () => {
    const stray = await upload(p.resident);
    const onWish = await upload(p.resident);
    asWish(await api(t.app, p.resident, 'POST', '/api/wishes', wishBody({ communityId: longjin, photoIds: [onWish.id] })), 201);
    const onRecord = await upload(p.claimant);
    await logRecord(t.app, p.claimant, recordBody({ type: 'other' }, session(new Date(), 60), { photoIds: [onRecord.id] }));
    const madeAt = (await rowOf(stray))!.createdAt.getTime();
    const strayFiles = await filesOf(stray);
    const keptFiles = [...(await filesOf(onWish)), ...(await filesOf(onRecord))];
    expect([...strayFiles, ...keptFiles].every((f) => existsSync(f))).toBe(true);

    await sweepUnattachedUploads(t.app.db, store, new Date(madeAt + DAY_MS - MINUTE_MS));
    expect({ row: (await rowOf(stray)) !== undefined, files: strayFiles.map((f) => existsSync(f)) }).toEqual({ row: true, files: [true, true] });
    expect((await fetchImage(p.resident, stray.url)).statusCode).toBe(200);

    expect(await sweepUnattachedUploads(t.app.db, store, new Date(madeAt + DAY_MS + MINUTE_MS))).toBeGreaterThanOrEqual(1);
    expect({ row: await rowOf(stray), files: strayFiles.map((f) => existsSync(f)) }).toEqual({ row: undefined, files: [false, false] });
    expectCode(await fetchImage(p.resident, stray.url), 404, 'NOT_FOUND');
    expect(keptFiles.map((f) => existsSync(f))).toEqual([true, true, true, true]);
    expect((await fetchImage(p.resident, onWish.url)).statusCode).toBe(200);
    expect((await fetchImage(p.claimant, `${onRecord.url}?size=thumb`)).statusCode).toBe(200);
  });

  it('removes the row of an upload whose files are already gone', async () => {
    const stray = await upload(p.resident);
    const madeAt = (await rowOf(stray))!.createdAt.getTime();
    for (const file of await filesOf(stray)) await store.remove(path.basename(file));
    await sweepUnattachedUploads(t.app.db, store, new Date(madeAt + DAY_MS + MINUTE_MS));
    expect(await rowOf(stray)).toBeUndefined();
  });
});
