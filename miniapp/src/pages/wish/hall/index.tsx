import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { WISH_CATEGORIES, WISH_CATEGORY_LABELS, type WishCategory } from '@huijia/shared';
import { Empty } from '../../../components/LoadState';
import { PagedBody } from '../../../components/PagedList';
import { CommunityPage } from '../../../components/ScopedPage';
import { Chips } from '../../../components/wish/Chips';
import { WishCard } from '../../../components/wish/WishCard';
import { usePagedList } from '../../../hooks/usePagedList';
import type { Scope } from '../../../hooks/useScope';
import { listWishes } from '../../../services/wishes';
import { WISH_ROUTES, wishDetailUrl } from '../../../subpackages/wishes';
import { buttonAria } from '../../../utils/a11y';
import '../wish.css';

type StatusFilter = 'open' | 'all';
const STATUS_FILTERS = [
  { value: 'open', label: '待认领' },
  { value: 'all', label: '全部' },
] as const;

const ALL = 'all';
type CategoryFilter = WishCategory | typeof ALL;
const CATEGORY_FILTERS = [
  { value: ALL, label: '全部类别' },
  ...WISH_CATEGORIES.map((value) => ({ value, label: WISH_CATEGORY_LABELS[value] })),
] as const;

/** A community's hall: the wishes published there, by state and category. */
function Hall({ community }: { community: Scope }) {
  const [status, setStatus] = useState<StatusFilter>('open');
  const [category, setCategory] = useState<CategoryFilter>(ALL);
  const list = usePagedList(
    (cursor) =>
      listWishes({
        communityId: community.id,
        status: status === 'open' ? 'published' : undefined,
        category: category === ALL ? undefined : category,
        cursor,
      }),
    [community.id, status, category],
  );

  return (
    <>
      <View className='wish-filters'>
        <View className='wish-list-head wish-hall__head'>
          <Text className='wish-list-head__title'>{community.name}</Text>
          <Text
            className='link wish-hall__mine'
            onClick={() => Taro.navigateTo({ url: WISH_ROUTES.claims })}
            {...buttonAria()}
          >
            我的认领 ›
          </Text>
        </View>
        <Chips label='状态' options={STATUS_FILTERS} value={status} onChange={setStatus} />
        <Chips label='类别' options={CATEGORY_FILTERS} value={category} onChange={setCategory} />
      </View>
      <PagedBody
        list={list}
        empty={
          <Empty
            text={
              status === 'open'
                ? '暂时没有待认领的心愿。居民发布并经社区审核后会出现在这里，下拉可刷新。'
                : '这个社区还没有公开的心愿。居民发布并经社区审核后会出现在这里，下拉可刷新。'
            }
          />
        }
        renderItem={(wish) => (
          <WishCard key={wish.id} wish={wish} onOpen={() => Taro.navigateTo({ url: wishDetailUrl(wish.id) })}>
            <View className='wish-card__extra wish-row'>
              <Text className='wish-row__label'>{`居民 ${wish.residentName}`}</Text>
              <Text className='wish-row__value link'>{wish.status === 'published' ? '查看并认领 ›' : '查看 ›'}</Text>
            </View>
          </WishCard>
        )}
      />
    </>
  );
}

/** 心愿大厅: the published wishes of the community the member reported to, to claim. */
export default function WishHallPage() {
  return (
    <CommunityPage className='wish-page' refused='请先完成社区报到。报到经社区确认后，就能在这里看到并认领所在社区居民的心愿。'>
      {(community) => <Hall community={community} />}
    </CommunityPage>
  );
}
