import { crc32, deflateRawSync } from 'node:zlib';
import {
  ROSTER_MAX_BYTES,
  ROSTER_MAX_ROWS,
  listEnvelope,
  reportingFiguresSchema,
  rosterImportResultSchema,
  rosterMemberSchema,
  type RosterImportResult,
  type Session,
} from '@huijia/shared';
import { and, eq, inArray, sql } from 'drizzle-orm';
import QRCode from 'qrcode';
import { auditLog, orgNodes, rosterEntries, units } from '../src/db/schema';
import { buildTestApp, type TestApp } from './support/app';
import { demoIds, expectError, freshPhone, signUp } from './support/identity';
import {
  DISTRICT_ADMIN,
  RESIDENT,
  STAFF_OF,
  UNIT_ADMIN_OF,
  XLSX_TYPE,
  call,
  confirmReport,
  csv,
  expectStatus,
  issueCertificate,
  me,
  multipart,
  newMember,
  newUnit,
  outcome,
  rosterFile,
  signInAll,
  submitReport,
  uploadRoster,
  xlsx,
} from './support/reporting';
import { deflatedZeros, sheetOf, sheetRow, sheetXml, workbook, type Deflated, type ZipPart } from './support/workbook';

// `POST /api/units/:id/roster`: a unit admin imports the roster (name, phone, branch) from CSV or XLSX.

let t: TestApp;
let ids: Record<string, string>;
let sessions: Map<string, Session>;
const as = (phone: string) => sessions.get(phone)!;

beforeAll(async () => {
  t = await buildTestApp({ env: { SEED_DEMO: '1' } });
  ids = await demoIds(t.app);
  sessions = await signInAll(t.app, [UNIT_ADMIN_OF.龙岩市第一医院, UNIT_ADMIN_OF.新罗区实验小学, STAFF_OF.龙津社区, DISTRICT_ADMIN, RESIDENT, '13900000101']);
});
afterAll(() => t.close());

const hospital = () => ids['龙岩市第一医院']!;
const hospitalAdmin = () => as(UNIT_ADMIN_OF.龙岩市第一医院);
const HEADER = ['name', 'phone', 'branch'];

async function importInto(unitId: string, admin: Session, file: ReturnType<typeof rosterFile>): Promise<RosterImportResult> {
  return rosterImportResultSchema.parse(expectStatus(await uploadRoster(t.app, admin, unitId, file), 200));
}
const importCsv = (text: string | Buffer) => importInto(hospital(), hospitalAdmin(), rosterFile(text));
const rosterRows = (unitId: string, phones: string[]) =>
  t.app.db
    .select({ name: rosterEntries.name, phone: rosterEntries.phone, branch: rosterEntries.branch })
    .from(rosterEntries)
    .where(and(eq(rosterEntries.unitId, Number(unitId)), inArray(rosterEntries.phone, phones)));
const sorted = <T extends { phone: string }>(rows: T[]) => [...rows].sort((a, b) => a.phone.localeCompare(b.phone));
const phones = (n: number) => Array.from({ length: n }, () => freshPhone());
/** What an import that adds to the roster answers: nobody departs or comes back. */
const imported = (counts: Pick<RosterImportResult, 'added' | 'updated' | 'unchanged' | 'rejected'>): RosterImportResult => ({
  dryRun: false,
  departed: 0,
  returned: 0,
  departing: [],
  ...counts,
});

/** Bytes that look like nothing (a fixed pseudo-random sequence, so the test is the same every run). */
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

