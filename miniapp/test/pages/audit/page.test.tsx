import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { type AuditEntry, auditEntrySchema } from '@huijia/shared';
import AuditPage from '../../../src/pages/audit/index';
import { ApiError } from '../../../src/services/api';
import { downloadAuditLedger, listAudit } from '../../../src/services/audit';
import { getMe } from '../../../src/services/me';
import { saveSession } from '../../../src/services/session';
import { aCommunityWorker, aResident } from '../../support/fixtures';
import { pick } from '../../support/helpers';
import { taro } from '../../support/taro';

jest.mock('../../../src/services/me');
jest.mock('../../../src/services/audit');
const listAuditMock = jest.mocked(listAudit);

function anEntry(overrides: Partial<AuditEntry>): AuditEntry {
  return auditEntrySchema.parse({
    id: 'a-1',
    at: '2026-12-06T01:30:00.000Z',
    action: 'wish.approve',
    label: '审核通过',
    objectType: 'wish',
    objectId: '42',
    actor: { id: 'u-7', name: '张丽华' },
    from: 'pending_review',
    to: 'published',
    details: null,
    ...overrides,
  });
}

const submitted = anEntry({ id: 'a-0', action: 'wish.submit', label: '提交心愿', from: null, to: 'pending_review', actor: { id: 'u-9', name: '王秀兰' } });
const approved = anEntry({ id: 'a-1' });

beforeEach(() => {
  saveSession({ accessToken: 'access', refreshToken: 'refresh' });
  jest.mocked(getMe).mockResolvedValue(aCommunityWorker());
  listAuditMock.mockResolvedValue({ items: [approved, submitted], nextCursor: null });
});

/** The filter the list was last asked with. */
const lastFilter = () => listAuditMock.mock.calls.at(-1)?.[1];

describe('the audit viewer (操作日志)', () => {
  it('shows the node’s trail newest first: what, who, to what, and the states', async () => {
    render(<AuditPage />);

    const rows = await screen.findAllByText(/审核通过|提交心愿/, { selector: '.audit-entry__label' });
    expect(rows.map((row) => row.textContent)).toEqual(['审核通过', '提交心愿']);
    expect(listAuditMock).toHaveBeenCalledWith({ orgId: 'longjin' }, {}, null);
    expect(screen.getByText('待审核 → 待认领')).toBeInTheDocument();
    expect(screen.getAllByText('心愿')).toHaveLength(2);

    fireEvent.click(screen.getAllByRole('button', { name: '查看 ›' })[0]!);
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/wish/detail/index?id=42' });
  });

  it('narrows the trail to one person when their name is tapped, and back to everyone', async () => {
    render(<AuditPage />);
    fireEvent.click(await screen.findByRole('button', { name: '只看王秀兰的操作' }));

    expect(await screen.findByText('操作人：王秀兰')).toBeInTheDocument();
    await waitFor(() => expect(lastFilter()).toEqual({ actorId: 'u-9' }));

    fireEvent.click(screen.getByRole('button', { name: '看全部人员' }));
    await waitFor(() => expect(lastFilter()).toEqual({}));
  });

  it('narrows it by action and by period, and refuses a period that ends before it starts', async () => {
    render(<AuditPage />);
    await screen.findByText('待审核 → 待认领');

    pick(screen.getByRole('button', { name: '操作：全部操作' }), 1);
    await waitFor(() => expect(lastFilter()).toMatchObject({ action: 'wish.submit' }));

    pick(screen.getByRole('button', { name: '起始日期：不限' }), '2026-12-05');
    await waitFor(() => expect(lastFilter()).toMatchObject({ action: 'wish.submit', from: '2026-12-05' }));
    const asked = listAuditMock.mock.calls.length;
    pick(screen.getByRole('button', { name: '结束日期：不限' }), '2026-12-01');
    expect(await screen.findByText('起始日期不能晚于结束日期')).toBeInTheDocument();
    expect(listAuditMock).toHaveBeenCalledTimes(asked);
  });

  it('says when nothing matches the filters, with a way to clear them', async () => {
    render(<AuditPage />);
    await screen.findByText('待审核 → 待认领');
    listAuditMock.mockResolvedValue({ items: [], nextCursor: null });

    fireEvent.click(within(screen.getByRole('radiogroup', { name: '期间' })).getByRole('radio', { name: '今天' }));

    expect(await screen.findByText('没有符合筛选条件的记录。')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: '清除筛选 ›' }));
    await waitFor(() => expect(lastFilter()).toEqual({}));
  });

  it('exports the ledger with the filters on screen, after saying what it will hold', async () => {
    jest.mocked(downloadAuditLedger).mockResolvedValue('操作日志台账-龙津社区-20261206.xlsx');
    render(<AuditPage />);
    fireEvent.click(await screen.findByRole('button', { name: '只看张丽华的操作' }));
    await screen.findByText('操作人：张丽华');

    fireEvent.click(screen.getByRole('button', { name: '导出台账' }));
    expect(screen.getByText('筛选条件：操作人：张丽华')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: '导出' }));

    await waitFor(() => expect(downloadAuditLedger).toHaveBeenCalledWith('longjin', { actorId: 'u-7' }, '龙津社区'));
    await waitFor(() => expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已导出' })));
  });

  it('says the server’s message when the trail cannot be read', async () => {
    listAuditMock.mockRejectedValue(new ApiError(404, 'NOT_FOUND', '找不到该组织节点'));
    render(<AuditPage />);
    expect(await screen.findByText('找不到该组织节点')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '重试' })).toBeInTheDocument();
  });

  it('is refused to someone who may not read the trail', async () => {
    jest.mocked(getMe).mockResolvedValue(aResident());
    render(<AuditPage />);
    expect(await screen.findByText('只有社区工作人员、街道和区管理员可以查看操作日志。')).toBeInTheDocument();
    expect(listAuditMock).not.toHaveBeenCalled();
  });
});
