import Taro from '@tarojs/taro';
import {
  ERROR_MESSAGES,
  errorBodySchema,
  EXPORT_LIST_LABELS,
  PERIOD_EXPORT_LISTS,
  statsOverviewSchema,
  type ExportList,
  type StatsOverview,
  type StatsQuery,
} from '@huijia/shared';
import { fetchFile, saveFile } from '../utils/browser';
import { ApiError, PARSE_CONTEXT, request, toQueryString } from './api';
import { withToken } from './transfer';

/** The figures of a node of the tree or of a unit, over whole months (统计). */
export function overview(query: StatsQuery): Promise<StatsOverview> {
  return request('GET', '/api/stats/overview', { query: { ...query }, schema: statsOverviewSchema });
}

/** Whose ledger: a node of the tree (and everything under it) or a unit. */
export type ExportScope = { orgId: string } | { unitId: string };

/** The months a period ledger (`PERIOD_EXPORT_LISTS`, 民情台账) covers, as the figures do. */
export interface ExportPeriod {
  from: string;
  to: string;
}

const isPeriodList = (list: ExportList) => (PERIOD_EXPORT_LISTS as readonly ExportList[]).includes(list);

/**
 * `GET /api/exports/<list>.xlsx?orgId=` (or `unitId=`): a ledger (台账) as a spreadsheet; a period
 * ledger also takes `&from=&to=`.
 */
export function exportUrl(list: ExportList, scope: ExportScope, period?: ExportPeriod): string {
  const where = 'unitId' in scope ? { unitId: scope.unitId } : { orgId: scope.orgId };
  const when = period && isPeriodList(list) ? { from: period.from, to: period.to } : {};
  return `${API_BASE}/api/exports/${list}.xlsx${toQueryString({ ...where, ...when })}`;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const EXPORT_FAILED_MESSAGE = '导出失败，请稍后重试';
// A ledger of a whole district is a large file, built on demand: well beyond `request`'s 15 s.
const EXPORT_TIMEOUT_MS = 120_000;

const networkError = () => new ApiError(0, 'NETWORK_ERROR', ERROR_MESSAGES.NETWORK_ERROR);

/** The server's error from a failed download's body, or a plain one when it is not JSON. */
function failure(status: number, text: string | null): ApiError {
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // Not an error body.
  }
  const parsed = errorBodySchema.safeParse(body, PARSE_CONTEXT);
  if (!parsed.success) return new ApiError(status, 'UNEXPECTED_RESPONSE', EXPORT_FAILED_MESSAGE);
  const { code, message, details } = parsed.data.error;
  return new ApiError(status, code, message, details);
}

const isSuccess = (status: number) => status >= 200 && status < 300;

/**
 * "微心愿台账-新罗区-20261123.xlsx": what the file is, whose, and (when `dated`) the phone's date
 * of the export.
 */
function spreadsheetFileName(what: string, scopeName: string, dated: Date | null): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const parts = [what, scopeName.replace(/[\\/:*?"<>|\s]+/g, '')];
  if (dated) parts.push(`${dated.getFullYear()}${pad(dated.getMonth() + 1)}${pad(dated.getDate())}`);
  return `${parts.filter(Boolean).join('-')}.xlsx`;
}

/**
 * h5: the file is fetched with the bearer token (a plain link cannot send it), then handed to the
 * browser's own save under its Chinese name.
 */
async function saveInBrowser(url: string, fileName: string): Promise<void> {
  const { status, body } = await withToken(async (header) => {
    try {
      return await fetchFile(url, header, EXPORT_TIMEOUT_MS);
    } catch {
      throw networkError();
    }
  });
  if (!isSuccess(status)) throw failure(status, await body.text().catch(() => null));
  saveFile(body, XLSX_TYPE, fileName);
}

/**
 * weapp: downloaded to the app's own files under its Chinese name (so that 转发 keeps it), then
 * opened in WeChat's document viewer, whose menu saves or forwards it. The name carries no date:
 * one file per ledger and place, overwritten by the next export, as the app's files are capped
 * at 10 MB.
 */
async function openInWeChat(url: string, fileName: string): Promise<void> {
  const filePath = `${Taro.env.USER_DATA_PATH}/${fileName}`;
  const { status } = await withToken(async (header) => {
    try {
      const answer = await Taro.downloadFile({ url, header, filePath, timeout: EXPORT_TIMEOUT_MS });
      return { status: answer.statusCode };
    } catch {
      throw networkError();
    }
  });
  if (!isSuccess(status)) {
    let text: string | null = null;
    try {
      text = String(Taro.getFileSystemManager().readFileSync(filePath, 'utf8'));
    } catch {
      // Nothing readable was saved.
    }
    throw failure(status, text);
  }
  try {
    await Taro.openDocument({ filePath, fileType: 'xlsx', showMenu: true });
  } catch {
    throw new ApiError(0, 'OPEN_FAILED', '文件已下载，但无法打开，请稍后重试');
  }
}

/**
 * Exports a ledger of `scopeName`: on h5 the browser saves it, on weapp it opens in WeChat's
 * viewer. Answers the file's name; throws `ApiError` with the server's Chinese message when the
 * export is refused.
 */
export function downloadExport(list: ExportList, scope: ExportScope, scopeName: string, period?: ExportPeriod): Promise<string> {
  return downloadSpreadsheet(exportUrl(list, scope, period), EXPORT_LIST_LABELS[list], scopeName);
}

/**
 * Downloads the spreadsheet at `url` (an `/api/exports/…xlsx` with its query), named for `what`
 * of `scopeName`, as `downloadExport` does.
 */
export async function downloadSpreadsheet(url: string, what: string, scopeName: string): Promise<string> {
  if (process.env.TARO_ENV === 'h5') {
    const fileName = spreadsheetFileName(what, scopeName, new Date());
    await saveInBrowser(url, fileName);
    return fileName;
  }
  const fileName = spreadsheetFileName(what, scopeName, null);
  await openInWeChat(url, fileName);
  return fileName;
}
