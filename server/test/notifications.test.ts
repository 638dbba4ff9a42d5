import { notificationSchema, type Session } from '@huijia/shared';
import { buildTestApp, type TestApp } from './support/app';
import { demoIds, expectError, freshPhone, signUp } from './support/identity';
import {
  STAFF_OF,
  RESIDENT,
  UNIT_ADMIN_OF,
  call,
  expectStatus,
  issueCertificate,
  newMember,
  notificationsOf,
  signInAll,
  submitReport,
} from './support/reporting';

// In-app messages (`/api/notifications`): each user reads their own, newest first, and marks them read.

let t: TestApp;
let ids: Record<string, string>;
let sessions: Map<string, Session>;
const as = (phone: string) => sessions.get(phone)!;

beforeAll(async () => {
  t = await buildTestApp({ env: { SEED_DEMO: '1' } });
  ids = await demoIds(t.app);
  sessions = await signInAll(t.app, [UNIT_ADMIN_OF.新罗区实验小学, STAFF_OF.溪南社区, STAFF_OF.龙津社区, RESIDENT]);
});
afterAll(() => t.close());

/**
 * A member told three things, through the report flow: the 报到证 issued, issued again, and the
 * report rejected.
 */
async function memberWithThreeMessages(): Promise<Session> {
  const member = await newMember(t.app, { unitIds: [ids['新罗区实验小学']!], home: ids['溪南社区']! });
  const report = await submitReport(t.app, member, ids['溪南社区']!);
  await issueCertificate(t.app, as(UNIT_ADMIN_OF.新罗区实验小学), report.id);
  await issueCertificate(t.app, as(UNIT_ADMIN_OF.新罗区实验小学), report.id);
  expectStatus(await call(t.app, as(STAFF_OF.溪南社区), 'POST', `/api/reports/${report.id}/reject`, { reason: '信息不符' }), 200);
  return member;
}
const markRead = (who: Session, id: string) => call(t.app, who, 'POST', `/api/notifications/${id}/read`);

