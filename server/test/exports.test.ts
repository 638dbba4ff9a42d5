import { EXPORT_LIST_LABELS, maskName } from '@huijia/shared';
import { and, eq, sql } from 'drizzle-orm';
import { rosterEntries } from '../src/db/schema';
import { buildTestApp, type TestApp } from './support/app';
import { demoIds } from './support/identity';
import { column, sheetOf, type Sheet } from './support/sheets';
import { api, callersOf, expectCode, holdSeat, logRecord, newPost, recordBody, reportedMember, session, verify, type Caller } from './support/service';
import { APP_START_TIMEOUT, newCommunity, privateDetails, rowsOf, submitWish } from './support/wishes';

// Ledgers (台账) as spreadsheets: GET /api/exports/:list.xlsx?orgId= (or ?unitId=). Each ledger
// opened back with exceljs: Chinese headers, exactly the rows of the scope asked for, the
// resident's private fields only for staff of the wish's community, members' phones only for
// whoever reads their roster (信息比对), and the errors answered as JSON before any byte of a sheet.

let t: TestApp;
let ids: Record<string, string>;
let who: Record<keyof typeof PEOPLE, Caller>;

/** Demo logins (src/seed/demo-city.ts) by what they are to the ledgers of 龙津社区 (东城街道, 新罗区). */
const PEOPLE = {
  /** 张丽华, staff of 龙津社区. */
  staff: '13900000011',
  /** 王海燕, staff of 中山社区, the sibling community. */
  siblingStaff: '13900000012',
  /** 林秀英, street admin of 东城街道 (龙津社区, 中山社区). */
  streetAdmin: '13900000002',
  /** 陈建国, district admin of 新罗区. */
  districtAdmin: '13900000001',
  /** 郑明辉, unit admin of 龙岩市第一医院. */
  unitAdmin: '13900000021',
  /** 李志远, on 龙岩市第一医院's roster, confirmed at 龙津社区. */
  member: '13900000101',
  /** 王秀兰, lives in 龙津社区, on no roster. */
  resident: '13900000201',
} as const;

beforeAll(async () => {
  t = await buildTestApp({ env: { SEED_DEMO: '1' } });
  ids = await demoIds(t.app);
  who = await callersOf(t.app, PEOPLE);
}, APP_START_TIMEOUT);
afterAll(() => t?.close(), 60_000);

const longjin = () => ids['龙津社区']!;
const zhongshan = () => ids['中山社区']!;
const hospital = () => ids['龙岩市第一医院']!;

const exportAs = (caller: Caller, list: string, query: string) => api(t.app, caller, 'GET', `/api/exports/${list}.xlsx?${query}`);

async function exported(caller: Caller, list: string, query: string): Promise<Sheet> {
  return sheetOf(await exportAs(caller, list, query));
}

const idsIn = (sheet: Sheet, header = '编号') => column(sheet, header).map(Number).sort((a, b) => a - b);
const idsOf = async (query: ReturnType<typeof sql>) => rowsOf<{ id: number | string }>(await t.app.db.execute(query)).map((r) => Number(r.id)).sort((a, b) => a - b);
/** Every cell of the sheet as text, to search for what must not be there. */
const everyCell = (sheet: Sheet) => sheet.rows.flatMap((r) => Object.values(r).map(String));

const CHINA_MINUTE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/;

