import { sessionSchema, subscriptionsResultSchema, wechatTemplatesSchema } from '@huijia/shared';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app';
import { ConfigError } from '../src/config';
import { openDatabase } from '../src/db';
import { notifications, users, wechatOutbox, wechatSubscriptions } from '../src/db/schema';
import { notify, notifyEach } from '../src/modules/notifications/notify';
import { BACKOFF_MS, deliverDue, LEASE_MS, MAX_ATTEMPTS } from '../src/modules/wechat/outbox';
import { chinaTime } from '../src/modules/exports/cells';
import { UNUSED_CREDITS_KEPT } from '../src/modules/wechat/subscriptions';
import { fitField } from '../src/modules/wechat/templates';
import { buildTestApp, testConfig, type TestApp } from './support/app';
import { TEST_DB } from './support/db';
import { FakeWechat } from './support/fake-wechat';
import { expectError, request } from './support/identity';
import { api, APP_START_TIMEOUT, callerOf, expectOk, submitWish, WHO, type Caller } from './support/wishes';

// Subscribe messages (订阅消息): an accept is a credit; a state change that tells a user something
// queues one WeChat message per credit in its own transaction; the sender delivers each once,
// against a fake WeChat over real HTTP.

const TEMPLATES = {
  'wish.approved': {
    templateId: 'T-REVIEWED',
    page: 'pages/wish/detail/index?id={entityId}',
    fields: { thing1: 'body', phrase2: { text: '已通过' }, time3: 'time', character_string4: 'entityId' },
  },
  'wish.rejected': { templateId: 'T-REVIEWED', page: 'pages/wish/detail/index?id={entityId}', fields: { thing1: 'body', phrase2: { text: '未通过' }, time3: 'time' } },
  'wish.claimed': { templateId: 'T-CLAIMED', fields: { thing1: 'title', thing2: 'body' } },
  'wish.fulfilled': { templateId: 'T-FULFILLED', fields: { thing1: 'body' } },
  'wish.released': { templateId: 'T-RELEASED', fields: { thing1: 'body' } },
  'report.confirmed': { templateId: 'T-REPORT', page: 'pages/report/index', fields: { thing1: 'title', date2: 'time' } },
};

const fake = new FakeWechat();
let t: TestApp;
/** A second process on the same database (PostgreSQL only; PGlite is one process). */
let second: FastifyInstance | null = null;
/** How far the apps' clock is ahead of the real one. */
let ahead = 0;
const now = () => new Date(Date.now() + ahead);
let community: string;
let staff: Caller;

beforeAll(async () => {
  const apiBase = await fake.start();
  t = await buildTestApp({
    env: { ...fake.env(apiBase), WECHAT_TEMPLATES: JSON.stringify(TEMPLATES), SEED_DEMO: '1' },
    // No background sender: the tests run the rounds themselves.
    deps: { now, jobs: false },
  });
  if (TEST_DB === 'postgres') second = await buildApp(t.config, { database: await openDatabase(t.target), webRoot: null, now, jobs: false });
  await second?.ready();
  staff = await callerOf(t.app, WHO.staff);
  community = String((await t.app.db.query.orgNodes.findFirst({ where: (n, { eq: is }) => is(n.name, '龙津社区') }))!.id);
}, APP_START_TIMEOUT);
afterAll(async () => {
  await second?.close();
  await t?.close();
  await fake.stop();
});

let people = 0;
/** A resident signed in through WeChat (openid `o-<name>`), new to the app. */
async function wechatUser(): Promise<Caller & { openId: string }> {
  people += 1;
  const name = `sub${people}`;
  const res = await request(t.app, { method: 'POST', url: '/api/auth/wechat', payload: { code: `${name}.1`, agreed: true } });
  const session = sessionSchema.parse(expectOk(res));
  return { userId: Number(session.user.id), phone: '', token: session.accessToken, openId: `o-${name}` };
}

const subscribe = async (who: Caller, answers: Record<string, string>) =>
  subscriptionsResultSchema.parse(expectOk(await api(t.app, who, 'POST', '/api/subscriptions', answers))).accepted;

