import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { type Wish, wishMachine } from '@huijia/shared';
import { ActionButton } from '../../../components/ActionButton';
import { Empty } from '../../../components/LoadState';
import { PagedBody } from '../../../components/PagedList';
import { WishCard } from '../../../components/wish/WishCard';
import { usePagedList } from '../../../hooks/usePagedList';
import { listWishes } from '../../../services/wishes';
import { resubmitWishUrl, WISH_ROUTES, wishDetailUrl } from '../../../subpackages/wishes';
import { Page } from '../../../components/Page';
import '../wish.css';

const openNew = () => Taro.navigateTo({ url: WISH_ROUTES.newWish });

/** What the resident is waiting for on a wish, under its summary. */
function nextStepOf(wish: Wish): string | null {
  switch (wish.status) {
    case 'fulfilled':
      return '党员已完成，请确认并评价';
    case 'rejected':
      return wish.rejectReason ? `未通过：${wish.rejectReason}` : null;
    case 'claimed':
      return wish.claimantName ? `${wish.claimantName} 已认领` : null;
    default:
      return null;
  }
}

/** 我的心愿: the wishes I posted, newest first, each with its status. */
export default function MyWishesPage() {
  const list = usePagedList((cursor) => listWishes({ mine: true, cursor }), []);

  return (
    <Page className='wish-page'>
      <View className='wish-list-head'>
        <Text className='wish-list-head__title'>点击心愿查看进度</Text>
        <ActionButton small onClick={openNew}>
          发布微心愿
        </ActionButton>
      </View>
      <PagedBody
        list={list}
        empty={
          <Empty
            text='您还没有发布过心愿。生活上有小困难，可以发布微心愿，请社区和党员帮一把。'
            action={
              <ActionButton variant='plain' small onClick={openNew}>
                发布微心愿
              </ActionButton>
            }
          />
        }
        renderItem={(wish) => {
          const next = nextStepOf(wish);
          const detail = () => Taro.navigateTo({ url: wishDetailUrl(wish.id) });
          // The step waiting for the resident, one tap from the list: edit and send again, or confirm.
          const step = wishMachine.available(wish.viewerActors, wish.status).includes('resubmit')
            ? { label: '修改后重新提交', open: () => Taro.navigateTo({ url: resubmitWishUrl(wish.id) }) }
            : wish.status === 'fulfilled'
              ? { label: '去确认并评价', open: detail }
              : null;
          return (
            <WishCard key={wish.id} wish={wish} onOpen={detail}>
              {next && (
                <View className='wish-card__extra'>
                  <Text className={`wish-mine__next${wish.status === 'fulfilled' ? ' wish-mine__next--todo' : ''}`}>{next}</Text>
                  {step && (
                    <View className='wish-card__actions'>
                      <ActionButton small onClick={step.open}>
                        {step.label}
                      </ActionButton>
                    </View>
                  )}
                </View>
              )}
            </WishCard>
          );
        }}
      />
    </Page>
  );
}
