import { render, screen } from '@testing-library/react';
import type { Role } from '@huijia/shared';
import { Page } from '../../src/components/Page';
import { desk } from '../../src/navigation/desk';
import { DESK_TABS, deskOf, tabAt } from '../../src/navigation/tabs';
import { taro, useRouter } from '../support/taro';

const holding = (...roles: Role[]) => ({ roles: roles.map((role) => ({ role })) });

describe('a party representative’s desk (党代表)', () => {
  it('is theirs unless they hold a role with more daily work', () => {
    expect(deskOf(holding('party_rep'))).toBe('rep');
    expect(deskOf(holding('resident', 'member', 'party_rep'))).toBe('rep');
    expect(deskOf(holding('party_rep', 'street_admin'))).toBe('admin');
    expect(deskOf(holding('party_rep', 'community_staff'))).toBe('staff');
  });

  it('has the 呼吁 queue as its daily tab', () => {
    expect(DESK_TABS.rep.map((tab) => tab.text)).toEqual(['工作台', '民情', '我的']);
    expect(tabAt('rep', '/pages/opinion/queue/index')?.text).toBe('民情');
  });

  it('shows the bar on the queue opened from it', () => {
    desk.set('rep');
    useRouter.mockReturnValue({ params: {}, path: '/pages/opinion/queue/index' });
    taro.getCurrentPages.mockReturnValue([{}]);
    render(<Page />);
    expect(screen.getByRole('tab', { name: '民情' })).toHaveAttribute('aria-selected', 'true');
  });
});
