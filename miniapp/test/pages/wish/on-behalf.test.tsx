import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { auditEntrySchema, type Wish } from '@huijia/shared';
import WishDetailPage from '../../../src/pages/wish/detail/index';
import { ApiError } from '../../../src/services/api';
import { listAudit } from '../../../src/services/audit';
import { actOnWish, getWish } from '../../../src/services/wishes';
import { aWish } from '../../support/fixtures';
import { taro, useRouter } from '../../support/taro';

jest.mock('../../../src/services/audit');
jest.mock('../../../src/services/wishes', () => ({
  ...jest.requireActual<typeof import('../../../src/services/wishes')>('../../../src/services/wishes'),
  getWish: jest.fn(),
  actOnWish: jest.fn(),
}));
const listAuditMock = jest.mocked(listAudit);

const submitted = auditEntrySchema.parse({
  id: 'a-1', at: '2026-12-06T01:30:00.000Z', action: 'wish.submit', label: '提交心愿', objectType: 'wish', objectId: 'wish-1',
  actor: { id: 'u-staff', name: '张丽华' }, from: null, to: 'pending_review', details: { onBehalfOf: true },
});

beforeEach(() => {
  listAuditMock.mockResolvedValue({ items: [submitted], nextCursor: null });
});

async function open(wish: Wish): Promise<void> {
  useRouter.mockReturnValue({ params: { id: wish.id }, path: '/pages/wish/detail/index' });
  jest.mocked(getWish).mockResolvedValue(wish);
  render(<WishDetailPage />);
  await screen.findByText(wish.title);
}

/** A 代办 wish as staff of its community see it: they answer for the resident. */
const proxied = (overrides: Partial<Wish>) =>
  aWish({ onBehalfOf: true, residentName: '林大爷', contactPhone: '13800001234', address: '阳光花园 3 栋 201', viewerActors: ['resident', 'staff'], ...overrides });

describe('a 代办 wish on its page, for the staff who answer for the resident', () => {
  it('says it is a 代办 wish and labels the resident’s actions as done for the resident', async () => {
    await open(proxied({ status: 'published' }));
    expect(screen.getByText('林大爷（社区代办）')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '代居民撤回' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '撤回心愿' })).not.toBeInTheDocument();
  });

  it('asks for the resident’s word before withdrawing it for them', async () => {
    jest.mocked(actOnWish).mockResolvedValue(proxied({ status: 'withdrawn' }));
    await open(proxied({ status: 'published' }));
    fireEvent.click(screen.getByRole('button', { name: '代居民撤回' }));

    await waitFor(() => expect(actOnWish).toHaveBeenCalledWith('wish-1', 'withdraw'));
    expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '代居民撤回', content: expect.stringContaining('电话与居民确认') }));
  });

  it('offers 代居民确认 as soon as it is fulfilled, in the sheet for confirming on the resident’s behalf', async () => {
    await open(proxied({ status: 'fulfilled', claimantName: '李志远', fulfilledAt: new Date().toISOString() }));
    fireEvent.click(screen.getByRole('button', { name: '代居民确认' }));
    expect(await screen.findByRole('dialog', { name: '代居民确认' })).toBeInTheDocument();
  });

  it('shows staff the wish’s 处理记录 with who did each step', async () => {
    await open(proxied({ status: 'pending_review' }));
    expect(await screen.findByText('处理记录')).toBeInTheDocument();
    expect(await screen.findByText('提交心愿')).toBeInTheDocument();
    expect(screen.getByText('张丽华')).toBeInTheDocument();
    expect(screen.getByText('代办：社区代居民办理')).toBeInTheDocument();
    expect(listAuditMock).toHaveBeenCalledWith({ objectType: 'wish', objectId: 'wish-1' }, {}, null);
  });
});

describe('an ordinary wish', () => {
  it('keeps the resident’s own words for the resident, and shows no history to them', async () => {
    await open(aWish({ status: 'published', viewerActors: ['resident'] }));
    expect(screen.getByRole('button', { name: '撤回心愿' })).toBeInTheDocument();
    expect(screen.queryByText('处理记录')).not.toBeInTheDocument();
    expect(listAuditMock).not.toHaveBeenCalled();
  });
});

describe('a wish with no history the viewer may read', () => {
  it('says there is none rather than fail (the server answers 404 for it)', async () => {
    listAuditMock.mockRejectedValue(new ApiError(404, 'NOT_FOUND', '找不到该对象'));
    await open(aWish({ status: 'pending_review', viewerActors: ['staff'] }));
    expect(await screen.findByText('还没有处理记录。')).toBeInTheDocument();
    expect(screen.queryByText('找不到该对象')).not.toBeInTheDocument();
  });
});
