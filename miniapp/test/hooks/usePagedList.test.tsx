import { act, fireEvent, render, screen } from '@testing-library/react';
import { Empty } from '../../src/components/LoadState';
import { PagedBody } from '../../src/components/PagedList';
import { usePagedList } from '../../src/hooks/usePagedList';
import { ApiError } from '../../src/services/api';
import { deferred } from '../support/helpers';
import { taro, useDidHide, useDidShow, usePullDownRefresh, useReachBottom } from '../support/taro';

interface Row {
  id: string;
  name: string;
}
/** A page as a list route answers it, with a figure that comes with each page. */
interface Answer {
  items: Row[];
  nextCursor: string | null;
  total: number;
}

const rows = (...names: string[]): Row[] => names.map((name) => ({ id: name, name }));
const answer = (items: Row[], nextCursor: string | null, total = 9): Answer => ({ items, nextCursor, total });

/** A list page as the app builds one: the hook, the figure from the latest answer, and PagedBody. */
function ListPage({ load, filter }: { load: (filter: string, cursor: string | null) => Promise<Answer>; filter: string }) {
  const list = usePagedList((cursor) => load(filter, cursor), [filter]);
  return (
    <div>
      {list.answer && <p>{`共 ${list.answer.total} 人`}</p>}
      <PagedBody
        list={list}
        empty={<Empty text='还没有党员，请先导入名册。' />}
        renderItem={(row) => <p key={row.id}>{row.name}</p>}
      />
    </div>
  );
}

/** What the page does when the person scrolls to the bottom, pulls down, leaves and comes back. */
const latest = <A extends unknown[]>(hook: jest.Mock<void, A>) => hook.mock.calls[hook.mock.calls.length - 1]![0] as () => void;
const scrollToBottom = () => act(() => latest(useReachBottom)());
const pullDown = () => act(() => latest(usePullDownRefresh)());
const leaveAndComeBack = () =>
  act(() => {
    latest(useDidHide)();
    latest(useDidShow)();
  });

const skeleton = () => screen.queryByRole('status', { name: '正在加载…' });

describe('the first page', () => {
  it('shows a skeleton until the first page comes, then its items, the figure with them and the end', async () => {
    const first = deferred<Answer>();
    const load = jest.fn().mockReturnValue(first.promise);
    render(<ListPage load={load} filter='all' />);

    expect(skeleton()).toBeInTheDocument();
    expect(load).toHaveBeenCalledWith('all', null);

    await act(async () => first.resolve(answer(rows('张三', '李四'), null, 2)));
    expect(skeleton()).not.toBeInTheDocument();
    expect(screen.getByText('张三')).toBeInTheDocument();
    expect(screen.getByText('李四')).toBeInTheDocument();
    expect(screen.getByText('共 2 人')).toBeInTheDocument();
    expect(screen.getByText('没有更多了')).toBeInTheDocument();
  });

  it('an empty list says what to do next', async () => {
    render(<ListPage load={jest.fn().mockResolvedValue(answer([], null, 0))} filter='all' />);
    expect(await screen.findByText('还没有党员，请先导入名册。')).toBeInTheDocument();
    expect(screen.queryByText('没有更多了')).not.toBeInTheDocument();
  });

  it('a failed first page says why, and 重试 loads it again', async () => {
    const load = jest
      .fn()
      .mockRejectedValueOnce(new ApiError(503, 'UNAVAILABLE', '服务暂时不可用，请稍后重试'))
      .mockResolvedValueOnce(answer(rows('张三'), null));
    render(<ListPage load={load} filter='all' />);

    expect(await screen.findByText('服务暂时不可用，请稍后重试')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: '重试' }));

    expect(await screen.findByText('张三')).toBeInTheDocument();
    expect(load).toHaveBeenCalledTimes(2);
    expect(load).toHaveBeenLastCalledWith('all', null);
  });
});

