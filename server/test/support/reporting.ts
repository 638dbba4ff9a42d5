import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import {
  certificateSchema,
  grantSchema,
  meSchema,
  myReportSchema,
  notificationListSchema,
  reportSchema,
  unitSchema,
  type Certificate,
  type Me,
  type MyReport,
  type NotificationList,
  type Report,
  type Session,
} from '@huijia/shared';
import { and, asc, eq } from 'drizzle-orm';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { auditLog, rosterEntries } from '../../src/db/schema';
import { bearer, freshPhone, signIn, signUp } from './identity';

/**
 * Helpers for the dual reporting (双报到) tests: people of the demo city by what they do, members
 * made for one test, the report flow step by step through the API, and roster files (CSV, XLSX,
 * multipart) built in memory.
 */

/** Demo city logins (src/seed/demo-city.ts) by role and place. */
export const STAFF_OF = {
  龙津社区: '13900000011',
  中山社区: '13900000012',
  莲东社区: '13900000013',
  溪南社区: '13900000014',
} as const;
export const UNIT_ADMIN_OF = {
  龙岩市第一医院: '13900000021',
  新罗区实验小学: '13900000022',
} as const;
export const DISTRICT_ADMIN = '13900000001';
export const STREET_ADMIN_EAST = '13900000002'; // 东城街道: 龙津社区, 中山社区
export const STREET_ADMIN_WEST = '13900000003'; // 西城街道: 莲东社区, 溪南社区
export const RESIDENT = '13900000201'; // 王秀兰, 龙津社区, on no roster

export type Community = keyof typeof STAFF_OF;
export type Unit = keyof typeof UNIT_ADMIN_OF;

type Answer = { statusCode: number; json(): unknown };

/** An answer's status with its body, so that a failing expectation shows why. */
export const outcome = (res: Answer) => ({ status: res.statusCode, body: res.json() });

/** Asserts the status and answers the body, showing the body when the status is wrong. */
export function expectStatus(res: Answer, status: number): unknown {
  // On a wrong status the failure prints the whole answer, body included.
  expect(res.statusCode === status ? status : outcome(res)).toBe(status);
  return res.json();
}

/** `app.inject` as someone (or anonymously with null). */
export function call(
  app: FastifyInstance,
  as: Session | null,
  method: InjectOptions['method'],
  url: string,
  payload?: InjectOptions['payload'],
  headers: Record<string, string> = {},
) {
  return app.inject({ method, url, payload, headers: { ...(as ? bearer(as.accessToken) : {}), ...headers } });
}

/** Signs in each phone once (sign-in is limited per phone) and answers the sessions by phone. */
export async function signInAll(app: FastifyInstance, phones: readonly string[]): Promise<Map<string, Session>> {
  const sessions = new Map<string, Session>();
  for (const phone of new Set(phones)) sessions.set(phone, await signIn(app, phone));
  return sessions;
}

/**
 * A new in-service member of one test: an account with a phone of its own on `unitIds`' rosters,
 * living in `home` (null: the system knows no home community).
 */
export async function newMember(
  app: FastifyInstance,
  options: { unitIds: string[]; home: string | null; name?: string; branch?: string },
): Promise<Session> {
  const phone = freshPhone();
  const name = options.name ?? '测试党员';
  const session = await signUp(app, { phone, name, ...(options.home ? { communityId: options.home } : {}) });
  for (const unitId of options.unitIds) {
    await app.db.insert(rosterEntries).values({ unitId: Number(unitId), name, phone, branch: options.branch ?? '第一党支部' });
  }
  return session;
}

export async function me(app: FastifyInstance, session: Session): Promise<Me> {
  return meSchema.parse(expectStatus(await call(app, session, 'GET', '/api/me'), 200));
}

export async function submitReport(app: FastifyInstance, member: Session, communityId: string, basis: 'residence' | 'paired_unit' = 'residence'): Promise<MyReport> {
  return myReportSchema.parse(expectStatus(await call(app, member, 'POST', '/api/reports', { communityId, basis }), 201));
}

export async function issueCertificate(app: FastifyInstance, unitAdmin: Session, reportId: string): Promise<Certificate> {
  return certificateSchema.parse(expectStatus(await call(app, unitAdmin, 'POST', `/api/reports/${reportId}/certificate`), 200));
}

