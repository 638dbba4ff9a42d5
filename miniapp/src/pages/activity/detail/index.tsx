import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import {
  type Activity,
  type ActivityAction,
  ACTIVITY_AUDIENCE_LABELS,
  ACTIVITY_KIND_LABELS,
  callOffActivityBodySchema,
  PIONEER_ROLE_LABELS,
} from '@huijia/shared';
import { ActionButton } from '../../../components/ActionButton';
import { Page } from '../../../components/Page';
import { formatHours } from '../../../components/service/format';
import { ReasonSheet } from '../../../components/Sheet';
import { WishRow } from '../../../components/wish/WishCard';
import { useAction } from '../../../hooks/useAction';
import { detailPlaceholder, useDetail } from '../../../hooks/useDetail';
import { callOffActivity, cancelSignup, getActivity, signUp } from '../../../services/activities';
import { askToSubscribe, prefetchSubscribeTemplates } from '../../../services/subscribe';
import { activityDetailUrl, activityFormUrl, attendanceUrl, checkinScreenUrl } from '../../../subpackages/activities';
import { SERVICE_ROUTES } from '../../../subpackages/service';
import { buttonAria } from '../../../utils/a11y';
import { shareCard } from '../../../utils/share';
import { formatClock, formatTime } from '../../../utils/time';
import { toastDone } from '../../../utils/toast';
import { ActivityStatusTag } from '../ActivityCard';
import {
  activityActionsFor,
  checkinOpensAt,
  isFull,
  myMinutes,
  ORGANISER_KIND_LABELS,
  seatsText,
  showsCheckinCode,
  timeText,
} from '../describe';
import { useNow } from '../useNow';
import { CheckinBox } from './CheckinBox';
import '../../../components/wish/wish.css';
import '../activity.css';

type Busy = 'signup' | 'cancel' | 'callOff';

/** What a member does here: the card of their own place shows for these. */
const MEMBER_STEPS: readonly ActivityAction[] = ['signup', 'cancel', 'checkin', 'checkout'];

/** 取消报名: what happens to the place given up. */
function cancelQuestion(activity: Activity) {
  const waiting = activity.mySignup?.status === 'waitlisted';
  const content = waiting
    ? '取消后您将退出候补名单。确定取消报名吗？'
    : activity.waitlisted > 0
      ? '取消后您的名额将由候补第 1 位的党员递补，不能恢复。确定取消报名吗？'
      : '取消后名额将开放给其他党员报名。确定取消报名吗？';
  return { title: '取消报名', content, confirmText: '取消报名' };
}

/** The member's own place: taken, waited for, checked in or out, and the steps they may take. */
function MyPlace({ activity, actions, busy, onAct, onChanged }: {
  activity: Activity;
  actions: ActivityAction[];
  busy: Busy | null;
  onAct: (action: 'signup' | 'cancel') => void;
  onChanged: (activity: Activity) => void;
}) {
  const mine = activity.mySignup && activity.mySignup.status !== 'cancelled' ? activity.mySignup : null;
  const step = actions.includes('checkin') ? 'checkin' : actions.includes('checkout') ? 'checkout' : null;
  const minutes = myMinutes(activity);
  const open = activity.status === 'published';
  return (
    <View className='card'>
      <Text className='card__title'>我的报名</Text>
      {mine?.status === 'waitlisted' && (
        <>
          <Text className='act-mine'>{mine.position ? `候补第 ${mine.position} 位` : '候补中'}</Text>
          <Text className='card__hint'>名额已满。已报名的党员取消时，候补按顺序自动递补，递补后会通知您。</Text>
        </>
      )}
      {mine?.status === 'signed_up' && (
        <>
          <Text className='act-mine'>
            {activity.status === 'called_off' ? '活动已取消' : mine.checkedOutAt ? '已签退' : mine.checkedInAt ? '已签到' : '已报名'}
          </Text>
          {mine.checkedInAt && <WishRow label='签到时间' value={formatTime(mine.checkedInAt)} />}
          {mine.checkedOutAt && <WishRow label='签退时间' value={formatTime(mine.checkedOutAt)} />}
          {open && activity.phase === 'before' && (
            <Text className='card__hint'>{`${formatClock(checkinOpensAt(activity).toISOString())} 起开放签到，到场后扫描组织者出示的签到码。`}</Text>
          )}
          {activity.phase === 'ended' && mine.checkedInAt && (
            <WishRow label='签到时长' value={`${formatHours(minutes)}${activity.status === 'confirmed' ? '' : '（待组织者确认）'}`} />
          )}
          {activity.phase === 'ended' && !mine.checkedInAt && activity.status !== 'called_off' && (
            <Text className='card__hint'>您没有签到，这次活动不计服务时长。</Text>
          )}
          {activity.status === 'confirmed' && mine.checkedInAt && (
            <View className='wish-row' onClick={() => Taro.navigateTo({ url: SERVICE_ROUTES.myRecords })} {...buttonAria()}>
              <Text className='wish-row__label'>时长已确认</Text>
              <Text className='wish-row__value link'>查看服务记录 ›</Text>
            </View>
          )}
        </>
      )}
      {!mine && actions.includes('signup') && (
        <Text className='card__hint'>{isFull(activity) ? '名额已满，报名后进入候补，有人取消时按顺序递补。' : '报名后请按时参加，到场扫码签到，结束时签退。'}</Text>
      )}
      {step && <CheckinBox key={step} activityId={activity.id} step={step} onDone={onChanged} />}
      {(actions.includes('cancel') || actions.includes('signup')) && (
        <View className='act-actions'>
          {actions.includes('cancel') && (
            <View className='act-action'>
              <ActionButton variant='plain' busy={busy === 'cancel'} disabled={busy !== null && busy !== 'cancel'} onClick={() => onAct('cancel')}>
                取消报名
              </ActionButton>
            </View>
          )}
          {actions.includes('signup') && (
            <View className='act-action'>
              <ActionButton busy={busy === 'signup'} disabled={busy !== null && busy !== 'signup'} onClick={() => onAct('signup')}>
                {isFull(activity) ? '候补报名' : '我要报名'}
              </ActionButton>
            </View>
          )}
        </View>
      )}
    </View>
  );
}

