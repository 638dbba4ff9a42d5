import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { PIONEER_ROLE_LABELS, type Wish, type WishAction, WISH_CATEGORY_LABELS } from '@huijia/shared';
import { describeDeadline, formatTime } from '../../../utils/time';
import { PhotoGrid } from '../../../components/wish/PhotoGrid';
import { RatingStars } from '../../../components/wish/RatingStars';
import { RejectSheet } from '../../../components/wish/RejectSheet';
import { ResolveSheet } from '../../../components/wish/ResolveSheet';
import { StatusTag } from '../../../components/wish/StatusTag';
import { WishActions } from '../../../components/wish/WishActions';
import { WishRow } from '../../../components/wish/WishCard';
import { answersByPhone, ON_BEHALF_LABELS, ON_BEHALF_WITHDRAW } from '../../../components/wish/onBehalf';
import { AuditHistory } from '../../../components/AuditHistory';
import { type Question, useAction } from '../../../hooks/useAction';
import { detailPlaceholder, useDetail } from '../../../hooks/useDetail';
import { askToSubscribe, prefetchSubscribeTemplates } from '../../../services/subscribe';
import { actOnWish, getWish, type PlainWishAction } from '../../../services/wishes';
import { resubmitWishUrl, wishDetailUrl } from '../../../subpackages/wishes';
import { buttonAria } from '../../../utils/a11y';
import { shareCard } from '../../../utils/share';
import { ConfirmSheet } from './ConfirmSheet';
import { FulfilSheet } from './FulfilSheet';
import { Timeline } from './Timeline';
import { Page } from '../../../components/Page';
import '../../../components/wish/wish.css';
import '../wish.css';

type FormAction = 'reject' | 'fulfil' | 'confirm' | 'resolve';

/**
 * What is said once each action without a form is done, and the question asked first for those
 * that cannot be taken back for someone else (approving and noting a contact are the staff's and
 * the claimant's own daily steps: they go at once).
 */
const PLAIN: Record<PlainWishAction, { ask?: Question; done: string }> = {
  approve: { done: '已通过' },
  withdraw: {
    ask: { title: '撤回心愿', content: '撤回后心愿不再公开，也不能恢复。确定撤回吗？', confirmText: '撤回' },
    done: '已撤回',
  },
  claim: {
    ask: {
      title: '认领心愿',
      content: '认领后请在期限内联系居民并完成心愿，逾期未办将自动释放并告知社区。',
      confirmText: '认领',
    },
    done: '已认领',
  },
  contact: { done: '已记录联系' },
  release: {
    ask: { title: '放弃认领', content: '放弃后心愿将重新发布，由其他党员认领。确定放弃吗？', confirmText: '放弃' },
    done: '已放弃认领',
  },
};

const isPlain = (action: WishAction): action is PlainWishAction => action in PLAIN;