describe('a roster imports from CSV or XLSX with either header', () => {
  it('imports a CSV with the header name,phone,branch', async () => {
    const [a, b] = phones(2);
    const result = await importCsv(csv([HEADER, ['张伟', a!, '内科党支部'], ['王芳', b!, '']]));
    expect(result).toEqual(imported({ added: 2, updated: 0, unchanged: 0, rejected: [] }));
    expect(sorted(await rosterRows(hospital(), [a!, b!]))).toEqual(
      sorted([
        { name: '张伟', phone: a!, branch: '内科党支部' },
        { name: '王芳', phone: b!, branch: null },
      ]),
    );
  });

  it('imports a CSV with a BOM, CRLF line ends and the Chinese header 姓名,手机号,支部', async () => {
    const [a, b] = phones(2);
    const text = `\uFEFF姓名,手机号,支部\r\n李娜,${a},外科党支部\r\n刘洋,${b},行政党支部\r\n`;
    expect(await importCsv(text)).toEqual(imported({ added: 2, updated: 0, unchanged: 0, rejected: [] }));
    expect(sorted(await rosterRows(hospital(), [a!, b!]))).toEqual(
      sorted([
        { name: '李娜', phone: a!, branch: '外科党支部' },
        { name: '刘洋', phone: b!, branch: '行政党支部' },
      ]),
    );
  });

  // What Excel and WPS write on Chinese Windows when told "CSV（逗号分隔）": GBK, here as its bytes
  // (Node encodes no GBK): 姓名,手机号,支部 / 张三丰,<phone>,内科党支部.
  const GBK = { header: 'd0d5c3fb2ccad6bbfabac52cd6a7b2bf', name: 'd5c5c8fdb7e1', branch: 'c4dabfc6b5b3d6a7b2bf' };
  const gbkRoster = (phone: string) =>
    Buffer.concat([
      Buffer.from(GBK.header, 'hex'),
      Buffer.from('\r\n'),
      Buffer.from(GBK.name, 'hex'),
      Buffer.from(`,${phone},`),
      Buffer.from(GBK.branch, 'hex'),
      Buffer.from('\r\n'),
    ]);

  it('imports a CSV saved by Excel or WPS on Chinese Windows (GBK)', async () => {
    const [a] = phones(1);
    expect(await importCsv(gbkRoster(a!))).toEqual(imported({ added: 1, updated: 0, unchanged: 0, rejected: [] }));
    expect(await rosterRows(hospital(), [a!])).toEqual([{ name: '张三丰', phone: a!, branch: '内科党支部' }]);
  });

  it('imports Excel\'s "Unicode 文本": UTF-16 with its BOM, cells separated by tabs', async () => {
    const [a] = phones(1);
    const text = `\uFEFF姓名\t手机号\t支部\r\n马丽\t${a}\t一支部\r\n`;
    expect(await importCsv(Buffer.from(text, 'utf16le'))).toMatchObject({ added: 1, rejected: [] });
    expect(await rosterRows(hospital(), [a!])).toEqual([{ name: '马丽', phone: a!, branch: '一支部' }]);
  });

  it('refuses text in an encoding it cannot read with 400 ROSTER_FILE_ENCODING, saying what to save it as, and imports nothing', async () => {
    const [a] = phones(1);
    // Valid neither as UTF-8 nor as GB18030 (0xFF begins nothing in either), and no binary control bytes.
    const unknown = Buffer.concat([Buffer.from(`name,phone,branch\n`), Buffer.from([0xff, 0xfe, 0xff]), Buffer.from(`,${a},\n`)]);
    const body = expectError(await uploadRoster(t.app, hospitalAdmin(), hospital(), rosterFile(unknown)), 400, 'ROSTER_FILE_ENCODING');
    expect(body.message).toContain('CSV UTF-8');
    expect(await rosterRows(hospital(), [a!])).toEqual([]);
  });

  it('reads the columns by their header, in any order, the branch column optional', async () => {
    const [a] = phones(1);
    expect(await importCsv(csv([['Phone', 'Name'], [a!, '陈静']]))).toMatchObject({ added: 1, rejected: [] });
    expect(await rosterRows(hospital(), [a!])).toEqual([{ name: '陈静', phone: a!, branch: null }]);
  });

  it('reads a phone written with spaces, dashes or +86 as the same mobile number', async () => {
    const [a, b, c] = phones(3);
    const spaced = `${a!.slice(0, 3)} ${a!.slice(3, 7)} ${a!.slice(7)}`;
    const dashed = `${b!.slice(0, 3)}-${b!.slice(3, 7)}-${b!.slice(7)}`;
    expect(await importCsv(csv([HEADER, ['甲', spaced, ''], ['乙', dashed, ''], ['丙', `+86${c}`, '']]))).toMatchObject({ added: 3, rejected: [] });
    expect((await rosterRows(hospital(), [a!, b!, c!])).map((r) => r.phone).sort()).toEqual([a, b, c].sort());
  });

  it('imports an XLSX, phones stored as text or as numbers', async () => {
    const [a, b] = phones(2);
    const file = await xlsx([['姓名', '手机号', '支部'], ['周敏', a!, '一支部'], ['吴磊', Number(b), '二支部']]);
    expect(await importInto(hospital(), hospitalAdmin(), rosterFile(file, 'roster.xlsx', XLSX_TYPE))).toEqual(imported({ added: 2, updated: 0, unchanged: 0, rejected: [] }));
    expect(sorted(await rosterRows(hospital(), [a!, b!]))).toEqual(
      sorted([
        { name: '周敏', phone: a!, branch: '一支部' },
        { name: '吴磊', phone: b!, branch: '二支部' },
      ]),
    );
  });

  it('writes an audit row for each roster row added, under the unit’s node and without the phone', async () => {
    const [a, b] = phones(2);
    await importCsv(csv([HEADER, ['审计甲', a!, ''], ['审计乙', b!, '']]));
    const mine = await rosterAudit('roster.add', [a!, b!]);
    expect(mine).toHaveLength(2);
    expect(mine.every((r) => r.actorId === Number(hospitalAdmin().user.id))).toBe(true);
    expect(mine.map((r) => r.details)).toEqual([{ unitId: Number(hospital()) }, { unitId: Number(hospital()) }]);
    const [unitNode] = await t.app.db.select({ path: orgNodes.path }).from(units).innerJoin(orgNodes, eq(orgNodes.id, units.orgId)).where(eq(units.id, Number(hospital())));
    expect(mine.every((r) => r.orgPath === unitNode!.path)).toBe(true);
  });
});