/** The organiser's card: the counts, and 取消活动 | 编辑 | 签到码, then 确认时长 after the end. */
function OrganiserCard({ activity, actions, busy, onCallOff }: {
  activity: Activity;
  actions: ActivityAction[];
  busy: Busy | null;
  onCallOff: () => void;
}) {
  const go = (url: string) => () => Taro.navigateTo({ url });
  const code = showsCheckinCode(activity);
  const confirmed = activity.status === 'confirmed';
  return (
    <View className='card'>
      <Text className='card__title'>组织者</Text>
      <WishRow label='报名情况' value={`已报名 ${activity.signedUp} / 名额 ${activity.capacity} 人${activity.waitlisted > 0 ? `，候补 ${activity.waitlisted} 人` : ''}`} />
      {activity.status === 'published' && activity.phase === 'ended' && (
        <Text className='card__hint'>活动已结束：请核对签到情况，确认后计入每人的服务时长和积分。</Text>
      )}
      {confirmed && activity.confirmedAt && <WishRow label='确认时长' value={formatTime(activity.confirmedAt)} />}
      <View className='act-actions'>
        {actions.includes('callOff') && (
          <View className='act-action'>
            <ActionButton variant='plain' busy={busy === 'callOff'} disabled={busy !== null} onClick={onCallOff}>
              取消活动
            </ActionButton>
          </View>
        )}
        {actions.includes('edit') && (
          <View className='act-action'>
            <ActionButton variant='plain' disabled={busy !== null} onClick={go(activityFormUrl(activity.id))}>
              编辑
            </ActionButton>
          </View>
        )}
        {code && (
          <View className='act-action'>
            <ActionButton disabled={busy !== null} onClick={go(checkinScreenUrl(activity.id))}>
              签到码
            </ActionButton>
          </View>
        )}
        {actions.includes('confirm') && (
          <View className='act-action'>
            <ActionButton disabled={busy !== null} onClick={go(attendanceUrl(activity.id))}>
              确认时长
            </ActionButton>
          </View>
        )}
        {confirmed && (
          <View className='act-action'>
            <ActionButton variant='plain' onClick={go(attendanceUrl(activity.id))}>
              查看时长记录
            </ActionButton>
          </View>
        )}
      </View>
    </View>
  );
}

