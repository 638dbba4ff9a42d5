import { fireEvent, render, screen } from '@testing-library/react';
import { WISH_ACTORS, WISH_STATES, type Wish, type WishAction, type WishActor, wishMachine } from '@huijia/shared';
import { WISH_ACTION_LABELS, WishActions } from '../../../src/components/wish/WishActions';
import { aWish } from '../../support/fixtures';

const NOW = new Date('2026-11-20T02:00:00.000Z');
const DAY_MS = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY_MS).toISOString();

/** The labels of the buttons this viewer sees on this wish, in order. */
function buttonsFor(wish: Partial<Wish>): string[] {
  const { unmount } = render(<WishActions wish={aWish(wish)} now={NOW} busy={null} onAct={() => undefined} />);
  const labels = screen.queryAllByRole('button').map((button) => button.textContent ?? '');
  unmount();
  return labels;
}

const claimed = { status: 'claimed', claimantName: '李明', claimedAt: daysAgo(1) } as const;
const fulfilled = { status: 'fulfilled', claimantName: '李明', fulfilledAt: daysAgo(1), fulfilNote: '灯已换好' } as const;

describe('a pending wish', () => {
  it('offers its resident 撤回心愿 and nothing else', () => {
    expect(buttonsFor({ status: 'pending_review', viewerActors: ['resident'] })).toEqual(['撤回心愿']);
  });

  it('offers the community staff 审核通过 and 不通过', () => {
    expect(buttonsFor({ status: 'pending_review', viewerActors: ['staff'] })).toEqual(['不通过', '审核通过']);
  });

  it('offers a reported member nothing: it is not in the hall yet', () => {
    expect(buttonsFor({ status: 'pending_review', viewerActors: ['reported_member'] })).toEqual([]);
  });
});

describe('a published wish', () => {
  it('offers a member reported to its community 认领心愿', () => {
    expect(buttonsFor({ status: 'published', viewerActors: ['reported_member'] })).toEqual(['认领心愿']);
  });

  it('still lets its resident withdraw it', () => {
    expect(buttonsFor({ status: 'published', viewerActors: ['resident'] })).toEqual(['撤回心愿']);
  });

  it('offers someone with no part in it nothing', () => {
    expect(buttonsFor({ status: 'published', viewerActors: [] })).toEqual([]);
  });
});

describe('a claimed wish', () => {
  it('offers the claimant 已联系居民, 放弃认领 and 完成心愿 until the resident is contacted', () => {
    expect(buttonsFor({ ...claimed, viewerActors: ['claimant'] })).toEqual(['已联系居民', '放弃认领', '完成心愿']);
  });

  it('no longer offers 已联系居民 once contact is recorded', () => {
    expect(buttonsFor({ ...claimed, contactedAt: daysAgo(0.5), viewerActors: ['claimant'] })).toEqual([
      '放弃认领',
      '完成心愿',
    ]);
  });

  it('offers another reported member nothing: it is taken', () => {
    expect(buttonsFor({ ...claimed, viewerActors: ['reported_member'] })).toEqual([]);
  });

  it('offers its resident nothing while the member works on it', () => {
    expect(buttonsFor({ ...claimed, viewerActors: ['resident'] })).toEqual([]);
  });
});

describe('a fulfilled wish', () => {
  it('asks its resident to 确认并评价 at once', () => {
    expect(buttonsFor({ ...fulfilled, viewerActors: ['resident'] })).toEqual(['确认并评价']);
  });

  it('offers staff nothing while the resident still has time to answer (under 7 days)', () => {
    expect(buttonsFor({ ...fulfilled, fulfilledAt: daysAgo(6.9), viewerActors: ['staff'] })).toEqual([]);
  });

  it('lets staff confirm for the resident once 7 days have passed unanswered', () => {
    expect(buttonsFor({ ...fulfilled, fulfilledAt: daysAgo(7), viewerActors: ['staff'] })).toEqual(['确认并评价']);
  });

  it('lets a resident who is also staff confirm their own wish at once', () => {
    expect(buttonsFor({ ...fulfilled, viewerActors: ['resident', 'staff'] })).toEqual(['确认并评价']);
  });

  it('offers the claimant nothing more', () => {
    expect(buttonsFor({ ...fulfilled, viewerActors: ['claimant'] })).toEqual([]);
  });
});

describe('a disputed wish', () => {
  it('offers staff 处理异议', () => {
    expect(buttonsFor({ ...fulfilled, status: 'disputed', rating: 1, viewerActors: ['staff'] })).toEqual(['处理异议']);
  });

  it('offers the resident and the claimant nothing', () => {
    expect(buttonsFor({ ...fulfilled, status: 'disputed', rating: 1, viewerActors: ['resident', 'claimant'] })).toEqual([]);
  });
});

describe('a wish that is over', () => {
  const everyone: WishActor[] = [...WISH_ACTORS];
  it.each(['completed', 'withdrawn'] as const)('offers nobody anything once %s', (status) => {
    expect(buttonsFor({ ...fulfilled, status, fulfilledAt: daysAgo(30), viewerActors: everyone })).toEqual([]);
  });

  it('offers a rejected wish\'s resident only to edit it and send it again', () => {
    expect(buttonsFor({ ...fulfilled, status: 'rejected', fulfilledAt: null, viewerActors: everyone })).toEqual(['修改后重新提交']);
    expect(buttonsFor({ ...fulfilled, status: 'rejected', fulfilledAt: null, viewerActors: ['staff', 'reported_member'] })).toEqual([]);
  });

  it('renders no empty action bar when there is nothing to do', () => {
    const { container } = render(
      <WishActions wish={aWish({ status: 'completed', viewerActors: ['resident'] })} now={NOW} busy={null} onAct={() => undefined} />,
    );
    expect(container).toBeEmptyDOMElement();
  });
});

describe('the buttons follow the shared wish machine', () => {
  const actionOf = new Map(Object.entries(WISH_ACTION_LABELS).map(([action, label]) => [label, action as WishAction]));

  it('never offer an action the machine refuses this viewer in this state', () => {
    for (const status of WISH_STATES) {
      for (const actor of WISH_ACTORS) {
        for (const label of buttonsFor({ ...fulfilled, status, fulfilledAt: daysAgo(30), viewerActors: [actor] })) {
          const action = actionOf.get(label);
          expect({ status, actor, label, allowed: action !== undefined && wishMachine.can(actor, action, status) }).toEqual({
            status,
            actor,
            label,
            allowed: true,
          });
        }
      }
    }
  });
});

describe('tapping an action', () => {
  it('hands the action to the page', () => {
    const onAct = jest.fn();
    render(<WishActions wish={aWish({ ...claimed, viewerActors: ['claimant'] })} now={NOW} busy={null} onAct={onAct} />);
    fireEvent.click(screen.getByRole('button', { name: '完成心愿' }));
    expect(onAct).toHaveBeenCalledWith('fulfil');
  });

  it('is refused on every button while one action is running', () => {
    const onAct = jest.fn();
    render(<WishActions wish={aWish({ ...claimed, viewerActors: ['claimant'] })} now={NOW} busy='release' onAct={onAct} />);
    for (const label of ['已联系居民', '放弃认领', '完成心愿']) {
      const button = screen.getByRole('button', { name: label });
      expect(button).toBeDisabled();
      fireEvent.click(button);
    }
    expect(onAct).not.toHaveBeenCalled();
  });
});
