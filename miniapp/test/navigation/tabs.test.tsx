import { act, fireEvent, render, screen } from '@testing-library/react';
import { Text } from '@tarojs/components';
import type { Role } from '@huijia/shared';
import { Page } from '../../src/components/Page';
import { setTabBadge, takeFromTabBadge } from '../../src/navigation/badges';
import { desk, rememberDesk } from '../../src/navigation/desk';
import { DESK_TABS, deskOf, tabAt } from '../../src/navigation/tabs';
import { ElderMode } from '../../src/pages/me/ElderMode';
import { clearSession } from '../../src/services/session';
import { storage, taro, useRouter } from '../support/taro';

const holding = (...roles: Role[]) => ({ roles: roles.map((role) => ({ role })) });

/** The page at `path`, the only page of the stack unless `depth` says otherwise. */
function openedAt(path: string, depth = 1): void {
  useRouter.mockReturnValue({ params: {}, path });
  taro.getCurrentPages.mockReturnValue(Array.from({ length: depth }, () => ({})));
}

const tabNames = () => screen.queryAllByRole('tab').map((tab) => tab.textContent);

describe('the desk a user holds', () => {
  it('follows the role with the most daily work', () => {
    expect(deskOf(holding())).toBe('resident');
    expect(deskOf(holding('resident'))).toBe('resident');
    expect(deskOf(holding('resident', 'member'))).toBe('member');
    expect(deskOf(holding('member', 'unit_admin'))).toBe('admin');
    expect(deskOf(holding('district_admin'))).toBe('admin');
    expect(deskOf(holding('street_admin'))).toBe('admin');
    expect(deskOf(holding('member', 'community_staff', 'district_admin'))).toBe('staff');
  });

  it('names the tabs each role asked for', () => {
    const names = (d: keyof typeof DESK_TABS) => DESK_TABS[d].map((tab) => tab.text);
    expect(names('resident')).toEqual(['首页', '心愿', '我的']);
    expect(names('member')).toEqual(['首页', '岗位', '心愿', '我的']);
    expect(names('staff')).toEqual(['工作台', '审核', '统计', '我的']);
    expect(names('admin')).toEqual(['工作台', '统计', '我的']);
  });

  it('finds the tab of a page by its path, whatever its query', () => {
    expect(tabAt('member', '/pages/wish/hall/index')?.text).toBe('心愿');
    expect(tabAt('member', 'pages/stats/index?orgId=x')).toBeUndefined();
    expect(tabAt('admin', 'pages/stats/index?orgId=x')?.text).toBe('统计');
    // A resident's 心愿 is their own wishes, not the hall.
    expect(tabAt('resident', '/pages/wish/hall/index')).toBeUndefined();
  });
});

describe('the tab bar on a page', () => {
  it("shows the desk's tabs on a tab opened as the only page, the current one selected", () => {
    desk.set('resident');
    openedAt('/pages/wish/mine/index');
    render(<Page>内容</Page>);
    expect(tabNames()).toEqual(['首页', '心愿', '我的']);
    expect(screen.getByRole('tab', { name: '心愿' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tab', { name: '首页' })).toHaveAttribute('aria-selected', 'false');
  });

  it('opens another tab as the only page, and does nothing for the current one', () => {
    desk.set('staff');
    openedAt('/pages/index/index');
    render(<Page />);
    fireEvent.click(screen.getByRole('tab', { name: '工作台' }));
    expect(taro.reLaunch).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('tab', { name: '统计' }));
    expect(taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/stats/index' });
  });

  it('is not on a page pushed from another (it has its way back), nor on pages that are no tab of the desk', () => {
    desk.set('member');
    openedAt('/pages/wish/hall/index', 2);
    const { unmount } = render(<Page />);
    expect(tabNames()).toEqual([]);
    unmount();

    openedAt('/pages/wish/mine/index');
    render(<Page />);
    expect(tabNames()).toEqual([]);
  });

  it('appears once the user is known, follows a change of roles, and goes at sign-out', () => {
    openedAt('/pages/index/index');
    render(<Page />);
    expect(tabNames()).toEqual([]);

    act(() => rememberDesk(holding('resident', 'member')));
    expect(tabNames()).toEqual(['首页', '岗位', '心愿', '我的']);
    expect(storage.get('huijia.desk')).toBe('member');

    act(() => rememberDesk(holding('member', 'community_staff')));
    expect(tabNames()).toEqual(['工作台', '审核', '统计', '我的']);

    act(() => clearSession());
    expect(tabNames()).toEqual([]);
    expect(storage.has('huijia.desk')).toBe(false);
  });

  it('shows how many wait behind a queue tab, counted off as they are done, and none after sign-out', () => {
    desk.set('staff');
    openedAt('/pages/index/index');
    render(<Page />);
    expect(screen.getByRole('tab', { name: '审核' })).toBeInTheDocument();

    act(() => setTabBadge('review', { count: 12, more: false }));
    const review = screen.getByRole('tab', { name: '审核，12 个待办' });
    expect(review).toHaveTextContent('审核12');

    act(() => takeFromTabBadge('review', 2));
    expect(screen.getByRole('tab', { name: '审核，10 个待办' })).toBeInTheDocument();

    act(() => setTabBadge('review', { count: 100, more: true }));
    expect(screen.getByRole('tab', { name: '审核，99+ 个待办' })).toBeInTheDocument();

    // An empty queue shows no badge at all.
    act(() => takeFromTabBadge('review', 200));
    expect(screen.getByRole('tab', { name: '审核' })).toHaveTextContent(/^审核$/);

    act(() => setTabBadge('review', { count: 3, more: false }));
    act(() => clearSession());
    act(() => desk.set('staff'));
    expect(screen.getByRole('tab', { name: '审核' })).toHaveTextContent(/^审核$/);
  });

  it('ignores a desk in storage it does not know', () => {
    storage.set('huijia.desk', 'mayor');
    openedAt('/pages/index/index');
    render(<Page />);
    expect(tabNames()).toEqual([]);
  });
});

describe('长辈模式', () => {
  it('is off until switched on in 我的, then applies to every mounted page and is kept', () => {
    openedAt('/pages/me/index');
    const { container } = render(
      <>
        <Page className='other'>
          <Text>另一个页面</Text>
        </Page>
        <ElderMode />
      </>,
    );
    const root = container.querySelector('.other')!;
    const toggle = screen.getByRole('switch', { name: '长辈模式' });
    expect(root).not.toHaveClass('page--elder');
    expect(toggle).toHaveAttribute('aria-checked', 'false');
    // The title bar keeps app.config's red until the mode is on.
    expect(taro.setNavigationBarColor).not.toHaveBeenCalled();

    fireEvent.click(toggle);
    expect(root).toHaveClass('page', 'page--elder', 'other');
    expect(toggle).toHaveAttribute('aria-checked', 'true');
    expect(storage.get('huijia.elder')).toBe(true);
    expect(taro.setNavigationBarColor).toHaveBeenLastCalledWith({ frontColor: '#ffffff', backgroundColor: '#a11218' });

    fireEvent.click(toggle);
    expect(root).not.toHaveClass('page--elder');
    expect(taro.setNavigationBarColor).toHaveBeenLastCalledWith({ frontColor: '#ffffff', backgroundColor: '#c8161d' });
    expect(storage.has('huijia.elder')).toBe(true);
    expect(storage.get('huijia.elder')).toBe(false);
  });

  it('starts on when this phone kept it on', () => {
    storage.set('huijia.elder', true);
    openedAt('/pages/index/index');
    const { container } = render(<Page />);
    expect(container.firstElementChild).toHaveClass('page--elder');
  });
});
