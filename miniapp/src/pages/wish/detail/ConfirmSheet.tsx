import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { confirmOutcome, confirmWishBodySchema, DISPUTE_RATING_MAX, type Wish } from '@huijia/shared';
import { Sheet } from '../../../components/Sheet';
import { RatingStars } from '../../../components/wish/RatingStars';
import { TextAreaField } from '../../../components/wish/TextAreaField';
import { useAction } from '../../../hooks/useAction';
import { confirmWish } from '../../../services/wishes';
import { checkForm, type FieldErrors } from '../../../utils/form';

interface ConfirmSheetProps {
  wishId: string;
  /** Staff confirming for a resident who left it unanswered. */
  onBehalf: boolean;
  onDone: (wish: Wish) => void;
  onClose: () => void;
  onStale: () => void;
}

/** 确认并评价: 1-5 stars and a comment. A low rating goes to staff as a dispute. */
export function ConfirmSheet({ wishId, onBehalf, onDone, onClose, onStale }: ConfirmSheetProps) {
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<FieldErrors<'rating' | 'comment'>>({});
  const action = useAction(onStale);
  const busy = action.busy !== null;

  const disputes = rating > 0 && confirmOutcome(rating) === 'disputed';

  const submit = async () => {
    if (rating === 0) return setErrors({ rating: '请点击星星打分' });
    const checked = checkForm(confirmWishBodySchema, { rating, comment });
    if (!checked.ok) return setErrors(checked.errors);
    const wish = await action.run('confirm', () => confirmWish(wishId, rating, comment));
    if (!wish) return;
    const disputed = wish.status === 'disputed';
    Taro.showToast({ title: disputed ? '已提交社区处理' : '已确认完成', icon: disputed ? 'none' : 'success' });
    onDone(wish);
  };

  return (
    <Sheet
      title={onBehalf ? '代居民确认' : '确认并评价'}
      submitLabel={disputes ? '提交异议' : '确认完成'}
      busy={busy}
      onSubmit={submit}
      onClose={onClose}
    >
      <View className={`field${errors.rating ? ' field--invalid' : ''}`}>
        <Text className='field__label'>{onBehalf ? '评分' : '您对这次帮助的评分'}</Text>
        <RatingStars
          value={rating}
          disabled={busy}
          onChange={(value) => {
            setRating(value);
            setErrors((current) => ({ ...current, rating: undefined }));
          }}
        />
        {errors.rating && <Text className='field__error'>{errors.rating}</Text>}
      </View>
      {disputes && (
        <Text className='wish-sheet__warning'>
          {`${rating} 分将作为异议提交给社区工作人员处理，心愿暂不算完成。如已办好，请给 ${DISPUTE_RATING_MAX + 1} 分及以上。`}
        </Text>
      )}
      <TextAreaField
        label='评价（选填）'
        name='comment'
        value={comment}
        placeholder={disputes ? '请说明哪里没有办好' : '说说您的感受'}
        maxlength={500}
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
