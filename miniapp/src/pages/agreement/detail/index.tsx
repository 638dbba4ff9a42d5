import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { Agreement } from '@huijia/shared';
import { Page } from '../../../components/Page';
import { WishRow } from '../../../components/wish/WishCard';
import { detailPlaceholder, useDetail } from '../../../hooks/useDetail';
import { getAgreement } from '../../../services/agreements';
import { formatTime } from '../../../utils/time';
import { AgreementActions } from '../AgreementActions';
import { AgreementStatusTag, ResourceTags } from '../AgreementCard';
import { termText } from '../describe';
import '../../../components/wish/wish.css';
import '../agreement.css';

/** What the decision was, as the history says it. */
const DECIDED_LABEL: Partial<Record<Agreement['status'], string>> = {
  active: '单位接受',
  ended: '单位接受',
  declined: '单位拒绝',
  withdrawn: '社区撤回',
};

function AgreementView({ agreement, onChange, onStale }: { agreement: Agreement; onChange: (a: Agreement) => void; onStale: () => void }) {
  const decided = agreement.decidedAt ? DECIDED_LABEL[agreement.status] : undefined;
  return (
    <Page className='wish-page'>
      <View className='card'>
        <View className='wish-card__head'>
          <Text className='wish-card__title'>{agreement.unitName}</Text>
          <AgreementStatusTag agreement={agreement} />
        </View>
        <Text className='agr-card__pair'>{`↔ ${agreement.communityName}`}</Text>
        <WishRow label='协议期限' value={termText(agreement)} />
        <WishRow label='结对关系' value={agreement.inForce ? '生效中：单位与社区结对，党员可向该社区报到' : '未生效'} />
      </View>

      <View className='card'>
        <Text className='card__title'>单位投入</Text>
        <ResourceTags agreement={agreement} />
        <Text className='card__title'>共建内容</Text>
        <Text className='agr-content'>{agreement.content}</Text>
      </View>

      <View className='card'>
        <Text className='card__title'>协议记录</Text>
        <WishRow label='发起' value={`${agreement.communityName}${agreement.proposedByName ? ` · ${agreement.proposedByName}` : ''}`} />
        <WishRow label='发起时间' value={formatTime(agreement.proposedAt)} />
        {agreement.decidedAt && <WishRow label={`${decided ?? '处理'}时间`} value={formatTime(agreement.decidedAt)} />}
        {agreement.endedAt && <WishRow label='终止时间' value={formatTime(agreement.endedAt)} />}
        {agreement.status === 'ended' && !agreement.reason && <WishRow label='终止原因' value='协议期满' />}
        {agreement.reason && (
          <WishRow label={agreement.status === 'declined' ? '拒绝原因' : '终止原因'} value={agreement.reason} />
        )}
      </View>

      <AgreementActions agreement={agreement} onChange={onChange} onStale={onStale} />
    </Page>
  );
}

/** 共建协议详情 (`?id=`): the agreement, its history, and the steps this viewer may take on it. */
export default function AgreementDetailPage() {
  const id = useRouter().params.id ?? '';
  const detail = useDetail(id, getAgreement, '共建协议');
  if (detail.state.kind !== 'ready') return detailPlaceholder(detail);
  return <AgreementView agreement={detail.state.value} onChange={(a) => detail.replace(a)} onStale={() => void detail.load(true)} />;
}