export const confirm = (app: FastifyInstance, staff: Session, reportId: string, certificateCode: string) =>
  call(app, staff, 'POST', `/api/reports/${reportId}/confirm`, { certificateCode });

export async function confirmReport(app: FastifyInstance, staff: Session, reportId: string, code: string): Promise<Report> {
  return reportSchema.parse(expectStatus(await confirm(app, staff, reportId, code), 200));
}

/** A member living in `community` who reported there online and holds a 报到证. */
export async function pendingReport(
  app: FastifyInstance,
  options: { unitId: string; community: string; unitAdmin: Session; name?: string },
): Promise<{ member: Session; report: MyReport; certificate: Certificate }> {
  const member = await newMember(app, { unitIds: [options.unitId], home: options.community, name: options.name });
  const report = await submitReport(app, member, options.community);
  const certificate = await issueCertificate(app, options.unitAdmin, report.id);
  return { member, report, certificate };
}

/** A member whose report to `community` staff have confirmed. */
export async function confirmedMember(
  app: FastifyInstance,
  options: { unitId: string; community: string; unitAdmin: Session; staff: Session; name?: string },
): Promise<{ member: Session; report: Report }> {
  const { member, report, certificate } = await pendingReport(app, options);
  return { member, report: await confirmReport(app, options.staff, report.id, certificate.code) };
}

export async function notificationsOf(app: FastifyInstance, session: Session, query = ''): Promise<NotificationList> {
  return notificationListSchema.parse(expectStatus(await call(app, session, 'GET', `/api/notifications${query}`), 200));
}

/** The audit trail of one entity, oldest first. */
export const auditOf = (app: FastifyInstance, entity: string, entityId: string) =>
  app.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, entityId)))
    .orderBy(asc(auditLog.id));

/** A unit of one test, paired with `paired`, registered under `orgId` (else the admin's node), and a new admin of it signed in. */
export async function newUnit(
  app: FastifyInstance,
  districtAdmin: Session,
  options: { name: string; paired: string[]; orgId?: string },
): Promise<{ unitId: string; admin: Session }> {
  const body = { name: options.name, pairedCommunityIds: options.paired, ...(options.orgId ? { orgId: options.orgId } : {}) };
  const created = expectStatus(await call(app, districtAdmin, 'POST', '/api/units', body), 201);
  const unitId = unitSchema.parse(created).id;
  const phone = freshPhone();
  const password = 'unit-admin-password';
  grantSchema.parse(
    expectStatus(
      await call(app, districtAdmin, 'POST', '/api/staff', { phone, name: '单位管理员', role: 'unit_admin', unitId, initialPassword: password }),
      201,
    ),
  );
  return { unitId, admin: await signIn(app, phone, password) };
}

/** A multipart/form-data body, built by hand. */
export function multipart(parts: { name: string; filename?: string; contentType?: string; content: Buffer | string }[]) {
  const boundary = `----huijia-test-${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"`;
    if (part.filename) head += `; filename="${part.filename}"`;
    head += '\r\n';
    if (part.contentType) head += `Content-Type: ${part.contentType}\r\n`;
    chunks.push(Buffer.from(`${head}\r\n`), Buffer.isBuffer(part.content) ? part.content : Buffer.from(part.content, 'utf8'), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A roster file in the field `file`, as the import route takes it. */
export function rosterFile(content: Buffer | string, filename = 'roster.csv', contentType = 'text/csv') {
  return multipart([{ name: 'file', filename, contentType, content }]);
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** CSV text of rows of cells (none of the tests' cells need quoting). */
export const csv = (rows: readonly (readonly string[])[]) => rows.map((r) => r.join(',')).join('\n') + '\n';

/** An XLSX workbook whose first sheet holds `rows`. */
export async function xlsx(rows: readonly (readonly (string | number)[])[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('名册');
  for (const row of rows) sheet.addRow([...row]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function uploadRoster(app: FastifyInstance, unitAdmin: Session, unitId: string, file: { payload: Buffer; headers: Record<string, string> }) {
  return call(app, unitAdmin, 'POST', `/api/units/${unitId}/roster`, file.payload, file.headers);
}
