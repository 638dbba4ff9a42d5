import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { Wish } from '@huijia/shared';
import { describeDeadline, formatTime } from '../../../utils/time';
import { Empty } from '../../../components/LoadState';
import { PagedBody } from '../../../components/PagedList';
import { RatingStars } from '../../../components/wish/RatingStars';
import { WishCard, WishRow } from '../../../components/wish/WishCard';
import { usePagedList } from '../../../hooks/usePagedList';
import { listWishes } from '../../../services/wishes';
import { WISH_ROUTES, wishDetailUrl } from '../../../subpackages/wishes';
import { buttonAria } from '../../../utils/a11y';
import { Page } from '../../../components/Page';
import '../wish.css';

function Deadline({ label, iso, now }: { label: string; iso: string; now: Date }) {
  const { text, urgent } = describeDeadline(iso, now);
  return <WishRow label={label} value={text} urgent={urgent} />;
}

/** Where a claim stands: the deadlines while it is open, then what came of it. */
function ClaimState({ wish, now }: { wish: Wish; now: Date }) {
  if (wish.status === 'claimed') {
    return (
      <View className='wish-card__extra'>
        {wish.contactedAt ? (
          <View className='wish-row'>
            <Text className='wish-row__label'>联系居民</Text>
            <Text className='wish-row__value wish-claims__contacted'>{`已联系 ${formatTime(wish.contactedAt)}`}</Text>
          </View>
        ) : (
          wish.contactDueAt && <Deadline label='联系截止' iso={wish.contactDueAt} now={now} />
        )}
        {wish.fulfilDueAt && <Deadline label='完成截止' iso={wish.fulfilDueAt} now={now} />}
      </View>
    );
  }
  if (wish.status === 'completed' && wish.rating !== null) {
    return (
      <View className='wish-card__extra wish-row'>
        <Text className='wish-row__label'>居民评价</Text>
        <RatingStars value={wish.rating} />
      </View>
    );
  }
  const notes: Partial<Record<Wish['status'], string>> = {
    fulfilled: '已提交完成情况，等待居民确认',
    disputed: '居民有异议，等待社区处理',
  };
  const note = notes[wish.status];
  return note ? (
    <View className='wish-card__extra'>
      <Text className='wish-mine__next'>{note}</Text>
    </View>
  ) : null;
}

/** What an open claim must do next, and by when: contact the resident, then fulfil. */
const nextDue = (wish: Wish) => (wish.contactedAt ? null : wish.contactDueAt) ?? wish.fulfilDueAt ?? '9999';

/** Open claims a member holds at once are few: read in one page. */
const OPEN_CLAIMS_PAGE = 100;

/**
 * My claims, as the list reads them: first the open ones, the most pressing deadline first; then
 * the rest, newest first, page by page (an open one met there again is not repeated).
 */
async function claimsPage(cursor: string | null) {
  const page = await listWishes({ claimedByMe: true, cursor });
  const rest = page.items.filter((wish) => wish.status !== 'claimed');
  if (cursor !== null) return { ...page, items: rest };
  const open = await listWishes({ claimedByMe: true, status: 'claimed', limit: OPEN_CLAIMS_PAGE });
  const pressing = [...open.items].sort((a, b) => nextDue(a).localeCompare(nextDue(b)));
  return { ...page, items: [...pressing, ...rest] };
}

/** 我的认领: the wishes I claimed, with the deadlines to contact the resident and to fulfil. */
export default function MyClaimsPage() {
  const list = usePagedList(claimsPage, []);
  const now = new Date();

  return (
    <Page className='wish-page'>
      <PagedBody
        list={list}
        empty={
          <Empty
            text='您还没有认领心愿。到心愿大厅看看所在社区居民的心愿吧。'
            action={
              <Text
                className='link'
                onClick={() => Taro.navigateTo({ url: WISH_ROUTES.hall })}
                {...buttonAria()}
              >
                去心愿大厅 ›
              </Text>
            }
          />
        }
        renderItem={(wish) => (
          <WishCard key={wish.id} wish={wish} onOpen={() => Taro.navigateTo({ url: wishDetailUrl(wish.id) })}>
            <ClaimState wish={wish} now={now} />
          </WishCard>
        )}
      />
    </Page>
  );
}
