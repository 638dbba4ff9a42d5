import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useCallback, useState } from 'react';
import {
  type Opinion,
  OPINION_CATEGORY_LABELS,
  OPINION_LEVEL_HOLDER_LABELS,
  OPINION_SOURCE_LABELS,
  type OpinionAction,
  SATISFACTION_LABELS,
} from '@huijia/shared';
import { Page } from '../../../components/Page';
import { PhotoGrid } from '../../../components/wish/PhotoGrid';
import { WishRow } from '../../../components/wish/WishCard';
import { useAction } from '../../../hooks/useAction';
import { detailPlaceholder, useDetail } from '../../../hooks/useDetail';
import { getOpinion, secondOpinion } from '../../../services/opinions';
import { buttonAria } from '../../../utils/a11y';
import { describeDeadline, formatTime } from '../../../utils/time';
import { levelText, placeText } from '../describe';
import { OpinionActions } from '../OpinionActions';
import { OverdueTag } from '../../../components/wish/StatusTag';
import { OpinionStatusTag } from '../OpinionCard';
import { RateSheet } from '../RateSheet';
import { Path } from './Path';
import { CloseSheet, EscalateSheet, ResolveSheet } from './sheets';
import '../../../components/wish/wish.css';
import '../opinion.css';

type FormAction = Exclude<OpinionAction, 'second'>;

function OpinionView({ opinion, onChange, onStale }: { opinion: Opinion; onChange: (opinion: Opinion) => void; onStale: () => void }) {
  const [form, setForm] = useState<FormAction | null>(null);
  const { busy, run } = useAction<OpinionAction>(onStale);
  const open = opinion.status === 'open';
  const due = open && opinion.dueAt ? describeDeadline(opinion.dueAt) : null;

  const act = async (action: OpinionAction) => {
    if (action !== 'second') return setForm(action);
    const seconded = await run('second', () => secondOpinion(opinion.id), { done: '已附议' });
    if (seconded) onChange(seconded);
  };
  const formDone = (changed: Opinion) => {
    setForm(null);
    onChange(changed);
  };
  const formStale = () => {
    setForm(null);
    onStale();
  };
  const sheet = { opinion, onDone: formDone, onClose: () => setForm(null), onStale: formStale };

  return (
    <Page className='wish-page'>
      <View className='card'>
        <View className='wish-detail__head'>
          <Text className='wish-detail__title'>{opinion.title}</Text>
          {open && opinion.overdue && <OverdueTag />}
          <OpinionStatusTag status={opinion.status} />
        </View>
        <View className='wish-card__meta'>
          <Text className='wish-card__category'>{OPINION_CATEGORY_LABELS[opinion.category]}</Text>
          <Text className='wish-card__role'>{levelText(opinion.level)}</Text>
        </View>
        {opinion.description !== undefined && <Text className='wish-detail__desc'>{opinion.description}</Text>}
        {opinion.photos && <PhotoGrid photos={opinion.photos} />}
        <WishRow label='地点' value={placeText(opinion)} />
        {opinion.reporterName !== undefined && <WishRow label='反映人' value={opinion.reporterName} />}
        {opinion.source !== 'self' && <WishRow label='来源' value={OPINION_SOURCE_LABELS[opinion.source]} />}
        <WishRow label='反映时间' value={formatTime(opinion.createdAt)} />
        <WishRow label='附议' value={`${opinion.seconds} 人${opinion.seconded ? '（含您）' : ''}`} />
      </View>

      {open && (
        <View className='card'>
          <Text className='card__title'>当前办理</Text>
          <WishRow label='办理层级' value={levelText(opinion.level)} />
          {due && <WishRow label='答复期限' value={opinion.overdue ? `${due.text}，已超期` : due.text} urgent={due.urgent || opinion.overdue} />}
          {opinion.reopened && <Text className='wish-detail__notice'>反映人对办理结果不满意，已退回重新办理。</Text>}
        </View>
      )}

      {(opinion.contactPhone !== undefined || opinion.raisedBy !== undefined) && (
        <View className='card'>
          <Text className='card__title'>联系方式</Text>
          {opinion.contactPhone !== undefined && (
            <>
              <Text className='card__hint'>仅反映人和办理人员可见</Text>
              <View
                className='wish-row'
                onClick={() => Taro.makePhoneCall({ phoneNumber: opinion.contactPhone! }).catch(() => undefined)}
                {...buttonAria()}
              >
                <Text className='wish-row__label'>联系电话</Text>
                <Text className='wish-row__value wish-detail__phone'>{opinion.contactPhone}</Text>
              </View>
            </>
          )}
          {opinion.raisedBy !== undefined && (
            <>
              <Text className='card__hint'>{`${OPINION_SOURCE_LABELS[opinion.source]}的反映人，仅工作人员可见`}</Text>
              <WishRow label='反映人' value={opinion.raisedBy.name} />
              {opinion.raisedBy.phone && <WishRow label='反映人电话' value={opinion.raisedBy.phone} />}
            </>
          )}
        </View>
      )}

      {opinion.reply && (
        <View className='card'>
          <Text className='card__title'>办理结果</Text>
          <Text className='wish-detail__note'>{opinion.reply}</Text>
          <WishRow label='办结' value={OPINION_LEVEL_HOLDER_LABELS[opinion.level]} />
          {opinion.resolvedAt && <WishRow label='办结时间' value={formatTime(opinion.resolvedAt)} />}
        </View>
      )}

      {opinion.closedReason && (
        <View className='card'>
          <Text className='card__title'>关闭原因</Text>
          <Text className='wish-detail__note'>{opinion.closedReason}</Text>
        </View>
      )}

      {opinion.satisfaction && (
        <View className='card'>
          <Text className='card__title'>反映人评价</Text>
          <Text className={`opinion-satisfaction opinion-satisfaction--${opinion.satisfaction}`}>
            {SATISFACTION_LABELS[opinion.satisfaction]}
          </Text>
          {opinion.ratingComment && <Text className='wish-detail__note'>{opinion.ratingComment}</Text>}
        </View>
      )}

      {opinion.history && <Path steps={opinion.history} />}

      <OpinionActions opinion={opinion} busy={busy} onAct={(action) => void act(action)} />

      {form === 'resolve' && <ResolveSheet {...sheet} />}
      {form === 'escalate' && <EscalateSheet {...sheet} />}
      {form === 'close' && <CloseSheet {...sheet} />}
      {form === 'rate' && <RateSheet {...sheet} />}
    </Page>
  );
}

/** 民情详情 (`?id=`): the opinion, its whole path, and the actions this viewer may take on it. */
export default function OpinionDetailPage() {
  const id = useRouter().params.id ?? '';
  const detail = useDetail(id, getOpinion, '民情');
  const { load, replace: show } = detail;

  /** An action's answer: shown at once; its path, when the answer carries none, read afresh. */
  const replace = useCallback(
    (opinion: Opinion) => {
      show((shown) => (opinion.history || !shown ? opinion : { ...opinion, history: shown.history }));
      if (!opinion.history) void load(true);
    },
    [show, load],
  );

  if (detail.state.kind !== 'ready') return detailPlaceholder(detail);
  return <OpinionView opinion={detail.state.value} onChange={replace} onStale={() => void load(true)} />;
}