describe('the wishes ledger (微心愿台账)', () => {
  let mine: { id: string; contactPhone: string; address: string; marker: string };
  beforeAll(async () => {
    const details = privateDetails();
    const wish = await submitWish(t.app, who.resident, { communityId: longjin(), contactPhone: details.contactPhone, address: details.address });
    mine = { id: wish.id, ...details };
  });

  it('holds every wish of the community, in every state, and none of its sibling', async () => {
    const sheet = await exported(who.staff, 'wishes', `orgId=${longjin()}`);
    expect(sheet.name).toBe(EXPORT_LIST_LABELS.wishes);
    expect(sheet.headers).toEqual([
      '编号', '社区', '心愿', '心愿内容', '类别', '先锋角色', '状态', '居民', '联系电话', '地址',
      '认领党员', '认领时间', '完成时间', '确认时间', '评分', '居民评价', '提交时间',
    ]);
    expect(idsIn(sheet)).toEqual(await idsOf(sql`select id from wishes where community_id = ${longjin()}`));
    expect(new Set(column(sheet, '社区'))).toEqual(new Set(['龙津社区']));
    expect(new Set(column(sheet, '状态'))).toEqual(new Set(['待审核', '待认领', '已认领', '待确认', '已完成', '有异议', '未通过', '已撤回']));
    const completed = sheet.rows.find((r) => r['心愿'] === '周末陪老人聊聊天')!;
    expect(completed).toMatchObject({ 类别: '陪伴', 状态: '已完成', 认领党员: '李志远', 评分: 5 });
    for (const header of ['认领时间', '完成时间', '确认时间', '提交时间']) expect(completed[header]).toMatch(CHINA_MINUTE);
  });

  it('staff of the community see the resident’s phone, address and full name', async () => {
    const sheet = await exported(who.staff, 'wishes', `orgId=${longjin()}`);
    const row = sheet.rows.find((r) => String(r['编号']) === mine.id);
    expect(row).toMatchObject({ 居民: '王秀兰', 联系电话: mine.contactPhone, 地址: mine.address, 状态: '待审核', 类别: '维修' });
  });

  it.each([
    ['a street admin', 'streetAdmin', '东城街道'],
    ['a district admin', 'districtAdmin', '新罗区'],
  ] as const)('%s has the columns, blank, and the residents’ names masked', async (_who, caller, node) => {
    const sheet = await exported(who[caller], 'wishes', `orgId=${ids[node]}`);
    expect(sheet.headers).toEqual(expect.arrayContaining(['联系电话', '地址', '居民']));
    const row = sheet.rows.find((r) => String(r['编号']) === mine.id);
    expect(row).toMatchObject({ 居民: maskName('王秀兰'), 联系电话: null, 地址: null });
    expect(column(sheet, '联系电话').every((v) => v === null)).toBe(true);
    expect(column(sheet, '地址').every((v) => v === null)).toBe(true);
    expect(column(sheet, '居民').every((v) => typeof v === 'string' && /^.\*+$/u.test(v))).toBe(true);
    const cells = everyCell(sheet);
    expect(cells.some((c) => c.includes(mine.marker) || c.includes(mine.contactPhone))).toBe(false);
  });

  it('a street’s ledger holds the wishes of its communities and of no other street', async () => {
    const sheet = await exported(who.streetAdmin, 'wishes', `orgId=${ids['东城街道']}`);
    expect(idsIn(sheet)).toEqual(await idsOf(sql`select id from wishes where community_id in (${longjin()}, ${zhongshan()})`));
    expect(new Set(column(sheet, '社区'))).toEqual(new Set(['龙津社区', '中山社区']));
  });
});