describe('bad rows are reported by their row number (the header is row 1) while the good rows land', () => {
  it('rejects a malformed phone, a missing name and a phone already in the file, and imports the rest', async () => {
    const [a, b, c, d] = phones(4);
    const text = csv([
      HEADER, // row 1
      ['甲', a!, '一支部'], // 2
      ['乙', '12345', '一支部'], // 3: malformed phone
      ['', b!, '一支部'], // 4: no name
      ['丙', c!, '二支部'], // 5
      ['丁', c!, '二支部'], // 6: phone of row 5
      [''], // 7: blank, skipped
      ['戊', d!, ''], // 8
    ]);
    const result = await importCsv(text);
    expect(result).toMatchObject({ added: 3, updated: 0, unchanged: 0 });
    expect(result.rejected.map((r) => r.row)).toEqual([3, 4, 6]);
    expect(result.rejected[0]!.reason).toContain('12345');
    expect(result.rejected[1]!.reason).toContain('姓名');
    expect(result.rejected[2]!.reason).toContain('第 5 行');
    expect(sorted(await rosterRows(hospital(), [a!, b!, c!, d!]))).toEqual(
      sorted([
        { name: '甲', phone: a!, branch: '一支部' },
        { name: '丙', phone: c!, branch: '二支部' },
        { name: '戊', phone: d!, branch: null },
      ]),
    );
  });

  it('numbers the rows of an XLSX as the sheet does', async () => {
    const [a, b] = phones(2);
    const file = await xlsx([HEADER, ['甲', a!, ''], ['乙', '1380000', ''], ['丙', b!, '']]);
    const result = await importInto(hospital(), hospitalAdmin(), rosterFile(file, 'roster.xlsx', XLSX_TYPE));
    expect(result).toMatchObject({ added: 2, rejected: [{ row: 3, reason: expect.stringContaining('1380000') }] });
  });

  it('rejects a name longer than a person’s name can be', async () => {
    const [a] = phones(1);
    const result = await importCsv(csv([HEADER, ['名'.repeat(31), a!, '']]));
    expect(result).toMatchObject({ added: 0, rejected: [{ row: 2 }] });
    expect(await rosterRows(hospital(), [a!])).toEqual([]);
  });
});

describe('importing again adds nothing that is already there and updates what changed', () => {
  it('answers added 0, unchanged n for the same file again, and writes no audit row', async () => {
    const list = phones(3);
    const text = csv([HEADER, ...list.map((p, i) => [`重复${i}`, p, '一支部'])]);
    expect(await importCsv(text)).toEqual(imported({ added: 3, updated: 0, unchanged: 0, rejected: [] }));
    const auditBefore = await t.app.db.select().from(auditLog);
    expect(await importCsv(text)).toEqual(imported({ added: 0, updated: 0, unchanged: 3, rejected: [] }));
    expect(await t.app.db.select().from(auditLog)).toHaveLength(auditBefore.length);
    expect(await rosterRows(hospital(), list)).toHaveLength(3);
  });

  it('answers updated 1 when one name changed, and keeps the new name', async () => {
    const list = phones(3);
    const rows = list.map((p, i) => [`改名${i}`, p, '一支部']);
    await importCsv(csv([HEADER, ...rows]));
    rows[1]![0] = '改过的名字';
    expect(await importCsv(csv([HEADER, ...rows]))).toEqual(imported({ added: 0, updated: 1, unchanged: 2, rejected: [] }));
    expect(await rosterRows(hospital(), [list[1]!])).toEqual([{ name: '改过的名字', phone: list[1], branch: '一支部' }]);
    expect(await rosterAudit('roster.update', [list[1]!])).toHaveLength(1);
  });

  it('answers updated 1 when one branch changed, and added 1 for a new row alongside', async () => {
    const [a, b, c] = phones(3);
    await importCsv(csv([HEADER, ['赵一', a!, '一支部'], ['赵二', b!, '一支部']]));
    expect(await importCsv(csv([HEADER, ['赵一', a!, '二支部'], ['赵二', b!, '一支部'], ['赵三', c!, '']]))).toEqual(imported({ added: 1, updated: 1, unchanged: 1, rejected: [] }));
    expect(await rosterRows(hospital(), [a!])).toEqual([{ name: '赵一', phone: a!, branch: '二支部' }]);
  });

  it('keeps one roster row per unit and phone, while the same phone may be on another unit’s roster', async () => {
    const [a] = phones(1);
    await importCsv(csv([HEADER, ['两个单位', a!, '']]));
    const school = ids['新罗区实验小学']!;
    expect(await importInto(school, as(UNIT_ADMIN_OF.新罗区实验小学), rosterFile(csv([HEADER, ['两个单位', a!, '']])))).toMatchObject({ added: 1 });
    expect(await rosterRows(hospital(), [a!])).toHaveLength(1);
    expect(await rosterRows(school, [a!])).toHaveLength(1);
  });
});

