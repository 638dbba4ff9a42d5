import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { type Wish, wishMachine } from '@huijia/shared';
import { ActionButton } from '../../../components/ActionButton';
import { Empty } from '../../../components/LoadState';
import { PagedBody } from '../../../components/PagedList';
import { RolePage } from '../../../components/ScopedPage';
import { ScopeSwitch } from '../../../components/ScopeSwitch';
import { PhotoGrid } from '../../../components/wish/PhotoGrid';
import { RejectSheet } from '../../../components/wish/RejectSheet';
import { WishCard, WishRow } from '../../../components/wish/WishCard';
import { useAction } from '../../../hooks/useAction';
import { usePagedList } from '../../../hooks/usePagedList';
import type { ScopeChoice } from '../../../hooks/useScope';
import { actOnWish, approveWishes, listWishes } from '../../../services/wishes';
import { BatchBar, reportBatch, SelectBox, useSelection } from '../../../components/Batch';
import { wishDetailUrl } from '../../../subpackages/wishes';
import { setTabBadge, takeFromTabBadge } from '../../../navigation/badges';
import '../../../components/wish/wish.css';

/** A community's wishes waiting for review. */
function Queue({ choice }: { choice: ScopeChoice }) {
  const community = choice.current;
  const list = usePagedList(
    (cursor) => listWishes({ communityId: community.id, status: 'pending_review', cursor }),
    [community.id],
  );
  const [rejecting, setRejecting] = useState<string | null>(null);
  const { busy, run } = useAction(list.reload);

  /** Wishes decided (here or by someone else) leave the queue, and the 审核 tab's count. */
  const drop = (...ids: string[]) => {
    list.update((items) => items.filter((wish) => !ids.includes(wish.id)));
    takeFromTabBadge('review', ids.length);
  };

  // The tab counts the community 工作台 counts (the first); with the whole queue on screen, it is exact here.
  const counted = community.id === choice.scopes[0]?.id && list.first.kind === 'ready' && list.next === 'end' ? list.items.length : null;
  useEffect(() => {
    if (counted !== null) setTabBadge('review', { count: counted, more: false });
  }, [counted]);

  const selection = useSelection();

  // The card shows all there is to judge: 通过 goes at once.
  const approve = async (wish: Wish) => {
    const done = await run(wish.id, () => actOnWish(wish.id, 'approve'), { done: '已通过' });
    if (done) drop(wish.id);
  };

  /** 批量通过: one question naming how many, then each wish on its own. */
  const approveChosen = async (ids: string[]) => {
    const chosen = list.items.filter((w) => ids.includes(w.id));
    const outcome = await run('batch', () => approveWishes(ids), {
      ask: { title: '批量审核通过', content: `这 ${ids.length} 个心愿将在社区心愿大厅公开，由在职党员认领。确定全部通过吗？`, confirmText: '全部通过' },
    });
    if (!outcome) return;
    reportBatch(outcome, '通过', (id) => `「${chosen.find((w) => w.id === id)?.title ?? id}」`);
    selection.set([]);
    drop(...outcome.done);
  };

  return (
    <>
      <ScopeSwitch choice={choice} />
      <View className='wish-filters'>
        <Text className='card__hint wish-staff__hint'>
          {`${community.name} · 待审核的心愿。通过后在心愿大厅公开；不通过请写明原因，居民会看到。`}
        </Text>
      </View>
      <PagedBody
        list={list}
        empty={<Empty text='没有待审核的心愿。居民发布新心愿时，您会在「消息」里收到提醒，下拉可刷新。' />}
        renderItem={(wish) => {
          const actions = wishMachine.available(wish.viewerActors, wish.status);
          return (
            <WishCard key={wish.id} wish={wish} onOpen={() => Taro.navigateTo({ url: wishDetailUrl(wish.id) })}>
              <View className='wish-card__extra'>
                <PhotoGrid photos={wish.photos} />
                <WishRow label='居民' value={wish.residentName} />
                {wish.contactPhone !== undefined && <WishRow label='联系电话' value={wish.contactPhone} />}
                {wish.address !== undefined && <WishRow label='地址' value={wish.address} />}
                <View className='wish-card__actions'>
                  {actions.includes('approve') && <SelectBox selection={selection} id={wish.id} label={`「${wish.title}」`} />}
                  {actions.includes('reject') && (
                    <ActionButton variant='plain' small disabled={busy !== null} onClick={() => setRejecting(wish.id)}>
                      不通过
                    </ActionButton>
                  )}
                  {actions.includes('approve') && (
                    <ActionButton
                      small
                      busy={busy === wish.id}
                      disabled={busy !== null && busy !== wish.id}
                      onClick={() => approve(wish)}
                    >
                      通过
                    </ActionButton>
                  )}
                </View>
              </View>
            </WishCard>
          );
        }}
      />
      {list.items.length > 1 && (
        <BatchBar selection={selection} shown={list.items.map((w) => w.id)} label='批量通过' busy={busy === 'batch'} onRun={(ids) => void approveChosen(ids)} />
      )}
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
    </>
  );
}

/** 审核心愿: the wishes residents of the staff member's community sent, to publish or turn down. */
export default function ReviewPage() {
  return (
    <RolePage role='community_staff' className='wish-page' refused='只有社区工作人员可以审核心愿。'>
      {(choice) => <Queue key={choice.current.id} choice={choice} />}
    </RolePage>
  );
}
