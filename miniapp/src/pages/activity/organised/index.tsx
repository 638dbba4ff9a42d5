import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { Activity } from '@huijia/shared';
import { ActionButton } from '../../../components/ActionButton';
import { Empty } from '../../../components/LoadState';
import { Page } from '../../../components/Page';
import { PagedBody } from '../../../components/PagedList';
import { usePagedList } from '../../../hooks/usePagedList';
import { listActivities } from '../../../services/activities';
import { activityDetailUrl, activityFormUrl, attendanceUrl, checkinScreenUrl } from '../../../subpackages/activities';
import { ActivityCard } from '../ActivityCard';
import { showsCheckinCode } from '../describe';
import { useNow } from '../useNow';
import '../../../components/wish/wish.css';
import '../activity.css';

const go = (url: string) => () => Taro.navigateTo({ url });

/** The organiser's next step on a card: the check-in code while it runs, the hours once over. */
function NextStep({ activity }: { activity: Activity }) {
  const live = showsCheckinCode(activity) && activity.phase === 'checkin';
  const toConfirm = activity.status === 'published' && activity.phase === 'ended';
  if (!live && !toConfirm) return null;
  return (
    <View className='wish-card__extra act-card__todo'>
      {live && (
        <ActionButton small onClick={go(checkinScreenUrl(activity.id))}>
          签到码
        </ActionButton>
      )}
      {toConfirm && (
        <ActionButton small onClick={go(attendanceUrl(activity.id))}>
          确认时长
        </ActionButton>
      )}
    </View>
  );
}

/**
 * 组织活动 (community staff, a volunteer team's leader, a paired unit's admin): the activities the
 * user organises, and 发布活动.
 */
export default function OrganisedActivitiesPage() {
  const now = useNow(60_000);
  const list = usePagedList((cursor) => listActivities({ organised: true, cursor }), []);
  return (
    <Page className='wish-page'>
      <View className='wish-list-head'>
        <Text className='wish-list-head__title'>我组织的活动</Text>
        <ActionButton small onClick={go(activityFormUrl())}>
          发布活动
        </ActionButton>
      </View>
      <PagedBody
        list={list}
        empty={
          <Empty
            text='您还没有组织活动。发布主题活动、组团服务或定点服务，党员报名后到场扫码签到，结束后一键确认服务时长。'
            action={
              <ActionButton variant='plain' small onClick={go(activityFormUrl())}>
                发布活动
              </ActionButton>
            }
          />
        }
        renderItem={(activity) => (
          <ActivityCard key={activity.id} activity={activity} now={now} onOpen={go(activityDetailUrl(activity.id))}>
            <NextStep activity={activity} />
          </ActivityCard>
        )}
      />
    </Page>
  );
}
