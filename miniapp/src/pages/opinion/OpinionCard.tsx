import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { type Opinion, OPINION_CATEGORY_LABELS, OPINION_LEVEL_LABELS, OPINION_STATE_LABELS, type OpinionState } from '@huijia/shared';
import { OverdueTag } from '../../components/wish/StatusTag';
import { buttonAria } from '../../utils/a11y';
import { formatTime } from '../../utils/time';
import { placeText } from './describe';
import '../../components/wish/wish.css';
import './opinion.css';

/** An opinion's status as a coloured tag (办理中, 已办结, 已关闭). */
export function OpinionStatusTag({ status }: { status: OpinionState }) {
  return <Text className={`wish-tag opinion-tag--${status}`}>{OPINION_STATE_LABELS[status]}</Text>;
}

interface OpinionCardProps {
  opinion: Opinion;
  onOpen: () => void;
  /** What this list adds under the summary (the path, seconds, a reply, actions). */
  children?: ReactNode;
}

/**
 * An opinion in a list: title, status, category, level, where and when; tapping opens its detail.
 * Never the reporter: a list is seen by neighbours too.
 */
export function OpinionCard({ opinion, onOpen, children }: OpinionCardProps) {
  const late = opinion.status === 'open' && opinion.overdue;
  return (
    <View className={`card wish-card${late ? ' wish-card--overdue' : ''}`}>
      <View className='wish-card__summary' onClick={onOpen} {...buttonAria()}>
        <View className='wish-card__head'>
          <Text className='wish-card__title'>{opinion.title}</Text>
          {late && <OverdueTag />}
          <OpinionStatusTag status={opinion.status} />
        </View>
        <View className='wish-card__meta'>
          <Text className='wish-card__category'>{OPINION_CATEGORY_LABELS[opinion.category]}</Text>
          <Text className='wish-card__role'>{OPINION_LEVEL_LABELS[opinion.level]}</Text>
          <Text className='wish-card__time'>{formatTime(opinion.createdAt)}</Text>
        </View>
        <Text className='opinion-card__place'>{placeText(opinion)}</Text>
      </View>
      {children}
    </View>
  );
}
