import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import ProposeAgreementPage from '../../../src/pages/agreement/new/index';
import { listPartnerUnits, proposeAgreement } from '../../../src/services/agreements';
import { ApiError } from '../../../src/services/api';
import { getMe } from '../../../src/services/me';
import { saveSession } from '../../../src/services/session';
import { aCommunityWorker } from '../../support/fixtures';
import { pick, typeInto } from '../../support/helpers';
import { taro } from '../../support/taro';
import { anAgreement } from './fixtures';

jest.mock('../../../src/services/me');
jest.mock('../../../src/services/agreements', () => ({
  ...jest.requireActual<typeof import('../../../src/services/agreements')>('../../../src/services/agreements'),
  listPartnerUnits: jest.fn(),
  proposeAgreement: jest.fn(),
}));
const proposeMock = jest.mocked(proposeAgreement);

const pageScrollTo = jest.fn();
Object.assign(taro, { pageScrollTo });

beforeEach(() => {
  saveSession({ accessToken: 'access', refreshToken: 'refresh' });
  pageScrollTo.mockResolvedValue({ errMsg: 'pageScrollTo:ok' });
  jest.mocked(getMe).mockResolvedValue(aCommunityWorker());
  jest.mocked(listPartnerUnits).mockResolvedValue([
    { id: 'hospital', name: '龙岩市第一医院', paired: true },
    { id: 'school', name: '龙岩二中', paired: false },
  ]);
});

async function openForm(): Promise<void> {
  render(<ProposeAgreementPage />);
  await screen.findByText('龙津社区');
}

const face = (label: string) => screen.getByRole('button', { name: new RegExp(`^${label}：`) });
const toggle = (name: string) => fireEvent.click(within(screen.getByRole('group', { name: '单位投入' })).getByRole('checkbox', { name }));
const submit = () => fireEvent.click(screen.getByRole('button', { name: '发起共建' }));

function fillIn(): void {
  pick(face('共建单位'), 1);
  typeInto(screen.getByRole('textbox', { name: '共建内容' }), '每月组织一次义诊进社区');
}

describe('发起共建', () => {
  it('marks the units already paired, and starts with a three-year term from today', async () => {
    await openForm();
    pick(face('共建单位'), 0);
    expect(face('共建单位')).toHaveTextContent('龙岩市第一医院（已结对）');
    expect(screen.getByText(/该单位已与本社区结对/)).toBeInTheDocument();
    expect(face('开始日期')).toHaveTextContent(/^\d{4}-\d{2}-\d{2}/);
    const start = face('开始日期').textContent!.slice(0, 10);
    const [y, m, d] = start.split('-').map(Number) as [number, number, number];
    const end = new Date(Date.UTC(y + 3, m - 1, d - 1)).toISOString().slice(0, 10);
    expect(face('结束日期')).toHaveTextContent(end);
  });

  it('requires what the unit brings, and sends nothing', async () => {
    await openForm();
    fillIn();
    submit();
    expect(await screen.findByText('请选择单位投入的资源')).toBeInTheDocument();
    await waitFor(() => expect(pageScrollTo).toHaveBeenCalledWith(expect.objectContaining({ selector: '#agreement-field-resources' })));
    expect(proposeMock).not.toHaveBeenCalled();
  });

  it('refuses an end before the start with the shared rule’s message, whatever else is missing', async () => {
    await openForm();
    pick(face('开始日期'), '2027-01-01');
    pick(face('结束日期'), '2026-12-31');
    submit();
    expect(await screen.findByText('结束日期不能早于开始日期')).toBeInTheDocument();
    expect(screen.getByText('请选择共建单位')).toBeInTheDocument();
    await waitFor(() => expect(pageScrollTo).toHaveBeenCalledWith(expect.objectContaining({ selector: '#agreement-field-unitId' })));
    expect(proposeMock).not.toHaveBeenCalled();
  });

  it('sends the agreement and opens it', async () => {
    await openForm();
    fillIn();
    toggle('人员');
    toggle('场地');
    pick(face('开始日期'), '2027-01-01');
    pick(face('结束日期'), '2029-12-31');
    proposeMock.mockResolvedValue(anAgreement({ id: 'agreement-9' }));
    submit();
    await waitFor(() =>
      expect(proposeMock).toHaveBeenCalledWith({
        unitId: 'school',
        communityId: 'longjin',
        startsOn: '2027-01-01',
        endsOn: '2029-12-31',
        content: '每月组织一次义诊进社区',
        resources: ['people', 'space'],
      }),
    );
    await waitFor(() => expect(taro.redirectTo).toHaveBeenCalledWith({ url: '/pages/agreement/detail/index?id=agreement-9' }));
  });

  it('shows an overlapping agreement under the unit', async () => {
    await openForm();
    fillIn();
    toggle('物资');
    proposeMock.mockRejectedValue(new ApiError(409, 'AGREEMENT_OVERLAPS', '该单位与本社区已有待确认或生效中的共建协议'));
    submit();
    expect(await screen.findByText('该单位与本社区已有待确认或生效中的共建协议')).toBeInTheDocument();
    await waitFor(() => expect(pageScrollTo).toHaveBeenLastCalledWith(expect.objectContaining({ selector: '#agreement-field-unitId' })));
    // Another unit answers it.
    pick(face('共建单位'), 0);
    expect(screen.queryByText('该单位与本社区已有待确认或生效中的共建协议')).not.toBeInTheDocument();
  });

  it('keeps what was typed as a draft and restores it when the form is opened again', async () => {
    const { unmount } = render(<ProposeAgreementPage />);
    await screen.findByText('龙津社区');
    fillIn();
    toggle('资金');
    unmount();

    await openForm();
    expect(screen.getByRole('textbox', { name: '共建内容' })).toHaveValue('每月组织一次义诊进社区');
    expect(face('共建单位')).toHaveTextContent('龙岩二中');
    expect(screen.getByRole('checkbox', { name: '资金' })).toHaveAttribute('aria-checked', 'true');
    expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已恢复上次未提交的内容' }));
  });
});