function WishView({ wish, onChange, onStale }: { wish: Wish; onChange: (wish: Wish) => void; onStale: () => void }) {
  const [form, setForm] = useState<FormAction | null>(null);
  const { busy, run } = useAction<WishAction>(onStale);
  useEffect(prefetchSubscribeTemplates, []);
  const now = new Date();
  // 代办: staff answer for a resident without a smartphone, by phone.
  const byPhone = answersByPhone(wish);

  const runPlain = async (action: PlainWishAction) => {
    const asked = byPhone && action === 'withdraw' ? { ...PLAIN.withdraw, ask: ON_BEHALF_WITHDRAW } : PLAIN[action];
    // Asked at the tap (WeChat shows the panel only then), before the claim's confirmation.
    if (action === 'claim') await askToSubscribe('wish.claimed');
    const changed = await run(action, () => actOnWish(wish.id, action), asked);
    if (changed) onChange(changed);
  };

  const open = (action: WishAction) => {
    // Edited on the form's page; coming back, this page reads the wish again.
    if (action === 'resubmit') void Taro.navigateTo({ url: resubmitWishUrl(wish.id) });
    else if (isPlain(action)) void runPlain(action);
    else setForm(action as FormAction);
  };

  const formDone = (changed: Wish) => {
    setForm(null);
    onChange(changed);
  };
  const formStale = () => {
    setForm(null);
    onStale();
  };

  const hasContact = wish.contactPhone !== undefined || wish.address !== undefined;
  const claimed = wish.status === 'claimed';
  const contactDue = claimed && !wish.contactedAt && wish.contactDueAt ? describeDeadline(wish.contactDueAt, now) : null;
  const fulfilDue = claimed && wish.fulfilDueAt ? describeDeadline(wish.fulfilDueAt, now) : null;
  const hasEvidence = Boolean(wish.fulfilNote) || wish.evidence.length > 0;

  return (
    <Page className='wish-page'>
      <View className='card'>
        <View className='wish-detail__head'>
          <Text className='wish-detail__title'>{wish.title}</Text>
          <StatusTag status={wish.status} />
        </View>
        <View className='wish-card__meta'>
          <Text className='wish-card__category'>{WISH_CATEGORY_LABELS[wish.category]}</Text>
          {wish.pioneerRole && <Text className='wish-card__role'>{PIONEER_ROLE_LABELS[wish.pioneerRole]}</Text>}
          <Text className='wish-card__time'>{wish.communityName}</Text>
        </View>
        <Text className='wish-detail__desc'>{wish.description}</Text>
        <PhotoGrid photos={wish.photos} />
        <WishRow label='发布居民' value={wish.onBehalfOf ? `${wish.residentName}（社区代办）` : wish.residentName} />
        <WishRow label='发布时间' value={formatTime(wish.createdAt)} />
        {wish.rejectReason && <Text className='wish-detail__reason'>{`未通过原因：${wish.rejectReason}`}</Text>}
      </View>

      <Timeline wish={wish} />

      {hasContact && (
        <View className='card'>
          <Text className='card__title'>联系方式</Text>
          <Text className='card__hint'>仅居民本人、认领党员和社区工作人员可见</Text>
          {wish.contactPhone !== undefined && (
            <View
              className='wish-row'
              onClick={() => Taro.makePhoneCall({ phoneNumber: wish.contactPhone! }).catch(() => undefined)}
              {...buttonAria()}
            >
              <Text className='wish-row__label'>联系电话</Text>
              <Text className='wish-row__value wish-detail__phone'>{wish.contactPhone}</Text>
            </View>
          )}
          {wish.address !== undefined && <WishRow label='地址' value={wish.address} />}
        </View>
      )}

      {wish.claimantName && (
        <View className='card'>
          <Text className='card__title'>认领情况</Text>
          <WishRow label='认领党员' value={wish.claimantName} />
          {wish.claimedAt && <WishRow label='认领时间' value={formatTime(wish.claimedAt)} />}
          {wish.contactedAt && <WishRow label='联系居民' value={formatTime(wish.contactedAt)} />}
          {contactDue && <WishRow label='联系截止' value={contactDue.text} urgent={contactDue.urgent} />}
          {fulfilDue && <WishRow label='完成截止' value={fulfilDue.text} urgent={fulfilDue.urgent} />}
        </View>
      )}

      {hasEvidence && (
        <View className='card'>
          <Text className='card__title'>完成情况</Text>
          {wish.fulfilNote && <Text className='wish-detail__note'>{wish.fulfilNote}</Text>}
          <PhotoGrid photos={wish.evidence} />
          {wish.fulfilledAt && <WishRow label='完成时间' value={formatTime(wish.fulfilledAt)} />}
        </View>
      )}

      {wish.rating !== null && (
        <View className='card'>
          <Text className='card__title'>居民评价</Text>
          <RatingStars value={wish.rating} />
          {wish.comment && <Text className='wish-detail__note'>{wish.comment}</Text>}
        </View>
      )}

      {wish.resolution && (
        <View className='card'>
          <Text className='card__title'>社区处理意见</Text>
          <Text className='wish-detail__note'>{wish.resolution}</Text>
        </View>
      )}

      <WishActions wish={wish} now={now} busy={busy} onAct={open} labels={byPhone ? ON_BEHALF_LABELS : undefined} />

      {wish.viewerActors.includes('staff') && <AuditHistory objectType='wish' objectId={wish.id} version={wish.updatedAt} />}

      {form === 'reject' && (
        <RejectSheet wishId={wish.id} onDone={formDone} onClose={() => setForm(null)} onStale={formStale} />
      )}
      {form === 'resolve' && (
        <ResolveSheet wishId={wish.id} onDone={formDone} onClose={() => setForm(null)} onStale={formStale} />
      )}
      {form === 'fulfil' && (
        <FulfilSheet wishId={wish.id} onDone={formDone} onClose={() => setForm(null)} onStale={formStale} />
      )}
      {form === 'confirm' && (
        <ConfirmSheet
          wishId={wish.id}
          onBehalf={byPhone || !wish.viewerActors.includes('resident')}
          onDone={formDone}
          onClose={() => setForm(null)}
          onStale={formStale}
        />
      )}
    </Page>
  );
}

/** 心愿详情 (`?id=`): the wish, its progress, and the actions this viewer may take on it. */
export default function WishDetailPage() {
  const id = useRouter().params.id ?? '';
  const detail = useDetail(id, getWish, '心愿');
  const { state } = detail;

  // 转发: a card that opens this wish, titled with the wish's own title; never the resident's name,
  // phone or address (who may see those is checked when the card is opened).
  useShareAppMessage(() => shareCard(state.kind === 'ready' ? state.value.title : '微心愿', wishDetailUrl(id)));

  if (state.kind !== 'ready') return detailPlaceholder(detail);
  return <WishView wish={state.value} onChange={detail.replace} onStale={() => void detail.load(true)} />;
}
