import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { PIONEER_ROLE_LABELS, type Wish, WISH_CATEGORY_LABELS } from '@huijia/shared';
import { buttonAria } from '../../utils/a11y';
import { formatTime } from '../../utils/time';
import { StatusTag } from './StatusTag';
import './wish.css';

interface WishCardProps {
  wish: Wish;
  onOpen: () => void;
  /** What this list adds under the summary (deadlines, a rating, actions). */
  children?: ReactNode;
}

/** A wish in a list: title, status, category, where and when; tapping opens its detail. */
export function WishCard({ wish, onOpen, children }: WishCardProps) {
  return (
    <View className='card wish-card'>
      <View className='wish-card__summary' onClick={onOpen} {...buttonAria()}>
        <View className='wish-card__head'>
          <Text className='wish-card__title'>{wish.title}</Text>
          <StatusTag status={wish.status} />
        </View>
        <View className='wish-card__meta'>
          <Text className='wish-card__category'>{WISH_CATEGORY_LABELS[wish.category]}</Text>
          {wish.pioneerRole && (
            <Text className='wish-card__role'>{PIONEER_ROLE_LABELS[wish.pioneerRole]}</Text>
          )}
          <Text className='wish-card__time'>{formatTime(wish.createdAt)}</Text>
        </View>
        <Text className='wish-card__desc'>{wish.description}</Text>
      </View>
      {children}
    </View>
  );
}

/** One labelled line about a wish (居民, 联系电话, a deadline, urgent ones in red). */
export function WishRow({ label, value, urgent }: { label: string; value: string; urgent?: boolean }) {
  return (
    <View className='wish-row'>
      <Text className='wish-row__label'>{label}</Text>
      <Text className={`wish-row__value${urgent ? ' wish-row__value--urgent' : ''}`}>{value}</Text>
    </View>
  );
}
