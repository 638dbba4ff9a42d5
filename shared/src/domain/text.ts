/**
 * Text huijia can keep: every string a client sends (a field, a key, a query or path parameter).
 * A NUL character cannot be stored by PostgreSQL, and a lone surrogate (half of a UTF-16 pair) is
 * not Unicode at all and breaks JSON in the database. Nothing else is refused here: the fields'
 * own schemas say what they accept.
 */
// eslint-disable-next-line no-control-regex -- NUL is what it looks for
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const isStorableText = (text: string): boolean => !UNSTORABLE.test(text);

/** The path (`title`, `items.2.name`) of the first string in `value` that cannot be kept, or null. */
export function unstorableTextAt(value: unknown, path: string[] = []): string[] | null {
  if (typeof value === 'string') return isStorableText(value) ? null : path;
  if (typeof value !== 'object' || value === null) return null;
  for (const [key, inner] of Object.entries(value)) {
    if (!isStorableText(key)) return [...path, key.replace(new RegExp(UNSTORABLE.source, 'g'), '\ufffd')];
    const found = unstorableTextAt(inner, [...path, key]);
    if (found) return found;
  }
  return null;
}
