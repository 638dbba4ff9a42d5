import { fireEvent, render, screen, within } from '@testing-library/react';
import type { OrgNode } from '@huijia/shared';
import TreePage from '../../../src/pages/admin/org/tree/index';
import { ApiError } from '../../../src/services/api';
import { getMe } from '../../../src/services/me';
import { archiveOrg, getOrg, listOrgChildrenPage } from '../../../src/services/orgs';
import { saveSession } from '../../../src/services/session';
import { typeInto } from '../../support/helpers';
import { taro } from '../../support/taro';
import { community, district, districtAdmin, someone, street } from './fixtures';

jest.mock('../../../src/services/me');
jest.mock('../../../src/services/orgs');

// Opening another node scrolls back to the top.
const pageScrollTo = jest.fn();
Object.assign(taro, { pageScrollTo });

const nodes: Record<string, OrgNode> = { xinluo: district(), dongcheng: street(), longjin: community() };
const children: Record<string, OrgNode[]> = { xinluo: [street()], dongcheng: [community()], longjin: [] };

beforeEach(() => {
  pageScrollTo.mockResolvedValue({ errMsg: 'pageScrollTo:ok' });
  saveSession({ accessToken: 'access', refreshToken: 'refresh' });
  jest.mocked(getMe).mockResolvedValue(districtAdmin());
  jest.mocked(getOrg).mockImplementation((id) => Promise.resolve(nodes[id]!));
  jest.mocked(listOrgChildrenPage).mockImplementation((id) => Promise.resolve({ items: children[id] ?? [], nextCursor: null }));
});

const button = (name: string) => screen.queryByRole('button', { name });

describe('组织架构 shows what the role may do, where it may', () => {
  it('on the admin\'s own district: new streets, the import, staff and units, but not renaming or archiving it', async () => {
    render(<TreePage />);

    expect(await screen.findByRole('button', { name: '东城街道 街道' })).toBeInTheDocument();
    expect(button('新建街道')).toBeInTheDocument();
    expect(button('导入组织架构')).toBeInTheDocument();
    expect(button('人员与权限')).toBeInTheDocument();
    expect(button('单位管理')).toBeInTheDocument();
    expect(button('重命名')).toBeNull();
    expect(button('停用')).toBeNull();
  });

  it('below it, each node can be renamed, moved and archived, with the way back in the breadcrumbs', async () => {
    render(<TreePage />);
    fireEvent.click(await screen.findByRole('button', { name: '东城街道 街道' }));

    expect(await screen.findByRole('button', { name: '龙津社区 社区' })).toBeInTheDocument();
    expect(button('新建社区')).toBeInTheDocument();
    expect(button('重命名')).toBeInTheDocument();
    expect(button('移动')).toBeInTheDocument();
    expect(button('停用')).toBeInTheDocument();
    expect(button('导入组织架构')).toBeNull();

    fireEvent.click(within(screen.getByRole('navigation', { name: '所在位置' })).getByRole('button', { name: '新罗区' }));
    expect(await screen.findByRole('button', { name: '新建街道' })).toBeInTheDocument();
  });

  it('community staff add compounds to their community and manage nothing', async () => {
    jest.mocked(getMe).mockResolvedValue(someone([{ role: 'community_staff', orgId: 'longjin', scopeName: '龙津社区' }]));
    render(<TreePage />);

    expect(await screen.findByRole('button', { name: '新建小区' })).toBeInTheDocument();
    expect(await screen.findByText('「龙津社区」下还没有小区。点「新建小区」添加。')).toBeInTheDocument();
    expect(button('重命名')).toBeNull();
    expect(button('单位管理')).toBeNull();
  });
});

describe('停用 a node', () => {
  async function openArchive(): Promise<HTMLElement> {
    render(<TreePage />);
    fireEvent.click(await screen.findByRole('button', { name: '东城街道 街道' }));
    fireEvent.click(await screen.findByRole('button', { name: '停用' }));
    return screen.getByRole('dialog', { name: '停用「东城街道」' });
  }

  it('needs a reason, and sends nothing without one', async () => {
    const sheet = await openArchive();

    fireEvent.click(within(sheet).getByRole('button', { name: '确认停用' }));

    expect(await within(sheet).findByText('请填写停用原因')).toBeInTheDocument();
    expect(archiveOrg).not.toHaveBeenCalled();
  });

  it('shows the server\'s refusal of a node with live claims in the sheet, which stays open', async () => {
    const message = '该节点下还有进行中的认领，请先处理完毕再停用';
    jest.mocked(archiveOrg).mockRejectedValue(new ApiError(409, 'ORG_HAS_LIVE_WORK', message));
    const sheet = await openArchive();

    typeInto(within(sheet).getByRole('textbox', { name: '停用原因（必填）' }), '街道合并');
    fireEvent.click(within(sheet).getByRole('button', { name: '确认停用' }));

    expect(await within(sheet).findByRole('alert')).toHaveTextContent(message);
    expect(archiveOrg).toHaveBeenCalledWith('dongcheng', '街道合并');
    expect(screen.getByRole('dialog', { name: '停用「东城街道」' })).toBeInTheDocument();
  });

  it('once archived, the node says 已停用 and offers 恢复 instead', async () => {
    jest.mocked(archiveOrg).mockResolvedValue({ ...street(), archivedAt: '2026-12-01T00:00:00.000Z' });
    const sheet = await openArchive();

    typeInto(within(sheet).getByRole('textbox', { name: '停用原因（必填）' }), '街道合并');
    fireEvent.click(within(sheet).getByRole('button', { name: '确认停用' }));

    expect(await screen.findByRole('button', { name: '恢复' })).toBeInTheDocument();
    expect(screen.getAllByText('已停用').length).toBeGreaterThan(0);
    expect(button('新建社区')).toBeNull();
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
