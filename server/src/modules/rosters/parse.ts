import { ROSTER_MAX_ROWS, personNameSchema, phoneSchema } from '@huijia/shared';
import { AppError } from '../../http/errors';
import { sheetRows, type SheetRow } from '../../http/sheet';

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

/** 139 0000 0101, 139-0000-0101 and +86 13900000101 are all 13900000101. */
function normalisePhone(raw: string): string {
  const digits = raw.replace(/[\s-]/g, '');
  return digits.replace(/^(\+?86)(?=1\d{10}$)/, '');
}

/** Where the header row puts each column. */
function columnsOf(header: SheetRow['cells']) {
  const names = Array.from(header, (h) => (h ?? '').replace(/^\uFEFF/, '').trim().toLowerCase());
  const column = (accepted: readonly string[]) => names.findIndex((h) => accepted.includes(h));
  const at = { name: column(HEADERS.name), phone: column(HEADERS.phone), branch: column(HEADERS.branch) };
  if (at.name < 0 || at.phone < 0) throw new AppError(400, 'ROSTER_HEADER_INVALID');
  return at;
}

/**
 * Reads a roster file, a CSV or an XLSX (its first sheet): the header `name,phone,branch` or
 * `姓名,手机号,支部` (in any order) in row 1, then one member a row. A bad row (malformed phone,
 * missing name, a phone already in the file) is rejected with its number and never stops the good
 * ones. A file of more than ROSTER_MAX_ROWS members is refused as soon as its next row is read.
 */
export async function parseRoster(file: Buffer): Promise<ParsedRoster> {
  const rows: RosterRow[] = [];
  const rejected: ParsedRoster['rejected'] = [];
  const seen = new Map<string, number>();
  let at: ReturnType<typeof columnsOf> | undefined;
  // One row past the limit is read, to know that the file has more.
  const sheet = sheetRows(file, { rowLimit: ROSTER_MAX_ROWS + 2, notASheet: 'ROSTER_FILE_TYPE', unreadable: 'ROSTER_FILE_UNREADABLE', unknownEncoding: 'ROSTER_FILE_ENCODING' });
  for await (const { row, cells } of sheet) {
    if (row > ROSTER_MAX_ROWS + 1) throw new AppError(400, 'ROSTER_TOO_MANY_ROWS');
    at ??= columnsOf(row === 1 ? cells : []);
    if (row === 1) continue;
    if (cells.every((c) => (c ?? '').trim() === '')) continue;
    const name = personNameSchema.safeParse(cells[at.name] ?? '');
    const phone = normalisePhone(cells[at.phone] ?? '');
    if (!name.success) {
      rejected.push({ row, reason: '缺少姓名或姓名过长' });
      continue;
    }
    if (!phoneSchema.safeParse(phone).success) {
      rejected.push({ row, reason: `手机号格式不正确：${cells[at.phone] ?? ''}` });
      continue;
    }
    const first = seen.get(phone);
    if (first !== undefined) {
      rejected.push({ row, reason: `手机号与第 ${first} 行重复` });
      continue;
    }
    seen.set(phone, row);
    const branch = at.branch >= 0 ? (cells[at.branch] ?? '').trim().slice(0, 60) : '';
    rows.push({ row, name: name.data, phone, branch: branch || null });
  }
  if (!at) throw new AppError(400, 'ROSTER_HEADER_INVALID');
  return { rows, rejected };
}
