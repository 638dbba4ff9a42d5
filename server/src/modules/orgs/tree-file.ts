import { IMPORTED_KINDS, ORG_IMPORT_MAX_ROWS, ORG_KIND_LABELS, isStorableText, type OrgImportResult } from '@huijia/shared';
import { AppError } from '../../http/errors';
import { sheetRows } from '../../http/sheet';

/** One row of a tree file: the names of a path, street first (`街道,社区,小区,楼栋`, 1 to 4 of them). */
export interface TreePath {
  /** The row's number in the file as a spreadsheet shows it (a header is row 1). */
  row: number;
  names: string[];
}

export interface ParsedTreeFile {
  paths: TreePath[];
  rejected: OrgImportResult['rejected'];
}

/** As long as a node's name may be (createOrgBodySchema). */
const NAME_MAX = 60;
/** A first row whose first cell says 街道 is the header. */
const HEADER_FIRST_CELL = '街道';

const column = (i: number) => `第 ${i + 1} 列（${ORG_KIND_LABELS[IMPORTED_KINDS[i]!]}）`;

/** Why a row's cells (trimmed, at least one filled) are not a path, or null when they are. */
function problemOf(cells: readonly string[]): string | null {
  const last = cells.findLastIndex((c) => c !== '');
  if (last >= IMPORTED_KINDS.length) return `第 ${IMPORTED_KINDS.length + 1} 列起还有内容：每行最多 ${IMPORTED_KINDS.length} 列，依次为 街道、社区、小区、楼栋`;
  const gap = cells.findIndex((c) => c === '');
  if (gap >= 0 && gap < last) return `${column(gap)}为空，其后却有内容：每行依次为 街道、社区、小区、楼栋`;
  for (const [i, name] of cells.slice(0, last + 1).entries()) {
    if (name.length > NAME_MAX) return `${column(i)}名称超过 ${NAME_MAX} 个字`;
    if (!isStorableText(name)) return `${column(i)}含有无法识别的字符`;
  }
  return null;
}

/**
 * Reads a tree file, a CSV or an XLSX (its first sheet): one path a row, `街道,社区,小区,楼栋`
 * (1 to 4 cells), under an optional header row. A row whose cells are not a path (a blank before
 * a filled one, more than four, a name too long or unstorable) or that repeats an earlier path is
 * rejected with its number, and never stops the others. A row names a path from the top, never a
 * parent by reference, so no file can describe a loop. Refused whole: a file that is not a sheet,
 * one without a row to import, and one of more than ORG_IMPORT_MAX_ROWS rows, as soon as the next
 * row is read.
 */
export async function parseTreeFile(file: Buffer): Promise<ParsedTreeFile> {
  const paths: TreePath[] = [];
  const rejected: ParsedTreeFile['rejected'] = [];
  const seen = new Map<string, number>();
  let dataRows = 0;
  // One row past the limit is read (two with a header), to know that the file has more.
  const sheet = sheetRows(file, { rowLimit: ORG_IMPORT_MAX_ROWS + 2, notASheet: 'ORG_IMPORT_FILE_TYPE', unreadable: 'ORG_IMPORT_FILE_UNREADABLE', unknownEncoding: 'ORG_IMPORT_FILE_ENCODING' });
  for await (const { row, cells } of sheet) {
    if (row > ORG_IMPORT_MAX_ROWS + 1) throw new AppError(400, 'ORG_IMPORT_TOO_MANY_ROWS');
    const trimmed = Array.from(cells, (c) => (c ?? '').replace(/^\uFEFF/, '').trim());
    if (trimmed.every((c) => c === '')) continue;
    if (row === 1 && trimmed[0] === HEADER_FIRST_CELL) continue;
    dataRows += 1;
    if (dataRows > ORG_IMPORT_MAX_ROWS) throw new AppError(400, 'ORG_IMPORT_TOO_MANY_ROWS');
    const problem = problemOf(trimmed);
    if (problem) {
      rejected.push({ row, reason: problem });
      continue;
    }
    const names = trimmed.slice(0, trimmed.findLastIndex((c) => c !== '') + 1);
    const key = JSON.stringify(names);
    const first = seen.get(key);
    if (first !== undefined) {
      rejected.push({ row, reason: `与第 ${first} 行的路径重复` });
      continue;
    }
    seen.set(key, row);
    paths.push({ row, names });
  }
  if (dataRows === 0) throw new AppError(400, 'ORG_IMPORT_EMPTY');
  return { paths, rejected };
}
