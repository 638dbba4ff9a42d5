import { AUDIT_LEDGER_LABEL, auditEntrySchema, listEnvelope, orgNodeSchema, type AuditEntry } from '@huijia/shared';
import ExcelJS from 'exceljs';
import { and, desc, eq, like, sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { auditLog, orgNodes } from '../src/db/schema';
import { auditQuery } from '../src/modules/audit/trail';
import { buildTestApp, type TestApp } from './support/app';
import { demoIds } from './support/identity';
import { XLSX_TYPE } from './support/reporting';
import { APP_START_TIMEOUT, api, callersOf, expectCode, expectOk, newCommunity, privateDetails, rowsOf, wishIn, type Caller } from './support/wishes';

// The audit trail, shown (操作日志): GET /api/audit?orgId= reads a node's subtree, for staff and
// admins of that scope; ?objectType=&objectId= one object's history, as far as it lies in the
// caller's subtrees. Newest first, keyset by id; filters by actor, action and China day; the same
// as a ledger (GET /api/exports/audit.xlsx). Details never carry a resident's phone or address.

/** Demo logins (src/seed/demo-city.ts) by what they are to 龙津社区 (东城街道, 新罗区). */
const PEOPLE = {
  /** 张丽华, staff of 龙津社区. */
  staff: '13900000011',
  /** 王海燕, staff of 中山社区, the sibling community in 东城街道. */
  siblingStaff: '13900000012',
  /** 林秀英, street admin of 东城街道 (龙津社区, 中山社区). */
  streetAdmin: '13900000002',
  /** 黄志强, street admin of 西城街道. */
  westStreetAdmin: '13900000003',
  /** 陈建国, district admin of 新罗区. */
  districtAdmin: '13900000001',
  /** 郑明辉, unit admin of 龙岩市第一医院. */
  unitAdmin: '13900000021',
  /** 李志远, confirmed member of 龙津社区: claims. */
  claimant: '13900000101',
  /** 王秀兰, lives in 龙津社区: posts wishes. */
  resident: '13900000201',
  /** 杨德福, lives in 中山社区. */
  zhongshanResident: '13900000203',
} as const;

let t: TestApp;
let ids: Record<string, string>;
let who: Record<keyof typeof PEOPLE, Caller>;

beforeAll(async () => {
  t = await buildTestApp({ env: { SEED_DEMO: '1' } });
  ids = await demoIds(t.app);
  who = await callersOf(t.app, PEOPLE);
}, APP_START_TIMEOUT);
afterAll(() => t?.close(), 60_000);

const longjin = () => ids['龙津社区']!;
const zhongshan = () => ids['中山社区']!;
const east = () => ids['东城街道']!;
const pathOf = async (id: string) => (await t.app.db.select({ path: orgNodes.path }).from(orgNodes).where(eq(orgNodes.id, Number(id))))[0]!.path;

const auditPage = listEnvelope(auditEntrySchema);
const trailAs = (caller: Caller, query: string) => api(t.app, caller, 'GET', `/api/audit?${query}`);
async function trail(caller: Caller, query: string) {
  return auditPage.parse(expectOk(await trailAs(caller, query)));
}
/** Every page, following nextCursor to the end. */
async function everyPage(caller: Caller, query: string): Promise<{ entries: AuditEntry[]; pages: number }> {
  const entries: AuditEntry[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page: { items: AuditEntry[]; nextCursor: string | null } = await trail(caller, cursor ? `${query}&cursor=${cursor}` : query);
    entries.push(...page.items);
    cursor = page.nextCursor;
    pages += 1;
  } while (cursor && pages < 500);
  return { entries, pages };
}

const cast = () => ({ resident: who.resident, staff: who.staff, claimant: who.claimant });

describe('a node’s trail: staff and admins of that subtree, and no one else', () => {
  let longjinWish: string;
  let zhongshanWish: string;
  beforeAll(async () => {
    longjinWish = (await wishIn(t.app, cast(), longjin(), 'published')).id;
    zhongshanWish = (await wishIn(t.app, { resident: who.zhongshanResident, staff: who.siblingStaff, claimant: who.claimant }, zhongshan(), 'pending_review')).id;
  });
  const submitted = (entries: AuditEntry[]) => entries.filter((e) => e.action === 'wish.submit').map((e) => e.objectId);

  it('staff of a community read its trail, and nothing of its sibling', async () => {
    const { entries } = await everyPage(who.staff, `orgId=${longjin()}&limit=100`);
    expect(submitted(entries)).toContain(longjinWish);
    expect(submitted(entries)).not.toContain(zhongshanWish);
    expect(entries.find((e) => e.objectId === longjinWish && e.action === 'wish.approve')).toMatchObject({
      label: '审核通过',
      objectType: 'wish',
      actor: { id: String(who.staff.userId), name: '张丽华' },
      from: 'pending_review',
      to: 'published',
    });
  });

  it('a street admin reads every community of its street; the district admin the same and more', async () => {
    for (const admin of [who.streetAdmin, who.districtAdmin]) {
      const { entries } = await everyPage(admin, `orgId=${east()}&limit=100`);
      expect(submitted(entries)).toEqual(expect.arrayContaining([longjinWish, zhongshanWish]));
    }
    expect(submitted((await everyPage(who.districtAdmin, `orgId=${ids['新罗区']}&limit=100`)).entries)).toEqual(expect.arrayContaining([longjinWish, zhongshanWish]));
  });

  it.each([
    ['a resident', 'resident', '龙津社区', 403, 'FORBIDDEN'],
    ['a member', 'claimant', '龙津社区', 403, 'FORBIDDEN'],
    ['a unit admin', 'unitAdmin', '龙津社区', 403, 'FORBIDDEN'],
    ['staff of the sibling community', 'siblingStaff', '龙津社区', 404, 'NOT_FOUND'],
    ['staff, of the street above their community', 'staff', '东城街道', 404, 'NOT_FOUND'],
    ['the admin of another street', 'westStreetAdmin', '龙津社区', 404, 'NOT_FOUND'],
    ['the district admin, of the city above it', 'districtAdmin', '龙岩市', 404, 'NOT_FOUND'],
    ['the district admin, of a node that does not exist', 'districtAdmin', '987654321', 404, 'NOT_FOUND'],
    ['the district admin, of the node abc', 'districtAdmin', 'abc', 404, 'NOT_FOUND'],
  ] as const)('%s is refused (%s asks of %s)', async (_what, caller, node, status, code) => {
    expectCode(await trailAs(who[caller], `orgId=${ids[node] ?? node}`), status, code);
  });

  it('answers 401 to no one signed in, and 400 to a question that names nothing or two things', async () => {
    expect((await t.app.inject({ method: 'GET', url: `/api/audit?orgId=${longjin()}` })).statusCode).toBe(401);
    expectCode(await trailAs(who.staff, ''), 400, 'VALIDATION_FAILED');
    expectCode(await trailAs(who.staff, 'objectType=wish'), 400, 'VALIDATION_FAILED');
    expectCode(await trailAs(who.staff, `orgId=${longjin()}&objectType=wish&objectId=${longjinWish}`), 400, 'VALIDATION_FAILED');
    expectCode(await trailAs(who.staff, 'objectType=spaceship&objectId=1'), 400, 'VALIDATION_FAILED');
  });
});

describe('one object’s history: who did what, when', () => {
  let wishId: string;
  beforeAll(async () => {
    wishId = (await wishIn(t.app, cast(), longjin(), 'completed')).id;
  });

  it('a completed wish reads from its confirmation back to its submission, each with its actor and states', async () => {
    const { items, nextCursor } = await trail(who.staff, `objectType=wish&objectId=${wishId}`);
    expect(nextCursor).toBeNull();
    expect(items.map((e) => [e.action, e.label, e.actor?.name, e.from, e.to])).toEqual([
      ['wish.confirm', '确认评价', '王秀兰', 'fulfilled', 'completed'],
      ['wish.fulfil', '完成心愿', '李志远', 'claimed', 'fulfilled'],
      ['wish.contact', '已联系居民', '李志远', 'claimed', 'claimed'],
      ['wish.claim', '认领心愿', '李志远', 'published', 'claimed'],
      ['wish.approve', '审核通过', '张丽华', 'pending_review', 'published'],
      ['wish.submit', '提交心愿', '王秀兰', null, 'pending_review'],
    ]);
    expect(items.every((e) => e.objectType === 'wish' && e.objectId === wishId)).toBe(true);
    expect(items[0]!.details).toEqual({ rating: 5 });
    const ids = items.map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const times = items.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('pages by keyset like any list', async () => {
    const { entries, pages } = await everyPage(who.staff, `objectType=wish&objectId=${wishId}&limit=4`);
    expect(pages).toBe(2);
    expect(entries.map((e) => e.action)).toEqual(['wish.confirm', 'wish.fulfil', 'wish.contact', 'wish.claim', 'wish.approve', 'wish.submit']);
  });

  it('is read by the admins above the community', async () => {
    for (const admin of [who.streetAdmin, who.districtAdmin]) {
      expect((await trail(admin, `objectType=wish&objectId=${wishId}`)).items).toHaveLength(6);
    }
  });

  it.each([
    ['a resident, even the one who posted it', 'resident', 403, 'FORBIDDEN'],
    ['its claimant', 'claimant', 403, 'FORBIDDEN'],
    ['a unit admin', 'unitAdmin', 403, 'FORBIDDEN'],
    ['staff of the sibling community', 'siblingStaff', 404, 'NOT_FOUND'],
    ['the admin of another street', 'westStreetAdmin', 404, 'NOT_FOUND'],
  ] as const)('is refused to %s', async (_what, caller, status, code) => {
    expectCode(await trailAs(who[caller], `objectType=wish&objectId=${wishId}`), status, code);
  });

  it('answers 404 for an object with no history, as for one out of reach', async () => {
    expectCode(await trailAs(who.districtAdmin, 'objectType=wish&objectId=987654321'), 404, 'NOT_FOUND');
    expectCode(await trailAs(who.districtAdmin, 'objectType=report&objectId=abc'), 404, 'NOT_FOUND');
  });

  it('answers an empty page for an object of the caller’s with no history yet (as the demo’s wishes), 404 to others', async () => {
    const quiet = (await wishIn(t.app, cast(), longjin(), 'published')).id;
    await t.app.db.delete(auditLog).where(and(eq(auditLog.entity, 'wish'), eq(auditLog.entityId, quiet)));
    expect(await trail(who.staff, `objectType=wish&objectId=${quiet}`)).toEqual({ items: [], nextCursor: null });
    expect(await trail(who.districtAdmin, `objectType=wish&objectId=${quiet}`)).toEqual({ items: [], nextCursor: null });
    expectCode(await trailAs(who.siblingStaff, `objectType=wish&objectId=${quiet}`), 404, 'NOT_FOUND');
    expectCode(await trailAs(who.westStreetAdmin, `objectType=wish&objectId=${quiet}`), 404, 'NOT_FOUND');
  });

  it('keeps the object when a filter matches none of its history: an empty page, not 404', async () => {
    expect(await trail(who.staff, `objectType=wish&objectId=${wishId}&action=wish.reject`)).toEqual({ items: [], nextCursor: null });
  });
});

describe('filters and keyset paging of a node’s trail', () => {
  let community: { id: string; staff: Caller };
  let path: string;
  beforeAll(async () => {
    community = await newCommunity(t.app, who.districtAdmin, east());
    path = await pathOf(community.id);
    const wish = await wishIn(t.app, { resident: who.resident, staff: community.staff, claimant: who.claimant }, community.id, 'published');
    for (const contactDays of [3, 5]) {
      expectOk(await api(t.app, community.staff, 'PUT', `/api/communities/${community.id}/settings`, { contactDays, fulfilDays: 20, householdMaxMembers: 2 }));
    }
    expect(wish.status).toBe('published');
    // Two changes of the settings either side of midnight in China (16:00 UTC).
    const settings = await t.app.db
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(and(eq(auditLog.orgPath, path), eq(auditLog.action, 'community.settings')))
      .orderBy(auditLog.id);
    await t.app.db.update(auditLog).set({ at: new Date('2026-03-01T15:59:59Z') }).where(eq(auditLog.id, settings[0]!.id));
    await t.app.db.update(auditLog).set({ at: new Date('2026-03-01T16:00:00Z') }).where(eq(auditLog.id, settings[1]!.id));
  });

  const actions = async (query: string) => (await trail(community.staff, `orgId=${community.id}&${query}`)).items.map((e) => e.action);

  it('holds what happened in the community, newest first, from its making by the district admin on', async () => {
    expect(await actions('')).toEqual(['community.settings', 'community.settings', 'wish.approve', 'wish.submit', 'role.grant', 'org.create']);
    expect(await actions(`actorId=${who.districtAdmin.userId}`)).toEqual(['role.grant', 'org.create']);
  });

  it('by actor', async () => {
    expect(await actions(`actorId=${community.staff.userId}`)).toEqual(['community.settings', 'community.settings', 'wish.approve']);
    expect(await actions(`actorId=${who.resident.userId}`)).toEqual(['wish.submit']);
    expect(await actions('actorId=abc')).toEqual([]);
  });

  it('by action', async () => {
    expect(await actions('action=wish.approve')).toEqual(['wish.approve']);
    expect(await actions('action=community.settings')).toEqual(['community.settings', 'community.settings']);
    expectCode(await trailAs(community.staff, `orgId=${community.id}&action=DROP TABLE`), 400, 'VALIDATION_FAILED');
  });

  it('by China day, both ends included', async () => {
    const settingsOn = async (query: string) => (await trail(community.staff, `orgId=${community.id}&action=community.settings&${query}`)).items.map((e) => e.at);
    expect(await settingsOn('from=2026-03-01&to=2026-03-01')).toEqual(['2026-03-01T15:59:59.000Z']);
    expect(await settingsOn('from=2026-03-02&to=2026-03-02')).toEqual(['2026-03-01T16:00:00.000Z']);
    expect(await settingsOn('from=2026-03-01&to=2026-03-02')).toHaveLength(2);
    expect(await settingsOn('to=2026-02-28')).toEqual([]);
    expect(await settingsOn('from=2026-03-03')).toEqual([]);
    expectCode(await trailAs(community.staff, `orgId=${community.id}&from=2026-03-02&to=2026-03-01`), 400, 'VALIDATION_FAILED');
    expectCode(await trailAs(community.staff, `orgId=${community.id}&from=2026-02-30`), 400, 'VALIDATION_FAILED');
  });

  it('pages a street’s trail, across its communities, exactly as the table orders it', async () => {
    const eastPath = await pathOf(east());
    const expected = (await t.app.db.select({ id: auditLog.id }).from(auditLog).where(like(auditLog.orgPath, `${eastPath}%`)).orderBy(desc(auditLog.id))).map((r) => String(r.id));
    expect(expected.length).toBeGreaterThan(10);
    const { entries, pages } = await everyPage(who.streetAdmin, `orgId=${east()}&limit=3`);
    expect(entries.map((e) => e.id)).toEqual(expected);
    expect(pages).toBe(Math.ceil(expected.length / 3));
    const submits = await everyPage(who.streetAdmin, `orgId=${east()}&limit=2&action=wish.submit`);
    expect(submits.entries.map((e) => e.id)).toEqual(
      (await t.app.db.select({ id: auditLog.id }).from(auditLog).where(and(like(auditLog.orgPath, `${eastPath}%`), eq(auditLog.action, 'wish.submit'))).orderBy(desc(auditLog.id))).map((r) =>
        String(r.id),
      ),
    );
    expectCode(await trailAs(who.streetAdmin, `orgId=${east()}&cursor=abc`), 400, 'VALIDATION_FAILED');
    expectCode(await trailAs(who.streetAdmin, `orgId=${east()}&limit=101`), 400, 'VALIDATION_FAILED');
  });
});

describe('details never carry a resident’s phone or address', () => {
  let community: { id: string; staff: Caller };
  let path: string;
  beforeAll(async () => {
    community = await newCommunity(t.app, who.districtAdmin, east());
    path = await pathOf(community.id);
  });

  it('a 代办 wish’s trail says it was 代办, and nothing of what staff typed', async () => {
    const typed = privateDetails();
    const res = await api(t.app, community.staff, 'POST', '/api/wishes', {
      communityId: community.id,
      title: '帮忙买药',
      description: '腿脚不便，需要帮忙去药店买降压药。',
      category: 'health',
      onBehalfOf: { name: '赵大爷', phone: typed.contactPhone, address: typed.address },
    });
    const wishId = (expectOk(res, 201) as { id: string }).id;
    const history = await trailAs(community.staff, `objectType=wish&objectId=${wishId}`);
    expect(auditPage.parse(expectOk(history)).items.map((e) => [e.action, e.details])).toEqual([['wish.submit', { onBehalfOf: true }]]);
    const node = await trailAs(community.staff, `orgId=${community.id}`);
    for (const body of [history.body, node.body]) {
      expect([typed.contactPhone, typed.marker, '赵大爷'].filter((s) => body.includes(s))).toEqual([]);
    }
    const [row] = await t.app.db.select().from(auditLog).where(and(eq(auditLog.entity, 'wish'), eq(auditLog.entityId, wishId)));
    expect(JSON.stringify(row!.details)).not.toContain(typed.contactPhone);
  });

  it('keys nobody checked are left out, and phone numbers in what is shown are masked', async () => {
    await t.app.db.insert(auditLog).values({
      actorId: community.staff.userId,
      action: 'wish.reject',
      entity: 'wish',
      entityId: '1',
      orgPath: path,
      details: {
        reason: '居民电话 13812345678 打不通',
        contactPhone: '13812345678',
        address: '阳光花园 3 栋 201 室',
        resident: { phone: '13812345678' },
        rejected: [{ row: 3, reason: '重复' }],
        rating: 2,
      },
    });
    const res = await trailAs(community.staff, `orgId=${community.id}&action=wish.reject`);
    const [entry] = auditPage.parse(expectOk(res)).items;
    expect(entry!.details).toEqual({ reason: '居民电话 138****5678 打不通', rejected: [{ row: 3, reason: '重复' }], rating: 2 });
    expect(res.body).not.toContain('13812345678');
    expect(res.body).not.toContain('阳光花园');
  });
});

describe('the audit ledger (操作日志台账)', () => {
  let community: { id: string; staff: Caller };
  let wishId: string;
  beforeAll(async () => {
    community = await newCommunity(t.app, who.districtAdmin, east());
    wishId = (await wishIn(t.app, { resident: who.resident, staff: community.staff, claimant: who.claimant }, community.id, 'published')).id;
    expectOk(await api(t.app, community.staff, 'PUT', `/api/communities/${community.id}/settings`, { contactDays: 4, fulfilDays: 20, householdMaxMembers: 1 }));
  });

  const exportAs = (caller: Caller, query: string) => api(t.app, caller, 'GET', `/api/exports/audit.xlsx?${query}`);
  async function sheetOf(res: LightMyRequestResponse) {
    expect(res.statusCode === 200 ? 200 : { status: res.statusCode, body: res.body }).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_TYPE);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const worksheet = workbook.worksheets[0]!;
    const headers = (worksheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
    const rows: Record<string, ExcelJS.CellValue>[] = [];
    worksheet.eachRow((row, n) => {
      if (n > 1) rows.push(Object.fromEntries(headers.map((h, i) => [h, row.getCell(i + 1).value])));
    });
    return { name: worksheet.name, headers, rows };
  }

  it('holds the node’s trail oldest first, with the actor, the action as people read it and when (China time)', async () => {
    const res = await exportAs(community.staff, `orgId=${community.id}`);
    expect(String(res.headers['content-disposition'])).toMatch(new RegExp(`^attachment; filename="audit-org${community.id}-\\d{8}\\.xlsx"`));
    const sheet = await sheetOf(res);
    expect(sheet.name).toBe(AUDIT_LEDGER_LABEL);
    expect(sheet.headers).toEqual(['编号', '时间', '操作人', '操作', '对象', '对象编号', '原状态', '新状态', '详情']);
    const { entries } = await everyPage(community.staff, `orgId=${community.id}&limit=100`);
    expect(sheet.rows.map((r) => [Number(r['编号']), r['操作人'], r['操作']])).toEqual(entries.reverse().map((e) => [Number(e.id), e.actor?.name, e.label]));
    expect(sheet.rows.slice(-3).map((r) => [r['操作人'], r['操作'], r['对象']])).toEqual([
      ['王秀兰', '提交心愿', '心愿'],
      ['社区干部', '审核通过', '心愿'],
      ['社区干部', '修改社区设置', '组织节点'],
    ]);
    expect(sheet.rows.every((r) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(String(r['时间'])))).toBe(true);
    // In the order jsonb keeps keys.
    expect(String(sheet.rows.at(-1)!['详情']).split('；').sort()).toEqual(['contactDays：4', 'fulfilDays：20', 'householdMaxMembers：1']);
  });

  it('takes the trail’s filters, and one object’s history', async () => {
    const approvals = await sheetOf(await exportAs(community.staff, `orgId=${community.id}&action=wish.approve`));
    expect(approvals.rows.map((r) => r['操作'])).toEqual(['审核通过']);
    const history = await sheetOf(await exportAs(community.staff, `objectType=wish&objectId=${wishId}`));
    expect(history.rows.map((r) => r['操作'])).toEqual(['提交心愿', '审核通过']);
    const street = await sheetOf(await exportAs(who.streetAdmin, `orgId=${east()}&actorId=${community.staff.userId}`));
    expect(street.rows.map((r) => r['操作'])).toEqual(['审核通过', '修改社区设置']);
  });

  it('is refused as the trail is, in JSON', async () => {
    for (const [caller, query, status, code] of [
      [who.resident, `orgId=${community.id}`, 403, 'FORBIDDEN'],
      [who.unitAdmin, `orgId=${community.id}`, 403, 'FORBIDDEN'],
      [who.staff, `orgId=${community.id}`, 404, 'NOT_FOUND'],
      [who.westStreetAdmin, `objectType=wish&objectId=${wishId}`, 404, 'NOT_FOUND'],
      [community.staff, 'orgId=abc&from=2026-13-01', 400, 'VALIDATION_FAILED'],
    ] as const) {
      const res = await exportAs(caller, query);
      expectCode(res, status, code);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
    }
  });
});

describe('the subtree’s query reads the trail’s path index', () => {
  it('finds the paths under the node and each path’s newest rows in audit_log_org_idx, not by reading the table', async () => {
    const street = orgNodeSchema.parse(expectOk(await api(t.app, who.districtAdmin, 'POST', '/api/orgs', { parentId: ids['新罗区'], kind: 'street', name: '索引街道' }), 201));
    // A district's worth of rows: 40 communities under the street, 20,000 rows among them.
    await t.app.db.execute(sql`
      insert into audit_log (actor_id, action, entity, entity_id, org_path, at)
      select null, 'wish.submit', 'wish', g::text, ${street.path} || (900000 + g % 40)::text || '/', now() - make_interval(secs => g)
      from generate_series(1, 20000) g`);
    await t.app.db.execute(sql`analyze audit_log`);
    const query = auditQuery({ path: street.path }, {}, 'newest', null, 21)!;
    const plan = rowsOf<Record<string, string>>(await t.app.db.execute(sql`explain ${query}`))
      .map((r) => Object.values(r)[0])
      .join('\n');
    expect(plan).toContain('audit_log_org_idx');
    expect(plan).not.toMatch(/Seq Scan on audit_log/);
    const filtered = auditQuery({ path: street.path }, { action: 'wish.submit', from: '2026-01-01' }, 'newest', 12345, 21)!;
    const filteredPlan = rowsOf<Record<string, string>>(await t.app.db.execute(sql`explain ${filtered}`))
      .map((r) => Object.values(r)[0])
      .join('\n');
    expect(filteredPlan).toContain('audit_log_org_idx');
    expect(filteredPlan).not.toMatch(/Seq Scan on audit_log/);
    // And what it answers is the subtree's newest rows, as the table orders them.
    const newest = (await t.app.db.select({ id: auditLog.id }).from(auditLog).where(like(auditLog.orgPath, `${street.path}%`)).orderBy(desc(auditLog.id)).limit(100)).map((r) => String(r.id));
    const page = await trail(who.districtAdmin, `orgId=${street.id}&limit=100`);
    expect(page.items.map((e) => e.id)).toEqual(newest);
    expect(page.nextCursor).toBe(newest.at(-1));
  });
});
