import Taro from '@tarojs/taro';
import { ScrollView, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { aria, control } from '../../utils/a11y';
import './index.css';

export type SortOrder = 'asc' | 'desc';

/** The column the table is sorted by, and which way; null for the rows' own order. */
export type TableSort = { key: string; order: SortOrder } | null;

export interface TableColumn<Row> {
  key: string;
  title: string;
  /** What the cell shows. */
  cell: (row: Row) => string;
  /** What sorting compares; a column without it does not sort. */
  sortBy?: (row: Row) => number | string;
  /** The order of the first tap: numbers usually largest first (desc), names A first (asc). */
  firstOrder?: SortOrder;
  /** Width on the 750 px design. */
  width: number;
}

interface SortableTableProps<Row> {
  /** Names the table for screen readers (h5). */
  label: string;
  columns: readonly TableColumn<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  /** Tapping a row opens it; a row for which this answers null is not tappable. */
  openerOf?: (row: Row) => { label: string; open: () => void } | null;
  /** Held by the caller, to outlive the table (while its rows reload); else the table keeps it. */
  sort?: TableSort;
  onSortChange?: (sort: TableSort) => void;
}

const ORDER_TEXT: Record<SortOrder, string> = { asc: '升序', desc: '降序' };
const ARROW: Record<SortOrder, string> = { asc: '↑', desc: '↓' };

function compare(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), 'zh-Hans-CN');
}

/** What a card leaves a table on the 750 px design (the page's and the card's padding taken off). */
const CARD_WIDTH = 654;

/** A width on the 750 px design, grown with the type in 长辈模式 (`--type-scale` in app.css). */
const scaled = (designPx: number) => `calc(${Taro.pxTransform(designPx)} * var(--type-scale, 1))`;

/**
 * A table whose column headers sort it: the first tap sorts by that column, the next reverses it.
 * The order is said by an arrow in the header and in words above the table (not by colour).
 * Wider than a phone, it scrolls sideways with its first column kept in view.
 */
export function SortableTable<Row>(props: SortableTableProps<Row>) {
  const { label, columns, rows, rowKey, openerOf } = props;
  const [ownSort, setOwnSort] = useState<TableSort>(null);
  const sort = props.onSortChange ? (props.sort ?? null) : ownSort;
  const setSort = props.onSortChange ?? setOwnSort;
  const sortColumn = sort ? columns.find((column) => column.key === sort.key) : undefined;
  const sorted = sort && sortColumn?.sortBy
    ? rows
        .map((row, index) => ({ row, index }))
        .sort((a, b) => {
          const by = sortColumn.sortBy!;
          const order = compare(by(a.row), by(b.row));
          return (sort.order === 'asc' ? order : -order) || a.index - b.index;
        })
        .map(({ row }) => row)
    : rows;

  const tap = (column: TableColumn<Row>) => {
    if (!column.sortBy) return;
    setSort(
      sort?.key === column.key
        ? { key: column.key, order: sort.order === 'asc' ? 'desc' : 'asc' }
        : { key: column.key, order: column.firstOrder ?? 'desc' },
    );
  };

  const width = columns.reduce((sum, column) => sum + column.width, 0);
  const widthOf = (column: TableColumn<Row>) => ({ width: scaled(column.width) });
  // Wider than a card on a phone: say that more columns lie to the right, and fade the edge.
  const wide = width > CARD_WIDTH;

  return (
    <View className={`table${wide ? ' table--wide' : ''}`}>
      <Text className='table__caption'>
        {sort && sortColumn
          ? `已按「${sortColumn.title}」${ORDER_TEXT[sort.order]}排列 ${ARROW[sort.order]}，再点一次表头可反转`
          : '点表头可按该列排序'}
        {wide ? `；共 ${columns.length} 列，左右滑动查看` : ''}
      </Text>
      <ScrollView className='table__scroll' scrollX>
        <View className='table__inner' style={{ width: scaled(width) }} {...aria({ role: 'table', 'aria-label': label })}>
          <View className='table__row table__row--head' {...aria({ role: 'row' })}>
            {columns.map((column, index) => {
              const order = sort?.key === column.key ? sort.order : null;
              const next = order === null ? (column.firstOrder ?? 'desc') : order === 'asc' ? 'desc' : 'asc';
              return (
                <View
                  key={column.key}
                  className={`table__cell table__cell--head${index === 0 ? ' table__cell--first' : ''}${order ? ' table__cell--sorted' : ''}`}
                  style={widthOf(column)}
                  onClick={() => tap(column)}
                  {...aria({
                    role: 'columnheader',
                    'aria-sort': order === 'asc' ? 'ascending' : order === 'desc' ? 'descending' : 'none',
                  })}
                >
                  {column.sortBy ? (
                    <Text
                      className='table__sort'
                      {...control('button', { 'aria-label': `${column.title}，点击按${ORDER_TEXT[next]}排列` })}
                    >
                      {`${column.title}${order ? ARROW[order] : '↕'}`}
                    </Text>
                  ) : (
                    <Text>{column.title}</Text>
                  )}
                </View>
              );
            })}
          </View>
          {sorted.map((row) => {
            const opener = openerOf?.(row) ?? null;
            return (
              <View
                key={rowKey(row)}
                className={`table__row${opener ? ' table__row--open' : ''}`}
                onClick={opener?.open}
                {...aria({ role: 'row' })}
              >
                {columns.map((column, index) => (
                  <View
                    key={column.key}
                    className={`table__cell${index === 0 ? ' table__cell--first' : ''}`}
                    style={widthOf(column)}
                    {...aria(index === 0 ? { role: 'rowheader' } : { role: 'cell' })}
                  >
                    {index === 0 && opener ? (
                      <Text className='table__open' {...control('button', { 'aria-label': opener.label })}>
                        {`${column.cell(row)} ›`}
                      </Text>
                    ) : (
                      <Text>{column.cell(row)}</Text>
                    )}
                  </View>
                ))}
              </View>
            );
          })}
        </View>
      </ScrollView>
    </View>
  );
}
