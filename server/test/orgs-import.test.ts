// `POST /api/orgs/import`: a district's tree from a spreadsheet (CSV or XLSX), one row per path
// `街道,社区,小区,楼栋`; `?dryRun=1` previews; re-import adds only what is new; bad rows are
// rejected by number, bad files refused whole.
import { ORG_IMPORT_MAX_ROWS, orgImportResultSchema, type OrgImportResult } from '@huijia/shared';
import { and, asc, eq, isNull } from 'drizzle-orm';
import QRCode from 'qrcode';
import { auditLog, orgNodes } from '../src/db/schema';
import { buildTestApp, type TestApp } from './support/app';
import { demoIds, expectError } from './support/identity';
import { cityAdmin } from './support/orgs';
import { XLSX_TYPE, csv, multipart, xlsx } from './support/reporting';
import { api, callerOf, expectOk, type Caller } from './support/wishes';
import { sheetOf, workbook } from './support/workbook';

let t: TestApp;
let ids: Record<string, string>;

const PEOPLE = {
  resident: '13900000201',
  member: '13900000101',
  staff: '13900000011',
  unitAdmin: '13900000021',
  streetAdmin: '13900000002',
  districtAdmin: '13900000001',
} as const;
type Person = keyof typeof PEOPLE;
const as = {} as Record<Person, Caller>;

beforeAll(async () => {
  t = await buildTestApp({ env: { SEED_DEMO: '1' } });
  ids = await demoIds(t.app);
  for (const [who, phone] of Object.entries(PEOPLE) as [Person, string][]) as[who] = await callerOf(t.app, phone);
});
afterAll(() => t?.close());

const HEADER = ['街道', '社区', '小区', '楼栋'];

/** A tree file in the field `file`, as the import takes it. */
const treeFile = (content: Buffer | string, filename = 'tree.csv', contentType = 'text/csv') => multipart([{ name: 'file', filename, contentType, content }]);

function upload(who: Caller | null, file: ReturnType<typeof treeFile>, query = '') {
  const url = `/api/orgs/import${query ? `?${query}` : ''}`;
  if (!who) return t.app.inject({ method: 'POST', url, payload: file.payload, headers: file.headers });
  return api(t.app, who, 'POST', url, file.payload, file.headers);
}

const result = (res: Awaited<ReturnType<typeof upload>>): OrgImportResult => orgImportResultSchema.parse(expectOk(res));
const importCsv = async (rows: string[][], query = '', who: Caller = as.districtAdmin) => result(await upload(who, treeFile(csv(rows)), query));

/** Every node and audit row as stored: what a refused or previewed import must leave as it was. */
const snapshot = async () => ({
  nodes: await t.app.db.select().from(orgNodes).orderBy(asc(orgNodes.id)),
  audit: (await t.app.db.select({ id: auditLog.id }).from(auditLog)).length,
});

/** The node reached from `parentId` through `names`, or undefined. */
async function nodeAt(parentId: string, ...names: string[]) {
  let at: typeof orgNodes.$inferSelect | undefined;
  let parent = Number(parentId);
  for (const name of names) {
    [at] = await t.app.db.select().from(orgNodes).where(and(eq(orgNodes.parentId, parent), eq(orgNodes.name, name)));
    if (!at) return undefined;
    parent = at.id;
  }
  return at;
}

let unique = 0;
const fresh = (name: string) => `${name}${++unique}`;

/** Bytes that look like nothing (a fixed pseudo-random sequence, the same every run). */
function noise(length: number): Buffer {
  const bytes = Buffer.alloc(length);
  let x = 0x2545f491;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return bytes;
}

