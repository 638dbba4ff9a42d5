import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { Activity } from '@huijia/shared';
import { ActionButton } from '../../../components/ActionButton';
import { Empty } from '../../../components/LoadState';
import { Page } from '../../../components/Page';
import { PagedBody } from '../../../components/PagedList';
import { formatHours } from '../../../components/service/format';
import { usePagedList } from '../../../hooks/usePagedList';
import { listActivities } from '../../../services/activities';
import { ACTIVITY_ROUTES, activityDetailUrl } from '../../../subpackages/activities';
import { formatClock } from '../../../utils/time';
import { ActivityCard } from '../ActivityCard';
import { checkinOpensAt, myMinutes } from '../describe';
import { useNow } from '../useNow';
import '../../../components/wish/wish.css';
import '../activity.css';

const openHall = () => Taro.navigateTo({ url: ACTIVITY_ROUTES.hall });

/** What a sign-up comes to, under its card: when to check in, the hours attended, or why not. */
function Outcome({ activity }: { activity: Activity }) {
  const mine = activity.mySignup;
  if (!mine || mine.status !== 'signed_up') return null;
  let line: string | null = null;
  if (activity.status === 'called_off') line = activity.cancelReason ? `活动已取消：${activity.cancelReason}` : '活动已取消';
  else if (activity.phase === 'before') line = `${formatClock(checkinOpensAt(activity).toISOString())} 起开放签到`;
  else if (activity.phase === 'checkin' && !mine.checkedInAt) line = '签到已开放，到场后请扫码签到';
  else if (activity.phase === 'checkin' && !mine.checkedOutAt) line = '离开时请签退';
  else if (activity.phase === 'ended' && !mine.checkedInAt) line = '未签到，不计服务时长';
  else if (activity.phase === 'ended') {
    const hours = formatHours(myMinutes(activity));
    line = activity.status === 'confirmed' ? `已确认服务时长 ${hours}，计入服务记录` : `签到时长 ${hours}，待组织者确认`;
  }
  if (!line) return null;
  return (
    <View className='wish-card__extra'>
      <Text className='act-card__line'>{line}</Text>
    </View>
  );
}

/** 我的活动: the member's sign-ups (places and waiting), soonest first, with what each came to. */
export default function MyActivitiesPage() {
  const now = useNow(60_000);
  const list = usePagedList((cursor) => listActivities({ mine: true, cursor }), []);
  return (
    <Page className='wish-page'>
      <View className='wish-list-head'>
        <Text className='wish-list-head__title'>我报名的活动</Text>
        <ActionButton small onClick={openHall}>
          社区活动
        </ActionButton>
      </View>
      <PagedBody
        list={list}
        empty={
          <Empty
            text='您还没有报名活动。在「社区活动」里选择一个活动报名，到场扫码签到，结束后计入服务时长。'
            action={
              <ActionButton variant='plain' small onClick={openHall}>
                去看看社区活动
              </ActionButton>
            }
          />
        }
        renderItem={(activity) => (
          <ActivityCard key={activity.id} activity={activity} now={now} onOpen={() => Taro.navigateTo({ url: activityDetailUrl(activity.id) })}>
            <Outcome activity={activity} />
          </ActivityCard>
        )}
      />
    </Page>
  );
}
