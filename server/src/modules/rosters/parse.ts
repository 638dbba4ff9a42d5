import { posix } from 'node:path';
import { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { ROSTER_MAX_ROWS, personNameSchema, phoneSchema } from '@huijia/shared';
import { AppError } from '../../http/errors';
import { ZipError, firstEntryName, inflateEntry, readCentralDirectory, storedZip, type ZipEntry } from './zip';

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

/** A row of the file: its number (from 1) and its cells as text by column, holes where a sheet has no cell. */
interface FileRow {
  row: number;
  cells: readonly (string | undefined)[];
}

const HEADERS = {
  name: ['name', '姓名'],
  phone: ['phone', '手机号'],
  branch: ['branch', '支部'],
} as const;

/**
 * What a workbook may hold once unzipped. A roster at the row limit is a few megabytes of XML; a
 * file of at most 5 MB that unzips to more is a zip bomb, refused before anything is inflated.
 */
const ROSTER_MAX_UNZIPPED_BYTES = 50 * 1024 * 1024;

const notARoster = () => new AppError(400, 'ROSTER_FILE_TYPE');
const unreadable = () => new AppError(400, 'ROSTER_FILE_UNREADABLE');

const isZip = (buf: Buffer) => buf.length >= 4 && buf.readUInt32BE(0) === 0x504b0304;

/** A part of an XLSX (an Office Open XML package) by its name: a ZIP whose first entry is one was a workbook. */
const isPackagePart = (name: string | null) => name !== null && (name === '[Content_Types].xml' || /^(_rels|docProps|xl)\//.test(name));

/** The rows of a CSV (UTF-8, with or without BOM), parsed no further than one row past the limit. */
function* csvRows(file: Buffer): Generator<FileRow> {
  let content: string;
  try {
    content = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(file);
  } catch {
    throw notARoster();
  }
  if (content.includes('\u0000')) throw notARoster();
  let records: string[][];
  try {
    records = parseCsv(content, { bom: true, relax_column_count: true, skip_empty_lines: false, trim: true, to: ROSTER_MAX_ROWS + 2 });
  } catch {
    throw notARoster();
  }
  for (const [i, cells] of records.entries()) yield { row: i + 1, cells };
}

const attribute = (tag: string, name: string) => new RegExp(`\\s${name}\\s*=\\s*(["'])(.*?)\\1`).exec(tag)?.[2];

async function textOf(file: Buffer, entry: ZipEntry): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of inflateEntry(file, entry)) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The part holding the workbook's first sheet in tab order: the first `<sheet>` of xl/workbook.xml,
 * through its relationship. A workbook that does not say falls back on its lowest-numbered sheet.
 */
async function firstSheetPart(file: Buffer, parts: Map<string, ZipEntry>): Promise<ZipEntry | undefined> {
  const workbook = parts.get('xl/workbook.xml');
  const relations = parts.get('xl/_rels/workbook.xml.rels');
  if (workbook && relations) {
    const sheet = /<(?:[\w.-]+:)?sheet\s[^>]*>/.exec(await textOf(file, workbook))?.[0];
    const id = sheet && attribute(sheet, '(?:[\\w.-]+:)?id');
    const relation = id && [...(await textOf(file, relations)).matchAll(/<(?:[\w.-]+:)?Relationship\s[^>]*>/g)].find((r) => attribute(r[0], 'Id') === id);
    const target = relation && attribute(relation[0], 'Target');
    const part = target && parts.get(target.startsWith('/') ? target.slice(1) : posix.join('xl', target));
    if (part) return part;
  }
  const numbered = [...parts.values()]
    .map((entry) => ({ entry, n: Number(/^xl\/worksheets\/sheet(\d+)\.xml$/.exec(entry.name)?.[1] ?? NaN) }))
    .filter(({ n }) => Number.isFinite(n))
    .sort((a, b) => a.n - b.n);
  return numbered[0]?.entry;
}

/**
 * Stand-ins for the parts ExcelJS's streaming reader must have read before a sheet, or it spills
 * the sheet to a temporary file: the workbook's relationships (of no use here, the sheet being
 * chosen already) and, for a workbook without any, its shared strings.
 */
const EMPTY_RELATIONS = Buffer.from('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>');
const EMPTY_SHARED_STRINGS = Buffer.from('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>');

/**
 * The rows of an XLSX's first sheet, streamed, so that reading stops where the caller stops.
 * The central directory is checked first (a ZIP at all, at most 50 MB unzipped). ExcelJS's
 * streaming reader is then given a ZIP of just the parts it needs, in the order it needs them
 * (shared strings before the sheet, or it would spill the sheet to a temporary file), each
 * inflated here with its size held to what the directory claims.
 */
async function* xlsxRows(file: Buffer): AsyncGenerator<FileRow> {
  let entries: ZipEntry[];
  try {
    entries = readCentralDirectory(file);
  } catch (err) {
    if (!(err instanceof ZipError)) throw err;
    // Cut off on the way or damaged, a workbook still names a package part first; anything else is not one.
    throw isPackagePart(firstEntryName(file)) ? unreadable() : notARoster();
  }
  if (entries.reduce((sum, e) => sum + e.size, 0) > ROSTER_MAX_UNZIPPED_BYTES) throw unreadable();
  const parts = new Map<string, ZipEntry>();
  for (const entry of entries) if (!parts.has(entry.name)) parts.set(entry.name, entry);

  let sheet: ZipEntry | undefined;
  try {
    sheet = await firstSheetPart(file, parts);
  } catch (err) {
    throw err instanceof ZipError ? unreadable() : err;
  }
  if (!sheet) throw notARoster();
  const sharedStrings = parts.get('xl/sharedStrings.xml');
  const inMemory = (bytes: Buffer) => ({ size: bytes.length, content: async function* () { yield bytes; } });
  const inflated = (entry: ZipEntry) => ({ size: entry.size, content: () => inflateEntry(file, entry) });
  const source = Readable.from(
    storedZip([
      { name: 'xl/_rels/workbook.xml.rels', ...inMemory(EMPTY_RELATIONS) },
      { name: 'xl/sharedStrings.xml', ...(sharedStrings ? inflated(sharedStrings) : inMemory(EMPTY_SHARED_STRINGS)) },
      { name: 'xl/worksheets/sheet1.xml', ...inflated(sheet) },
    ]),
    { objectMode: false },
  );
  // The reader pipes the source into its unzipper, and a pipe does not pass errors on: without
  // this, an entry that fails to inflate would leave the reader waiting for the rest forever.
  const failed = new Promise<never>((_, reject) => source.once('error', reject));
  failed.catch(() => undefined);
  const step = <T>(next: Promise<IteratorResult<T>>) => Promise.race([next, failed]);

  const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'ignore' });
  try {
    const worksheet = await step(reader[Symbol.asyncIterator]().next());
    if (worksheet.done) return;
    const rows = worksheet.value[Symbol.asyncIterator]();
    for (let next = await step(rows.next()); !next.done; next = await step(rows.next())) {
      const cells: string[] = [];
      next.value.eachCell((cell, column) => {
        cells[column - 1] = cell.text;
      });
      yield { row: next.value.number, cells };
    }
  } catch (err) {
    // Whatever the reader meets (a part that does not inflate, XML that does not parse) is the file's fault.
    throw err instanceof AppError ? err : unreadable();
  } finally {
    // Stopping early leaves the rest of the file unread: the source stops inflating.
    source.destroy();
  }
}

/** 139 0000 0101, 139-0000-0101 and +86 13900000101 are all 13900000101. */
function normalisePhone(raw: string): string {
  const digits = raw.replace(/[\s-]/g, '');
  return digits.replace(/^(\+?86)(?=1\d{10}$)/, '');
}

/** Where the header row puts each column. */
function columnsOf(header: FileRow['cells']) {
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
  for await (const { row, cells } of isZip(file) ? xlsxRows(file) : csvRows(file)) {
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
