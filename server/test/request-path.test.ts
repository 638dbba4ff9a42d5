import { listEnvelope, wishSchema, type Wish } from '@huijia/shared';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from '../src/app';
import { openDatabase } from '../src/db';
import type { Change } from '../src/db/changes';
import { auditLog, notifications, orgNodes, reports, roleGrants, rosterEntries, wishClaims } from '../src/db/schema';
import { HALL_FRESH_MS } from '../src/modules/wishes/hall';
import { buildTestApp, type TestApp } from './support/app';
import { TEST_DB } from './support/db';
import { demoIds, freshPhone, signUp } from './support/identity';
import {
  APP_START_TIMEOUT,
  WHO,
  api,
  asWish,
  callerOf,
  callersOf,
  expectCode,
  expectOk,
  newCommunity,
  reportedMembers,
  submitWish,
  wishIn,
  type Caller,
  type Who,
} from './support/wishes';

// The request path keeps the caller's roles, the tree and a community's hall in memory; none of
// them may outlive the truth. A role taken away stops working at the next request, in this process
// at once and in another as soon as PostgreSQL tells it; a claimed wish leaves the hall at once here
// and within a second elsewhere; one's own lists are never kept; and a page shared by viewers
// still answers each of them only what they are entitled to.

let t: TestApp;
let ids: Record<string, string>;
let p: Record<Who, Caller>;

beforeAll(async () => {
  t = await buildTestApp({ env: { SEED_DEMO: '1' } });
  ids = await demoIds(t.app);
  p = await callersOf(t.app, WHO);
}, APP_START_TIMEOUT);
afterAll(() => t.close());

const hall = async (app: FastifyInstance, who: Caller, communityId: string, query = '') =>
  listEnvelope(wishSchema).parse(expectOk(await api(app, who, 'GET', `/api/wishes?communityId=${communityId}${query}`))).items;

/** A community of its own under 东城街道, its staff, and members reported there. */
async function freshCommunity(members = 2) {
  const community = await newCommunity(t.app, p.districtAdmin, ids['东城街道']!);
  const reported = await reportedMembers(t.app, { communityId: community.id, unitId: ids['龙岩市第一医院']!, count: members });
  return { ...community, members: reported, cast: { resident: p.resident, staff: community.staff, claimant: reported[0]! } };
}

describe('a change to who someone is takes effect at their next request', () => {
  it('a staff role taken away: the next review is refused, though the role was just used', async () => {
    const c = await freshCommunity();
    const first = await wishIn(t.app, c.cast, c.id, 'pending_review');
    const second = await wishIn(t.app, c.cast, c.id, 'pending_review');
    expectOk(await api(t.app, c.staff, 'POST', `/api/wishes/${first.id}/approve`));
    await t.app.db.delete(roleGrants).where(and(eq(roleGrants.userId, c.staff.userId), eq(roleGrants.role, 'community_staff')));
    expectCode(await api(t.app, c.staff, 'POST', `/api/wishes/${second.id}/approve`), 404, 'NOT_FOUND');
  });

  it('a staff role granted: the next request may review, though the caller was just seen as a resident', async () => {
    const c = await freshCommunity();
    const wish = await wishIn(t.app, c.cast, c.id, 'pending_review');
    const phone = freshPhone();
    await signUp(t.app, { phone });
    const newcomer = await callerOf(t.app, phone);
    expectCode(await api(t.app, newcomer, 'POST', `/api/wishes/${wish.id}/approve`), 404, 'NOT_FOUND');
    expectOk(await api(t.app, c.staff, 'POST', '/api/staff', { phone, name: '新干部', role: 'community_staff', orgId: c.id }), 201);
    expect(asWish(await api(t.app, newcomer, 'POST', `/api/wishes/${wish.id}/approve`)).status).toBe('published');
  });

  it('a roster row removed: the member may no longer claim; a report confirmed: a member may claim at once', async () => {
    const c = await freshCommunity(2);
    const [leaving, joining] = c.members as [Caller, Caller];
    const a = await wishIn(t.app, c.cast, c.id, 'published');
    const b = await wishIn(t.app, c.cast, c.id, 'published');
    expectOk(await api(t.app, leaving, 'GET', `/api/wishes/${a.id}`));
    await t.app.db.delete(rosterEntries).where(eq(rosterEntries.phone, leaving.phone));
    expectCode(await api(t.app, leaving, 'POST', `/api/wishes/${a.id}/claim`), 403, 'FORBIDDEN');

    await t.app.db.update(reports).set({ status: 'pending_offline', decidedAt: null }).where(eq(reports.memberId, joining.userId));
    expectCode(await api(t.app, joining, 'POST', `/api/wishes/${b.id}/claim`), 403, 'NOT_REPORTED_HERE');
    await t.app.db.update(reports).set({ status: 'confirmed', decidedAt: new Date() }).where(eq(reports.memberId, joining.userId));
    expect(asWish(await api(t.app, joining, 'POST', `/api/wishes/${b.id}/claim`)).status).toBe('claimed');
  });

  it('a node renamed shows its new name at the next request', async () => {
    const c = await newCommunity(t.app, p.districtAdmin, ids['东城街道']!);
    const node = async () => (expectOk(await api(t.app, p.districtAdmin, 'GET', `/api/orgs/${c.id}`)) as { name: string }).name;
    const before = await node();
    await t.app.db.update(orgNodes).set({ name: `${before}（新）` }).where(eq(orgNodes.id, Number(c.id)));
    expect(await node()).toBe(`${before}（新）`);
  });
});

