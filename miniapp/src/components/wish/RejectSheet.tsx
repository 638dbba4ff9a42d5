import type { Wish } from '@huijia/shared';
import { useAction } from '../../hooks/useAction';
import { rejectWish } from '../../services/wishes';
import { ReasonSheet } from '../Sheet';

interface RejectSheetProps {
  wishId: string;
  onDone: (wish: Wish) => void;
  onClose: () => void;
  /** The wish changed meanwhile: show it afresh. */
  onStale: () => void;
}

/** 审核不通过: staff give the reason the resident will read. */
export function RejectSheet({ wishId, onDone, onClose, onStale }: RejectSheetProps) {
  const { busy, run } = useAction(onStale);
  const reject = async (reason: string) => {
    const wish = await run('reject', () => rejectWish(wishId, reason), { done: '已退回' });
    if (wish) onDone(wish);
  };
  return (
    <ReasonSheet
      title='审核不通过'
      label='不通过的原因（居民会看到）'
      placeholder='例如：不属于微心愿范围，请联系社区办理'
      submitLabel='确认不通过'
      busy={busy !== null}
      onSubmit={reject}
      onClose={onClose}
    />
  );
}