describe('the next page', () => {
  it('comes when the page is scrolled to the bottom, after the ones shown, with the newest figure', async () => {
    const next = deferred<Answer>();
    const load = jest.fn().mockResolvedValueOnce(answer(rows('张三', '李四'), 'c1', 4)).mockReturnValueOnce(next.promise);
    render(<ListPage load={load} filter='all' />);
    await screen.findByText('李四');

    scrollToBottom();
    expect(load).toHaveBeenLastCalledWith('all', 'c1');
    expect(screen.getByText('加载中…')).toBeInTheDocument();
    // A second scroll while it loads asks for nothing more.
    scrollToBottom();
    expect(load).toHaveBeenCalledTimes(2);

    // 李四 moved down between the two pages: shown once.
    await act(async () => next.resolve(answer(rows('李四', '王五', '赵六'), null, 5)));
    expect(screen.getAllByText(/^(张三|李四|王五|赵六)$/).map((row) => row.textContent)).toEqual([
      '张三',
      '李四',
      '王五',
      '赵六',
    ]);
    expect(screen.getByText('共 5 人')).toBeInTheDocument();
    expect(screen.getByText('没有更多了')).toBeInTheDocument();

    scrollToBottom();
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('that failed says so in the footer, and tapping it tries again', async () => {
    const load = jest
      .fn()
      .mockResolvedValueOnce(answer(rows('张三'), 'c1'))
      .mockRejectedValueOnce(new ApiError(0, 'NETWORK_ERROR', '网络连接失败'))
      .mockResolvedValueOnce(answer(rows('李四'), null));
    render(<ListPage load={load} filter='all' />);
    await screen.findByText('张三');

    scrollToBottom();
    fireEvent.click(await screen.findByRole('button', { name: '加载失败，点击重试' }));

    expect(await screen.findByText('李四')).toBeInTheDocument();
    expect(load).toHaveBeenLastCalledWith('all', 'c1');
    expect(screen.getByText('张三')).toBeInTheDocument();
  });
});

describe('refreshing', () => {
  it('pull-down loads the first page again with the list kept on screen, then stops the spinner', async () => {
    const again = deferred<Answer>();
    const load = jest.fn().mockResolvedValueOnce(answer(rows('张三'), 'c1')).mockReturnValueOnce(again.promise);
    render(<ListPage load={load} filter='all' />);
    await screen.findByText('张三');

    pullDown();
    expect(load).toHaveBeenLastCalledWith('all', null);
    expect(screen.getByText('张三')).toBeInTheDocument();
    expect(skeleton()).not.toBeInTheDocument();

    await act(async () => again.resolve(answer(rows('新来的', '张三'), null)));
    expect(screen.getByText('新来的')).toBeInTheDocument();
    expect(taro.stopPullDownRefresh).toHaveBeenCalled();
  });

  it('a failed pull-down keeps the list and says why in a toast', async () => {
    const load = jest
      .fn()
      .mockResolvedValueOnce(answer(rows('张三'), null))
      .mockRejectedValueOnce(new ApiError(0, 'NETWORK_ERROR', '网络连接失败'));
    render(<ListPage load={load} filter='all' />);
    await screen.findByText('张三');

    pullDown();

    await act(async () => undefined);
    expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '网络连接失败' }));
    expect(screen.getByText('张三')).toBeInTheDocument();
    expect(taro.stopPullDownRefresh).toHaveBeenCalled();
  });

  it('coming back to the page reloads it quietly', async () => {
    const load = jest
      .fn()
      .mockResolvedValueOnce(answer(rows('张三'), null))
      .mockResolvedValueOnce(answer(rows('李四'), null));
    render(<ListPage load={load} filter='all' />);
    await screen.findByText('张三');

    leaveAndComeBack();

    expect(await screen.findByText('李四')).toBeInTheDocument();
    expect(screen.queryByText('张三')).not.toBeInTheDocument();
  });
});

describe('answers that came too late', () => {
  it('an answer for the filter left behind is dropped', async () => {
    const forAll = deferred<Answer>();
    const forPending = deferred<Answer>();
    const load = jest.fn((filter: string) => (filter === 'all' ? forAll.promise : forPending.promise));
    const { rerender } = render(<ListPage load={load} filter='all' />);

    rerender(<ListPage load={load} filter='pending' />);
    await act(async () => forPending.resolve(answer(rows('待报到的'), null, 1)));
    await act(async () => forAll.resolve(answer(rows('全部的'), null, 9)));

    expect(screen.getByText('待报到的')).toBeInTheDocument();
    expect(screen.queryByText('全部的')).not.toBeInTheDocument();
    expect(screen.getByText('共 1 人')).toBeInTheDocument();
  });

  it('a next page that arrives after a refresh started is dropped', async () => {
    const next = deferred<Answer>();
    const refreshed = deferred<Answer>();
    const load = jest
      .fn()
      .mockResolvedValueOnce(answer(rows('张三'), 'c1'))
      .mockReturnValueOnce(next.promise)
      .mockReturnValueOnce(refreshed.promise);
    render(<ListPage load={load} filter='all' />);
    await screen.findByText('张三');

    scrollToBottom();
    pullDown();
    await act(async () => refreshed.resolve(answer(rows('张三', '李四'), null)));
    await act(async () => next.resolve(answer(rows('旧的第二页'), null)));

    expect(screen.getByText('李四')).toBeInTheDocument();
    expect(screen.queryByText('旧的第二页')).not.toBeInTheDocument();
  });
});
