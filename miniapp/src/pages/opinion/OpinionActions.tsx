import { View } from '@tarojs/components';
import type { Opinion, OpinionAction } from '@huijia/shared';
import { ActionButton } from '../../components/ActionButton';
import { actionLabel, opinionActionsFor } from './describe';
import '../../components/wish/wish.css';

/** The step back or aside before the step forward, as everywhere in the app (关闭 | 上报 | 办结). */
const ORDER: readonly OpinionAction[] = ['close', 'escalate', 'second', 'rate', 'resolve'];
const SECONDARY: readonly OpinionAction[] = ['close', 'escalate'];

/** The buttons under an opinion: exactly those this viewer may press (`opinionActionsFor`). */
export function OpinionActions({
  opinion,
  busy,
  onAct,
}: {
  opinion: Opinion;
  busy: OpinionAction | null;
  onAct: (action: OpinionAction) => void;
}) {
  const actions = opinionActionsFor(opinion).sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
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
            {actionLabel(action, opinion.level)}
          </ActionButton>
        </View>
      ))}
    </View>
  );
}
