import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { type Agreement, AGREEMENT_RESOURCE_LABELS } from '@huijia/shared';
import { buttonAria } from '../../utils/a11y';
import { statusText, termText } from './describe';
import '../../components/wish/wish.css';
import './agreement.css';

/** The status as a coloured tag: an active one outside its term in blue, saying why. */
export function AgreementStatusTag({ agreement }: { agreement: Pick<Agreement, 'status' | 'inForce' | 'startsOn'> }) {
  const tone = agreement.status === 'active' && !agreement.inForce ? 'idle' : agreement.status;
  return <Text className={`wish-tag agr-tag--${tone}`}>{statusText(agreement)}</Text>;
}

/** What the unit brings, a tag each. */
export function ResourceTags({ agreement }: { agreement: Pick<Agreement, 'resources'> }) {
  return (
    <View className='agr-resources'>
      {agreement.resources.map((resource) => (
        <Text key={resource} className='agr-resource'>
          {AGREEMENT_RESOURCE_LABELS[resource]}
        </Text>
      ))}
    </View>
  );
}

/** An agreement in a list: unit ↔ community, its term, what the unit brings, its status; tapping opens it. */
export function AgreementCard({ agreement, onOpen, children }: { agreement: Agreement; onOpen: () => void; children?: ReactNode }) {
  return (
    <View className='card wish-card'>
      <View className='wish-card__summary' onClick={onOpen} {...buttonAria()}>
        <View className='wish-card__head'>
          <Text className='wish-card__title'>{agreement.unitName}</Text>
          <AgreementStatusTag agreement={agreement} />
        </View>
        <Text className='agr-card__pair'>{`↔ ${agreement.communityName}`}</Text>
        <View className='wish-card__meta'>
          <Text>{termText(agreement)}</Text>
        </View>
        <ResourceTags agreement={agreement} />
      </View>
      {children}
    </View>
  );
}