describe('an account whose phone is imported gains the member role', () => {
  it('shows the member role and the roster entry in GET /api/me once the roster carries the phone', async () => {
    const phone = freshPhone();
    const session = await signUp(t.app, { phone, name: '后导入的党员' });
    expect((await me(t.app, session)).roles).toEqual([{ role: 'resident' }]);
    await importCsv(csv([HEADER, ['后导入的党员', `+86 ${phone}`, '内科党支部']]));
    const after = await me(t.app, session);
    expect(after.roles).toContainEqual({ role: 'member', unitId: hospital(), scopeName: '龙岩市第一医院' });
    expect(after.member).toEqual({ unitId: hospital(), unitName: '龙岩市第一医院', branch: '内科党支部' });
    expectStatus(await call(t.app, session, 'GET', '/api/reports/options'), 200);
  });
});

describe('a unit learns of a phone it imports only what its owner did through this unit (信息比对)', () => {
  // A roster is whatever phones its admin types in: the listing must not make it a lookup tool.
  const memberList = listEnvelope(rosterMemberSchema).extend({ figures: reportingFiguresSchema });
  const membersOf = async (admin: Session, unitId: string, query = '') =>
    memberList.parse(expectStatus(await call(t.app, admin, 'GET', `/api/units/${unitId}/members${query}`), 200)).items;
  const twoUnits = async (name: string) => {
    const paired = [ids['龙津社区']!];
    return [await newUnit(t.app, as(DISTRICT_ADMIN), { name: `${name}甲`, paired }), await newUnit(t.app, as(DISTRICT_ADMIN), { name: `${name}乙`, paired })] as const;
  };

  it('shows a report made through this unit, and the same member as not reported on another unit’s roster', async () => {
    const [own, other] = await twoUnits('比对本单位');
    const member = await newMember(t.app, { unitIds: [own.unitId], home: ids['龙津社区']!, name: '两单位党员' });
    const phone = member.user.phone!;
    expect(await importInto(other.unitId, other.admin, rosterFile(csv([HEADER, ['两单位党员', phone, '']])))).toEqual(imported({ added: 1, updated: 0, unchanged: 0, rejected: [] }));

    const report = await submitReport(t.app, member, ids['龙津社区']!);
    expect(report.unitId).toBe(own.unitId);
    const shown = { reportId: report.id, reportStatus: 'pending_offline', communityName: '龙津社区' };
    const hidden = { reportId: null, reportStatus: null, communityName: null };
    expect(await membersOf(own.admin, own.unitId)).toEqual([expect.objectContaining({ phone, ...shown })]);
    expect(await membersOf(other.admin, other.unitId)).toEqual([expect.objectContaining({ phone, ...hidden })]);
    expect((await membersOf(other.admin, other.unitId, '?status=pending_offline')).map((m) => m.phone)).toEqual([]);
    expect((await membersOf(other.admin, other.unitId, '?status=not_reported')).map((m) => m.phone)).toEqual([phone]);

    const certificate = await issueCertificate(t.app, own.admin, report.id);
    await confirmReport(t.app, as(STAFF_OF.龙津社区), report.id, certificate.code);
    expect(await membersOf(own.admin, own.unitId, '?status=confirmed')).toEqual([expect.objectContaining({ phone, ...shown, reportStatus: 'confirmed' })]);
    expect((await membersOf(own.admin, own.unitId, '?status=not_reported')).map((m) => m.phone)).toEqual([]);
    expect((await membersOf(other.admin, other.unitId, '?status=confirmed')).map((m) => m.phone)).toEqual([]);
    expect(await membersOf(other.admin, other.unitId, '?status=not_reported')).toEqual([expect.objectContaining({ phone, ...hidden })]);
  });

  it('says the same of a phone with an account, one that reported elsewhere and one without, in the import and in the listing', async () => {
    const [own, other] = await twoUnits('比对账号');
    const signedUp = (await signUp(t.app, { phone: freshPhone(), name: '已注册未报到' })).user.phone!;
    const reporter = await newMember(t.app, { unitIds: [own.unitId], home: ids['龙津社区']! });
    await submitReport(t.app, reporter, ids['龙津社区']!);
    const [nobody] = phones(1);

    const results: RosterImportResult[] = [];
    for (const phone of [signedUp, reporter.user.phone!, nobody!]) {
      results.push(await importInto(other.unitId, other.admin, rosterFile(csv([HEADER, ['名册党员', phone, '一支部']]))));
    }
    expect(results).toEqual(Array(3).fill(imported({ added: 1, updated: 0, unchanged: 0, rejected: [] })));

    const answer = expectStatus(await call(t.app, other.admin, 'GET', `/api/units/${other.unitId}/members`), 200) as { items: Record<string, unknown>[] };
    expect(answer.items.map((m) => m.phone)).toEqual([signedUp, reporter.user.phone, nobody]);
    for (const item of answer.items) {
      expect(Object.keys(item).sort()).toEqual(['branch', 'certificateIssuedAt', 'communityName', 'departReason', 'departedAt', 'id', 'name', 'phone', 'reportId', 'reportStatus', 'transfer']);
      expect(item).toEqual({
        id: expect.any(String),
        name: '名册党员',
        phone: item.phone,
        branch: '一支部',
        reportId: null,
        reportStatus: null,
        communityName: null,
        certificateIssuedAt: null,
        departedAt: null,
        departReason: null,
        transfer: null,
      });
    }
  });
});

