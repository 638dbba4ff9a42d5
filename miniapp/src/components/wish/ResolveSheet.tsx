import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { resolveWishBodySchema, type Wish } from '@huijia/shared';
import { resolveWish } from '../../services/wishes';
import { checkForm, type FieldErrors } from '../../utils/form';
import { useAction } from '../../hooks/useAction';
import { Sheet } from '../Sheet';
import { Chips } from './Chips';
import { TextAreaField } from './TextAreaField';
import '../FormField/index.css';

type Outcome = 'completed' | 'reopen';

const OUTCOMES = [
  { value: 'completed', label: '认定完成' },
  { value: 'reopen', label: '重新发布' },
] as const;

const DONE_MESSAGE: Record<Outcome, string> = { completed: '已认定完成', reopen: '已重新发布' };

interface ResolveSheetProps {
  wishId: string;
  onDone: (wish: Wish) => void;
  onClose: () => void;
  onStale: () => void;
}

/** 处理异议: staff decide a disputed wish was done after all, or put it back in the hall. */
export function ResolveSheet({ wishId, onDone, onClose, onStale }: ResolveSheetProps) {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldErrors<'outcome' | 'note'>>({});
  const action = useAction(onStale);
  const busy = action.busy !== null;

  const submit = async () => {
    const checked = checkForm(resolveWishBodySchema, { outcome: outcome ?? undefined, note });
    if (!checked.ok || !outcome) {
      return setErrors({
        ...(checked.ok ? {} : checked.errors),
        ...(outcome ? {} : { outcome: '请选择处理结果' }),
      });
    }
    const { data } = checked;
    const wish = await action.run('resolve', () => resolveWish(wishId, data.outcome, data.note), {
      done: DONE_MESSAGE[outcome],
    });
    if (wish) onDone(wish);
  };

  return (
    <Sheet title='处理异议' submitLabel='提交处理结果' busy={busy} onSubmit={submit} onClose={onClose}>
      <View className={`field${errors.outcome ? ' field--invalid' : ''}`}>
        <Text className='field__label'>处理结果</Text>
        <Chips
          label='处理结果'
          options={OUTCOMES}
          value={outcome}
          disabled={busy}
          onChange={(value) => {
            setOutcome(value);
            setErrors((current) => ({ ...current, outcome: undefined }));
          }}
        />
        <Text className={errors.outcome ? 'field__error' : 'field__hint'}>
          {errors.outcome ??
            (outcome === 'reopen'
              ? '心愿回到心愿大厅，由其他党员重新认领'
              : '认定心愿已经完成，计入完成数')}
        </Text>
      </View>
      <TextAreaField
        label='处理说明（居民会看到）'
        name='note'
        value={note}
        placeholder='核实的情况和处理理由'
        maxlength={500}
        error={errors.note}
        disabled={busy}
        onInput={(value) => {
          setNote(value);
          setErrors((current) => ({ ...current, note: undefined }));
        }}
      />
    </Sheet>
  );
}
