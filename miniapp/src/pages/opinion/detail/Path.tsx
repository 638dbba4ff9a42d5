import { Text, View } from '@tarojs/components';
import { OPINION_LEVEL_LABELS, OPINION_STEP_LABELS, type OpinionStep } from '@huijia/shared';
import { formatTime } from '../../../utils/time';
import '../../../components/Steps/index.css';

/** Steps aside from the way up: a reopening, a closing. */
const ASIDE: ReadonlySet<OpinionStep['action']> = new Set(['reopen', 'close']);

/** 商议 · 上报; raising is before any level (提议). */
const whatOf = (step: OpinionStep) =>
  step.action === 'raise' ? OPINION_STEP_LABELS.raise : `${OPINION_LEVEL_LABELS[step.level]} · ${OPINION_STEP_LABELS[step.action]}`;

/**
 * The whole path (四议一呼), oldest first: at which level, what was done, the note, by whom (the
 * role; a worker's name only where the API gives it, to staff) and when.
 */
export function Path({ steps }: { steps: readonly OpinionStep[] }) {
  return (
    <View className='card'>
      <Text className='card__title'>办理过程</Text>
      {steps.length === 0 ? (
        <Text className='card__hint'>暂无办理记录</Text>
      ) : (
        <View className='steps'>
          {steps.map((step, index) => (
            <View key={`${step.at}-${index}`} className={`step${ASIDE.has(step.action) ? ' step--aside' : ''}`}>
              <View className='step__head'>
                <Text className='step__what'>{whatOf(step)}</Text>
                <Text className='step__time'>{formatTime(step.at)}</Text>
              </View>
              <Text className='step__who'>{step.actorName ? `${step.actorRole} ${step.actorName}` : step.actorRole}</Text>
              {step.note && <Text className='step__note'>{step.note}</Text>}
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
