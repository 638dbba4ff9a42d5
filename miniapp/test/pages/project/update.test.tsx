import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import ProjectUpdatePage from '../../../src/pages/project/update/index';
import { compressPhoto } from '../../../src/services/compressPhoto';
import { completeProject, getProject, postProjectUpdate } from '../../../src/services/projects';
import { photoSource, uploadPhoto } from '../../../src/services/uploads';
import { typeInto } from '../../support/helpers';
import { taro, useRouter } from '../../support/taro';
import { aProject, aProjectDetail } from './fixtures';

jest.mock('../../../src/services/uploads');
jest.mock('../../../src/services/compressPhoto');
jest.mock('../../../src/services/projects', () => ({
  ...jest.requireActual<typeof import('../../../src/services/projects')>('../../../src/services/projects'),
  getProject: jest.fn(),
  postProjectUpdate: jest.fn(),
  completeProject: jest.fn(),
}));

beforeEach(() => {
  jest.mocked(getProject).mockResolvedValue(aProjectDetail({ viewerActors: ['lead'], status: 'claimed' }));
  jest.mocked(compressPhoto).mockImplementation((file) => Promise.resolve(file));
  jest.mocked(uploadPhoto).mockResolvedValue({ id: 'photo-1', url: '/api/uploads/photo-1' });
  jest.mocked(photoSource).mockResolvedValue('blob:photo-1');
});

async function openForm(mode: 'progress' | 'complete'): Promise<void> {
  useRouter.mockReturnValue({ params: { id: 'project-1', mode }, path: '/pages/project/update/index' });
  render(<ProjectUpdatePage />);
  await screen.findByText('老旧小区楼道灯具更换');
}

describe('the lead’s form', () => {
  it('发布进展: text and an uploaded photo, then back to the project', async () => {
    await openForm('progress');
    fireEvent.click(screen.getByRole('button', { name: '发布进展' }));
    expect(await screen.findByText('请填写进展内容')).toBeInTheDocument();
    expect(postProjectUpdate).not.toHaveBeenCalled();

    taro.chooseMedia.mockResolvedValue({ tempFiles: [{ tempFilePath: 'tmp/a.jpg', size: 1000 }], type: 'image', errMsg: 'chooseMedia:ok' } as never);
    fireEvent.click(screen.getByRole('button', { name: /添加照片/ }));
    expect(await screen.findByText('现场照片（选填）（1/9）')).toBeInTheDocument();
    await waitFor(() => expect(uploadPhoto).toHaveBeenCalled());
    typeInto(screen.getByRole('textbox', { name: '进展内容' }), '已更换 3 栋的灯具');
    jest.mocked(postProjectUpdate).mockResolvedValue(aProject({ status: 'claimed', updateCount: 1 }));
    fireEvent.click(screen.getByRole('button', { name: '发布进展' }));
    await waitFor(() => expect(postProjectUpdate).toHaveBeenCalledWith('project-1', { content: '已更换 3 栋的灯具', photoIds: ['photo-1'] }));
    expect(completeProject).not.toHaveBeenCalled();
    expect(taro.showModal).not.toHaveBeenCalled();
  });

  it('报告完成: the same form, asked once more, sent to /complete', async () => {
    await openForm('complete');
    expect(screen.getByRole('textbox', { name: '完成情况' })).toBeInTheDocument();
    typeInto(screen.getByRole('textbox', { name: '完成情况' }), '共更换楼道灯具 48 盏');
    taro.showModal.mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' });
    fireEvent.click(screen.getByRole('button', { name: '报告完成' }));
    await waitFor(() => expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '报告完成' })));
    expect(completeProject).not.toHaveBeenCalled();

    jest.mocked(completeProject).mockResolvedValue(aProject({ status: 'reported' }));
    fireEvent.click(screen.getByRole('button', { name: '报告完成' }));
    await waitFor(() => expect(completeProject).toHaveBeenCalledWith('project-1', { content: '共更换楼道灯具 48 盏' }));
    expect(postProjectUpdate).not.toHaveBeenCalled();
  });

  it('is refused to whoever does not lead it, or once it may no longer be reported', async () => {
    jest.mocked(getProject).mockResolvedValue(aProjectDetail({ viewerActors: ['lead'], status: 'reported' }));
    useRouter.mockReturnValue({ params: { id: 'project-1', mode: 'complete' }, path: '/pages/project/update/index' });
    render(<ProjectUpdatePage />);
    expect(await screen.findByText(/这个项目现在不能报告完成/)).toBeInTheDocument();
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
  });
});
