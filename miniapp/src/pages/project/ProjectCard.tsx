import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { type Project, PROJECT_CATEGORY_LABELS, PROJECT_STATE_LABELS, type ProjectState } from '@huijia/shared';
import { OverdueTag } from '../../components/wish/StatusTag';
import { buttonAria } from '../../utils/a11y';
import { dueText, isLate, leadText } from './describe';
import '../../components/wish/wish.css';
import './project.css';

/** The status as a coloured tag (待认领, 实施中, 待验收, 已完成, 已撤回). */
export function ProjectStatusTag({ status }: { status: ProjectState }) {
  return <Text className={`wish-tag proj-tag--${status}`}>{PROJECT_STATE_LABELS[status]}</Text>;
}

interface ProjectCardProps {
  project: Project;
  onOpen: () => void;
  /** Name the community (a list across communities). */
  showCommunity?: boolean;
  children?: ReactNode;
}

/** A project in a list: title, status, category, lead, due date (超期), updates; tapping opens it. */
export function ProjectCard({ project, onOpen, showCommunity = false, children }: ProjectCardProps) {
  const late = isLate(project);
  return (
    <View className={`card wish-card${late ? ' wish-card--overdue' : ''}`}>
      <View className='wish-card__summary' onClick={onOpen} {...buttonAria()}>
        <View className='wish-card__head'>
          <Text className='wish-card__title'>{project.title}</Text>
          {late && <OverdueTag />}
          <ProjectStatusTag status={project.status} />
        </View>
        <View className='wish-card__meta'>
          <Text className='wish-card__category'>{PROJECT_CATEGORY_LABELS[project.category]}</Text>
          {showCommunity && <Text className='wish-card__role'>{project.communityName}</Text>}
          <Text className='wish-card__time'>{`${project.updateCount} 条进展`}</Text>
        </View>
        <Text className='proj-card__line'>{`负责：${leadText(project)}`}</Text>
        <Text className={`proj-card__line${late ? ' proj-card__line--late' : ''}`}>{`完成期限：${dueText(project)}`}</Text>
      </View>
      {children}
    </View>
  );
}
