import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { rosterImportResultSchema, type RosterImportResult } from '@huijia/shared';
import RosterPage from '../../../src/pages/unit/roster/index';
import { getMe } from '../../../src/services/me';
import { saveSession } from '../../../src/services/session';
import { uploadRoster } from '../../../src/services/units';
import { taro } from '../../support/taro';
import { someone } from '../admin/fixtures';

jest.mock('../../../src/services/me');
jest.mock('../../../src/services/units');

const FILE = new File(['姓名,手机号,支部\n张三,13800000001,第一党支部\n'], '名册.csv', { type: 'text/csv' });
const WEB_FILE = { kind: 'web', file: FILE };

function answer(overrides: Partial<RosterImportResult> = {}): RosterImportResult {
  return rosterImportResultSchema.parse({
    dryRun: false,
    added: 1,
    updated: 0,
    unchanged: 2,
    departed: 0,
    returned: 0,
    departing: [],
    rejected: [],
    ...overrides,
  });
}
const leaving = { departed: 2, departing: [{ id: 'e1', name: '李四', branch: '内科党支部' }, { id: 'e2', name: '王五', branch: null }] };

beforeEach(() => {
  saveSession({ accessToken: 'access', refreshToken: 'refresh' });
  jest.mocked(getMe).mockResolvedValue(someone([{ role: 'unit_admin', unitId: 'hospital', scopeName: '龙岩市第一医院' }]));
});

async function choose(mode: '追加' | '整体替换'): Promise<void> {
  render(<RosterPage />);
  fireEvent.change(await screen.findByLabelText('选择名册文件'), { target: { files: [FILE] } });
  fireEvent.click(screen.getByRole('radio', { name: new RegExp(`^${mode}`) }));
}

describe('党员名册: 追加 imports at once', () => {
  it('is the way chosen at first, and answers what happened to each row', async () => {
    jest.mocked(uploadRoster).mockResolvedValue(answer({ returned: 1, unchanged: 1 }));
    render(<RosterPage />);
    expect(await screen.findByRole('radio', { name: /^追加/ })).toHaveAttribute('aria-checked', 'true');
    fireEvent.change(screen.getByLabelText('选择名册文件'), { target: { files: [FILE] } });

    fireEvent.click(screen.getByRole('button', { name: '上传并导入' }));

    expect(await screen.findByText('导入结果')).toBeInTheDocument();
    expect(uploadRoster).toHaveBeenCalledWith('hospital', WEB_FILE, { mode: 'add', dryRun: false }, expect.any(Function));
    for (const count of ['新增 1', '未变 1', '回到名册 1', '未导入 0']) expect(screen.getByText(count)).toBeInTheDocument();
    expect(screen.queryByText(/离开名册 /)).toBeNull();
    expect(taro.showModal).not.toHaveBeenCalled();
  });
});

describe('党员名册: 整体替换 is previewed, and imported only once confirmed', () => {
  it('previews with dryRun, names who will leave, asks, then replaces and shows who left', async () => {
    jest.mocked(uploadRoster).mockImplementation((_unit, _file, { dryRun }) => Promise.resolve(answer({ dryRun, ...leaving })));
    await choose('整体替换');
    expect(screen.queryByRole('button', { name: '上传并导入' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: '预览替换' }));

    expect(await screen.findByText('替换预览')).toBeInTheDocument();
    expect(uploadRoster).toHaveBeenLastCalledWith('hospital', WEB_FILE, { mode: 'replace', dryRun: true }, expect.any(Function));
    expect(screen.getByText('将离开名册 2')).toBeInTheDocument();
    expect(screen.getByText('以下 2 名党员将离开名册，其进行中的报到随之结束：')).toBeInTheDocument();
    expect(screen.getByText('李四（内科党支部）、王五')).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: '确认替换' }));

    expect(await screen.findByText('导入结果')).toBeInTheDocument();
    expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '确认整体替换', content: expect.stringContaining('2 名党员将离开名册') }));
    expect(uploadRoster).toHaveBeenLastCalledWith('hospital', WEB_FILE, { mode: 'replace', dryRun: false }, expect.any(Function));
    expect(screen.getByText('离开名册 2')).toBeInTheDocument();
    expect(screen.getByText('以下 2 名党员已离开名册：')).toBeInTheDocument();
    expect(screen.queryByText('替换预览')).toBeNull();
  });

  it('sends nothing more when the admin says no to who leaves', async () => {
    jest.mocked(uploadRoster).mockResolvedValue(answer({ dryRun: true, ...leaving }));
    await choose('整体替换');
    fireEvent.click(screen.getByRole('button', { name: '预览替换' }));
    await screen.findByText('替换预览');
    taro.showModal.mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' });

    fireEvent.click(screen.getByRole('button', { name: '确认替换' }));

    await waitFor(() => expect(taro.showModal).toHaveBeenCalled());
    expect(uploadRoster).toHaveBeenCalledTimes(1);
    expect(screen.getByText('替换预览')).toBeInTheDocument();
  });

  it('says plainly when the file would empty the roster, and how many more leave than it names', async () => {
    const departing = Array.from({ length: 3 }, (_, i) => ({ id: `e${i}`, name: `党员${i}`, branch: null }));
    jest.mocked(uploadRoster).mockResolvedValue(answer({ dryRun: true, added: 5, unchanged: 0, departed: 250, departing }));
    await choose('整体替换');

    fireEvent.click(screen.getByRole('button', { name: '预览替换' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('替换后名册中的 250 名党员将全部离开名册');
    expect(screen.getByText('党员0、党员1、党员2 等 250 人')).toBeInTheDocument();
  });

  it('starts the preview again when the way or the file changes', async () => {
    jest.mocked(uploadRoster).mockResolvedValue(answer({ dryRun: true, ...leaving }));
    await choose('整体替换');
    fireEvent.click(screen.getByRole('button', { name: '预览替换' }));
    await screen.findByText('替换预览');

    fireEvent.change(screen.getByLabelText('选择名册文件'), { target: { files: [FILE] } });
    expect(screen.queryByText('替换预览')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '预览替换' }));
    await screen.findByText('替换预览');

    fireEvent.click(screen.getByRole('radio', { name: /^追加/ }));

    expect(screen.queryByText('替换预览')).toBeNull();
    expect(screen.getByRole('button', { name: '上传并导入' })).toBeInTheDocument();
  });
});
