import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { XLSX_TYPE } from './reporting';

/** A ledger's row, by header. */
export type Row = Record<string, ExcelJS.CellValue>;

export interface Sheet {
  name: string;
  headers: string[];
  rows: Row[];
  worksheet: ExcelJS.Worksheet;
}

/** Asserts a 200 spreadsheet answer and opens it: the header row, then each row by header. */
export async function sheetOf(res: LightMyRequestResponse): Promise<Sheet> {
  expect(res.statusCode === 200 ? 200 : { status: res.statusCode, body: res.body }).toBe(200);
  expect(res.headers['content-type']).toBe(XLSX_TYPE);
  const workbook = new ExcelJS.Workbook();
  // exceljs's types predate Node's generic Buffer; it reads any Buffer.
  await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  expect(workbook.worksheets).toHaveLength(1);
  const worksheet = workbook.worksheets[0]!;
  const headers = worksheet.getRow(1).values;
  expect(Array.isArray(headers)).toBe(true);
  const names = (headers as ExcelJS.CellValue[]).slice(1).map(String);
  const rows: Row[] = [];
  worksheet.eachRow((row, n) => {
    if (n > 1) rows.push(Object.fromEntries(names.map((h, i) => [h, row.getCell(i + 1).value])));
  });
  return { name: worksheet.name, headers: names, rows, worksheet };
}

/** A column's cells, top to bottom. */
export const column = (sheet: Sheet, header: string) => sheet.rows.map((r) => r[header]);
