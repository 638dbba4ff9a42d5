import Taro from '@tarojs/taro';
import { useRef, useState } from 'react';
import { reasonBodySchema, type Wish } from '@huijia/shared';
import { rejectWish } from '../../services/wishes';
import { checkForm } from '../../utils/form';
import { isStale, showActionFailure } from './actions';
import { Sheet } from './Sheet';
import { TextAreaField } from './TextAreaField';

interface RejectSheetProps {
  wishId: string;
  onDone: (wish: Wish) => void;
  onClose: () => void;
  /** The wish changed meanwhile: show it afresh. */
  onStale: () => void;
}

/** 审核不通过: staff give the reason the resident will read. */
export function RejectSheet({ wishId, onDone, onClose, onStale }: RejectSheetProps) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const running = useRef(false);

  const submit = async () => {
    if (running.current) return;
    const checked = checkForm(reasonBodySchema, { reason });
    if (!checked.ok) return setError(checked.errors.reason);
    running.current = true;
    setBusy(true);
    try {
      const wish = await rejectWish(wishId, checked.data.reason);
      Taro.showToast({ title: '已退回', icon: 'success' });
      onDone(wish);
    } catch (failure) {
      running.current = false;
      setBusy(false);
      if (isStale(failure)) onClose();
      await showActionFailure(failure, onStale);
    }
  };

  return (
    <Sheet title='审核不通过' submitLabel='确认不通过' busy={busy} onSubmit={submit} onClose={onClose}>
      <TextAreaField
        label='不通过的原因（居民会看到）'
        name='reason'
        value={reason}
        placeholder='例如：不属于微心愿范围，请联系社区办理'
        maxlength={500}
        error={error}
        disabled={busy}
        onInput={(value) => {
          setReason(value);
          setError(undefined);
        }}
      />
    </Sheet>
  );
}
