import { render, screen } from '@testing-library/react';
import MyClaimsPage from '../../../src/pages/wish/claims/index';
import { saveSession } from '../../../src/services/session';
import { listWishes } from '../../../src/services/wishes';
import { aWish } from '../../support/fixtures';

jest.mock('../../../src/services/wishes', () => ({
  ...jest.requireActual<typeof import('../../../src/services/wishes')>('../../../src/services/wishes'),
  listWishes: jest.fn(),
}));

const done = aWish({ id: 'w-done', title: '辅导数学作业', status: 'completed', rating: 5 });
// Contacted: what is due next is fulfilling it, in nine days.
const contacted = aWish({ id: 'w-contacted', title: '修理水龙头', status: 'claimed', contactedAt: '2026-12-01T02:00:00.000Z', contactDueAt: '2026-12-03T02:00:00.000Z', fulfilDueAt: '2026-12-15T02:00:00.000Z' });
// Not contacted yet: the resident must be called within two days.
const fresh = aWish({ id: 'w-fresh', title: '陪同去医院复查', status: 'claimed', contactedAt: null, contactDueAt: '2026-12-08T02:00:00.000Z', fulfilDueAt: '2026-12-30T02:00:00.000Z' });

beforeEach(() => {
  saveSession({ accessToken: 'access', refreshToken: 'refresh' });
  jest.mocked(listWishes).mockImplementation((query) =>
    Promise.resolve(
      query.status === 'claimed'
        ? { items: [contacted, fresh], nextCursor: null }
        : // Newest first, as the server answers: an open claim among the others.
          { items: [fresh, done, contacted], nextCursor: null },
    ),
  );
});

describe('我的认领', () => {
  it('lists the open claims first, the most pressing deadline first, then the rest, each once', async () => {
    render(<MyClaimsPage />);
    await screen.findByText('辅导数学作业');
    const titles = screen.getAllByText(/辅导数学作业|修理水龙头|陪同去医院复查/).map((el) => el.textContent);
    expect(titles).toEqual(['陪同去医院复查', '修理水龙头', '辅导数学作业']);
  });
});
