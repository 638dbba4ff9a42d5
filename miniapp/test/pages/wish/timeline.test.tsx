import { render, screen } from '@testing-library/react';
import { Timeline } from '../../../src/pages/wish/detail/Timeline';
import { aWish } from '../../support/fixtures';

/** A local time in November 2026, as the API would send it. */
const at = (day: number, hour: number) => new Date(2026, 10, day, hour, 30).toISOString();

/** What the step labelled `label` shows: its label and the day and clock it was done, if any. */
const step = (label: string) =>
  [...screen.getByText(label).closest('.wish-step')!.querySelectorAll('.wish-step__label, .wish-step__time')].map((el) => el.textContent);

describe("a wish's progress", () => {
  it('gives each step done its own time, the review and the confirmation too', () => {
    render(
      <Timeline
        wish={aWish({
          status: 'completed',
          createdAt: at(1, 9),
          reviewedAt: at(1, 14),
          claimedAt: at(2, 10),
          fulfilledAt: at(4, 16),
          completedAt: at(5, 8),
          updatedAt: at(6, 12),
        })}
      />,
    );

    expect(step('提交')).toEqual(['提交', '11月1日', '09:30']);
    expect(step('审核')).toEqual(['审核', '11月1日', '14:30']);
    expect(step('认领')).toEqual(['认领', '11月2日', '10:30']);
    expect(step('完成')).toEqual(['完成', '11月4日', '16:30']);
    // The confirmation's own time, not the wish's last change.
    expect(step('确认')).toEqual(['确认', '11月5日', '08:30']);
    expect(screen.getByText('心愿已完成')).toBeInTheDocument();
  });

  it('marks a refused review with when it was refused, and no later step as done', () => {
    render(<Timeline wish={aWish({ status: 'rejected', reviewedAt: at(2, 11) })} />);

    expect(step('未通过')).toEqual(['未通过', '11月2日', '11:30']);
    expect(screen.getByText('未通过').closest('.wish-step')).toHaveClass('wish-step--failed');
    expect(step('认领')).toEqual(['认领']);
  });

  it('shows when a low rating disputed it', () => {
    render(
      <Timeline
        wish={aWish({ status: 'disputed', reviewedAt: at(1, 14), claimedAt: at(2, 10), fulfilledAt: at(4, 16), rating: 2, disputedAt: at(5, 9) })}
      />,
    );

    expect(step('有异议')).toEqual(['有异议', '11月5日', '09:30']);
    expect(screen.getByText('居民对完成情况有异议，等待社区处理')).toBeInTheDocument();
  });

  it('shows a wish waiting for review as the current step, without a time', () => {
    render(<Timeline wish={aWish({ status: 'pending_review' })} />);

    expect(step('审核')).toEqual(['审核']);
    expect(screen.getByText('审核').closest('.wish-step')).toHaveClass('wish-step--current');
  });
});