const outboxOf = (userId: number) => t.app.db.select().from(wechatOutbox).where(eq(wechatOutbox.userId, userId)).orderBy(asc(wechatOutbox.id));
const unusedCredits = async (userId: number) =>
  (await t.app.db.select().from(wechatSubscriptions).where(and(eq(wechatSubscriptions.userId, userId), isNull(wechatSubscriptions.usedAt)))).length;
const sentTo = (openId: string) => fake.sent.filter((m) => m.touser === openId);
const sendsTo = (openId: string) =>
  fake.requests.filter((r) => r.url.pathname === '/cgi-bin/message/subscribe/send' && (r.body as { touser?: string } | null)?.touser === openId).length;

/** A WeChat resident's wish, approved by staff: the resident is told `wish.approved`. */
async function approvedWishOf(who: Caller): Promise<string> {
  const wish = await submitWish(t.app, who, { communityId: community, title: '帮忙修理水龙头' });
  expectOk(await api(t.app, staff, 'POST', `/api/wishes/${wish.id}/approve`));
  return wish.id;
}

/** `count` messages of kind wish.approved to `who`, told in one transaction as a departure tells many. */
const tellMany = (who: Caller, count: number, from = 0) =>
  t.app.db.transaction((tx) =>
    notifyEach(
      tx,
      Array.from({ length: count }, (_, i) => ({ userId: who.userId, kind: 'wish.approved', title: '心愿已发布', body: `心愿 ${from + i}`, entity: 'wish', entityId: 9000 + from + i })),
    ),
  );

/** Runs rounds until one finds nothing due; answers how many messages it claimed. */
async function drain(app: FastifyInstance, limit: number): Promise<number> {
  let claimed = 0;
  for (let round = await deliverDue(app, limit); round.claimed > 0; round = await deliverDue(app, limit)) claimed += round.claimed;
  return claimed;
}

describe('the app asks for the templates configured for each moment', () => {
  it('answers per moment the first three distinct templates of the events that follow it', async () => {
    const who = await wechatUser();
    const templates = wechatTemplatesSchema.parse(expectOk(await api(t.app, who, 'GET', '/api/wechat/templates')));
    expect(templates).toEqual({
      'wish.posted': ['T-REVIEWED', 'T-CLAIMED', 'T-FULFILLED'],
      'report.submitted': ['T-REPORT'],
    });
  });

  it('asks the caller to sign in', async () => {
    expectError(await t.app.inject({ method: 'GET', url: '/api/wechat/templates' }), 401, 'UNAUTHENTICATED');
  });
});

describe('each accept of a configured template is one message the server may send', () => {
  it('records the accepts and ignores other answers and unknown templates', async () => {
    const who = await wechatUser();
    const accepted = await subscribe(who, {
      errMsg: 'requestSubscribeMessage:ok',
      'T-REVIEWED': 'accept',
      'T-CLAIMED': 'reject',
      'T-FULFILLED': 'ban',
      'T-NOT-OURS': 'accept',
    });
    expect(accepted).toBe(1);
    const credits = await t.app.db.select().from(wechatSubscriptions).where(eq(wechatSubscriptions.userId, who.userId));
    expect(credits.map((c) => [c.templateId, c.usedAt])).toEqual([['T-REVIEWED', null]]);
    expect(await subscribe(who, { 'T-REVIEWED': 'accept' })).toBe(1);
    expect(await unusedCredits(who.userId)).toBe(2);
  });

  it(`keeps at most ${UNUSED_CREDITS_KEPT} unused accepts of one template`, async () => {
    const who = await wechatUser();
    await t.app.db.insert(wechatSubscriptions).values(Array.from({ length: UNUSED_CREDITS_KEPT }, () => ({ userId: who.userId, templateId: 'T-REVIEWED' })));
    expect(await subscribe(who, { 'T-REVIEWED': 'accept', 'T-CLAIMED': 'accept' })).toBe(1);
    expect(await unusedCredits(who.userId)).toBe(UNUSED_CREDITS_KEPT + 1);
  });

  it('refuses an account not signed in through WeChat with 403 WECHAT_ONLY', async () => {
    const resident = await callerOf(t.app, WHO.resident);
    expectError(await api(t.app, resident, 'POST', '/api/subscriptions', { 'T-REVIEWED': 'accept' }), 403, 'WECHAT_ONLY');
    expect(await unusedCredits(resident.userId)).toBe(0);
  });

  it.each([
    ['a list', ['T-REVIEWED']],
    ['an empty template id', { '': 'accept' }],
    ['a number for an answer', { 'T-REVIEWED': 1 }],
    ['more than 20 answers', Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`T-${i}`, 'accept']))],
  ])('refuses %s with 400 VALIDATION_FAILED', async (_, body) => {
    const who = await wechatUser();
    expectError(await api(t.app, who, 'POST', '/api/subscriptions', body), 400, 'VALIDATION_FAILED');
    expect(await unusedCredits(who.userId)).toBe(0);
  });
});

