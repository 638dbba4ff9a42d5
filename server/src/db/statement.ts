import { fillPlaceholders, getTableColumns, sql, type SQL } from 'drizzle-orm';
import { PgDialect, type PgTable } from 'drizzle-orm/pg-core';

const dialect = new PgDialect();

/**
 * A statement of the hot path: its SQL is built once (values are `sql.placeholder(name)`), sent
 * by name, and planned by PostgreSQL once per connection instead of on every call. Building a
 * query with drizzle and planning it anew each time cost more than running it. `read` turns a
 * raw row (both drivers: numbers or strings for bigint, Date for timestamptz) into the row the
 * caller wants.
 */
export class Statement<Values extends Record<string, unknown>, Row> {
  readonly text: string;
  private readonly params: unknown[];

  constructor(
    readonly name: string,
    query: SQL,
    readonly read: (raw: Record<string, unknown>) => Row,
  ) {
    const built = dialect.sqlToQuery(query);
    this.text = built.sql;
    this.params = built.params;
  }

  /** The values in the order of the statement's parameters. */
  values(values: Values): unknown[] {
    return fillPlaceholders(this.params, values);
  }
}

/** Declares a statement; the name must be unique (PostgreSQL keeps one plan per name and connection). */
export function statement<Values extends Record<string, unknown>, Row>(
  name: string,
  query: SQL,
  read: (raw: Record<string, unknown>) => Row,
): Statement<Values, Row> {
  if (names.has(name)) throw new Error(`statement ${name} is declared twice`);
  names.add(name);
  return new Statement(name, query, read);
}
const names = new Set<string>();

/** Every column of `table` read from `alias`, named as the table's TypeScript keys (for `rowOf`). */
export function columnsOf(table: PgTable, alias: string): SQL {
  return sql.join(
    Object.entries(getTableColumns(table)).map(([key, column]) => sql`${sql.identifier(alias)}.${sql.identifier(column.name)} as ${sql.identifier(key)}`),
    sql`, `,
  );
}

/** A row of `table` from the raw row of `columnsOf`, each value mapped as drizzle maps it. */
export function rowOf<T extends PgTable>(table: T, raw: Record<string, unknown>): T['$inferSelect'] {
  const row: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = raw[key];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as T['$inferSelect'];
}

/** Numbers from a bigint array, whichever driver read it. */
export const nums = (v: unknown): number[] => (v as unknown[]).map(Number);

/** An array parameter as PostgreSQL's array literal: both drivers send it as text, whatever the element type. */
export const arrayLiteral = (values: readonly (string | number)[]): string =>
  `{${values.map((v) => (typeof v === 'number' ? String(v) : `"${v.replace(/["\\]/g, '\\$&')}"`)).join(',')}}`;
