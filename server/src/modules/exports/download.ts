import { chinaDay } from './cells';

/** Characters no file name may hold on some system; they become `_`. */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const UNSAFE_IN_FILE_NAMES = /[\\/:*?"<>|\u0000-\u001f]/g;

/**
 * A ledger's file names: `微心愿台账-龙津社区-20261123.xlsx` (its label), and for clients that read
 * only the plain `filename`, an ASCII one naming the same thing (`wishes-org12-20261123.xlsx`).
 */
export function ledgerFileNames(ledger: { list: string; label: string }, of: { name: string; tag: string }, now: Date): { utf8: string; ascii: string } {
  const day = chinaDay(now);
  return {
    utf8: `${ledger.label}-${of.name}-${day}.xlsx`.replace(UNSAFE_IN_FILE_NAMES, '_'),
    ascii: `${ledger.list}-${of.tag}-${day}.xlsx`,
  };
}

/** RFC 5987 `ext-value` characters: what encodeURIComponent leaves alone, less `'()*`. */
const encodeExtValue = (value: string) => encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** `Content-Disposition` for a download (RFC 6266): the ASCII `filename`, then the UTF-8 `filename*`. */
export function attachment(names: { utf8: string; ascii: string }): string {
  return `attachment; filename="${names.ascii}"; filename*=UTF-8''${encodeExtValue(names.utf8)}`;
}
