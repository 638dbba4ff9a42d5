import { View } from '@tarojs/components';
import { mayStaffConfirm, type Wish, type WishAction, wishMachine } from '@huijia/shared';
import { ActionButton } from '../ActionButton';
import './wish.css';

/** What each action's button says. */
export const WISH_ACTION_LABELS: Record<WishAction, string> = {
  approve: '审核通过',
  reject: '不通过',
  resubmit: '修改后重新提交',
  withdraw: '撤回心愿',
  claim: '认领心愿',
  contact: '已联系居民',
  release: '放弃认领',
  fulfil: '完成心愿',
  confirm: '确认并评价',
  resolve: '处理异议',
};

/** Secondary actions get the plain button; the step forward gets the primary one. */
const SECONDARY: readonly WishAction[] = ['reject', 'withdraw', 'release', 'contact'];

type ActionsInput = Pick<Wish, 'status' | 'viewerActors' | 'fulfilledAt' | 'contactedAt'>;

/**
 * The actions to offer: exactly what the wish machine allows this viewer in this state, less two
 * the machine cannot know about. Staff confirm for the resident only once the resident has left it
 * unanswered long enough (`mayStaffConfirm`), and contact is recorded once.
 */
export function wishActionsFor(wish: ActionsInput, now: Date): WishAction[] {
  return wishMachine.available(wish.viewerActors, wish.status).filter((action) => {
    if (action === 'confirm' && !wish.viewerActors.includes('resident')) {
      return wish.fulfilledAt !== null && mayStaffConfirm(new Date(wish.fulfilledAt), now);
    }
    if (action === 'contact') return wish.contactedAt === null;
    return true;
  });
}

interface WishActionsProps {
  wish: ActionsInput;
  now: Date;
  /** The action whose request is running: its button spins, the others refuse taps. */
  busy: WishAction | null;
  onAct: (action: WishAction) => void;
  /** Other words for some buttons (代居民确认 when staff answer for a resident, 代办). */
  labels?: Partial<Record<WishAction, string>>;
}

/** Secondary actions before the step forward, as everywhere in the app (不通过 | 审核通过). */
const secondaryFirst = (a: WishAction, b: WishAction) => Number(!SECONDARY.includes(a)) - Number(!SECONDARY.includes(b));

/** The row of buttons under a wish's details; nothing when this viewer has nothing to do. */
export function WishActions({ wish, now, busy, onAct, labels }: WishActionsProps) {
  const actions = wishActionsFor(wish, now).sort(secondaryFirst);
  if (actions.length === 0) return null;
  return (
    <View className='wish-detail__actions'>
      {actions.map((action) => (
        <View key={action} className='wish-detail__action'>
          <ActionButton
            variant={SECONDARY.includes(action) ? 'plain' : 'primary'}
            busy={busy === action}
            disabled={busy !== null && busy !== action}
            onClick={() => onAct(action)}
          >
            {labels?.[action] ?? WISH_ACTION_LABELS[action]}
          </ActionButton>
        </View>
      ))}
    </View>
  );
}
