import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Fragment, useState } from 'react';
import type { Me } from '@huijia/shared';
import { Empty, pageWhileLoading } from '../../../components/LoadState';
import { Page } from '../../../components/Page';
import { PagedBody } from '../../../components/PagedList';
import { dateValue } from '../../../components/service/format';
import { Chips } from '../../../components/wish/Chips';
import { useMe } from '../../../hooks/useMe';
import { usePagedList } from '../../../hooks/usePagedList';
import { useRemote } from '../../../hooks/useRemote';
import { reportedCommunity, scopesOf } from '../../../hooks/useScope';
import { openPage, ROUTES } from '../../../routes';
import { listActivities } from '../../../services/activities';
import { getOrg } from '../../../services/orgs';
import { ACTIVITY_ROUTES, activityDetailUrl } from '../../../subpackages/activities';
import { buttonAria } from '../../../utils/a11y';
import { ActivityCard } from '../ActivityCard';
import { dayOf, dayText } from '../describe';
import { useNow } from '../useNow';
import '../../../components/wish/wish.css';
import '../activity.css';

type Span = 'week' | 'next' | 'all';
const SPANS = [
  { value: 'week', label: '本周' },
  { value: 'next', label: '下周' },
  { value: 'all', label: '全部' },
] as const;

const EMPTY_TEXT: Record<Span, string> = {
  week: '本周没有活动。看看下周的，或点「全部」查看以后的活动。',
  next: '下周还没有活动。社区和结对单位发布后会出现在这里。',
  all: '社区近期没有活动。社区、志愿服务队和结对单位发布活动后会出现在这里，下拉可刷新。',
};

const addDays = (day: Date, days: number) => new Date(day.getFullYear(), day.getMonth(), day.getDate() + days);

/** The days a span covers (a week runs Monday to Sunday), from today on. */
function spanDays(span: Span, now: Date): { from: string; to?: string } {
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const sunday = addDays(today, 6 - ((today.getDay() + 6) % 7));
  if (span === 'week') return { from: dateValue(today), to: dateValue(sunday) };
  if (span === 'next') return { from: dateValue(addDays(sunday, 1)), to: dateValue(addDays(sunday, 7)) };
  return { from: dateValue(today) };
}

/** 今天 · 12月8日 周二 */
function dayHeading(day: string, now: Date): string {
  const [y, m, d] = day.split('-').map(Number);
  const at = new Date(y!, m! - 1, d!);
  const today = dateValue(now);
  const tomorrow = dateValue(addDays(now, 1));
  const prefix = day === today ? '今天 · ' : day === tomorrow ? '明天 · ' : '';
  return `${prefix}${dayText(at)}`;
}

/** A community's activities of the span chosen, soonest first, under the day they are on. */
function Hall({ communityId, name, member }: { communityId: string; name: string | null; member: boolean }) {
  const [span, setSpan] = useState<Span>('week');
  const now = useNow(60_000);
  const today = dateValue(now);
  const community = useRemote(name ? null : () => getOrg(communityId), [communityId, name]);
  // Asked again when the day turns, for the week that starts then.
  const list = usePagedList((cursor) => listActivities({ communityId, ...spanDays(span, new Date()), cursor }), [communityId, span, today]);
  const shownName = name ?? (community.state.kind === 'ready' ? community.state.value.name : '社区活动');

  // The first activity of each day carries the day's heading.
  const firstOfDay = new Set<string>();
  let previous = '';
  for (const activity of list.items) {
    const day = dayOf(activity.startsAt);
    if (day !== previous) firstOfDay.add(activity.id);
    previous = day;
  }

  return (
    <>
      <View className='wish-filters'>
        <View className='wish-list-head act-list-head'>
          <Text className='wish-list-head__title'>{shownName}</Text>
          {member && (
            <Text className='link' onClick={() => Taro.navigateTo({ url: ACTIVITY_ROUTES.mine })} {...buttonAria()}>
              我的活动 ›
            </Text>
          )}
        </View>
        <Chips label='时间' options={SPANS} value={span} onChange={setSpan} />
      </View>
      <PagedBody
        list={list}
        empty={<Empty text={EMPTY_TEXT[span]} />}
        renderItem={(activity) => (
          <Fragment key={activity.id}>
            {firstOfDay.has(activity.id) && <Text className='act-day'>{dayHeading(dayOf(activity.startsAt), now)}</Text>}
            <ActivityCard activity={activity} now={now} onOpen={() => Taro.navigateTo({ url: activityDetailUrl(activity.id) })} />
          </Fragment>
        )}
      />
    </>
  );
}

/**
 * Whose hall: the community a member reported to, else the one the user lives in, else (for staff)
 * the one they work for. The name is known at once for the first and the last.
 */
function hallCommunity(me: Me): { id: string; name: string | null } | null {
  const reported = reportedCommunity(me);
  if (reported) return reported;
  if (me.user.homeCommunityId) return { id: me.user.homeCommunityId, name: null };
  return scopesOf(me, 'community_staff')[0] ?? null;
}

/** 社区活动: the activities of the user's community, by week and day. */
export default function ActivityHallPage() {
  const { state, reload } = useMe();
  if (state.kind !== 'ready') return pageWhileLoading(state, reload);
  const community = hallCommunity(state.value);
  if (!community) {
    return (
      <Page className='wish-page'>
        <View className='state'>
          <Text className='state__text'>这里是您所在社区的活动，请先设置所在社区；在职党员完成社区报到后即可报名参加。</Text>
          <View className='wish-state-link' onClick={() => openPage(ROUTES.me)} {...buttonAria()}>
            <Text className='link'>去「我的」设置所在社区 ›</Text>
          </View>
        </View>
      </Page>
    );
  }
  return (
    <Page className='wish-page'>
      <Hall
        key={community.id}
        communityId={community.id}
        name={community.name}
        member={state.value.roles.some((grant) => grant.role === 'member')}
      />
    </Page>
  );
}