describe('a roster file that cannot be read is refused whole, with a code that says why', () => {
  it('refuses a file over 5 MB with 400 ROSTER_FILE_TOO_LARGE and imports none of it', async () => {
    const [a] = phones(1);
    const head = csv([[...HEADER, 'note'], ['太大', a!, '', '']]);
    const text = head + `${'x'.repeat(ROSTER_MAX_BYTES - head.length + 1)}\n`;
    expect(Buffer.byteLength(text)).toBeGreaterThan(ROSTER_MAX_BYTES);
    expectError(await uploadRoster(t.app, hospitalAdmin(), hospital(), rosterFile(text)), 400, 'ROSTER_FILE_TOO_LARGE');
    expect(await rosterRows(hospital(), [a!])).toEqual([]);
  });

  it('accepts a file of several megabytes under the limit', async () => {
    // 2,000 rows of a kilobyte each (a note column the import ignores): about 2 MB.
    const list = Array.from({ length: 2_000 }, (_, i) => `134${String(i).padStart(8, '0')}`);
    const note = 'n'.repeat(1_000);
    const text = csv([[...HEADER, 'note'], ...list.map((p) => ['大文件', p, '', note])]);
    expect(Buffer.byteLength(text)).toBeGreaterThan(2 * 1024 * 1024 - 100_000);
    expect(Buffer.byteLength(text)).toBeLessThan(ROSTER_MAX_BYTES);
    expect(await importCsv(text)).toMatchObject({ added: 2_000, rejected: [] });
  });

  it(`refuses a CSV of more than ${ROSTER_MAX_ROWS} rows with 400 ROSTER_TOO_MANY_ROWS and imports none of it`, async () => {
    const list = Array.from({ length: ROSTER_MAX_ROWS + 1 }, (_, i) => `136${String(i).padStart(8, '0')}`);
    const text = csv([HEADER, ...list.map((p) => ['超限', p, ''])]);
    expectError(await uploadRoster(t.app, hospitalAdmin(), hospital(), rosterFile(text)), 400, 'ROSTER_TOO_MANY_ROWS');
    expect(await rosterRows(hospital(), [list[0]!, list.at(-1)!])).toEqual([]);
  });

  it('reads a CSV no further than the row past the limit: an unclosed quote after it still answers ROSTER_TOO_MANY_ROWS', async () => {
    const broken = '"引号未闭合,13100000000,\n';
    const list = Array.from({ length: ROSTER_MAX_ROWS + 1 }, (_, i) => `131${String(i).padStart(8, '0')}`);
    const tooMany = csv([HEADER, ...list.map((p) => ['超限', p, ''])]) + broken;
    expectError(await uploadRoster(t.app, hospitalAdmin(), hospital(), rosterFile(tooMany)), 400, 'ROSTER_TOO_MANY_ROWS');
    // Within the limit the same quote is read, and refuses the file.
    const short = csv([HEADER, ['引号', list[0]!, '']]) + broken;
    expectError(await uploadRoster(t.app, hospitalAdmin(), hospital(), rosterFile(short)), 400, 'ROSTER_FILE_TYPE');
    expect(await rosterRows(hospital(), [list[0]!])).toEqual([]);
  });

  it(`accepts exactly ${ROSTER_MAX_ROWS} rows`, async () => {
    // All but the last row have a malformed phone, so the database has one row to write.
    const [good] = phones(1);
    const rows = Array.from({ length: ROSTER_MAX_ROWS - 1 }, (_, i) => ['边界', `1${i}`, '']);
    const result = await importCsv(csv([HEADER, ...rows, ['边界最后一行', good!, '']]));
    expect(result).toMatchObject({ added: 1, updated: 0, unchanged: 0 });
    expect(result.rejected).toHaveLength(ROSTER_MAX_ROWS - 1);
    expect(result.rejected.at(-1)!.row).toBe(ROSTER_MAX_ROWS);
    expect(await rosterRows(hospital(), [good!])).toHaveLength(1);
  });

  it(`refuses an XLSX of more than ${ROSTER_MAX_ROWS} rows with 400 ROSTER_TOO_MANY_ROWS`, async () => {
    const list = Array.from({ length: ROSTER_MAX_ROWS + 1 }, (_, i) => `133${String(i).padStart(8, '0')}`);
    const file = await xlsx([HEADER, ...list.map((p) => ['超限', p, ''])]);
    expectError(await uploadRoster(t.app, hospitalAdmin(), hospital(), rosterFile(file, 'roster.xlsx', XLSX_TYPE)), 400, 'ROSTER_TOO_MANY_ROWS');
    expect(await rosterRows(hospital(), [list[0]!])).toEqual([]);
  });

  it('refuses a PNG with 400 ROSTER_FILE_TYPE', async () => {
    const png = await QRCode.toBuffer('not a roster');
    expectError(await uploadRoster(t.app, hospitalAdmin(), hospital(), rosterFile(png, 'roster.png', 'image/png')), 400, 'ROSTER_FILE_TYPE');
  });

  it('refuses bytes that are neither text nor a workbook with 400 ROSTER_FILE_TYPE', async () => {
    expectError(await uploadRoster(t.app, hospitalAdmin(), hospital(), rosterFile(noise(4096), 'roster.csv')), 400, 'ROSTER_FILE_TYPE');
  });

  it('refuses a ZIP that is not a workbook with 400 ROSTER_FILE_TYPE', async () => {
    const zipLike = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), noise(1024)]);
    expectError(await uploadRoster(t.app, hospitalAdmin(), hospital(), rosterFile(zipLike, 'roster.xlsx', XLSX_TYPE)), 400, 'ROSTER_FILE_TYPE');
  });

  it.each([
    ['a header of other names', csv([['姓名', '电话', '部门'], ['张三', '13712345678', '一支部']])],
    ['no header, the first row being a member', csv([['张三', '13712345678', '一支部']])],
    ['a header without the phone column', csv([['name', 'branch'], ['张三', '一支部']])],
    ['an empty file', ''],
  ])('refuses %s with 400 ROSTER_HEADER_INVALID', async (_what, text) => {
    expectError(await uploadRoster(t.app, hospitalAdmin(), hospital(), rosterFile(text)), 400, 'ROSTER_HEADER_INVALID');
  });

  it('refuses an XLSX whose header is wrong with 400 ROSTER_HEADER_INVALID', async () => {
    const file = await xlsx([['编号', '手机'], [1, '13712345678']]);
    expectError(await uploadRoster(t.app, hospitalAdmin(), hospital(), rosterFile(file, 'roster.xlsx', XLSX_TYPE)), 400, 'ROSTER_HEADER_INVALID');
  });
});