describe('the posts ledger (岗位与认岗台账): a row per seat, one for a post nobody claimed', () => {
  it('holds each seat of the community’s posts, and nothing of its sibling', async () => {
    const held = await newPost(t.app, who.staff, longjin(), { title: '导出测试岗位', pioneerRole: 'policy' });
    await holdSeat(t.app, who.member, held.id, '我承诺每周宣讲一次政策。');
    const empty = await newPost(t.app, who.staff, longjin(), { title: '无人认领的岗位' });
    const sheet = await exported(who.staff, 'posts', `orgId=${longjin()}`);
    expect(sheet.headers).toEqual([
      '岗位编号', '社区', '岗位名称', '先锋角色', '服务时间', '服务地点', '开始日期', '结束日期', '名额', '在岗人数', '岗位状态',
      '认岗党员', '认岗状态', '认岗承诺', '认岗时间', '离岗时间', '移除原因', '评岗次数', '评岗均分',
    ]);
    const seats = rowsOf<{ id: string }>(
      await t.app.db.execute(sql`select s.id from post_seats s join posts p on p.id = s.post_id where p.community_id = ${longjin()}`),
    );
    const unclaimed = await idsOf(sql`select id from posts p where community_id = ${longjin()} and not exists (select 1 from post_seats s where s.post_id = p.id)`);
    expect(sheet.rows).toHaveLength(seats.length + unclaimed.length);
    expect([...new Set(idsIn(sheet, '岗位编号'))]).toEqual(await idsOf(sql`select id from posts where community_id = ${longjin()}`));
    expect(sheet.rows.find((r) => String(r['岗位编号']) === held.id)).toMatchObject({
      岗位名称: '导出测试岗位',
      先锋角色: '政策宣传',
      岗位状态: '进行中',
      认岗党员: '李志远',
      认岗状态: '在岗',
      认岗承诺: '我承诺每周宣讲一次政策。',
      评岗次数: 0,
      开始日期: '2026-01-01',
    });
    const lonely = sheet.rows.filter((r) => String(r['岗位编号']) === empty.id);
    expect(lonely).toHaveLength(1);
    expect(lonely[0]).toMatchObject({ 岗位名称: '无人认领的岗位', 认岗党员: null, 认岗状态: null, 在岗人数: 0 });
    const demo = sheet.rows.filter((r) => r['岗位名称'] === '楼道文明监督岗');
    expect(demo.map((r) => r['认岗党员']).sort()).toEqual(['李志远', '赵雪梅'].sort());
    expect(column(sheet, '社区').every((c) => c === '龙津社区')).toBe(true);
  });
});

describe('the records ledger (服务记实台账)', () => {
  it('holds every record of the community, verified or not, with hours to one decimal', async () => {
    const post = await newPost(t.app, who.staff, longjin());
    await holdSeat(t.app, who.member, post.id);
    const record = await logRecord(t.app, who.member, recordBody({ type: 'post', id: post.id }, session(new Date(), 90), { content: '导出测试：走访独居老人。' }));
    expect((await verify(t.app, who.staff, record.id)).statusCode).toBe(200);
    const sheet = await exported(who.staff, 'records', `orgId=${longjin()}`);
    expect(sheet.headers).toEqual([
      '编号', '社区', '党员', '服务类型', '服务内容', '服务对象', '开始时间', '结束时间', '时长（小时）', '状态', '未通过原因', '核实人', '核实时间', '提交时间',
    ]);
    expect(idsIn(sheet)).toEqual(await idsOf(sql`select id from service_records where community_id = ${longjin()}`));
    expect(sheet.rows.find((r) => String(r['编号']) === record.id)).toMatchObject({
      党员: '李志远',
      服务类型: '服务岗位',
      服务内容: '导出测试：走访独居老人。',
      '时长（小时）': 1.5,
      状态: '已核实',
      核实人: '张丽华',
    });
    expect(new Set(column(sheet, '状态'))).toEqual(new Set(['已核实', '待核实']));
  });

  it('a unit’s ledger holds its members’ records wherever they served, and no one else’s', async () => {
    const sheet = await exported(who.unitAdmin, 'records', `unitId=${hospital()}`);
    expect(idsIn(sheet)).toEqual(
      await idsOf(sql`select s.id from service_records s join users u on u.id = s.member_id join roster_entries e on e.phone = u.phone where e.unit_id = ${hospital()}`),
    );
    expect(new Set(column(sheet, '社区'))).toEqual(new Set(['龙津社区', '中山社区', '莲东社区']));
  });
});

