import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useCallback } from 'react';
import { type Project, PROJECT_CATEGORY_LABELS, type ProjectDetail } from '@huijia/shared';
import { Page } from '../../../components/Page';
import { RatingStars } from '../../../components/wish/RatingStars';
import { WishRow } from '../../../components/wish/WishCard';
import { detailPlaceholder, useDetail } from '../../../hooks/useDetail';
import { getProject } from '../../../services/projects';
import { recordFormUrl } from '../../../subpackages/service';
import { buttonAria } from '../../../utils/a11y';
import { formatTime } from '../../../utils/time';
import { dueText, isLate, leadText, needsText } from '../describe';
import { ProjectActions } from '../ProjectActions';
import { OverdueTag } from '../../../components/wish/StatusTag';
import { ProjectStatusTag } from '../ProjectCard';
import { Timeline } from '../Timeline';
import '../../../components/wish/wish.css';
import '../project.css';

/** Service records are logged against a project while it is carried out. */
const loggable = (p: Project) => p.mayLogRecords && (p.status === 'claimed' || p.status === 'reported');

function ProjectView({ project, onChange, onStale }: { project: ProjectDetail; onChange: (p: Project) => void; onStale: () => void }) {
  const late = isLate(project);
  return (
    <Page className='wish-page'>
      <View className='card'>
        <View className='wish-card__head'>
          <Text className='wish-card__title'>{project.title}</Text>
          {late && <OverdueTag />}
          <ProjectStatusTag status={project.status} />
        </View>
        <View className='wish-card__meta'>
          <Text className='wish-card__category'>{PROJECT_CATEGORY_LABELS[project.category]}</Text>
          <Text className='wish-card__role'>{project.communityName}</Text>
        </View>
        <Text className='proj-text'>{project.description}</Text>
        {project.sentBackReason && <Text className='wish-detail__reason'>{`社区退回整改：${project.sentBackReason}`}</Text>}
      </View>

      <View className='card'>
        <WishRow label='负责方' value={leadText(project)} />
        <WishRow label='完成期限' value={late ? `${dueText(project)}，已超期` : dueText(project)} urgent={late} />
        {project.needs.length > 0 && <WishRow label='所需资源' value={needsText(project)} />}
        <WishRow label='发布时间' value={formatTime(project.publishedAt)} />
        {project.claimedAt && <WishRow label='认领时间' value={formatTime(project.claimedAt)} />}
        {project.reportedAt && project.status === 'reported' && <WishRow label='报告完成' value={formatTime(project.reportedAt)} />}
        {project.completedAt && <WishRow label='验收时间' value={formatTime(project.completedAt)} />}
        <WishRow label='进展' value={`${project.updateCount} 条`} />
      </View>

      {(project.rating || project.myStars) && (
        <View className='card'>
          <Text className='card__title'>居民评价</Text>
          {project.rating && (
            <WishRow label='平均评分' value={`${project.rating.average.toFixed(1)} 分（${project.rating.count} 人评价）`} />
          )}
          {project.myStars !== null && (
            <View className='wish-row'>
              <Text className='wish-row__label'>我的评价</Text>
              <RatingStars value={project.myStars} />
            </View>
          )}
        </View>
      )}

      <Timeline events={project.events} />

      <ProjectActions project={project} onChange={onChange} onStale={onStale} />

      {loggable(project) && (
        <Text
          className='link proj-link'
          onClick={() => void Taro.navigateTo({ url: recordFormUrl({ source: 'project', sourceId: project.id }) })}
          {...buttonAria()}
        >
          为本项目记录服务 ›
        </Text>
      )}
    </Page>
  );
}

/** 项目详情 (`?id=`): the project, its timeline, and the steps this viewer may take on it. */
export default function ProjectDetailPage() {
  const id = useRouter().params.id ?? '';
  const detail = useDetail(id, getProject, '项目');
  const { load, replace: show } = detail;

  /** An action's answer (without the timeline): shown at once, the timeline kept, then read afresh. */
  const replace = useCallback(
    (project: Project) => {
      show((shown) => ({ ...project, events: shown?.events ?? [] }));
      void load(true);
    },
    [show, load],
  );

  if (detail.state.kind !== 'ready') return detailPlaceholder(detail);
  return <ProjectView project={detail.state.value} onChange={replace} onStale={() => void load(true)} />;
}
