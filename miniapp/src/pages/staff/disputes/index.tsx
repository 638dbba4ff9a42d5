import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { DISPUTE_RATING_MAX, wishMachine } from '@huijia/shared';
import { ActionButton } from '../../../components/ActionButton';
import { Failed, Loading } from '../../../components/LoadState';
import { Chips } from '../../../components/wish/Chips';
import { EmptyState, PagedBody } from '../../../components/wish/PagedBody';
import { RatingStars } from '../../../components/wish/RatingStars';
import { ResolveSheet } from '../../../components/wish/ResolveSheet';
import { usePagedList } from '../../../components/wish/usePagedList';
import { useStaffCommunity } from '../../../components/wish/useStaffCommunity';
import { WishCard } from '../../../components/wish/WishCard';
import { useMe } from '../../../hooks/useMe';
import { listWishes } from '../../../services/wishes';
import { wishDetailUrl } from '../../../subpackages/wishes';
import { Page } from '../../../components/Page';
import '../../../components/wish/wish.css';

function Row({ label, value }: { label: string; value: string }) {
  return (
    <View className='wish-row'>
      <Text className='wish-row__label'>{label}</Text>
      <Text className='wish-row__value'>{value}</Text>
    </View>
  );
}

/** 心愿异议: wishes the resident rated badly, for staff to settle as done or to publish again. */
export default function DisputesPage() {
  const { state, reload } = useMe();
  const staff = useStaffCommunity(state.kind === 'ready' ? state.value : null);
  const communityId = staff.current?.id;
  const list = usePagedList(
    (cursor) => listWishes({ communityId, status: 'disputed', cursor }),
    [communityId],
    { enabled: Boolean(communityId) },
  );
  const [resolving, setResolving] = useState<string | null>(null);

  const drop = (id: string) => list.update((items) => items.filter((wish) => wish.id !== id));

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
  if (!staff.current) {
    return (
      <Page className='wish-page'>
        <EmptyState text='只有社区工作人员可以处理心愿异议。' />
      </Page>
    );
  }

  return (
    <Page className='wish-page'>
      <View className='wish-filters'>
        {staff.communities.length > 1 && (
          <Chips
            label='社区'
            options={staff.communities.map((c) => ({ value: c.id, label: c.name }))}
            value={staff.current.id}
            onChange={staff.choose}
          />
        )}
        <Text className='card__hint wish-staff__hint'>
          {`${staff.current.name} · 居民评价 ${DISPUTE_RATING_MAX} 分及以下的心愿。核实后认定完成，或重新发布由其他党员认领。`}
        </Text>
      </View>
      <PagedBody
        list={list}
        empty={<EmptyState text='没有待处理的异议。' />}
        renderItem={(wish) => (
          <WishCard key={wish.id} wish={wish} onOpen={() => Taro.navigateTo({ url: wishDetailUrl(wish.id) })}>
            <View className='wish-card__extra'>
              {wish.rating !== null && (
                <View className='wish-row'>
                  <Text className='wish-row__label'>居民评价</Text>
                  <RatingStars value={wish.rating} />
                </View>
              )}
              {wish.comment && <Row label='居民意见' value={wish.comment} />}
              {wish.claimantName && <Row label='认领党员' value={wish.claimantName} />}
              {wish.fulfilNote && <Row label='完成说明' value={wish.fulfilNote} />}
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
    </Page>
  );
}
