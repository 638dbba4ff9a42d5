import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { OrgImportResult } from '@huijia/shared';
import ImportOrgsPage from '../../../src/pages/admin/org/import/index';
import { ApiError } from '../../../src/services/api';
import { getMe } from '../../../src/services/me';
import { getOrg, importOrgs } from '../../../src/services/orgs';
import { saveSession } from '../../../src/services/session';
import { district, districtAdmin } from './fixtures';

jest.mock('../../../src/services/me');
jest.mock('../../../src/services/orgs');

const FILE = new File(['街道,社区\n东城街道,龙津社区\n东城街道,莲东社区\n'], '组织架构.csv', { type: 'text/csv' });
const result = (dryRun: boolean, overrides: Partial<OrgImportResult> = {}): OrgImportResult => ({
  dryRun,
  created: 3,
  existing: 0,
  createdByKind: { street: 1, community: 2 },
  rejected: [{ row: 4, reason: '与第 2 行的路径重复' }],
  ...overrides,
});

beforeEach(() => {
  saveSession({ accessToken: 'access', refreshToken: 'refresh' });
  jest.mocked(getMe).mockResolvedValue(districtAdmin());
  jest.mocked(getOrg).mockResolvedValue(district());
});

async function choose(file: File): Promise<void> {
  render(<ImportOrgsPage />);
  fireEvent.change(await screen.findByLabelText('选择组织架构文件'), { target: { files: [file] } });
}

describe('导入组织架构: a preview first, then the import', () => {
  it('previews with dryRun, shows what would be made and the rows refused, and imports on 确认导入', async () => {
    jest.mocked(importOrgs).mockImplementation((_orgId, _file, dryRun) => Promise.resolve(result(dryRun)));
    await choose(FILE);
    expect(screen.getByText('导入到：区/县「新罗区」')).toBeInTheDocument();
    expect(screen.getByText('已选择：组织架构.csv')).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: '预览' }));

    expect(await screen.findByText('将新建：街道 1、社区 2')).toBeInTheDocument();
    expect(screen.getByRole('row', { name: '4 与第 2 行的路径重复' })).toBeInTheDocument();
    expect(importOrgs).toHaveBeenLastCalledWith('xinluo', { kind: 'web', file: FILE }, true, expect.any(Function));

    fireEvent.click(screen.getByRole('button', { name: '确认导入' }));

    expect(await screen.findByText('导入完成')).toBeInTheDocument();
    expect(screen.getByText('新建：街道 1、社区 2')).toBeInTheDocument();
    expect(importOrgs).toHaveBeenLastCalledWith('xinluo', { kind: 'web', file: FILE }, false, expect.any(Function));
    expect(screen.queryByRole('button', { name: '确认导入' })).toBeNull();
  });

  it('offers no import when the file holds nothing new (a re-import)', async () => {
    jest.mocked(importOrgs).mockResolvedValue(result(true, { created: 0, existing: 3, createdByKind: {}, rejected: [] }));
    await choose(FILE);

    fireEvent.click(screen.getByRole('button', { name: '预览' }));

    expect(await screen.findByText('文件中没有需要新建的节点。')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '确认导入' })).toBeNull();
  });

  it('refuses a file that is not a spreadsheet before sending it', async () => {
    await choose(new File(['x'], '组织架构.docx'));

    expect(screen.getByRole('alert')).toHaveTextContent('组织架构文件须为 CSV 或 XLSX 文件');
    expect(screen.getByRole('button', { name: '预览' })).toHaveAttribute('aria-disabled', 'true');
  });

  it('says the server\'s refusal of the whole file beside it', async () => {
    jest.mocked(importOrgs).mockRejectedValue(new ApiError(400, 'ORG_IMPORT_EMPTY', '文件中没有可导入的行'));
    await choose(FILE);

    fireEvent.click(screen.getByRole('button', { name: '预览' }));

    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('文件中没有可导入的行'));
    expect(screen.queryByText('导入预览')).toBeNull();
  });
});