describe('the reports ledger (报到台账)', () => {
  it('holds the reports to the community, with Chinese states and bases, and none to its sibling', async () => {
    const sheet = await exported(who.staff, 'reports', `orgId=${longjin()}`);
    expect(sheet.headers).toEqual(['编号', '党员', '手机号', '单位', '报到社区', '报到方式', '状态', '报到证', '未通过原因', '线上报到时间', '办理时间']);
    expect(idsIn(sheet)).toEqual(await idsOf(sql`select id from reports where community_id = ${longjin()}`));
    expect(sheet.rows.find((r) => r['党员'] === '李志远')).toMatchObject({ 单位: '龙岩市第一医院', 报到社区: '龙津社区', 报到方式: '按居住地报到', 状态: '已报到' });
    expect(column(sheet, '党员')).not.toContain('孙浩然');
  });

  it('a unit admin’s ledger holds its members’ reports, with their phones', async () => {
    const sheet = await exported(who.unitAdmin, 'reports', `unitId=${hospital()}`);
    // Every report, ended ones too: 钱文博's before his transfer, and 林建国's, who left the roster.
    expect(column(sheet, '党员').sort()).toEqual(['李志远', '赵雪梅', '孙浩然', '周佳怡', '钱文博', '钱文博', '林建国'].sort());
    expect(sheet.rows.filter((r) => r['状态'] === '已结束').map((r) => r['党员']).sort()).toEqual(['林建国', '钱文博'].sort());
    expect(sheet.rows.find((r) => r['党员'] === '李志远')).toMatchObject({ 手机号: PEOPLE.member, 状态: '已报到' });
  });
});

describe('the members ledger (党员名册)', () => {
  const HEADERS = ['姓名', '手机号', '单位', '党支部', '账号', '居住社区', '报到社区', '报到状态', '先锋角色', '已核实服务时长（小时）'];

  it('a community’s holds the members it expects: reported there, or living there and not reported', async () => {
    const sheet = await exported(who.staff, 'members', `orgId=${longjin()}`);
    expect(sheet.headers).toEqual(HEADERS);
    expect(column(sheet, '姓名').sort()).toEqual(['李志远', '赵雪梅', '曾美玲'].sort());
    expect(sheet.rows.find((r) => r['姓名'] === '曾美玲')).toMatchObject({ 单位: '新罗区实验小学', 报到状态: '未报到', 报到社区: null, 居住社区: '龙津社区' });
    expect(sheet.rows.find((r) => r['姓名'] === '李志远')).toMatchObject({ 单位: '龙岩市第一医院', 党支部: '内科党支部', 报到状态: '已报到', 报到社区: '龙津社区', 账号: '已注册' });
    expect(typeof sheet.rows.find((r) => r['姓名'] === '李志远')!['已核实服务时长（小时）']).toBe('number');
  });

  it('a unit admin’s is the unit’s roster with phones and each member’s report (信息比对)', async () => {
    const sheet = await exported(who.unitAdmin, 'members', `unitId=${hospital()}`);
    expect(sheet.headers).toEqual(HEADERS);
    expect(column(sheet, '姓名').sort()).toEqual(['李志远', '赵雪梅', '孙浩然', '周佳怡', '钱文博'].sort());
    expect(sheet.rows.find((r) => r['姓名'] === '孙浩然')).toMatchObject({ 手机号: '13900000103', 单位: '龙岩市第一医院', 报到社区: '中山社区', 报到状态: '已报到' });
    expect(column(sheet, '手机号').every((p) => typeof p === 'string' && /^1\d{10}$/.test(p))).toBe(true);
  });

  it('a unit’s tells nothing of a phone it lists beyond what its owner did through the unit', async () => {
    // 冯晓东 reported through the school; the hospital puts his phone on its roster too.
    await t.app.db.insert(rosterEntries).values({ unitId: Number(hospital()), name: '冯晓东', phone: '13900000106', branch: null });
    const sheet = await exported(who.unitAdmin, 'members', `unitId=${hospital()}`);
    expect(sheet.rows.find((r) => r['姓名'] === '冯晓东')).toMatchObject({ 账号: null, 居住社区: null, 报到社区: null, 报到状态: '未报到', 先锋角色: null });
    expect(sheet.rows.find((r) => r['姓名'] === '李志远')).toMatchObject({ 账号: '已注册', 报到社区: '龙津社区', 居住社区: '龙津社区' });
    await t.app.db.delete(rosterEntries).where(and(eq(rosterEntries.unitId, Number(hospital())), eq(rosterEntries.phone, '13900000106')));
  });

  it('members’ phones go only to whoever may read their roster: a district admin, not community staff or a street admin', async () => {
    const phonesOf = async (caller: Caller, node: string) => column(await exported(caller, 'members', `orgId=${ids[node]}`), '手机号');
    expect((await phonesOf(who.districtAdmin, '新罗区')).every((p) => typeof p === 'string' && /^1\d{10}$/.test(p))).toBe(true);
    expect((await phonesOf(who.staff, '龙津社区')).every((p) => p === null)).toBe(true);
    expect((await phonesOf(who.streetAdmin, '东城街道')).every((p) => p === null)).toBe(true);
    const reports = await exported(who.staff, 'reports', `orgId=${longjin()}`);
    expect(column(reports, '手机号').every((p) => p === null)).toBe(true);
  });
});