function ActivityView({ activity, onChange, onStale }: { activity: Activity; onChange: (activity: Activity) => void; onStale: () => void }) {
  const now = useNow(30_000);
  const [callingOff, setCallingOff] = useState(false);
  const { busy, run } = useAction<Busy>(onStale);
  useEffect(prefetchSubscribeTemplates, []);
  const actions = activityActionsFor(activity, now);
  const organiser = activity.viewerActors.includes('organiser');
  const placed = activity.mySignup !== null && activity.mySignup.status !== 'cancelled';
  const member = placed || actions.some((action) => MEMBER_STEPS.includes(action));
  const late = activity.viewerActors.includes('eligible') && !member && activity.status === 'published';

  const act = async (action: 'signup' | 'cancel') => {
    if (action === 'signup') {
      // Asked at the tap, before the request (WeChat shows the panel only then): 候补转正, 变更, 取消.
      await askToSubscribe('activity.signed_up');
      const result = await run('signup', () => signUp(activity.id));
      if (!result) return;
      toastDone(result.waitlisted ? `名额已满，已进入候补第 ${result.position ?? ''} 位` : '报名成功');
      onChange(result.activity);
      return;
    }
    const changed = await run('cancel', () => cancelSignup(activity.id), { ask: cancelQuestion(activity), done: '已取消报名' });
    if (changed) onChange(changed);
  };

  const callOff = async (reason: string) => {
    const told = activity.signedUp + activity.waitlisted;
    const changed = await run('callOff', () => callOffActivity(activity.id, reason), {
      ask: {
        title: '取消活动',
        content: `取消后「${activity.title}」不再举行，也不能恢复${told > 0 ? `；已报名和候补的 ${told} 人都会收到通知` : ''}。确定取消吗？`,
        confirmText: '取消活动',
      },
      done: '已取消活动',
    });
    if (!changed) return;
    setCallingOff(false);
    onChange(changed);
  };

  const open = activity.status === 'published' && activity.phase !== 'ended';
  return (
    <Page className='wish-page'>
      <View className='card'>
        <View className='wish-detail__head'>
          <Text className='wish-detail__title'>{activity.title}</Text>
          <ActivityStatusTag activity={activity} now={now} />
        </View>
        <View className='wish-card__meta'>
          <Text className='wish-card__category'>{ACTIVITY_KIND_LABELS[activity.kind]}</Text>
          {activity.pioneerRole && <Text className='wish-card__role'>{PIONEER_ROLE_LABELS[activity.pioneerRole]}</Text>}
          <Text>{activity.communityName}</Text>
        </View>
        <Text className='wish-detail__desc'>{activity.description}</Text>
        <WishRow label='活动时间' value={timeText(activity)} />
        <WishRow label='活动地点' value={activity.location} />
        <WishRow label='组织者' value={`${ORGANISER_KIND_LABELS[activity.organiser.kind]} · ${activity.organiser.name}`} />
        {activity.organiser.publisherName && <WishRow label='发布人' value={activity.organiser.publisherName} />}
        <WishRow label='名额' value={open ? `${activity.capacity} 人，${seatsText(activity)}` : `${activity.capacity} 人，报名 ${activity.signedUp} 人`} urgent={activity.status === 'published' && activity.phase === 'before' && isFull(activity)} />
        <WishRow label='报名对象' value={ACTIVITY_AUDIENCE_LABELS[activity.audience]} />
        {activity.status === 'called_off' && <Text className='wish-detail__notice'>{`活动已取消${activity.cancelReason ? `：${activity.cancelReason}` : ''}`}</Text>}
        {activity.status === 'published' && activity.phase === 'before' && activity.viewerActors.length === 0 && (
          <Text className='card__hint'>{`仅${ACTIVITY_AUDIENCE_LABELS[activity.audience]}可以报名，活动开始前可取消。`}</Text>
        )}
        {late && <Text className='card__hint'>{activity.phase === 'ended' ? '活动已结束。' : '活动已开始，报名已截止。'}</Text>}
      </View>

      {member && <MyPlace activity={activity} actions={actions} busy={busy} onAct={(action) => void act(action)} onChanged={onChange} />}
      {organiser && <OrganiserCard activity={activity} actions={actions} busy={busy} onCallOff={() => setCallingOff(true)} />}

      {callingOff && (
        <ReasonSheet
          title='取消活动'
          label='取消原因（报名的党员会看到）'
          placeholder='如：天气原因活动延期，另行通知'
          submitLabel='确认取消'
          warning='取消后活动不再举行，也不能恢复；已报名和候补的党员都会收到通知。'
          schema={callOffActivityBodySchema}
          maxlength={200}
          busy={busy === 'callOff'}
          onSubmit={(reason) => void callOff(reason)}
          onClose={() => setCallingOff(false)}
        />
      )}
    </Page>
  );
}

/** 活动详情 (`?id=`): the activity, the viewer's place in it, and the steps they may take. */
export default function ActivityDetailPage() {
  const id = useRouter().params.id ?? '';
  const detail = useDetail(id, getActivity, '活动');
  const { state, load } = detail;

  // The steps open and close by the clock: read it again when check-in opens and when it ends.
  const activity = state.kind === 'ready' ? state.value : null;
  useEffect(() => {
    if (!activity || activity.status !== 'published') return undefined;
    const now = Date.now();
    const next = [checkinOpensAt(activity).getTime(), Date.parse(activity.endsAt) + 1000].find((at) => at > now);
    // Within a day; beyond that the page is reloaded when it shows again anyway.
    if (next === undefined || next - now > 24 * 60 * 60_000) return undefined;
    const timer = setTimeout(() => void load(true), next - now + 1000);
    return () => clearTimeout(timer);
  }, [activity, load]);

  // 转发: a card that opens this activity, titled with its own title, on the app's picture.
  useShareAppMessage(() => shareCard(activity ? activity.title : '社区活动', activityDetailUrl(id)));

  if (state.kind !== 'ready') return detailPlaceholder(detail);
  return <ActivityView activity={state.value} onChange={detail.replace} onStale={() => void load(true)} />;
}
