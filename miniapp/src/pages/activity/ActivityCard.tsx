import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { type Activity, ACTIVITY_KIND_LABELS } from '@huijia/shared';
import { buttonAria } from '../../utils/a11y';
import { isFull, mySignupText, seatsText, statusOf, timeText } from './describe';
import '../../components/wish/wish.css';
import './activity.css';

/** Where it stands, as a coloured tag (报名中, 进行中, 已结束…). */
export function ActivityStatusTag({ activity, now }: { activity: Activity; now: Date }) {
  const { label, tone } = statusOf(activity, now);
  return <Text className={`wish-tag act-tag--${tone}`}>{label}</Text>;
}

interface ActivityCardProps {
  activity: Activity;
  now: Date;
  onOpen: () => void;
  /** What this list adds under the summary (hours, the organiser's next step). */
  children?: ReactNode;
}

/**
 * An activity in a list: title, status, kind, time, place, the places left and the waiting list,
 * and the viewer's own place; tapping opens its detail.
 */
export function ActivityCard({ activity, now, onOpen, children }: ActivityCardProps) {
  const mine = mySignupText(activity);
  const open = activity.status === 'published' && activity.phase !== 'ended';
  return (
    <View className='card wish-card'>
      <View className='wish-card__summary' onClick={onOpen} {...buttonAria()}>
        <View className='wish-card__head'>
          <Text className='wish-card__title'>{activity.title}</Text>
          <ActivityStatusTag activity={activity} now={now} />
        </View>
        <View className='wish-card__meta'>
          <Text className='wish-card__category'>{ACTIVITY_KIND_LABELS[activity.kind]}</Text>
          <Text>{activity.organiser.name}</Text>
        </View>
        <Text className='act-card__line'>{timeText(activity)}</Text>
        <Text className='act-card__line'>{activity.location}</Text>
        <View className='act-card__foot'>
          {open ? (
            <Text className={`act-card__seats${isFull(activity) ? ' act-card__seats--full' : ''}`}>{seatsText(activity)}</Text>
          ) : (
            <Text className='act-card__seats'>{`报名 ${activity.signedUp} 人`}</Text>
          )}
          {mine && <Text className='act-card__mine'>{mine}</Text>}
        </View>
      </View>
      {children}
    </View>
  );
}
