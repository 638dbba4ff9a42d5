import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { DISPUTE_RATING_MAX, wishMachine } from '@huijia/shared';
import { ActionButton } from '../../../components/ActionButton';
import { Empty } from '../../../components/LoadState';
import { PagedBody } from '../../../components/PagedList';
import { RolePage } from '../../../components/ScopedPage';
import { ScopeSwitch } from '../../../components/ScopeSwitch';
import { RatingStars } from '../../../components/wish/RatingStars';
import { ResolveSheet } from '../../../components/wish/ResolveSheet';
import { WishCard, WishRow } from '../../../components/wish/WishCard';
import { usePagedList } from '../../../hooks/usePagedList';
import type { ScopeChoice } from '../../../hooks/useScope';
import { listWishes } from '../../../services/wishes';
import { wishDetailUrl } from '../../../subpackages/wishes';
import '../../../components/wish/wish.css';

/** A community's disputed wishes. */
function Disputes({ choice }: { choice: ScopeChoice }) {
  const community = choice.current;
  const list = usePagedList(
    (cursor) => listWishes({ communityId: community.id, status: 'disputed', cursor }),
    [community.id],
  );
  const [resolving, setResolving] = useState<string | null>(null);

  const drop = (id: string) => list.update((items) => items.filter((wish) => wish.id !== id));

  return (
    <>
      <ScopeSwitch choice={choice} />
      <View className='wish-filters'>
        <Text className='card__hint wish-staff__hint'>
          {`${community.name} · 居民评价 ${DISPUTE_RATING_MAX} 分及以下的心愿。核实后认定完成，或重新发布由其他党员认领。`}
        </Text>
      </View>
      <PagedBody
        list={list}
        empty={<Empty text='没有待处理的异议。居民评价偏低时，心愿会转到这里，由您核实处理，下拉可刷新。' />}
        renderItem={(wish) => (
          <WishCard key={wish.id} wish={wish} onOpen={() => Taro.navigateTo({ url: wishDetailUrl(wish.id) })}>
            <View className='wish-card__extra'>
              {wish.rating !== null && (
                <View className='wish-row'>
                  <Text className='wish-row__label'>居民评价</Text>
                  <RatingStars value={wish.rating} />
                </View>
              )}
              {wish.comment && <WishRow label='居民意见' value={wish.comment} />}
              {wish.claimantName && <WishRow label='认领党员' value={wish.claimantName} />}
              {wish.fulfilNote && <WishRow label='完成说明' value={wish.fulfilNote} />}
              {wishMachine.available(wish.viewerActors, wish.status).includes('resolve') && (
                <View className='wish-card__actions'>
                  <ActionButton small onClick={() => setResolving(wish.id)}>
                    处理异议
                  </ActionButton>
                </View>
              )}
            </View>
          </WishCard>
        )}
      />
      {resolving && (
        <ResolveSheet
          wishId={resolving}
          onDone={() => {
            drop(resolving);
            setResolving(null);
          }}
          onClose={() => setResolving(null)}
          onStale={() => {
            setResolving(null);
            list.reload();
          }}
        />
      )}
    </>
  );
}

/** 心愿异议: wishes the resident rated badly, for staff to settle as done or to publish again. */
export default function DisputesPage() {
  return (
    <RolePage role='community_staff' className='wish-page' refused='只有社区工作人员可以处理心愿异议。'>
      {(choice) => <Disputes key={choice.current.id} choice={choice} />}
    </RolePage>
  );
}