describe('who may import, and where: district admins, into a district or a city', () => {
  const file = () => treeFile(csv([HEADER, [fresh('越权街道'), '越权社区']]));
  it.each([
    ['resident', 403, 'FORBIDDEN', ''],
    ['member', 403, 'FORBIDDEN', ''],
    ['staff', 403, 'FORBIDDEN', ''],
    ['unitAdmin', 403, 'FORBIDDEN', ''],
    ['streetAdmin', 403, 'FORBIDDEN', ''],
    ['streetAdmin', 403, 'FORBIDDEN', 'orgId={东城街道}'],
    ['districtAdmin', 404, 'NOT_FOUND', 'orgId={龙岩市}'],
    ['districtAdmin', 404, 'NOT_FOUND', 'orgId=abc'],
    ['districtAdmin', 400, 'ORG_IMPORT_BASE', 'orgId={东城街道}'],
    ['districtAdmin', 400, 'ORG_IMPORT_BASE', 'orgId={龙津社区}'],
    ['districtAdmin', 400, 'VALIDATION_FAILED', 'dryRun=yes'],
  ] as const)('%s → %i %s, query "%s"', async (who, status, code, query) => {
    const before = await snapshot();
    const resolved = query.replace(/\{([^}]+)\}/g, (_m, name: string) => ids[name]!);
    expectError(await upload(as[who], file(), resolved), status, code);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses anyone not signed in with 401', async () => {
    expectError(await upload(null, file()), 401, 'UNAUTHENTICATED');
  });
});

describe('a preview, the import, and the same file again', () => {
  const street = fresh('新桥街道');
  const rows = [
    HEADER, // row 1
    [street, '新桥社区', '新桥花园', '1栋'], // 2
    [street, '新桥社区', '新桥花园', '2栋'], // 3
    [street, '溪口社区'], // 4
    ['东城街道', '龙津社区', '阳光花园', '9栋'], // 5: a new building in compounds that exist
    [street], // 6: a path already made by the rows above
  ];
  const expected = { created: 7, existing: 3, createdByKind: { street: 1, community: 2, compound: 1, building: 3 }, rejected: [] };

  it('previews with dryRun=1: the answer of the import, and nothing changes', async () => {
    const before = await snapshot();
    expect(await importCsv(rows, 'dryRun=1')).toEqual({ dryRun: true, ...expected });
    expect(await snapshot()).toEqual(before);
  });

  it('imports into the caller’s district: the nodes, their kinds and paths, and one audit row', async () => {
    expect(await importCsv(rows)).toEqual({ dryRun: false, ...expected });
    const district = ids['新罗区']!;
    const made = await nodeAt(district, street);
    expect(made).toMatchObject({ kind: 'street', parentId: Number(district), archivedAt: null });
    expect(await nodeAt(district, street, '新桥社区', '新桥花园', '2栋')).toMatchObject({ kind: 'building' });
    expect(await nodeAt(district, street, '溪口社区')).toMatchObject({ kind: 'community', path: expect.stringMatching(new RegExp(`^${made!.path}\\d+/$`)) });
    expect(await nodeAt(district, '东城街道', '龙津社区', '阳光花园', '9栋')).toMatchObject({ kind: 'building' });
    const audit = await t.app.db.select().from(auditLog).where(and(eq(auditLog.action, 'org.import'), eq(auditLog.entityId, district)));
    expect(audit.at(-1)).toMatchObject({ actorId: as.districtAdmin.userId, details: { created: 7, existing: 3, createdByKind: expected.createdByKind, rejected: 0 } });
    expect(audit.at(-1)!.orgPath).toMatch(/\/$/);
  });

  it('imports the same file again as all existing, adding nothing', async () => {
    const before = (await snapshot()).nodes;
    expect(await importCsv(rows)).toEqual({ dryRun: false, created: 0, existing: 10, createdByKind: {}, rejected: [] });
    expect(await importCsv(rows, 'dryRun=1')).toEqual({ dryRun: true, created: 0, existing: 10, createdByKind: {}, rejected: [] });
    expect((await snapshot()).nodes).toEqual(before);
  });

  it('reads an XLSX, numbering its rows as the sheet does, with or without a header', async () => {
    const name = fresh('表格街道');
    const file = await xlsx([[name, '表格社区'], [name, '表格社区', '表格小区'], [name, '', '空了社区']]);
    const answer = result(await upload(as.districtAdmin, treeFile(file, 'tree.xlsx', XLSX_TYPE)));
    expect(answer).toMatchObject({ created: 3, existing: 0, rejected: [{ row: 3, reason: expect.stringContaining('第 2 列（社区）为空') }] });
    expect(await nodeAt(ids['新罗区']!, name, '表格社区', '表格小区')).toMatchObject({ kind: 'compound' });
  });

  it('imports two thousand rows in one go', async () => {
    const name = fresh('大街道');
    const many = Array.from({ length: 2_000 }, (_, i) => [name, `社区${Math.floor(i / 100)}`, `小区${Math.floor(i / 10)}`, `${i % 10}栋`]);
    const answer = await importCsv([HEADER, ...many]);
    expect(answer).toEqual({ dryRun: false, created: 2_221, existing: 0, createdByKind: { street: 1, community: 20, compound: 200, building: 2_000 }, rejected: [] });
    expect(await nodeAt(ids['新罗区']!, name, '社区19', '小区199', '9栋')).toMatchObject({ kind: 'building' });
  });

  it('adds each node once when the same file is imported twice at the same time', async () => {
    const name = fresh('并发街道');
    const file = [HEADER, ...Array.from({ length: 50 }, (_, i) => [name, `并发社区${i % 5}`, `小区${i}`])];
    const answers = await Promise.all([importCsv(file), importCsv(file)]);
    expect(answers.map((a) => a.created + a.existing)).toEqual([56, 56]);
    expect(answers[0]!.created + answers[1]!.created).toBe(56);
    const street = await nodeAt(ids['新罗区']!, name);
    const under = await t.app.db.select().from(orgNodes).where(eq(orgNodes.parentId, street!.id));
    expect(under).toHaveLength(5);
  });
});