describe('the hall is fresh where it must be', () => {
  it('a claimed wish leaves the published hall at once, for the claimant and for everyone else', async () => {
    const c = await freshCommunity(2);
    const wish = await wishIn(t.app, c.cast, c.id, 'published');
    const [claimant, other] = c.members as [Caller, Caller];
    for (const viewer of [claimant, other, c.staff]) expect((await hall(t.app, viewer, c.id, '&status=published')).map((w) => w.id)).toContain(wish.id);
    expectOk(await api(t.app, claimant, 'POST', `/api/wishes/${wish.id}/claim`));
    for (const viewer of [claimant, other, c.staff]) expect((await hall(t.app, viewer, c.id, '&status=published')).map((w) => w.id)).not.toContain(wish.id);
  });

  it("one's own wishes and claims are read every time, whatever changed them", async () => {
    const c = await freshCommunity(1);
    const wish = await wishIn(t.app, c.cast, c.id, 'claimed');
    const mine = async () => listEnvelope(wishSchema).parse(expectOk(await api(t.app, p.resident, 'GET', '/api/wishes?mine=1&limit=100'))).items;
    const claimed = async () => listEnvelope(wishSchema).parse(expectOk(await api(t.app, c.cast.claimant, 'GET', '/api/wishes?claimedByMe=1'))).items;
    expect((await mine()).find((w) => w.id === wish.id)?.status).toBe('claimed');
    expect((await claimed()).map((w) => w.id)).toEqual([wish.id]);
    // A change the server did not make itself (another process, an operator).
    await t.app.db.execute(
      `update wishes set status = 'published', claimant_id = null, claimed_at = null, contact_due_at = null, fulfil_due_at = null where id = ${Number(wish.id)}` as never,
    );
    expect((await mine()).find((w) => w.id === wish.id)?.status).toBe('published');
    expect(await claimed()).toEqual([]);
  });

  it('viewers sharing a page of the hall each get what they are entitled to', async () => {
    const c = await freshCommunity(2);
    const [claimant, bystander] = c.members as [Caller, Caller];
    const own = await wishIn(t.app, c.cast, c.id, 'published');
    const taken = await wishIn(t.app, c.cast, c.id, 'claimed');
    const open = await wishIn(t.app, c.cast, c.id, 'published');
    const viewers = { resident: p.resident, claimant, bystander, staff: c.staff, streetAdmin: p.streetAdmin };
    const pages: Record<string, Wish[]> = {};
    // Read back to back, so all but the first are served from the page the first one read.
    for (const [name, viewer] of Object.entries(viewers)) pages[name] = await hall(t.app, viewer, c.id);
    const byId = (items: Wish[], id: string) => items.find((w) => w.id === id)!;
    const contact = (items: Wish[]) => [own, taken, open].map((w) => 'contactPhone' in byId(items, w.id));
    expect(contact(pages.resident!)).toEqual([true, true, true]);
    expect(contact(pages.claimant!)).toEqual([false, true, false]);
    expect(contact(pages.bystander!)).toEqual([false, false, false]);
    expect(contact(pages.staff!)).toEqual([true, true, true]);
    expect(contact(pages.streetAdmin!)).toEqual([false, false, false]);
    expect(byId(pages.resident!, own.id).viewerActors).toEqual(['resident']);
    expect(byId(pages.claimant!, taken.id).viewerActors).toEqual(['claimant', 'reported_member']);
    expect(byId(pages.bystander!, open.id).viewerActors).toEqual(['reported_member']);
    expect(byId(pages.bystander!, own.id).residentName).toMatch(/\*/);
  });
});

