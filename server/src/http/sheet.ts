import { posix } from 'node:path';
import { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { ErrorCode } from '@huijia/shared';
import { AppError } from './errors';
import { ZipError, firstEntryName, inflateEntry, readCentralDirectory, storedZip, type ZipEntry } from './zip';

/**
 * The rows of an uploaded spreadsheet, a CSV or an XLSX (its first sheet), for the imports that
 * take one (a unit's roster, a district's tree). What the rows mean is the caller's.
 */

/** A row of the file: its number (from 1) and its cells as text by column, holes where a sheet has no cell. */
export interface SheetRow {
  row: number;
  cells: readonly (string | undefined)[];
}

export interface SheetOptions {
  /** Rows read at most: the caller refuses the file at the first row past its limit, so a CSV is
   *  parsed no further than that. */
  rowLimit: number;
  /** What to answer for a file that is not a spreadsheet at all, and for a workbook that cannot be read. */
  notASheet: ErrorCode;
  unreadable: ErrorCode;
  /** What to answer for text in an encoding none of `decodeText`'s: what to save it as instead. */
  unknownEncoding: ErrorCode;
}

/**
 * What a workbook may hold once unzipped. A sheet at the row limit is a few megabytes of XML; a
 * file of at most 5 MB that unzips to more is a zip bomb, refused before anything is inflated.
 */
const MAX_UNZIPPED_BYTES = 50 * 1024 * 1024;

const isZip = (buf: Buffer) => buf.length >= 4 && buf.readUInt32BE(0) === 0x504b0304;

/** A part of an XLSX (an Office Open XML package) by its name: a ZIP whose first entry is one was a workbook. */
const isPackagePart = (name: string | null) => name !== null && (name === '[Content_Types].xml' || /^(_rels|docProps|xl)\//.test(name));

/**
 * The encodings a CSV comes in, tried in order: UTF-8 (with or without BOM, as "CSV UTF-8" saves
 * it), UTF-16 with its BOM (Excel's "Unicode 文本", tab-separated), and GB18030, the superset of
 * the GBK that Excel and WPS write on Chinese Windows. A file valid in none is not text we know.
 */
function decodeText(file: Buffer): string | null {
  const utf16 = file.length >= 2 && ((file[0] === 0xff && file[1] === 0xfe) || (file[0] === 0xfe && file[1] === 0xff));
  const attempts = utf16 ? [file[0] === 0xff ? 'utf-16le' : 'utf-16be'] : ['utf-8', 'gb18030'];
  for (const encoding of attempts) {
    try {
      return new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(file);
    } catch {
      // Not this one: the next.
    }
  }
  return null;
}

/** Control characters no spreadsheet's text holds (tab, line feed and carriage return aside): a binary file's. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what it looks for
const BINARY = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

/** The rows of a CSV (see `decodeText` for its encodings), parsed no further than `rowLimit` rows. */
function* csvRows(file: Buffer, options: SheetOptions): Generator<SheetRow> {
  const notASheet = () => new AppError(400, options.notASheet);
  const content = decodeText(file);
  if (content === null) {
    // Bytes that decode as nothing: a binary file, or text in an encoding we do not read.
    throw BINARY.test(file.toString('latin1')) ? notASheet() : new AppError(400, options.unknownEncoding);
  }
  if (BINARY.test(content)) throw notASheet();
  // "Unicode 文本" separates cells by tabs; a first line with tabs and no commas is such a file.
  const [firstLine = ''] = content.split('\n', 1);
  const delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  let records: string[][];
  try {
    records = parseCsv(content, { bom: true, delimiter, relax_column_count: true, skip_empty_lines: false, trim: true, to: options.rowLimit });
  } catch {
    throw notASheet();
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
async function* xlsxRows(file: Buffer, options: SheetOptions): AsyncGenerator<SheetRow> {
  const notASheet = () => new AppError(400, options.notASheet);
  const unreadable = () => new AppError(400, options.unreadable);
  let entries: ZipEntry[];
  try {
    entries = readCentralDirectory(file);
  } catch (err) {
    if (!(err instanceof ZipError)) throw err;
    // Cut off on the way or damaged, a workbook still names a package part first; anything else is not one.
    throw isPackagePart(firstEntryName(file)) ? unreadable() : notASheet();
  }
  if (entries.reduce((sum, e) => sum + e.size, 0) > MAX_UNZIPPED_BYTES) throw unreadable();
  const parts = new Map<string, ZipEntry>();
  for (const entry of entries) if (!parts.has(entry.name)) parts.set(entry.name, entry);

  let sheet: ZipEntry | undefined;
  try {
    sheet = await firstSheetPart(file, parts);
  } catch (err) {
    throw err instanceof ZipError ? unreadable() : err;
  }
  if (!sheet) throw notASheet();
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

/** The rows of a CSV or of an XLSX's first sheet (told apart by the ZIP signature), as they are read. */
export function sheetRows(file: Buffer, options: SheetOptions): AsyncIterable<SheetRow> | Iterable<SheetRow> {
  return isZip(file) ? xlsxRows(file, options) : csvRows(file, options);
}