describe('bad rows are rejected by their row number (a header is row 1), with a reason, and make nothing', () => {
  /** Imports `rows` made only of rows that are rejected or exist: nothing may change. */
  async function expectNothingMade(rows: string[][], rejected: { row: number; reason: RegExp }[]) {
    const before = await snapshot();
    const answer = await importCsv(rows, 'dryRun=1');
    expect(answer.created).toBe(0);
    expect(answer.rejected).toEqual(rejected.map((r) => ({ row: r.row, reason: expect.stringMatching(r.reason) })));
    expect(await snapshot()).toEqual(before);
    const imported = await importCsv(rows);
    expect({ ...imported, dryRun: true }).toEqual(answer);
    expect((await snapshot()).nodes).toEqual(before.nodes);
  }

  it('rejects a row with a blank cell before a filled one (a kind in the wrong place)', () =>
    expectNothingMade(
      [HEADER, [fresh('缺社区街道'), '', '某小区'], ['', '无街道社区'], ['东城街道', '龙津社区', '', '1栋']],
      [
        { row: 2, reason: /^第 2 列（社区）为空，其后却有内容/ },
        { row: 3, reason: /^第 1 列（街道）为空/ },
        { row: 4, reason: /^第 3 列（小区）为空/ },
      ],
    ));

  it('rejects a row of five cells', () =>
    expectNothingMade([HEADER, ['东城街道', '龙津社区', '阳光花园', '1栋', '101室']], [{ row: 2, reason: /第 5 列起还有内容/ }]));

  it('rejects a path already in the file, naming the row it repeats', () =>
    expectNothingMade(
      [['东城街道', '龙津社区'], ['东城街道', '中山社区'], ['东城街道', '龙津社区'], [' 东城街道 ', '龙津社区 ']],
      [
        { row: 3, reason: /与第 1 行的路径重复/ },
        { row: 4, reason: /与第 1 行的路径重复/ },
      ],
    ));

  it('rejects a name longer than 60 characters', () =>
    expectNothingMade([HEADER, ['东城街道', '社'.repeat(61)]], [{ row: 2, reason: /第 2 列（社区）名称超过 60 个字/ }]));

  it('rejects a row through an archived node', async () => {
    const compound = fresh('停用小区');
    await importCsv([HEADER, ['西城街道', '溪南社区', compound]]);
    const node = await nodeAt(ids['新罗区']!, '西城街道', '溪南社区', compound);
    expectOk(await api(t.app, as.districtAdmin, 'POST', `/api/orgs/${node!.id}/archive`, { reason: '拆迁' }));
    await expectNothingMade([HEADER, ['西城街道', '溪南社区', compound, '1栋']], [{ row: 2, reason: new RegExp(`第 3 列（小区）「${compound}」已停用`) }]);
  });

  it('skips blank rows and imports the good rows beside the bad ones', async () => {
    const name = fresh('混合街道');
    const answer = await importCsv([HEADER, [name, '好社区'], [], ['', '', '坏小区'], [name, '好社区', '好小区']]);
    expect(answer).toMatchObject({ created: 3, existing: 0, rejected: [{ row: 4 }] });
  });
});

