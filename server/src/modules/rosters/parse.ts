import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { ROSTER_MAX_ROWS, personNameSchema, phoneSchema } from '@huijia/shared';
import { AppError } from '../../http/errors';

export interface RosterRow {
  /** The row's number in the file as a spreadsheet shows it (the header is row 1). */
  row: number;
  name: string;
  phone: string;
  branch: string | null;
}

export interface ParsedRoster {
  rows: RosterRow[];
  rejected: { row: number; reason: string }[];
}

const HEADERS = {
  name: ['name', '姓名'],
  phone: ['phone', '手机号'],
  branch: ['branch', '支部'],
} as const;

const isZip = (buf: Buffer) => buf.length >= 4 && buf.readUInt32BE(0) === 0x504b0304;

/** The cells of a CSV (UTF-8, with or without BOM) or an XLSX (its first sheet), as text. */
async function readCells(file: Buffer): Promise<string[][]> {
  if (isZip(file)) {
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.load(file as unknown as ArrayBuffer);
    } catch {
      throw new AppError(400, 'ROSTER_FILE_TYPE');
    }
    const sheet = workbook.worksheets[0];
    if (!sheet) return [];
    if (sheet.rowCount > ROSTER_MAX_ROWS + 1) throw new AppError(400, 'ROSTER_TOO_MANY_ROWS');
    const cells: string[][] = [];
    for (let r = 1; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const values: string[] = [];
      for (let c = 1; c <= Math.max(row.cellCount, 3); c++) values.push(row.getCell(c).text ?? '');
      cells.push(values);
    }
    return cells;
  }
  const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let content: string;
  try {
    content = text.decode(file);
  } catch {
    throw new AppError(400, 'ROSTER_FILE_TYPE');
  }
  if (content.includes('\u0000')) throw new AppError(400, 'ROSTER_FILE_TYPE');
  try {
    return parseCsv(content, { bom: true, relax_column_count: true, skip_empty_lines: false, trim: true }) as string[][];
  } catch {
    throw new AppError(400, 'ROSTER_FILE_TYPE');
  }
}

/** 139 0000 0101, 139-0000-0101 and +86 13900000101 are all 13900000101. */
function normalisePhone(raw: string): string {
  const digits = raw.replace(/[\s-]/g, '');
  return digits.replace(/^(\+?86)(?=1\d{10}$)/, '');
}

/**
 * Reads a roster file: the header `name,phone,branch` or `姓名,手机号,支部` (in any order), then one
 * member a row. A bad row (malformed phone, missing name, a phone already in the file) is rejected
 * with its number and never stops the good ones.
 */
export async function parseRoster(file: Buffer): Promise<ParsedRoster> {
  const cells = await readCells(file);
  const header = (cells[0] ?? []).map((h) => h.replace(/^\uFEFF/, '').trim().toLowerCase());
  const column = (names: readonly string[]) => header.findIndex((h) => names.includes(h));
  const at = { name: column(HEADERS.name), phone: column(HEADERS.phone), branch: column(HEADERS.branch) };
  if (at.name < 0 || at.phone < 0) throw new AppError(400, 'ROSTER_HEADER_INVALID');
  const body = cells.slice(1);
  if (body.length > ROSTER_MAX_ROWS) throw new AppError(400, 'ROSTER_TOO_MANY_ROWS');

  const rows: RosterRow[] = [];
  const rejected: ParsedRoster['rejected'] = [];
  const seen = new Map<string, number>();
  body.forEach((cellsOfRow, i) => {
    const row = i + 2;
    if (cellsOfRow.every((c) => (c ?? '').trim() === '')) return;
    const name = personNameSchema.safeParse(cellsOfRow[at.name] ?? '');
    const phone = normalisePhone(cellsOfRow[at.phone] ?? '');
    if (!name.success) return void rejected.push({ row, reason: '缺少姓名或姓名过长' });
    if (!phoneSchema.safeParse(phone).success) return void rejected.push({ row, reason: `手机号格式不正确：${cellsOfRow[at.phone] ?? ''}` });
    const first = seen.get(phone);
    if (first !== undefined) return void rejected.push({ row, reason: `手机号与第 ${first} 行重复` });
    seen.set(phone, row);
    const branch = at.branch >= 0 ? (cellsOfRow[at.branch] ?? '').trim().slice(0, 60) : '';
    rows.push({ row, name: name.data, phone, branch: branch || null });
  });
  return { rows, rejected };
}
