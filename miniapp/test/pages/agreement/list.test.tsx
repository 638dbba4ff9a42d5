import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import AgreementListPage from '../../../src/pages/agreement/list/index';
import { acceptAgreement, listAgreements } from '../../../src/services/agreements';
import { getMe } from '../../../src/services/me';
import { saveSession } from '../../../src/services/session';
import { aCommunityWorker } from '../../support/fixtures';
import { taro, useRouter } from '../../support/taro';
import { anAgreement, aUnitAdmin } from './fixtures';

jest.mock('../../../src/services/me');
jest.mock('../../../src/services/agreements', () => ({
  ...jest.requireActual<typeof import('../../../src/services/agreements')>('../../../src/services/agreements'),
  listAgreements: jest.fn(),
  acceptAgreement: jest.fn(),
}));
const listMock = jest.mocked(listAgreements);

beforeEach(() => {
  saveSession({ accessToken: 'access', refreshToken: 'refresh' });
});

const page = (items: ReturnType<typeof anAgreement>[]) => ({ items, nextCursor: null });

describe('a unit admin’s 共建协议', () => {
  beforeEach(() => {
    jest.mocked(getMe).mockResolvedValue(aUnitAdmin());
    useRouter.mockReturnValue({ params: { as: 'unit' }, path: '/pages/agreement/list/index' });
  });

  it('opens on 待确认, each with 拒绝 and 接受, and accepting takes it off the tab', async () => {
    listMock.mockResolvedValue(
      page([
        anAgreement({ id: 'a1', viewerActors: ['unit'] }),
        anAgreement({ id: 'a2', communityName: '西城社区', viewerActors: ['unit'] }),
      ]),
    );
    render(<AgreementListPage />);
    expect(await screen.findByText('↔ 西城社区')).toBeInTheDocument();
    expect(screen.getByText('↔ 龙津社区')).toBeInTheDocument();
    expect(listMock).toHaveBeenCalledWith(expect.objectContaining({ unitId: 'hospital', status: 'proposed' }));
    expect(screen.getAllByRole('button', { name: '接受' })).toHaveLength(2);
    expect(screen.getAllByRole('button', { name: '拒绝' })).toHaveLength(2);
    expect(screen.getAllByText('2026年12月1日 至 2029年11月30日')).toHaveLength(2);

    jest.mocked(acceptAgreement).mockResolvedValue(anAgreement({ id: 'a1', status: 'active', inForce: true, viewerActors: ['unit'] }));
    fireEvent.click(screen.getAllByRole('button', { name: '接受' })[0]!);
    await waitFor(() => expect(acceptAgreement).toHaveBeenCalledWith('a1'));
    expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: '接受后本单位与龙津社区结对共建，党员可向该社区报到。' }));
    await waitFor(() => expect(screen.getAllByRole('button', { name: '接受' })).toHaveLength(1));
  });

  it('shows 已生效 ones without buttons, and says when one is out of its term', async () => {
    listMock.mockResolvedValue(page([anAgreement({ status: 'proposed', viewerActors: ['unit'] })]));
    render(<AgreementListPage />);
    await screen.findByText('↔ 龙津社区');

    listMock.mockResolvedValue(page([anAgreement({ id: 'a3', status: 'active', inForce: false, startsOn: '2020-01-01', endsOn: '2022-12-31', viewerActors: ['unit'] })]));
    fireEvent.click(screen.getByRole('tab', { name: '已生效' }));
    expect(await screen.findByText('已生效 · 已到期')).toBeInTheDocument();
    expect(listMock).toHaveBeenLastCalledWith(expect.objectContaining({ unitId: 'hospital', status: 'active' }));
    expect(screen.queryByRole('button', { name: '接受' })).not.toBeInTheDocument();
  });

  it('puts the declined, withdrawn and ended under 历史', async () => {
    listMock.mockResolvedValue(page([]));
    render(<AgreementListPage />);
    await screen.findByText(/没有等待本单位确认的协议/);

    listMock.mockResolvedValue(page([anAgreement({ id: 'a4', status: 'ended' }), anAgreement({ id: 'a5', status: 'active', inForce: true })]));
    fireEvent.click(screen.getByRole('tab', { name: '历史' }));
    expect(await screen.findByText('已终止')).toBeInTheDocument();
    expect(screen.getAllByText(/^↔ /)).toHaveLength(1);
    expect(listMock).toHaveBeenLastCalledWith(expect.objectContaining({ unitId: 'hospital', status: undefined }));
  });
});

describe('community staff’s 共建协议', () => {
  it('lists their community’s and offers 发起共建', async () => {
    jest.mocked(getMe).mockResolvedValue(aCommunityWorker());
    useRouter.mockReturnValue({ params: { as: 'community' }, path: '/pages/agreement/list/index' });
    listMock.mockResolvedValue(page([anAgreement({ viewerActors: ['community'] })]));
    render(<AgreementListPage />);
    const card = (await screen.findByText('↔ 龙津社区')).closest('.wish-card') as HTMLElement;
    expect(within(card).getByText('待单位确认')).toBeInTheDocument();
    expect(within(card).queryByRole('button', { name: '撤回' })).not.toBeInTheDocument();
    expect(listMock).toHaveBeenCalledWith(expect.objectContaining({ communityId: 'longjin', status: 'proposed' }));

    fireEvent.click(screen.getByRole('button', { name: '发起共建' }));
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/agreement/new/index?scope=longjin' });
  });

  it('says who the page is for to someone holding none of the roles', async () => {
    const me = aCommunityWorker();
    jest.mocked(getMe).mockResolvedValue({ ...me, roles: [{ role: 'resident' }] });
    render(<AgreementListPage />);
    expect(await screen.findByText(/共建协议由社区工作人员发起/)).toBeInTheDocument();
    expect(listMock).not.toHaveBeenCalled();
  });
});