describe('a state change queues its subscribe message in its own transaction', () => {
  it('writes one outbox row when staff approve the wish of a resident who accepted, using the credit', async () => {
    const who = await wechatUser();
    await subscribe(who, { 'T-REVIEWED': 'accept' });
    const wishId = await approvedWishOf(who);
    const [row, ...more] = await outboxOf(who.userId);
    expect(more).toEqual([]);
    const [told] = await t.app.db.select().from(notifications).where(and(eq(notifications.userId, who.userId), eq(notifications.kind, 'wish.approved')));
    expect(row).toMatchObject({ event: 'wish.approved', templateId: 'T-REVIEWED', notificationId: told!.id, status: 'pending', attempts: 0, page: `pages/wish/detail/index?id=${wishId}` });
    // The body 您的心愿「帮忙修理水龙头」已通过审核，等待党员认领 is 26 characters: a thing holds 20.
    expect(row!.data).toEqual({
      thing1: { value: '您的心愿「帮忙修理水龙头」已通过审核，…' },
      phrase2: { value: '已通过' },
      // When it was told, in China's time.
      time3: { value: chinaTime(told!.createdAt) },
      character_string4: { value: wishId },
    });
    expect(await unusedCredits(who.userId)).toBe(0);
  });

  it('writes none for a user with no credit for the template, and the in-app message is there all the same', async () => {
    const who = await wechatUser();
    await subscribe(who, { 'T-CLAIMED': 'accept' });
    const wishId = await approvedWishOf(who);
    expect(await outboxOf(who.userId)).toEqual([]);
    const told = await t.app.db.select().from(notifications).where(eq(notifications.userId, who.userId));
    expect(told.map((n) => [n.kind, n.entityId])).toEqual([['wish.approved', wishId]]);
    expect(await unusedCredits(who.userId)).toBe(1);
  });

  it('writes nothing, and keeps the credit, when the change fails after telling', async () => {
    const who = await wechatUser();
    await subscribe(who, { 'T-REVIEWED': 'accept' });
    await expect(
      t.app.db.transaction(async (tx) => {
        await notify(tx, who.userId, { kind: 'wish.approved', title: '心愿已发布', body: '失败的变更', entity: 'wish', entityId: 1 });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await outboxOf(who.userId)).toEqual([]);
    expect(await unusedCredits(who.userId)).toBe(1);
    expect(await t.app.db.select().from(notifications).where(eq(notifications.userId, who.userId))).toEqual([]);
  });

  it('gives each message of a change its own credit: two credits, three messages, two rows', async () => {
    const who = await wechatUser();
    await subscribe(who, { 'T-REVIEWED': 'accept' });
    await subscribe(who, { 'T-REVIEWED': 'accept' });
    await tellMany(who, 3);
    expect((await outboxOf(who.userId)).map((r) => r.data)).toEqual([
      expect.objectContaining({ thing1: { value: '心愿 0' } }),
      expect.objectContaining({ thing1: { value: '心愿 1' } }),
    ]);
    expect(await unusedCredits(who.userId)).toBe(0);
    expect(await t.app.db.select().from(notifications).where(eq(notifications.userId, who.userId))).toHaveLength(3);
  });

  it('queues nothing for an account without an openid, nor for a kind without a template', async () => {
    const resident = await callerOf(t.app, WHO.resident);
    // A credit the account could not have got through the API (it signs in with a password).
    await t.app.db.insert(wechatSubscriptions).values({ userId: resident.userId, templateId: 'T-REVIEWED' });
    await tellMany(resident, 1);
    const who = await wechatUser();
    await subscribe(who, { 'T-REVIEWED': 'accept' });
    await t.app.db.transaction((tx) => notify(tx, who.userId, { kind: 'points.adjusted', title: '积分调整', body: '+5 分' }));
    expect([...(await outboxOf(resident.userId)), ...(await outboxOf(who.userId))]).toEqual([]);
    await t.app.db.delete(wechatSubscriptions).where(eq(wechatSubscriptions.userId, resident.userId));
  });
});

describe('the sender delivers each message once', () => {
  it('sends it with its template, page and fields, marks it sent, and sends it no more', async () => {
    const who = await wechatUser();
    await subscribe(who, { 'T-REVIEWED': 'accept' });
    const wishId = await approvedWishOf(who);
    const [queued] = await outboxOf(who.userId);
    await drain(t.app, 50);
    expect(sentTo(who.openId)).toEqual([
      { touser: who.openId, template_id: 'T-REVIEWED', page: `pages/wish/detail/index?id=${wishId}`, data: queued!.data, miniprogram_state: 'formal', lang: 'zh_CN' },
    ]);
    const [row] = await outboxOf(who.userId);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    expect(row!.sentAt).not.toBeNull();
    ahead += 24 * 3600_000;
    await drain(t.app, 50);
    expect(sendsTo(who.openId)).toBe(1);
  });

  it(`sends each of many messages exactly once with two senders running at once (${TEST_DB === 'postgres' ? 'two processes' : 'one process'})`, async () => {
    const who = await wechatUser();
    for (let i = 0; i < 16; i++) await subscribe(who, { 'T-REVIEWED': 'accept' });
    await tellMany(who, 16);
    fake.sendDelayMs = 20;
    let claimed: number[];
    try {
      claimed = await Promise.all([drain(t.app, 3), drain(second ?? t.app, 3)]);
    } finally {
      fake.sendDelayMs = 0;
    }
    // Both took a share, and no message was taken twice.
    expect(claimed.every((n) => n > 0)).toBe(true);
    expect(claimed[0]! + claimed[1]!).toBe(16);
    expect(sendsTo(who.openId)).toBe(16);
    expect(new Set(sentTo(who.openId).map((m) => m.data.character_string4!.value)).size).toBe(16);
    expect((await outboxOf(who.userId)).map((r) => [r.status, r.attempts])).toEqual(Array.from({ length: 16 }, () => ['sent', 1]));
  });

  it('marks a message WeChat refuses (43101) refused, and never tries it again; the in-app message stays', async () => {
    const who = await wechatUser();
    await subscribe(who, { 'T-REVIEWED': 'accept' });
    await approvedWishOf(who);
    fake.refusing.add(who.openId);
    expect(await deliverDue(t.app)).toMatchObject({ refused: 1 });
    const [row] = await outboxOf(who.userId);
    expect(row).toMatchObject({ status: 'refused', attempts: 1, sentAt: null });
    ahead += 24 * 3600_000;
    await drain(t.app, 50);
    expect(sendsTo(who.openId)).toBe(1);
    expect(await t.app.db.select().from(notifications).where(eq(notifications.id, row!.notificationId!))).toHaveLength(1);
  });

  it('marks a message WeChat finds malformed (47003) failed at once', async () => {
    const who = await wechatUser();
    await subscribe(who, { 'T-REVIEWED': 'accept' });
    await approvedWishOf(who);
    fake.failing.set(who.openId, 47003);
    expect(await deliverDue(t.app)).toMatchObject({ failed: 1 });
    expect((await outboxOf(who.userId))[0]).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringContaining('47003') });
    ahead += 24 * 3600_000;
    await drain(t.app, 50);
    expect(sendsTo(who.openId)).toBe(1);
  });

  it('tries a message WeChat was too busy for (-1) again after the backoff, then sends it', async () => {
    const who = await wechatUser();
    await subscribe(who, { 'T-REVIEWED': 'accept' });
    await approvedWishOf(who);
    fake.failOnce.add(who.openId);
    expect(await deliverDue(t.app)).toMatchObject({ retried: 1 });
    const [waiting] = await outboxOf(who.userId);
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringContaining('-1') });
    expect(waiting!.nextAttemptAt.getTime() - now().getTime()).toBeGreaterThan(BACKOFF_MS - 5_000);
    expect(await deliverDue(t.app)).toMatchObject({ claimed: 0 });
    ahead += BACKOFF_MS + 1_000;
    expect(await deliverDue(t.app)).toMatchObject({ sent: 1 });
    expect((await outboxOf(who.userId))[0]).toMatchObject({ status: 'sent', attempts: 2 });
    expect(sentTo(who.openId)).toHaveLength(1);
  });

  it(`gives up after ${MAX_ATTEMPTS} attempts, waiting twice as long each time`, async () => {
    const who = await wechatUser();
    await subscribe(who, { 'T-REVIEWED': 'accept' });
    await approvedWishOf(who);
    fake.failing.set(who.openId, -1);
    const waits: number[] = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      expect(await deliverDue(t.app)).toMatchObject({ claimed: 1 });
      const [row] = await outboxOf(who.userId);
      if (row!.status === 'pending') waits.push(Math.round((row!.nextAttemptAt.getTime() - now().getTime()) / BACKOFF_MS));
      ahead += 3600_000;
    }
    expect(waits).toEqual([1, 2, 4, 8, 16]);
    expect((await outboxOf(who.userId))[0]).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
    expect(sendsTo(who.openId)).toBe(MAX_ATTEMPTS);
  });

  it('leaves a message claimed by a sender that died alone until its lease ends, then sends it', async () => {
    const who = await wechatUser();
    await subscribe(who, { 'T-REVIEWED': 'accept' });
    await approvedWishOf(who);
    const [row] = await outboxOf(who.userId);
    // As a round leaves a row it claimed, had its process died before WeChat answered.
    await t.app.db.update(wechatOutbox).set({ attempts: 1, nextAttemptAt: new Date(now().getTime() + LEASE_MS) }).where(eq(wechatOutbox.id, row!.id));
    ahead += LEASE_MS - 60_000;
    expect(await deliverDue(t.app)).toMatchObject({ claimed: 0 });
    ahead += 120_000;
    expect(await deliverDue(t.app)).toMatchObject({ sent: 1 });
    expect((await outboxOf(who.userId))[0]).toMatchObject({ status: 'sent', attempts: 2 });
  });
});