describe('an XLSX is read as a stream: its first sheet only, no further than the row limit, at most 50 MB unzipped', () => {
  const xlsxFile = (file: Buffer) => rosterFile(file, 'roster.xlsx', XLSX_TYPE);
  const upload = (file: Buffer) => uploadRoster(t.app, hospitalAdmin(), hospital(), xlsxFile(file));
  const oneSheet = (content: ZipPart['content']) => workbook([{ part: 'xl/worksheets/sheet1.xml', content }]);
  let zeros: Deflated | undefined;
  /** 256 MB of zeros, deflated to about 250 KB. */
  const bombOfZeros = async () => (zeros ??= await deflatedZeros(256 * 1024 * 1024));

  it(`refuses a 100,000-row XLSX with ROSTER_TOO_MANY_ROWS, reading no further than just past row ${ROSTER_MAX_ROWS + 1}`, async () => {
    // The sheet is well formed to a little past the limit (a stream is read in chunks of some
    // kilobytes) and damaged from there to its end: a reader that went on would meet the damage
    // and answer ROSTER_FILE_UNREADABLE, as the next test shows it does when the damage comes first.
    const list = Array.from({ length: 100_000 }, (_, i) => `132${String(i).padStart(8, '0')}`);
    const wellFormedTo = ROSTER_MAX_ROWS + 1 + 2_000;
    const rows = list.map((p, i) => {
      const xml = sheetRow(i + 2, ['超限', p]);
      return i + 2 <= wellFormedTo ? xml : xml.replace('</row>', '</rows>');
    });
    const file = oneSheet(sheetXml(sheetRow(1, HEADER) + rows.join('')));
    expect(file.length).toBeLessThan(ROSTER_MAX_BYTES);
    expectError(await upload(file), 400, 'ROSTER_TOO_MANY_ROWS');
    expect(await rosterRows(hospital(), [list[0]!, list[ROSTER_MAX_ROWS]!])).toEqual([]);
  });

  it('refuses a sheet whose XML is damaged with ROSTER_FILE_UNREADABLE', async () => {
    const [a] = phones(1);
    const file = oneSheet(sheetXml(sheetRow(1, HEADER) + sheetRow(2, ['损坏', a!]).replace('</row>', '</rows>')));
    expectError(await upload(file), 400, 'ROSTER_FILE_UNREADABLE');
    expect(await rosterRows(hospital(), [a!])).toEqual([]);
  });

  it('reads only the first sheet in tab order: a damaged sheet behind it is never read', async () => {
    const [a] = phones(1);
    // The first tab is stored as sheet2.xml; the second, damaged, as sheet1.xml.
    const file = workbook([
      { part: 'xl/worksheets/sheet2.xml', content: sheetOf([HEADER, ['第一张表', a!]]) },
      { part: 'xl/worksheets/sheet1.xml', content: sheetXml('<row r="1"><c r="A1"') },
    ]);
    expect(await importInto(hospital(), hospitalAdmin(), xlsxFile(file))).toEqual(imported({ added: 1, updated: 0, unchanged: 0, rejected: [] }));
    expect(await rosterRows(hospital(), [a!])).toEqual([{ name: '第一张表', phone: a!, branch: null }]);
  });

  it('refuses a zip bomb (a roster workbook carrying 256 MB of zeros) with ROSTER_FILE_UNREADABLE and imports none of it', async () => {
    const [a] = phones(1);
    const file = workbook([{ part: 'xl/worksheets/sheet1.xml', content: sheetOf([HEADER, ['炸弹', a!]]) }], [{ name: 'xl/media/zeros.bin', content: await bombOfZeros() }]);
    expect(file.length).toBeLessThan(ROSTER_MAX_BYTES);
    expectError(await upload(file), 400, 'ROSTER_FILE_UNREADABLE');
    expect(await rosterRows(hospital(), [a!])).toEqual([]);
  });

  it('refuses a sheet that inflates to more than its directory entry claims (a zip bomb that lies) with ROSTER_FILE_UNREADABLE', async () => {
    const bomb = await bombOfZeros();
    expectError(await upload(oneSheet({ ...bomb, size: 4096 })), 400, 'ROSTER_FILE_UNREADABLE');
  });

  it('refuses a sheet whose compressed bytes are damaged with ROSTER_FILE_UNREADABLE', async () => {
    const [a] = phones(1);
    const xml = Buffer.from(sheetOf([HEADER, ...Array.from({ length: 200 }, (_, i) => [`损坏${i}`, i === 0 ? a! : freshPhone()])]));
    const deflated = deflateRawSync(xml);
    const middle = Math.floor(deflated.length / 2);
    deflated.fill(0xa5, middle, middle + 16);
    expectError(await upload(oneSheet({ deflated, size: xml.length, crc: crc32(xml) })), 400, 'ROSTER_FILE_UNREADABLE');
    expect(await rosterRows(hospital(), [a!])).toEqual([]);
  });

  it.each([
    ['to half its length', (file: Buffer) => file.subarray(0, Math.floor(file.length / 2))],
    ['inside its end record', (file: Buffer) => file.subarray(0, file.length - 10)],
    ['after 200 bytes', (file: Buffer) => file.subarray(0, 200)],
  ])('refuses a workbook cut off %s with 400 ROSTER_FILE_UNREADABLE', async (_where, cut) => {
    const [a] = phones(1);
    const file = await xlsx([HEADER, ['截断', a!, '']]);
    expectError(await upload(cut(file)), 400, 'ROSTER_FILE_UNREADABLE');
    expect(await rosterRows(hospital(), [a!])).toEqual([]);
  });
});

