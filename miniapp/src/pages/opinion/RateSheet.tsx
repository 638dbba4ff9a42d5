import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import {
  type Opinion,
  OPINION_LEVEL_HOLDER_LABELS,
  OPINION_LEVEL_LABELS,
  OPINION_NOTE_MAX,
  rateOpinionBodySchema,
  SATISFACTION_LABELS,
  SATISFACTIONS,
  type Satisfaction,
} from '@huijia/shared';
import { Sheet } from '../../components/Sheet';
import { Chips } from '../../components/wish/Chips';
import { TextAreaField } from '../../components/wish/TextAreaField';
import { useAction } from '../../hooks/useAction';
import { rateOpinion } from '../../services/opinions';
import { checkForm, type FieldErrors } from '../../utils/form';
import { toastDone } from '../../utils/toast';

const OPTIONS = SATISFACTIONS.map((value) => ({ value, label: SATISFACTION_LABELS[value] }));

interface RateSheetProps {
  opinion: Pick<Opinion, 'id' | 'level' | 'reopened'>;
  onDone: (opinion: Opinion) => void;
  onClose: () => void;
  /** It changed meanwhile (409): show it afresh. */
  onStale: () => void;
}

/**
 * 评价: 满意, 基本满意 or 不满意 with a comment. 不满意 sends it back once to the level that resolved
 * it, which the reporter is told before sending; after that once, a rating is only a rating.
 */
export function RateSheet({ opinion, onDone, onClose, onStale }: RateSheetProps) {
  const [satisfaction, setSatisfaction] = useState<Satisfaction | null>(null);
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<FieldErrors<'satisfaction' | 'comment'>>({});
  const action = useAction(onStale);
  const busy = action.busy !== null;
  const unsatisfied = satisfaction === 'unsatisfied';

  const submit = async () => {
    if (!satisfaction) return setErrors({ satisfaction: '请选择您对办理结果的评价' });
    const checked = checkForm(rateOpinionBodySchema, { satisfaction, comment });
    if (!checked.ok) return setErrors(checked.errors);
    const rated = await action.run('rate', () => rateOpinion(opinion.id, satisfaction, comment));
    if (!rated) return;
    toastDone(rated.status === 'open' ? '已退回重新办理' : '感谢您的评价');
    onDone(rated);
  };

  const holder = `${OPINION_LEVEL_HOLDER_LABELS[opinion.level]}（${OPINION_LEVEL_LABELS[opinion.level]}）`;
  return (
    <Sheet title='评价办理结果' submitLabel='提交评价' busy={busy} onSubmit={submit} onClose={onClose}>
      <View className={`field${errors.satisfaction ? ' field--invalid' : ''}`}>
        <Text className='field__label'>您对办理结果满意吗</Text>
        <Chips
          label='满意程度'
          options={OPTIONS}
          value={satisfaction}
          disabled={busy}
          onChange={(value) => {
            setSatisfaction(value);
            setErrors((current) => ({ ...current, satisfaction: undefined }));
          }}
        />
        {errors.satisfaction && <Text className='field__error'>{errors.satisfaction}</Text>}
      </View>
      {unsatisfied &&
        (opinion.reopened ? (
          <Text className='field__hint opinion-rate__note'>这条民情已经重新办理过一次，这次评价将如实记录，不再退回。</Text>
        ) : (
          <Text className='wish-sheet__warning'>
            {`选择「不满意」，这条民情将退回${holder}重新办理。每条民情只能退回一次。`}
          </Text>
        ))}
      <TextAreaField
        label='评价（选填）'
        name='comment'
        value={comment}
        placeholder={unsatisfied ? '请说明哪里还没有解决' : '说说您的感受'}
        maxlength={OPINION_NOTE_MAX}
        error={errors.comment}
        disabled={busy}
        onInput={(value) => {
          setComment(value);
          setErrors((current) => ({ ...current, comment: undefined }));
        }}
      />
    </Sheet>
  );
}