describe('the access token is fetched once for everyone, and again when WeChat says it expired', () => {
  it('fetches one new token when WeChat answers 42001, and the message goes', async () => {
    const who = await wechatUser();
    await subscribe(who, { 'T-REVIEWED': 'accept' });
    await approvedWishOf(who);
    await t.app.wechatTokens.get();
    fake.expireTokens();
    const issued = fake.tokensIssued;
    expect(await deliverDue(t.app)).toMatchObject({ sent: 1 });
    expect(fake.tokensIssued).toBe(issued + 1);
    expect(sentTo(who.openId)).toHaveLength(1);
  });

  it(`fetches one token for many requests at once${second ? ', from two processes' : ''}`, async () => {
    const apps = second ? [t.app, second] : [t.app];
    // Each process forgets the token it holds, and the stored one is expired.
    for (const app of apps) await app.wechatTokens.invalidate(await app.wechatTokens.get());
    const who = await wechatUser();
    for (let i = 0; i < 4; i++) await subscribe(who, { 'T-REVIEWED': 'accept' });
    await tellMany(who, 4, 100);
    const issued = fake.tokensIssued;
    fake.tokenDelayMs = 150;
    let tokens: string[];
    try {
      [tokens] = await Promise.all([
        Promise.all(apps.flatMap((app) => Array.from({ length: 10 }, () => app.wechatTokens.get()))),
        ...apps.map((app) => drain(app, 1)),
      ]);
    } finally {
      fake.tokenDelayMs = 0;
    }
    expect(fake.tokensIssued).toBe(issued + 1);
    expect(new Set(tokens)).toEqual(new Set([`token-${issued + 1}`]));
    expect(sendsTo(who.openId)).toBe(4);
  });
});

