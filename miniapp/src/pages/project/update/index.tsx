import Taro, { useRouter } from '@tarojs/taro';
import { useEffect } from 'react';
import { PROJECT_UPDATABLE_STATES, type ProjectDetail } from '@huijia/shared';
import { Empty } from '../../../components/LoadState';
import { Page } from '../../../components/Page';
import { detailPlaceholder, useDetail } from '../../../hooks/useDetail';
import { getProject } from '../../../services/projects';
import type { ProjectUpdateMode } from '../../../subpackages/projects';
import { projectButtonsFor } from '../describe';
import { UpdateForm } from '../UpdateForm';
import '../../../components/wish/wish.css';

/** Whether the lead may still take this step: 发布进展 while it is carried out, 报告完成 while claimed. */
function allowed(project: ProjectDetail, mode: ProjectUpdateMode): boolean {
  if (mode === 'complete') return projectButtonsFor(project).includes('complete');
  return project.viewerActors.includes('lead') && PROJECT_UPDATABLE_STATES.includes(project.status);
}

/** 发布进展 / 报告完成 (`?id=&mode=progress|complete`): the lead's form, then back to the project. */
export default function ProjectUpdatePage() {
  const params = useRouter().params;
  const mode: ProjectUpdateMode = params.mode === 'complete' ? 'complete' : 'progress';
  const detail = useDetail(params.id ?? '', getProject, '项目');

  useEffect(() => {
    if (mode === 'complete') Taro.setNavigationBarTitle({ title: '报告完成' }).catch(() => undefined);
  }, [mode]);

  if (detail.state.kind !== 'ready') return detailPlaceholder(detail);
  const project = detail.state.value;
  return (
    <Page className='wish-page'>
      {allowed(project, mode) ? (
        <UpdateForm
          project={project}
          mode={mode}
          onDone={() => setTimeout(() => void Taro.navigateBack(), 800)}
          onStale={() => void detail.load(true)}
        />
      ) : (
        <Empty text={mode === 'complete' ? '这个项目现在不能报告完成：只有负责方能在实施中报告完成。' : '只有项目负责方能在实施期间发布进展。'} />
      )}
    </Page>
  );
}
