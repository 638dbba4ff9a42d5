import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import OpinionDeadlinesPage from '../../../src/pages/opinion/deadlines/index';
import { getMe } from '../../../src/services/me';
import { getOpinionDeadlines, setOpinionDeadlines } from '../../../src/services/opinions';
import { saveSession } from '../../../src/services/session';
import { typeInto } from '../../support/helpers';
import { districtAdmin, someone } from '../admin/fixtures';

jest.mock('../../../src/services/me');
jest.mock('../../../src/services/opinions', () => ({
  ...jest.requireActual<typeof import('../../../src/services/opinions')>('../../../src/services/opinions'),
  getOpinionDeadlines: jest.fn(),
  setOpinionDeadlines: jest.fn(),
}));

const DEFAULTS = { branch: 3, community: 7, street: 15, representative: 30 };

beforeEach(() => {
  saveSession({ accessToken: 'access', refreshToken: 'refresh' });
  jest.mocked(getMe).mockResolvedValue(districtAdmin());
  jest.mocked(getOpinionDeadlines).mockResolvedValue(DEFAULTS);
});

const field = (label: string) => screen.getByRole('textbox', { name: label });

describe('民情办理期限', () => {
  it('shows the district’s days per level and saves what the admin changed', async () => {
    render(<OpinionDeadlinesPage />);
    expect(await screen.findByText('新罗区 · 首次答复期限')).toBeInTheDocument();
    expect(getOpinionDeadlines).toHaveBeenCalledWith('xinluo');
    expect(field('审议（街道党工委）天数')).toHaveValue('15');
    jest.mocked(setOpinionDeadlines).mockResolvedValue({ ...DEFAULTS, street: 10 });

    typeInto(field('审议（街道党工委）天数'), '10');
    fireEvent.click(screen.getByRole('button', { name: '保存' }));

    await waitFor(() => expect(setOpinionDeadlines).toHaveBeenCalledWith('xinluo', { ...DEFAULTS, street: 10 }));
  });

  it('refuses a blank or out of range number of days, and sends nothing', async () => {
    render(<OpinionDeadlinesPage />);
    await screen.findByText('新罗区 · 首次答复期限');

    typeInto(field('建议（网格党支部）天数'), '');
    typeInto(field('呼吁（党代表）天数'), '365');
    fireEvent.click(screen.getByRole('button', { name: '保存' }));

    expect(await screen.findByText('请填写 1 至 180 的整数天数')).toBeInTheDocument();
    expect(screen.getByText('最多 180 天')).toBeInTheDocument();
    expect(setOpinionDeadlines).not.toHaveBeenCalled();
  });

  it('tells anyone but a district admin who sets them', async () => {
    jest.mocked(getMe).mockResolvedValue(someone([{ role: 'street_admin', orgId: 'dongcheng', scopeName: '东城街道' }]));
    render(<OpinionDeadlinesPage />);
    expect(await screen.findByText('民情各级的办理期限由区管理员设置。')).toBeInTheDocument();
    expect(getOpinionDeadlines).not.toHaveBeenCalled();
  });
});
