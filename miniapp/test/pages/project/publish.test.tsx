import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import PublishProjectPage from '../../../src/pages/project/new/index';
import { ApiError } from '../../../src/services/api';
import { getMe } from '../../../src/services/me';
import { publishProject } from '../../../src/services/projects';
import { saveSession } from '../../../src/services/session';
import { aCommunityWorker } from '../../support/fixtures';
import { pick, typeInto } from '../../support/helpers';
import { taro } from '../../support/taro';
import { aProject } from './fixtures';

jest.mock('../../../src/services/me');
jest.mock('../../../src/services/projects', () => ({
  ...jest.requireActual<typeof import('../../../src/services/projects')>('../../../src/services/projects'),
  publishProject: jest.fn(),
}));
const publishMock = jest.mocked(publishProject);

const pageScrollTo = jest.fn();
Object.assign(taro, { pageScrollTo });

beforeEach(() => {
  saveSession({ accessToken: 'access', refreshToken: 'refresh' });
  pageScrollTo.mockResolvedValue({ errMsg: 'pageScrollTo:ok' });
  jest.mocked(getMe).mockResolvedValue(aCommunityWorker());
});

async function openForm(): Promise<void> {
  render(<PublishProjectPage />);
  await screen.findByText('龙津社区');
}

const field = (label: string) => screen.getByRole('textbox', { name: label });
const face = (label: string) => screen.getByRole('button', { name: new RegExp(`^${label}：`) });
const choose = (option: string) => fireEvent.click(within(screen.getByRole('radiogroup', { name: '项目类别' })).getByRole('radio', { name: option }));
const need = (name: string) => fireEvent.click(within(screen.getByRole('group', { name: '所需资源' })).getByRole('checkbox', { name }));
const submit = () => fireEvent.click(screen.getByRole('button', { name: '发布项目' }));

function fillIn(): void {
  choose('民生服务');
  typeInto(field('项目名称'), '老旧小区楼道灯具更换');
  typeInto(field('项目内容'), '为 12 栋老旧楼房更换楼道声控灯');
}

describe('发布项目', () => {
  it('counts the title against its limit of 40', async () => {
    await openForm();
    expect(screen.getByText('0/40')).toBeInTheDocument();
    typeInto(field('项目名称'), '楼道灯具更换');
    expect(screen.getByText('6/40')).toBeInTheDocument();
    expect(field('项目名称')).toHaveAttribute('maxLength', '40');
  });

  it('says what is missing, scrolls to the first, and sends nothing', async () => {
    await openForm();
    typeInto(field('项目内容'), '为 12 栋老旧楼房更换楼道声控灯');
    submit();
    expect(await screen.findByText('请选择项目类别')).toBeInTheDocument();
    expect(screen.getByText('请填写项目名称')).toBeInTheDocument();
    expect(screen.getByText('请选择完成期限')).toBeInTheDocument();
    await waitFor(() => expect(pageScrollTo).toHaveBeenCalledWith(expect.objectContaining({ selector: '#project-field-category' })));
    expect(publishMock).not.toHaveBeenCalled();

    // Answering one takes its complaint down; the next one is scrolled to.
    choose('公益');
    expect(screen.queryByText('请选择项目类别')).not.toBeInTheDocument();
    submit();
    await waitFor(() => expect(pageScrollTo).toHaveBeenLastCalledWith(expect.objectContaining({ selector: '#project-field-title' })));
  });

  it('refuses a due date before today', async () => {
    await openForm();
    fillIn();
    pick(face('完成期限'), '2020-01-01');
    submit();
    expect(await screen.findByText('完成期限不能早于今天')).toBeInTheDocument();
    await waitFor(() => expect(pageScrollTo).toHaveBeenCalledWith(expect.objectContaining({ selector: '#project-field-dueOn' })));
    expect(publishMock).not.toHaveBeenCalled();
  });

  it('publishes the project and opens it', async () => {
    await openForm();
    fillIn();
    need('人员');
    need('资金');
    pick(face('完成期限'), '2099-03-31');
    publishMock.mockResolvedValue(aProject({ id: 'project-9' }));
    submit();
    await waitFor(() =>
      expect(publishMock).toHaveBeenCalledWith({
        communityId: 'longjin',
        category: 'livelihood',
        title: '老旧小区楼道灯具更换',
        description: '为 12 栋老旧楼房更换楼道声控灯',
        needs: ['people', 'funds'],
        dueOn: '2099-03-31',
      }),
    );
    await waitFor(() => expect(taro.redirectTo).toHaveBeenCalledWith({ url: '/pages/project/detail/index?id=project-9' }));
  });

  it('shows the server’s PROJECT_DUE_PAST under the date', async () => {
    await openForm();
    fillIn();
    pick(face('完成期限'), '2099-03-31');
    publishMock.mockRejectedValue(new ApiError(400, 'PROJECT_DUE_PAST', '完成期限不能早于今天'));
    submit();
    expect(await screen.findByText('完成期限不能早于今天')).toBeInTheDocument();
    await waitFor(() => expect(pageScrollTo).toHaveBeenLastCalledWith(expect.objectContaining({ selector: '#project-field-dueOn' })));
  });

  it('keeps what was typed as a draft and restores it when the form is opened again', async () => {
    const { unmount } = render(<PublishProjectPage />);
    await screen.findByText('龙津社区');
    fillIn();
    need('场地');
    pick(face('完成期限'), '2099-03-31');
    unmount();

    await openForm();
    expect(field('项目名称')).toHaveValue('老旧小区楼道灯具更换');
    expect(field('项目内容')).toHaveValue('为 12 栋老旧楼房更换楼道声控灯');
    expect(screen.getByRole('radio', { name: '民生服务' })).toHaveAttribute('aria-checked', 'true');
    expect(screen.getByRole('checkbox', { name: '场地' })).toHaveAttribute('aria-checked', 'true');
    expect(face('完成期限')).toHaveTextContent('2099-03-31');
    expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已恢复上次未提交的内容' }));
  });
});
