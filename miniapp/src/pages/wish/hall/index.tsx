import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { type Me, WISH_CATEGORIES, WISH_CATEGORY_LABELS, type WishCategory } from '@huijia/shared';
import { Failed, Loading } from '../../../components/LoadState';
import { Chips } from '../../../components/wish/Chips';
import { EmptyState, PagedBody } from '../../../components/wish/PagedBody';
import { usePagedList } from '../../../components/wish/usePagedList';
import { WishCard } from '../../../components/wish/WishCard';
import { useMe } from '../../../hooks/useMe';
import { listWishes } from '../../../services/wishes';
import { WISH_ROUTES, wishDetailUrl } from '../../../subpackages/wishes';
import { buttonAria } from '../../../utils/a11y';
import { Page } from '../../../components/Page';
import '../wish.css';

type Scope = 'open' | 'all';
const SCOPES = [
  { value: 'open', label: '待认领' },
  { value: 'all', label: '全部' },
] as const;

const ALL = 'all';
type CategoryFilter = WishCategory | typeof ALL;
const CATEGORY_FILTERS = [
  { value: ALL, label: '全部类别' },
  ...WISH_CATEGORIES.map((value) => ({ value, label: WISH_CATEGORY_LABELS[value] })),
] as const;

/** The community whose hall a member sees: the one their confirmed report is with. */
function reportedCommunity(me: Me): { id: string; name: string } | null {
  const report = me.report;
  return report && report.status === 'confirmed' ? { id: report.communityId, name: report.communityName } : null;
}

/** 心愿大厅: the published wishes of the community the member reported to, to claim. */
export default function WishHallPage() {
  const { state, reload } = useMe();
  const [scope, setScope] = useState<Scope>('open');
  const [category, setCategory] = useState<CategoryFilter>(ALL);
  const community = state.kind === 'ready' ? reportedCommunity(state.value) : null;

  const list = usePagedList(
    (cursor) =>
      listWishes({
        communityId: community?.id,
        status: scope === 'open' ? 'published' : undefined,
        category: category === ALL ? undefined : category,
        cursor,
      }),
    [community?.id, scope, category],
    { enabled: community !== null },
  );

  if (state.kind === 'loading') {
    return (
      <Page className='wish-page'>
        <Loading />
      </Page>
    );
  }
  if (state.kind === 'failed') {
    return (
      <Page className='wish-page'>
        <Failed message={state.message} onRetry={reload} />
      </Page>
    );
  }
  if (!community) {
    return (
      <Page className='wish-page'>
        <EmptyState text='请先完成社区报到。报到经社区确认后，就能在这里看到并认领所在社区居民的心愿。' />
      </Page>
    );
  }

  return (
    <Page className='wish-page'>
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
        <Chips label='状态' options={SCOPES} value={scope} onChange={setScope} />
        <Chips label='类别' options={CATEGORY_FILTERS} value={category} onChange={setCategory} />
      </View>
      <PagedBody
        list={list}
        empty={
          <EmptyState
            text={
              scope === 'open'
                ? '暂时没有待认领的心愿。居民发布并经社区审核后会出现在这里，下拉可刷新。'
                : '这个社区还没有公开的心愿。'
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
    </Page>
  );
}