describe('values are cut to what each WeChat field type accepts', () => {
  it.each([
    ['thing', '一二三四五六七八九十一二三四五六七八九十一二', '一二三四五六七八九十一二三四五六七八九…'],
    ['thing', '短的', '短的'],
    ['phrase', '已通过审核了 ok', '已通过审核'],
    ['name', '欧阳一二三四五六七八九', '欧阳一二三四五六七八'],
    ['character_string', '单号：AB-12345', 'AB-12345'],
    ['number', '共 12.5 小时', '12.5'],
    ['thing', '多行\n  文字', '多行 文字'],
  ] as const)('a %s field: %j → %j', (type, text, fitted) => {
    expect(fitField(type, text)).toBe(fitted);
  });
});

describe('WECHAT_TEMPLATES is checked at start', () => {
  const withTemplates = (templates: string, env: Record<string, string> = { WECHAT_APPID: 'wx-a', WECHAT_SECRET: 's' }) => () =>
    testConfig({ ...env, WECHAT_TEMPLATES: templates });

  it.each([
    ['text that is not JSON', '{wish.approved', /WECHAT_TEMPLATES: must be JSON/],
    ['an event the app never asks for', JSON.stringify({ 'wish.teleported': TEMPLATES['wish.claimed'] }), /unknown event "wish.teleported"/],
    ['a field key WeChat does not have', JSON.stringify({ 'wish.claimed': { templateId: 'T', fields: { title1: 'title' } } }), /must be a WeChat field key/],
    ['a source that does not exist', JSON.stringify({ 'wish.claimed': { templateId: 'T', fields: { thing1: 'address' } } }), /thing1/],
    ['time in a thing field', JSON.stringify({ 'wish.claimed': { templateId: 'T', fields: { thing1: 'time' } } }), /"time" goes in a time or date field/],
    ['no fields', JSON.stringify({ 'wish.claimed': { templateId: 'T', fields: {} } }), /must name at least one field/],
    ['a page outside the mini-program', JSON.stringify({ 'wish.claimed': { templateId: 'T', page: 'https://example.com', fields: { thing1: 'title' } } }), /must be a page/],
  ])('refuses %s', (_, templates, message) => {
    expect(withTemplates(templates)).toThrow(ConfigError);
    expect(withTemplates(templates)).toThrow(message);
  });

  it('refuses templates without WECHAT_APPID and WECHAT_SECRET', () => {
    expect(withTemplates(JSON.stringify(TEMPLATES), {})).toThrow(/subscribe messages need WECHAT_APPID and WECHAT_SECRET/);
  });

  it('takes the mapping, and WECHAT_MINIPROGRAM_STATE defaults to formal', () => {
    const config = withTemplates(JSON.stringify(TEMPLATES))();
    expect(config.wechat.templates['wish.approved']?.templateId).toBe('T-REVIEWED');
    expect(config.wechat.miniprogramState).toBe('formal');
  });
});

// Last: an app built without templates puts its (empty) mapping in force for this test file.
describe('without templates', () => {
  it('answers {} for the templates, and queues nothing', async () => {
    const bare = await buildTestApp({ env: fake.env('http://127.0.0.1:9'), deps: { jobs: false } });
    try {
      const [user] = await bare.app.db.insert(users).values({ name: '微信居民', wechatOpenId: 'o-bare' }).returning();
      const who = { userId: user!.id, phone: '', token: bare.app.jwt.sign({ sub: String(user!.id) }) };
      expect(expectOk(await api(bare.app, who, 'GET', '/api/wechat/templates'))).toEqual({});
      expect(expectOk(await api(bare.app, who, 'POST', '/api/subscriptions', { 'T-REVIEWED': 'accept' }))).toEqual({ accepted: 0 });
      await bare.app.db.insert(wechatSubscriptions).values({ userId: who.userId, templateId: 'T-REVIEWED' });
      await bare.app.db.transaction((tx) => notify(tx, who.userId, { kind: 'wish.approved', title: '心愿已发布', body: '无模板' }));
      expect(await bare.app.db.select().from(wechatOutbox)).toEqual([]);
    } finally {
      await bare.close();
    }
  });
});
