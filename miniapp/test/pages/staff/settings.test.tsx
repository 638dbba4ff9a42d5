import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { type Household, householdSchema } from '@huijia/shared';
import HouseholdsPage from '../../../src/pages/staff/households/index';
import CommunitySettingsPage from '../../../src/pages/staff/settings/index';
import { checkSettings } from '../../../src/pages/staff/settings/form';
import { ApiError } from '../../../src/services/api';
import { getMe } from '../../../src/services/me';
import { listHouseholds } from '../../../src/services/pairing';
import { saveSession } from '../../../src/services/session';
import { getCommunitySettings, saveCommunitySettings, setHouseholdCap } from '../../../src/services/settings';
import { aCommunityWorker } from '../../support/fixtures';
import { typeInto } from '../../support/helpers';
import { taro } from '../../support/taro';

jest.mock('../../../src/services/me');
jest.mock('../../../src/services/pairing');
jest.mock('../../../src/services/settings');

const SAVED = { contactDays: 7, fulfilDays: 30, householdMaxMembers: 2 };

beforeEach(() => {
  saveSession({ accessToken: 'access', refreshToken: 'refresh' });
  jest.mocked(getMe).mockResolvedValue(aCommunityWorker());
  jest.mocked(getCommunitySettings).mockResolvedValue(SAVED);
});

const field = (label: string) => screen.getByRole('textbox', { name: label });
const values = (contactDays: string, fulfilDays: string, householdMaxMembers: string) => ({ contactDays, fulfilDays, householdMaxMembers });

describe('a community’s settings are checked as the server checks them', () => {
  it('takes whole numbers within each setting’s bounds', () => {
    expect(checkSettings(values('5', ' 20 ', '3'))).toEqual({ ok: true, data: { contactDays: 5, fulfilDays: 20, householdMaxMembers: 3 } });
  });

  it('says each setting’s bounds when a value is outside them or not a whole number', () => {
    expect(checkSettings(values('0', '181', '11'))).toEqual({
      ok: false,
      errors: {
        contactDays: '联系期限为 1 到 60 天的整数',
        fulfilDays: '完成期限为 1 到 180 天的整数',
        householdMaxMembers: '每户结对上限为 1 到 10 人的整数',
      },
    });
    expect(checkSettings(values('7.5', '', '二'))).toMatchObject({ ok: false, errors: { contactDays: expect.any(String), fulfilDays: expect.any(String), householdMaxMembers: expect.any(String) } });
  });
});

describe('社区设置', () => {
  it('shows the saved settings, saves a change and says so', async () => {
    jest.mocked(saveCommunitySettings).mockResolvedValue({ ...SAVED, contactDays: 5, fulfilDays: 20 });
    render(<CommunitySettingsPage />);
    expect(await screen.findByRole('textbox', { name: '联系期限（天）' })).toHaveValue('7');
    expect(field('完成期限（天）')).toHaveValue('30');
    expect(field('每户结对上限（人）')).toHaveValue('2');
    expect(screen.getByRole('button', { name: '保存设置' })).toBeDisabled();

    typeInto(field('联系期限（天）'), '5');
    typeInto(field('完成期限（天）'), '20');
    fireEvent.click(screen.getByRole('button', { name: '保存设置' }));

    await waitFor(() => expect(saveCommunitySettings).toHaveBeenCalledWith('longjin', { contactDays: 5, fulfilDays: 20, householdMaxMembers: 2 }));
    await waitFor(() => expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已保存' })));
    expect(screen.getByRole('button', { name: '保存设置' })).toBeDisabled();
  });

  it('sends nothing out of bounds, and says why under the field', async () => {
    render(<CommunitySettingsPage />);
    typeInto(await screen.findByRole('textbox', { name: '联系期限（天）' }), '90');
    fireEvent.click(screen.getByRole('button', { name: '保存设置' }));

    expect(await screen.findByText('联系期限为 1 到 60 天的整数')).toBeInTheDocument();
    expect(saveCommunitySettings).not.toHaveBeenCalled();
  });

  it('says the server’s message when the settings cannot be read', async () => {
    jest.mocked(getCommunitySettings).mockRejectedValue(new ApiError(403, 'FORBIDDEN', '您没有权限执行此操作'));
    render(<CommunitySettingsPage />);
    expect(await screen.findByText('您没有权限执行此操作')).toBeInTheDocument();
  });
});

function aHousehold(overrides: Partial<Household> = {}): Household {
  return householdSchema.parse({
    id: 'h-1', communityId: 'longjin', communityName: '龙津社区', name: '张德福', needs: '独居老人，需要每周探访',
    address: '阳光花园 2 栋', maxMembers: 2, activePairings: 2, pairedWithMe: false, ...overrides,
  });
}

describe('one household’s pairing cap (困难群众)', () => {
  beforeEach(() => {
    jest.mocked(listHouseholds).mockResolvedValue([aHousehold()]);
  });

  async function openCap(): Promise<void> {
    render(<HouseholdsPage />);
    fireEvent.click(await screen.findByRole('button', { name: '修改结对人数' }));
    await screen.findByText('已结对 2 人，不能少于此数；本社区每户最多 2 人（社区设置）');
  }

  it('is refused below the members paired now, clearly, under the field', async () => {
    jest.mocked(setHouseholdCap).mockRejectedValue(new ApiError(409, 'HOUSEHOLD_MAX_BELOW_ACTIVE', '结对人数上限不能少于已结对的人数'));
    await openCap();
    typeInto(field('可结对党员人数'), '1');
    fireEvent.click(screen.getByRole('button', { name: '保存' }));

    expect(await screen.findByText('结对人数上限不能少于已结对的人数')).toBeInTheDocument();
    expect(screen.getByText('人数不能少于正在结对的党员数。如需调低，请先由结对党员结束结对。')).toBeInTheDocument();
    expect(field('可结对党员人数')).toHaveAttribute('aria-invalid', 'true');
    expect(setHouseholdCap).toHaveBeenCalledWith('h-1', 1);
    expect(taro.showModal).not.toHaveBeenCalled();
  });

  it('changes it and shows the household with its new cap', async () => {
    jest.mocked(setHouseholdCap).mockResolvedValue(aHousehold({ maxMembers: 3 }));
    await openCap();
    typeInto(field('可结对党员人数'), '3');
    fireEvent.click(screen.getByRole('button', { name: '保存' }));

    expect(await screen.findByText('已结对 2/3')).toBeInTheDocument();
    expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已修改' }));
  });

  it('sends nothing that is not a number of 1 to 10', async () => {
    await openCap();
    typeInto(field('可结对党员人数'), '12');
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByText('最多 10 人')).toBeInTheDocument();
    expect(setHouseholdCap).not.toHaveBeenCalled();
  });
});
