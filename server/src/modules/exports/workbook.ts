import { PassThrough } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import type { Cell, Ledger } from './ledger';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface SheetContent {
  /** The sheet's tab (at most 31 characters, as Excel allows). */
  name: string;
  columns: Ledger<unknown>['columns'];
  rows: AsyncIterable<Cell[][]>;
}

/**
 * A workbook written while its rows arrive, of one sheet or several in order: each a bold header
 * row, frozen, with autofilter, then each batch committed row by row, so the rows never sit in
 * memory together (a sheet is committed whole before the next one's rows are fetched). Answers the
 * stream at once. A failure once bytes have gone out can only cut the download short: it goes to
 * `onError` and ends the stream with it, so the client sees a broken download, not a short file.
 */
export function streamWorkbook(content: SheetContent | readonly SheetContent[], onError: (err: unknown) => void): PassThrough {
  const out = new PassThrough();
  writeWorkbook(out, Array.isArray(content) ? content : [content as SheetContent]).catch((err: unknown) => {
    onError(err);
    out.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  return out;
}

async function writeWorkbook(out: PassThrough, sheets: readonly SheetContent[]): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  for (const sheet of sheets) if (!(await writeSheet(workbook, out, sheet))) return;
  await workbook.commit();
}

/** One sheet of the workbook, committed; false when the client has gone. */
async function writeSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, out: PassThrough, { name, columns, rows }: SheetContent): Promise<boolean> {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width, ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}) }));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.commit();
  for await (const batch of rows) {
    for (const cells of batch) sheet.addRow(cells).commit();
    // The client went away: stop querying (leaving the loop ends the batches).
    if (!(await caughtUp(sheet, out))) return false;
  }
  sheet.commit();
  return true;
}

/** How much may wait for the zip before the next batch is fetched: more than exceljs's 64 KB buffer. */
const QUEUED_LIMIT_BYTES = 256 * 1024;
const POLL_MS = 5;

/**
 * exceljs's sheet writer has no backpressure (exceljs#734): a committed row is handed to the zip at
 * once, however far behind the zip (compressing) or the client (downloading) is. So between batches
 * wait until the zip has taken in what was written and the client has read what the zip made: a
 * slow download slows the queries instead of filling memory. False when the client has gone.
 */
async function caughtUp(sheet: ExcelJS.Worksheet, out: PassThrough): Promise<boolean> {
  while (!out.destroyed && (out.writableNeedDrain || queuedForZip(sheet) > QUEUED_LIMIT_BYTES)) await sleep(POLL_MS);
  return !out.destroyed;
}

/**
 * exceljs 4's internals, read only: the sheet's XML waits in `stream.buffers` (its own buffer), then
 * in the zip entry's stream (`stream.pipes`, readable-stream 2) until the zip reads it. If they ever
 * change shape this answers 0 and only the client's pace is waited for.
 */
interface SheetStream {
  buffers: { length: number }[];
  pipes: { _writableState?: { length: number }; _readableState?: { length: number } }[];
}
const isSheetStream = (stream: unknown): stream is SheetStream =>
  typeof stream === 'object' && stream !== null && Array.isArray(Reflect.get(stream, 'buffers')) && Array.isArray(Reflect.get(stream, 'pipes'));

function queuedForZip(sheet: ExcelJS.Worksheet): number {
  const stream: unknown = Reflect.get(sheet, 'stream');
  if (!isSheetStream(stream)) return 0;
  const buffered = stream.buffers.reduce((n, b) => n + b.length, 0);
  return stream.pipes.reduce((n, p) => n + (p._writableState?.length ?? 0) + (p._readableState?.length ?? 0), buffered);
}
