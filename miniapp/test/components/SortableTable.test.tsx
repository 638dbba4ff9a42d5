import { useState } from 'react';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { SortableTable, type TableColumn, type TableSort } from '../../src/components/SortableTable';

interface Community {
  id: string;
  name: string;
  reported: number;
  note: string;
}

const ROWS: Community[] = [
  { id: 'longjin', name: '龙津社区', reported: 12, note: '甲' },
  { id: 'zhongshan', name: '中山社区', reported: 30, note: '乙' },
  { id: 'liandong', name: '莲东社区', reported: 7, note: '丙' },
];

const COLUMNS: TableColumn<Community>[] = [
  { key: 'name', title: '社区', cell: (r) => r.name, sortBy: (r) => r.name, firstOrder: 'asc', width: 200 },
  { key: 'reported', title: '报到人数', cell: (r) => String(r.reported), sortBy: (r) => r.reported, width: 160 },
  { key: 'note', title: '备注', cell: (r) => r.note, width: 160 },
];

function renderTable(rows: readonly Community[] = ROWS) {
  return render(<SortableTable label='各社区报到情况' columns={COLUMNS} rows={rows} rowKey={(r) => r.id} />);
}

/** The first cell of each row, top to bottom. */
const order = () => screen.getAllByRole('rowheader').map((cell) => cell.textContent);
const header = (title: string) => screen.getByRole('columnheader', { name: new RegExp(`^${title}`) });
const sortButton = (title: string) => within(header(title)).getByRole('button');
const caption = () => screen.getByText(/排序|排列/);

describe('SortableTable', () => {
  it('shows the rows in their own order until a header is tapped', () => {
    renderTable();
    expect(screen.getByRole('table', { name: '各社区报到情况' })).toBeInTheDocument();
    expect(order()).toEqual(['龙津社区', '中山社区', '莲东社区']);
    expect(caption()).toHaveTextContent('点表头可按该列排序');
    for (const title of ['社区', '报到人数', '备注']) expect(header(title)).toHaveAttribute('aria-sort', 'none');
  });

  it('sorts a number column largest first on the first tap, and says so in words and aria-sort', () => {
    renderTable();
    fireEvent.click(sortButton('报到人数'));

    expect(order()).toEqual(['中山社区', '龙津社区', '莲东社区']);
    expect(caption()).toHaveTextContent('已按「报到人数」降序排列 ↓，再点一次表头可反转');
    expect(header('报到人数')).toHaveAttribute('aria-sort', 'descending');
    expect(header('社区')).toHaveAttribute('aria-sort', 'none');
    expect(sortButton('报到人数')).toHaveAccessibleName('报到人数，点击按升序排列');
  });

  it('reverses the order on the next tap of the same header', () => {
    renderTable();
    fireEvent.click(sortButton('报到人数'));
    fireEvent.click(sortButton('报到人数'));

    expect(order()).toEqual(['莲东社区', '龙津社区', '中山社区']);
    expect(caption()).toHaveTextContent('已按「报到人数」升序排列 ↑');
    expect(header('报到人数')).toHaveAttribute('aria-sort', 'ascending');
  });

  it('sorts names in pinyin order, A first, when the column asks for it', () => {
    renderTable();
    fireEvent.click(sortButton('社区'));

    // lián, lóng, zhōng
    expect(order()).toEqual(['莲东社区', '龙津社区', '中山社区']);
    expect(header('社区')).toHaveAttribute('aria-sort', 'ascending');
  });

  it('does not sort by a column that has nothing to sort by', () => {
    renderTable();
    expect(within(header('备注')).queryByRole('button')).not.toBeInTheDocument();
    fireEvent.click(header('备注'));

    expect(order()).toEqual(['龙津社区', '中山社区', '莲东社区']);
    expect(caption()).toHaveTextContent('点表头可按该列排序');
  });

  it('keeps rows that compare equal in their own order', () => {
    renderTable([
      { id: 'a', name: '甲社区', reported: 5, note: '' },
      { id: 'b', name: '乙社区', reported: 9, note: '' },
      { id: 'c', name: '丙社区', reported: 5, note: '' },
    ]);
    fireEvent.click(sortButton('报到人数'));
    expect(order()).toEqual(['乙社区', '甲社区', '丙社区']);
    fireEvent.click(sortButton('报到人数'));
    expect(order()).toEqual(['甲社区', '丙社区', '乙社区']);
  });

  it('leaves the order to its caller when the caller holds it (it outlives a reload)', () => {
    const onSortChange = jest.fn();
    function Held() {
      const [sort, setSort] = useState<TableSort>({ key: 'reported', order: 'asc' });
      return (
        <SortableTable
          label='各社区报到情况'
          columns={COLUMNS}
          rows={ROWS}
          rowKey={(r) => r.id}
          sort={sort}
          onSortChange={(next) => {
            onSortChange(next);
            setSort(next);
          }}
        />
      );
    }
    render(<Held />);
    expect(order()).toEqual(['莲东社区', '龙津社区', '中山社区']);

    fireEvent.click(sortButton('报到人数'));
    expect(onSortChange).toHaveBeenCalledWith({ key: 'reported', order: 'desc' });
    expect(order()).toEqual(['中山社区', '龙津社区', '莲东社区']);
  });

  it('opens a row when tapped, where the caller says the row can be opened', () => {
    const opened: string[] = [];
    render(
      <SortableTable
        label='各社区报到情况'
        columns={COLUMNS}
        rows={ROWS}
        rowKey={(r) => r.id}
        openerOf={(r) => (r.reported > 10 ? { label: `查看${r.name}`, open: () => opened.push(r.id) } : null)}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: '查看中山社区' }));
    expect(opened).toEqual(['zhongshan']);
    expect(screen.queryByRole('button', { name: '查看莲东社区' })).not.toBeInTheDocument();
  });
});

describe('SortableTable on a phone', () => {
  it('says when more columns lie to the right, and how many there are', () => {
    const wide: TableColumn<Community>[] = [...COLUMNS, { key: 'a', title: '甲列', cell: (r) => r.note, width: 200 }, { key: 'b', title: '乙列', cell: (r) => r.note, width: 200 }];
    render(<SortableTable label='宽表' columns={wide} rows={ROWS} rowKey={(r) => r.id} />);
    expect(caption()).toHaveTextContent('共 5 列，左右滑动查看');
  });

  it('says nothing of swiping when every column fits', () => {
    renderTable();
    expect(caption()).not.toHaveTextContent('左右滑动');
  });
});
