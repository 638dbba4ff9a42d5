import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useRef, useState } from 'react';
import { type Wish, wishMachine } from '@huijia/shared';
import { ActionButton } from '../../../components/ActionButton';
import { Failed, Loading } from '../../../components/LoadState';
import { confirmStep, showActionFailure } from '../../../components/wish/actions';
import { Chips } from '../../../components/wish/Chips';
import { EmptyState, PagedBody } from '../../../components/wish/PagedBody';
import { PhotoGrid } from '../../../components/wish/PhotoGrid';
import { RejectSheet } from '../../../components/wish/RejectSheet';
import { usePagedList } from '../../../components/wish/usePagedList';
import { useStaffCommunity } from '../../../components/wish/useStaffCommunity';
import { WishCard } from '../../../components/wish/WishCard';
import { useMe } from '../../../hooks/useMe';
import { actOnWish, listWishes } from '../../../services/wishes';
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

/** 审核心愿: the wishes residents of the staff member's community sent, to publish or turn down. */
export default function ReviewPage() {
  const { state, reload } = useMe();
  const staff = useStaffCommunity(state.kind === 'ready' ? state.value : null);
  const communityId = staff.current?.id;
  const list = usePagedList(
    (cursor) => listWishes({ communityId, status: 'pending_review', cursor }),
    [communityId],
    { enabled: Boolean(communityId) },
  );
  const [rejecting, setRejecting] = useState<string | null>(null);
  const [approving, setApproving] = useState<string | null>(null);
  const running = useRef(false);

  /** A wish decided (here or by someone else) leaves the queue. */
  const drop = (id: string) => list.update((items) => items.filter((wish) => wish.id !== id));

  const approve = async (wish: Wish) => {
    if (running.current) return;
    running.current = true;
    const go = await confirmStep('审核通过', `「${wish.title}」将在社区心愿大厅公开，由在职党员认领。`, '通过');
    if (!go) {
      running.current = false;
      return;
    }
    setApproving(wish.id);
    try {
      await actOnWish(wish.id, 'approve');
      Taro.showToast({ title: '已通过', icon: 'success' });
      drop(wish.id);
    } catch (error) {
      await showActionFailure(error, list.reload);
    } finally {
      running.current = false;
      setApproving(null);
    }
  };

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
        <EmptyState text='只有社区工作人员可以审核心愿。' />
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
          {`${staff.current.name} · 待审核的心愿。通过后在心愿大厅公开；不通过请写明原因，居民会看到。`}
        </Text>
      </View>
      <PagedBody
        list={list}
        empty={<EmptyState text='没有待审核的心愿。居民发布新心愿时，您会在「消息」里收到提醒。' />}
        renderItem={(wish) => {
          const actions = wishMachine.available(wish.viewerActors, wish.status);
          const busy = approving === wish.id;
          return (
            <WishCard key={wish.id} wish={wish} onOpen={() => Taro.navigateTo({ url: wishDetailUrl(wish.id) })}>
              <View className='wish-card__extra'>
                <PhotoGrid photos={wish.photos} />
                <Row label='居民' value={wish.residentName} />
                {wish.contactPhone !== undefined && <Row label='联系电话' value={wish.contactPhone} />}
                {wish.address !== undefined && <Row label='地址' value={wish.address} />}
                <View className='wish-card__actions'>
                  {actions.includes('reject') && (
                    <ActionButton variant='plain' small disabled={busy} onClick={() => setRejecting(wish.id)}>
                      不通过
                    </ActionButton>
                  )}
                  {actions.includes('approve') && (
                    <ActionButton small busy={busy} disabled={approving !== null && !busy} onClick={() => approve(wish)}>
                      通过
                    </ActionButton>
                  )}
                </View>
              </View>
            </WishCard>
          );
        }}
      />
      {rejecting && (
        <RejectSheet
          wishId={rejecting}
          onDone={() => {
            drop(rejecting);
            setRejecting(null);
          }}
          onClose={() => setRejecting(null)}
          onStale={() => {
            setRejecting(null);
            list.reload();
          }}
        />
      )}
    </Page>
  );
}