describe('a user’s messages are listed newest first, with the number unread', () => {
  it('lists the member’s three messages newest first, all unread', async () => {
    const member = await memberWithThreeMessages();
    const list = await notificationsOf(t.app, member);
    expect(list.items.map((n) => n.kind)).toEqual(['report.rejected', 'report.certified', 'report.certified']);
    expect(list.unread).toBe(3);
    expect(list.nextCursor).toBeNull();
    expect(list.items.every((n) => !n.read)).toBe(true);
    const idsInOrder = list.items.map((n) => Number(n.id));
    expect(idsInOrder).toEqual([...idsInOrder].sort((a, b) => b - a));
    const times = list.items.map((n) => Date.parse(n.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('pages with limit and nextCursor, the unread count being of all messages', async () => {
    const member = await memberWithThreeMessages();
    const whole = await notificationsOf(t.app, member);
    const first = await notificationsOf(t.app, member, '?limit=2');
    expect(first.items.map((n) => n.id)).toEqual(whole.items.slice(0, 2).map((n) => n.id));
    expect(first.unread).toBe(3);
    expect(first.nextCursor).not.toBeNull();
    const second = await notificationsOf(t.app, member, `?limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((n) => n.id)).toEqual(whole.items.slice(2).map((n) => n.id));
    expect(second.nextCursor).toBeNull();
  });

  it('shows nobody else’s messages', async () => {
    await memberWithThreeMessages();
    const newcomer = await signUp(t.app, { phone: freshPhone() });
    expect(await notificationsOf(t.app, newcomer)).toEqual({ items: [], nextCursor: null, unread: 0 });
  });

  it('refuses a limit out of range or a bad cursor with 400 VALIDATION_FAILED', async () => {
    const member = await signUp(t.app, { phone: freshPhone() });
    for (const query of ['?limit=0', '?limit=101', '?cursor=x1']) {
      expectError(await call(t.app, member, 'GET', `/api/notifications${query}`), 400, 'VALIDATION_FAILED');
    }
  });

  it('answers 401 without a session', async () => {
    expectError(await call(t.app, null, 'GET', '/api/notifications'), 401, 'UNAUTHENTICATED');
    expectError(await call(t.app, null, 'POST', '/api/notifications/1/read'), 401, 'UNAUTHENTICATED');
    expectError(await call(t.app, null, 'POST', '/api/notifications/read-all'), 401, 'UNAUTHENTICATED');
  });
});

describe('a user marks one of their own messages read', () => {
  it('marks it read and counts one fewer unread', async () => {
    const member = await memberWithThreeMessages();
    const [newest, middle] = (await notificationsOf(t.app, member)).items;
    const marked = notificationSchema.parse(expectStatus(await markRead(member, middle!.id), 200));
    expect(marked).toEqual({ ...middle, read: true });
    const list = await notificationsOf(t.app, member);
    expect(list.unread).toBe(2);
    expect(list.items.map((n) => [n.id, n.read])).toEqual([
      [newest!.id, false],
      [middle!.id, true],
      [list.items[2]!.id, false],
    ]);
  });

  it('leaves the count alone when the message is marked read again', async () => {
    const member = await memberWithThreeMessages();
    const [newest] = (await notificationsOf(t.app, member)).items;
    expectStatus(await markRead(member, newest!.id), 200);
    expect(notificationSchema.parse(expectStatus(await markRead(member, newest!.id), 200)).read).toBe(true);
    expect((await notificationsOf(t.app, member)).unread).toBe(2);
  });

  it('answers 404 for someone else’s message and leaves it unread', async () => {
    const owner = await memberWithThreeMessages();
    const other = await memberWithThreeMessages();
    const [newest] = (await notificationsOf(t.app, owner)).items;
    expectError(await markRead(other, newest!.id), 404, 'NOT_FOUND');
    const list = await notificationsOf(t.app, owner);
    expect(list.unread).toBe(3);
    expect(list.items[0]).toMatchObject({ id: newest!.id, read: false });
    expect((await notificationsOf(t.app, other)).unread).toBe(3);
  });

  it('answers 404 for a message that does not exist', async () => {
    const member = await signUp(t.app, { phone: freshPhone() });
    expectError(await markRead(member, '999999'), 404, 'NOT_FOUND');
    expectError(await markRead(member, 'abc'), 404, 'NOT_FOUND');
  });
});

describe('a user marks all their messages read at once', () => {
  it('marks every one read, and nobody else’s', async () => {
    const member = await memberWithThreeMessages();
    const other = await memberWithThreeMessages();
    const res = await call(t.app, member, 'POST', '/api/notifications/read-all');
    expect(res.statusCode).toBe(204);
    const list = await notificationsOf(t.app, member);
    expect(list.unread).toBe(0);
    expect(list.items).toHaveLength(3);
    expect(list.items.every((n) => n.read)).toBe(true);
    expect((await notificationsOf(t.app, other)).unread).toBe(3);
  });

  it('counts a message that arrives afterwards as unread', async () => {
    const member = await newMember(t.app, { unitIds: [ids['新罗区实验小学']!], home: ids['溪南社区']! });
    const report = await submitReport(t.app, member, ids['溪南社区']!);
    await issueCertificate(t.app, as(UNIT_ADMIN_OF.新罗区实验小学), report.id);
    expect((await call(t.app, member, 'POST', '/api/notifications/read-all')).statusCode).toBe(204);
    await issueCertificate(t.app, as(UNIT_ADMIN_OF.新罗区实验小学), report.id);
    const list = await notificationsOf(t.app, member);
    expect(list.unread).toBe(1);
    expect(list.items.map((n) => n.read)).toEqual([false, true]);
  });

  it('answers 204 when there is nothing to mark', async () => {
    const member = await signUp(t.app, { phone: freshPhone() });
    expect((await call(t.app, member, 'POST', '/api/notifications/read-all')).statusCode).toBe(204);
    expect((await notificationsOf(t.app, member)).unread).toBe(0);
  });
});

describe('the demo city', () => {
  it('has told its people what its wishes went through, as the flows word it, the older read', async () => {
    const titles = async (phone: string) =>
      (await notificationsOf(t.app, as(phone))).items.map((n) => `${n.kind} ${n.read ? 'read' : 'unread'} ${n.title}`);
    // 王秀兰's wishes: one claimed (unread news), one refused long ago (read).
    expect(await titles(RESIDENT)).toEqual(
      expect.arrayContaining(['wish.claimed unread 心愿已被认领', 'wish.rejected read 心愿未通过审核']),
    );
    // 龙津社区's staff: a wish waiting for review and one in dispute.
    expect(await titles(STAFF_OF.龙津社区)).toEqual(
      expect.arrayContaining(['wish.submitted unread 有新的微心愿待审核', 'wish.disputed unread 心愿有异议']),
    );
  });
});