describe('claims arriving together share a statement, and each is answered for itself', () => {
  it('members claiming different wishes at once each win their own, each with its claim row, audit row and message', async () => {
    const c = await freshCommunity(12);
    const wishes = await Promise.all(c.members.map(() => wishIn(t.app, c.cast, c.id, 'published')));
    const answers = await Promise.all(c.members.map((m, i) => api(t.app, m, 'POST', `/api/wishes/${wishes[i]!.id}/claim`)));
    answers.forEach((res, i) => {
      const wish = asWish(res);
      expect({ id: wish.id, status: wish.status, mine: wish.viewerActors.includes('claimant') }).toEqual({ id: wishes[i]!.id, status: 'claimed', mine: true });
    });
    for (const [i, wish] of wishes.entries()) {
      const claims = await t.app.db.select().from(wishClaims).where(eq(wishClaims.wishId, Number(wish.id)));
      expect(claims.map((x) => x.memberId)).toEqual([c.members[i]!.userId]);
      const audit = await t.app.db.select().from(auditLog).where(and(eq(auditLog.entity, 'wish'), eq(auditLog.entityId, wish.id), eq(auditLog.action, 'wish.claim')));
      expect(audit.map((a) => a.actorId)).toEqual([c.members[i]!.userId]);
      const told = await t.app.db.select().from(notifications).where(and(eq(notifications.entityId, wish.id), eq(notifications.kind, 'wish.claimed')));
      expect(told.map((n) => n.userId)).toEqual([p.resident.userId]);
      expect(told[0]!.body).toContain(`「${wish.title}」`);
    }
  });

  it('a claim of no wish, of a wish not open, and of a wish nobody else wants, sent together, are answered each as alone', async () => {
    const c = await freshCommunity(3);
    const [a, b, d] = c.members as [Caller, Caller, Caller];
    const pending = await wishIn(t.app, c.cast, c.id, 'pending_review');
    const open = await wishIn(t.app, c.cast, c.id, 'published');
    const [none, notOpen, won] = await Promise.all([
      api(t.app, a, 'POST', '/api/wishes/999999999/claim'),
      api(t.app, b, 'POST', `/api/wishes/${pending.id}/claim`),
      api(t.app, d, 'POST', `/api/wishes/${open.id}/claim`),
    ]);
    expectCode(none, 404, 'NOT_FOUND');
    expectCode(notOpen, 404, 'NOT_FOUND');
    expect(asWish(won).status).toBe('claimed');
  });

  it('a name with % in it reaches the resident as it is', async () => {
    const c = await freshCommunity(1);
    const member = c.members[0]!;
    await t.app.db.execute(`update users set name = '百分%之百' where id = ${member.userId}` as never);
    const wish = await wishIn(t.app, c.cast, c.id, 'published', { title: '100% 需要帮助' });
    expectOk(await api(t.app, member, 'POST', `/api/wishes/${wish.id}/claim`));
    const [told] = await t.app.db.select().from(notifications).where(and(eq(notifications.entityId, wish.id), eq(notifications.kind, 'wish.claimed')));
    expect(told!.body).toBe('党员百分%之百认领了您的心愿「100% 需要帮助」，将尽快与您联系');
  });
});

describe('answers carry the security headers', () => {
  it('helmet’s, on an API answer and on an error', async () => {
    for (const res of [await api(t.app, p.resident, 'GET', '/api/me'), await t.app.inject({ method: 'GET', url: '/api/nothing-here' })]) {
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['content-security-policy']).toContain("connect-src 'self' blob:");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=/);
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });
});

// Two servers on one PostgreSQL, as two processes (or machines) would run: the second app opens
// the same database with a pool of its own, as it would behind a transaction pooler (statements
// sent unnamed, the change feed heard on a connection of its own).
(TEST_DB === 'postgres' ? describe : describe.skip)('another process hears what changed [PostgreSQL only]', () => {
  let other: FastifyInstance;
  beforeAll(async () => {
    const { url } = t.target as { url: string };
    const database = await openDatabase({ driver: 'postgres', url, pooling: 'transaction', listenUrl: url });
    other = await buildApp(t.config, { webRoot: null, database, jobs: false });
    await other.ready();
    // The listener connects on its own: wait until it hears.
    while (!database.changes.live) await new Promise((r) => setTimeout(r, 10));
  });
  afterAll(() => other.close());

  /** Resolves when `app`'s process hears that this user changed. */
  const heard = (app: FastifyInstance, userId: number) =>
    new Promise<void>((resolve) => {
      const stop = app.database.changes.subscribe((change: Change) => {
        if (change.kind === 'user' && change.userId === userId) {
          stop();
          resolve();
        }
      });
    });

  it('a staff role taken away by another process is refused once this one hears of it', async () => {
    const c = await newCommunity(t.app, p.districtAdmin, ids['东城街道']!);
    const wishes = await Promise.all([1, 2].map(() => submitWish(t.app, p.resident, { communityId: c.id })));
    expectOk(await api(other, c.staff, 'POST', `/api/wishes/${wishes[0]!.id}/approve`));
    const told = heard(other, c.staff.userId);
    // Taken away on a connection of neither app, as an operator or a third process would.
    const client = new pg.Client({ connectionString: (t.target as { url: string }).url });
    await client.connect();
    await client.query(`delete from role_grants where user_id = $1 and role = 'community_staff'`, [c.staff.userId]);
    await client.end();
    await told;
    expectCode(await api(other, c.staff, 'POST', `/api/wishes/${wishes[1]!.id}/approve`), 404, 'NOT_FOUND');
  });

  it('a wish claimed through one process leaves the hall of the other within a second', async () => {
    const c = await freshCommunity(1);
    const wish = await wishIn(t.app, c.cast, c.id, 'published');
    expect((await hall(other, c.staff, c.id, '&status=published')).map((w) => w.id)).toContain(wish.id);
    expectOk(await api(t.app, c.members[0]!, 'POST', `/api/wishes/${wish.id}/claim`));
    await new Promise((r) => setTimeout(r, HALL_FRESH_MS));
    expect((await hall(other, c.staff, c.id, '&status=published')).map((w) => w.id)).not.toContain(wish.id);
  });
});