describe('the roster comes as the multipart field `file`', () => {
  it('refuses a JSON body with 400 ROSTER_FILE_REQUIRED', async () => {
    const res = await call(t.app, hospitalAdmin(), 'POST', `/api/units/${hospital()}/roster`, { rows: [{ name: '张三', phone: '13712345678' }] });
    expectError(res, 400, 'ROSTER_FILE_REQUIRED');
  });

  it('refuses a request without a body with 400 ROSTER_FILE_REQUIRED', async () => {
    expectError(await call(t.app, hospitalAdmin(), 'POST', `/api/units/${hospital()}/roster`), 400, 'ROSTER_FILE_REQUIRED');
  });

  it('refuses a file in another field, or no file at all, with 400 ROSTER_FILE_REQUIRED', async () => {
    const [a] = phones(1);
    const text = csv([HEADER, ['字段错误', a!, '']]);
    const wrongField = multipart([{ name: 'roster', filename: 'roster.csv', contentType: 'text/csv', content: text }]);
    expectError(await uploadRoster(t.app, hospitalAdmin(), hospital(), wrongField), 400, 'ROSTER_FILE_REQUIRED');
    const onlyText = multipart([{ name: 'file', content: text }]);
    expectError(await uploadRoster(t.app, hospitalAdmin(), hospital(), onlyText), 400, 'ROSTER_FILE_REQUIRED');
    expect(await rosterRows(hospital(), [a!])).toEqual([]);
  });
});