describe('the download', () => {
  it('is named in Chinese (RFC 5987) with an ASCII fallback, its header row frozen and filtered', async () => {
    const res = await exportAs(who.staff, 'wishes', `orgId=${longjin()}`);
    const disposition = String(res.headers['content-disposition']);
    expect(disposition).toMatch(new RegExp(`^attachment; filename="wishes-org${longjin()}-\\d{8}\\.xlsx"; filename\\*=UTF-8''`));
    const utf8 = decodeURIComponent(disposition.split("filename*=UTF-8''")[1]!);
    expect(utf8).toMatch(/^微心愿台账-龙津社区-\d{8}\.xlsx$/);
    const sheet = await sheetOf(res);
    expect(sheet.worksheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.worksheet.autoFilter).toBe('A1:Q1');
    expect(sheet.worksheet.getRow(1).font).toMatchObject({ bold: true });
  });
});

describe('who may export, and where', () => {
  it.each([
    ['a resident', 'resident'],
    ['a member', 'member'],
  ] as const)('%s answers 403 FORBIDDEN, as JSON', async (_who, caller) => {
    const res = await exportAs(who[caller], 'wishes', `orgId=${longjin()}`);
    expectCode(res, 403, 'FORBIDDEN');
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  });

  it('without a token answers 401', async () => {
    expectCode(await t.app.inject({ method: 'GET', url: `/api/exports/wishes.xlsx?orgId=${longjin()}` }), 401, 'UNAUTHENTICATED');
  });

  it.each([
    ['staff, a sibling community', 'staff', 'records', (): string => `orgId=${zhongshan()}`],
    ['staff, the street above', 'staff', 'records', (): string => `orgId=${ids['东城街道']}`],
    ['a street admin, another street', 'streetAdmin', 'wishes', (): string => `orgId=${ids['西城街道']}`],
    ['a unit admin, a node of the tree', 'unitAdmin', 'members', (): string => `orgId=${longjin()}`],
    ['a unit admin, another unit', 'unitAdmin', 'members', (): string => `unitId=${ids['新罗区实验小学']}`],
    ['staff, a unit', 'staff', 'members', (): string => `unitId=${hospital()}`],
    ['anyone, a node that does not exist', 'districtAdmin', 'wishes', (): string => 'orgId=999999999'],
    ['anyone, a unit that does not exist', 'districtAdmin', 'members', (): string => 'unitId=999999999'],
  ] as const)('out of scope (%s) answers 404 NOT_FOUND, as JSON', async (_case, caller, list, query) => {
    const res = await exportAs(who[caller], list, query());
    expectCode(res, 404, 'NOT_FOUND');
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  });

  it('a district admin exports a unit registered under the district', async () => {
    const sheet = await exported(who.districtAdmin, 'members', `unitId=${hospital()}`);
    expect(sheet.rows).toHaveLength(5);
  });
});

