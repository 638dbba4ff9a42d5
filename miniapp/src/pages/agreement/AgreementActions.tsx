import { View } from '@tarojs/components';
import { useState } from 'react';
import { type Agreement, type AgreementAction, agreementReasonBodySchema } from '@huijia/shared';
import { ActionButton } from '../../components/ActionButton';
import { ReasonSheet } from '../../components/Sheet';
import { useAction } from '../../hooks/useAction';
import { acceptAgreement, declineAgreement, endAgreement, withdrawAgreement } from '../../services/agreements';
import { ACTION_LABELS, agreementActionsFor } from './describe';
import './agreement.css';

interface AgreementActionsProps {
  agreement: Agreement;
  /** An action's answer: the agreement as it is now. */
  onChange: (agreement: Agreement) => void;
  /** It moved on meanwhile (409: the other side acted first): show it afresh. */
  onStale: () => void;
  /** In a list's card: smaller buttons. */
  compact?: boolean;
}

/**
 * The buttons under an agreement, exactly those `agreementMachine.available(viewerActors, status)`
 * allows, and what each needs: 接受 and 撤回 are asked once more, 拒绝 and 终止 take a reason
 * (终止 asked once more too, being final).
 */
export function AgreementActions({ agreement, onChange, onStale, compact = false }: AgreementActionsProps) {
  const [sheet, setSheet] = useState<'decline' | 'end' | null>(null);
  const { busy, run } = useAction<AgreementAction>(() => {
    setSheet(null);
    onStale();
  });
  const actions = agreementActionsFor(agreement);
  if (actions.length === 0) return null;
  const { unitName, communityName } = agreement;

  const finish = (changed: Agreement | undefined) => {
    if (!changed) return;
    setSheet(null);
    onChange(changed);
  };

  const act = async (action: AgreementAction) => {
    if (action === 'decline' || action === 'end') return setSheet(action);
    if (action === 'accept') {
      finish(
        await run('accept', () => acceptAgreement(agreement.id), {
          ask: { title: '接受共建协议', content: `接受后本单位与${communityName}结对共建，党员可向该社区报到。`, confirmText: '接受' },
          done: '已接受',
        }),
      );
      return;
    }
    finish(
      await run('withdraw', () => withdrawAgreement(agreement.id), {
        ask: { title: '撤回共建协议', content: `撤回后${unitName}不能再接受这份协议，如需共建请重新发起。`, confirmText: '撤回' },
        done: '已撤回',
      }),
    );
  };

  const decline = async (reason: string) => finish(await run('decline', () => declineAgreement(agreement.id, reason), { done: '已拒绝' }));
  const end = async (reason: string) =>
    finish(
      await run('end', () => endAgreement(agreement.id, reason), {
        ask: {
          title: '终止共建协议',
          content: `终止后${unitName}与${communityName}的结对关系解除，协议不能恢复。确定终止吗？`,
          confirmText: '终止',
        },
        done: '已终止',
      }),
    );

  return (
    <>
      <View className={`agr-actions${compact ? ' agr-actions--compact' : ''}`}>
        {actions.map((action) => (
          <View key={action} className='agr-actions__item'>
            <ActionButton
              variant={action === 'accept' ? 'primary' : 'plain'}
              small={compact}
              busy={busy === action}
              disabled={busy !== null && busy !== action}
              onClick={() => void act(action)}
            >
              {ACTION_LABELS[action]}
            </ActionButton>
          </View>
        ))}
      </View>
      {sheet === 'decline' && (
        <ReasonSheet
          title='拒绝共建协议'
          label='拒绝原因（社区会看到）'
          placeholder='如：本单位今年已与两个社区结对，人手不足'
          submitLabel='确认拒绝'
          warning={`拒绝后这份协议不再生效，${communityName}可重新发起。`}
          schema={agreementReasonBodySchema}
          busy={busy !== null}
          onSubmit={(reason) => void decline(reason)}
          onClose={() => setSheet(null)}
        />
      )}
      {sheet === 'end' && (
        <ReasonSheet
          title='终止共建协议'
          label='终止原因（双方都会看到）'
          placeholder='如：单位搬迁出本区，无法继续共建'
          submitLabel='确认终止'
          warning='终止后结对关系解除，协议不能恢复；如需继续共建，请重新发起协议。'
          schema={agreementReasonBodySchema}
          busy={busy !== null}
          onSubmit={(reason) => void end(reason)}
          onClose={() => setSheet(null)}
        />
      )}
    </>
  );
}