describe('a malformed multipart body is the client’s error, never the server’s', () => {
  // api.md: no 500 for anything a client can send.
  const expectClientError = (res: { statusCode: number; json(): unknown }) =>
    expect(outcome(res)).toMatchObject({ status: 400, body: { error: { code: "MALFORMED_UPLOAD" } } });

  it('answers a body cut off before its closing boundary with 400', async () => {
    const [a] = phones(1);
    const file = rosterFile(csv([HEADER, ['截断', a!, '']]));
    const cut = file.payload.subarray(0, file.payload.length - 20);
    expectClientError(await call(t.app, hospitalAdmin(), 'POST', `/api/units/${hospital()}/roster`, cut, file.headers));
    expect(await rosterRows(hospital(), [a!])).toEqual([]);
  });

  it('answers multipart/form-data without a boundary with 400', async () => {
    const file = rosterFile(csv([HEADER, ['无边界', freshPhone(), '']]));
    expectClientError(await call(t.app, hospitalAdmin(), 'POST', `/api/units/${hospital()}/roster`, file.payload, { 'content-type': 'multipart/form-data' }));
  });
});

describe('only the unit’s own admin imports its roster', () => {
  const file = () => rosterFile(csv([HEADER, ['无权导入', freshPhone(), '']]));

  it('answers the admin of another unit 404', async () => {
    expectError(await uploadRoster(t.app, as(UNIT_ADMIN_OF.新罗区实验小学), hospital(), file()), 404, 'NOT_FOUND');
  });

  it('answers staff, a district admin, a member and a resident 403', async () => {
    for (const who of [STAFF_OF.龙津社区, DISTRICT_ADMIN, '13900000101', RESIDENT]) {
      expectError(await uploadRoster(t.app, as(who), hospital(), file()), 403, 'FORBIDDEN');
    }
  });

  it('answers 404 for a unit that does not exist', async () => {
    expectError(await uploadRoster(t.app, hospitalAdmin(), '999999', file()), 404, 'NOT_FOUND');
  });
});

describe('a roster of 10,000 members imports in one request', () => {
  it('adds every row, and the unit’s figures count them all', async () => {
    const { unitId, admin } = await newUnit(t.app, as(DISTRICT_ADMIN), { name: '万人名册单位', paired: [ids['龙津社区']!] });
    const list = Array.from({ length: 10_000 }, (_, i) => `135${String(i).padStart(8, '0')}`);
    const text = csv([HEADER, ...list.map((p, i) => [`党员${i}`, p, `第${(i % 20) + 1}党支部`])]);
    const started = performance.now();
    const result = await importInto(unitId, admin, rosterFile(text));
    const seconds = (performance.now() - started) / 1000;
    console.log(`10,000-row roster import took ${seconds.toFixed(2)} s (${Buffer.byteLength(text)} bytes)`);
    expect(result).toEqual(imported({ added: 10_000, updated: 0, unchanged: 0, rejected: [] }));
    const members = expectStatus(await call(t.app, admin, 'GET', `/api/units/${unitId}/members?status=not_reported&limit=100`), 200) as {
      items: { phone: string }[];
      figures: unknown;
    };
    expect(members.figures).toEqual({ roster: 10_000, confirmed: 0, pending: 0, reportingRate: 0 });
    expect(members.items.map((m) => m.phone)).toEqual(list.slice(0, 100));
  });
});

/** The audit rows of `action` on the roster entries of these phones. */
async function rosterAudit(action: string, phonesOf: string[]) {
  const rows = await t.app.db
    .select({ audit: auditLog })
    .from(auditLog)
    .innerJoin(rosterEntries, sql`${rosterEntries.id}::text = ${auditLog.entityId}`)
    .where(and(eq(auditLog.action, action), eq(auditLog.entity, 'roster_entry'), inArray(rosterEntries.phone, phonesOf)));
  return rows.map((r) => r.audit);
}