describe('what is asked must make sense', () => {
  it('an unknown list answers 400 VALIDATION_FAILED on params.list', async () => {
    const res = await exportAs(who.staff, 'households', `orgId=${longjin()}`);
    expectCode(res, 400, 'VALIDATION_FAILED');
    expect(res.json()).toMatchObject({ error: { details: [{ path: 'params.list' }] } });
  });

  it.each([
    ['both orgId and unitId', (): string => `orgId=${longjin()}&unitId=${hospital()}`],
    ['neither', () => ''],
  ])('%s answers 400 VALIDATION_FAILED on querystring.orgId', async (_case, query) => {
    const res = await exportAs(who.districtAdmin, 'members', query());
    expectCode(res, 400, 'VALIDATION_FAILED');
    expect(res.json()).toMatchObject({ error: { details: [{ path: 'querystring.orgId' }] } });
  });

  it.each(['wishes', 'posts'])('a unit’s %s ledger answers 400 EXPORT_NOT_FOR_UNIT: they belong to communities', async (list) => {
    expectCode(await exportAs(who.unitAdmin, list, `unitId=${hospital()}`), 400, 'EXPORT_NOT_FOR_UNIT');
  });

  it('another extension is no route: 404 ROUTE_NOT_FOUND', async () => {
    expectCode(await api(t.app, who.staff, 'GET', `/api/exports/wishes.csv?orgId=${longjin()}`), 404, 'ROUTE_NOT_FOUND');
  });
});

describe('large ledgers stream in batches and arrive whole', () => {
  let community: { id: string; staff: Caller };
  let member: Caller;
  beforeAll(async () => {
    community = await newCommunity(t.app, who.districtAdmin, ids['东城街道']!);
    member = await reportedMember(t.app, { communityId: community.id, unitId: hospital() });
  });

  it('5,000 records, each once, in id order, in China’s time', async () => {
    await t.app.db.execute(sql`
      insert into service_records (member_id, community_id, source_type, started_at, ended_at, minutes, content, status)
      select ${member.userId}, ${community.id}, 'other', timestamptz '2026-03-01 16:30:00+00', timestamptz '2026-03-01 18:00:00+00', 90,
             '批量服务记录 ' || g, 'pending'
      from generate_series(1, 5000) g`);
    const sheet = await exported(community.staff, 'records', `orgId=${community.id}`);
    expect(sheet.rows).toHaveLength(5000);
    const got = column(sheet, '编号').map(Number);
    expect(got).toEqual([...got].sort((a, b) => a - b));
    expect(got).toEqual(await idsOf(sql`select id from service_records where community_id = ${community.id}`));
    expect(new Set(column(sheet, '服务内容'))).toEqual(new Set(Array.from({ length: 5000 }, (_, i) => `批量服务记录 ${i + 1}`)));
    expect(sheet.rows[4999]).toMatchObject({ 开始时间: '2026-03-02 00:30', 结束时间: '2026-03-02 02:00', '时长（小时）': 1.5, 状态: '待核实', 服务类型: '其他' });
  });

  it('450 posts (three batches of posts), each with its seats or a row of its own', async () => {
    await t.app.db.execute(sql`
      insert into posts (community_id, title, description, pioneer_role, capacity, schedule, location, starts_on, ends_on)
      select ${community.id}, '批量岗位 ' || g, '批量岗位说明', 'volunteer', 5, '每周', '社区', date '2026-01-01', date '2026-12-31'
      from generate_series(1, 450) g`);
    // Every third post: the member held a seat, left it, and holds one again.
    await t.app.db.execute(sql`
      insert into post_seats (post_id, member_id, commitment, status, claimed_at, ended_at)
      select id, ${member.userId}, '批量承诺', s.status::seat_status, now(), case when s.status = 'left' then now() end
      from posts, (values ('left'), ('active')) s(status)
      where community_id = ${community.id} and title like '批量岗位%' and id % 3 = 0`);
    const sheet = await exported(community.staff, 'posts', `orgId=${community.id}`);
    const posts = await idsOf(sql`select id from posts where community_id = ${community.id}`);
    const withSeats = posts.filter((id) => id % 3 === 0).length;
    expect(sheet.rows).toHaveLength(posts.length - withSeats + 2 * withSeats);
    expect([...new Set(idsIn(sheet, '岗位编号'))]).toEqual(posts);
    const seated = sheet.rows.filter((r) => Number(r['岗位编号']) === posts.find((id) => id % 3 === 0));
    expect(seated.map((r) => r['认岗状态'])).toEqual(['已退岗', '在岗']);
  });
});