describe('a file that cannot be read is refused whole, with a code that says why', () => {
  async function refused(file: ReturnType<typeof treeFile>, code: string) {
    const before = await snapshot();
    expectError(await upload(as.districtAdmin, file), 400, code);
    expect(await snapshot()).toEqual(before);
  }

  it(`refuses ${ORG_IMPORT_MAX_ROWS + 1} rows with ORG_IMPORT_TOO_MANY_ROWS`, async () => {
    const rows = Array.from({ length: ORG_IMPORT_MAX_ROWS + 1 }, (_, i) => ['超限街道', `社区${i}`]);
    await refused(treeFile(csv([HEADER, ...rows])), 'ORG_IMPORT_TOO_MANY_ROWS');
    await refused(treeFile(csv(rows)), 'ORG_IMPORT_TOO_MANY_ROWS');
  });

  it(`previews exactly ${ORG_IMPORT_MAX_ROWS} rows`, async () => {
    const rows = Array.from({ length: ORG_IMPORT_MAX_ROWS }, (_, i) => ['边界街道', `社区${i}`]);
    expect(await importCsv([HEADER, ...rows], 'dryRun=1')).toMatchObject({ created: ORG_IMPORT_MAX_ROWS + 1, rejected: [] });
  });

  it('refuses random bytes and a PNG with ORG_IMPORT_FILE_TYPE', async () => {
    await refused(treeFile(noise(4096)), 'ORG_IMPORT_FILE_TYPE');
    await refused(treeFile(await QRCode.toBuffer('not a tree'), 'tree.png', 'image/png'), 'ORG_IMPORT_FILE_TYPE');
    await refused(treeFile(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), noise(1024)]), 'tree.xlsx', XLSX_TYPE), 'ORG_IMPORT_FILE_TYPE');
  });

  it('refuses a workbook cut off on the way with ORG_IMPORT_FILE_UNREADABLE', async () => {
    const book = workbook([{ part: 'xl/worksheets/sheet1.xml', content: sheetOf([HEADER, ['断尾街道', '断尾社区']]) }]);
    await refused(treeFile(book.subarray(0, book.length - 40), 'tree.xlsx', XLSX_TYPE), 'ORG_IMPORT_FILE_UNREADABLE');
  });

  it.each([
    ['an empty file', ''],
    ['a header only', csv([HEADER])],
    ['blank lines only', '\n\n,,\n'],
  ])('refuses %s with ORG_IMPORT_EMPTY', (_what, text) => refused(treeFile(text), 'ORG_IMPORT_EMPTY'));

  it('refuses a request without a file with ORG_IMPORT_FILE_REQUIRED', async () => {
    expectError(await api(t.app, as.districtAdmin, 'POST', '/api/orgs/import', { rows: [] }), 400, 'ORG_IMPORT_FILE_REQUIRED');
    await refused(multipart([{ name: 'note', content: '没有文件' }]), 'ORG_IMPORT_FILE_REQUIRED');
  });

  it('refuses a file over 5 MB with ORG_IMPORT_FILE_TOO_LARGE', async () => {
    await refused(treeFile(`${csv([HEADER])}${'x'.repeat(5 * 1024 * 1024)}\n`), 'ORG_IMPORT_FILE_TOO_LARGE');
  });
});

describe('a city without districts (东莞, 中山) takes its streets directly', () => {
  it('imports streets under the city for an admin of the city, by default where they are admin', async () => {
    const admin = await cityAdmin(t.app);
    const [root] = await t.app.db.select().from(orgNodes).where(isNull(orgNodes.parentId));
    const name = fresh('滨海街道');
    const answer = await importCsv([HEADER, [name, '滨海社区', '滨海花园'], ['新罗区', '错层社区']], '', admin);
    expect(answer).toEqual({
      dryRun: false,
      created: 3,
      existing: 0,
      createdByKind: { street: 1, community: 1, compound: 1 },
      rejected: [{ row: 3, reason: '第 1 列（街道）「新罗区」已存在，但它是区/县' }],
    });
    expect(await nodeAt(String(root!.id), name)).toMatchObject({ kind: 'street', parentId: root!.id, path: expect.stringMatching(new RegExp(`^${root!.path}\\d+/$`)) });
    expect(await nodeAt(String(root!.id), '新罗区', '错层社区')).toBeUndefined();
  });
});
