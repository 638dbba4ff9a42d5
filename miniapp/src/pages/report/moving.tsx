import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { REPORT_BASIS_LABELS, REPORT_END_CHOICES, REPORT_END_REASON_LABELS, type EndReportBody, type MyReport, type OwnReport } from '@huijia/shared';
import { ActionButton } from '../../components/ActionButton';
import { Failed, Loading } from '../../components/LoadState';
import { CertificateCard } from '../../components/reporting/CertificateCard';
import { useAction } from '../../hooks/useAction';
import { useRemote } from '../../hooks/useRemote';
import { openPage, ROUTES } from '../../routes';
import { endReport, getReportOptions, transferReport, withdrawReport } from '../../services/reports';
import { control } from '../../utils/a11y';
import { CommunityChoices, RadioChoice, choicesOf } from './choices';

/**
 * A confirmed report follows its member (domain.md, "A member's life on the rolls"): after moving
 * house they transfer it (转移报到), and it counts where it is until the new community confirms; or
 * it ends (退休、调离、去世).
 */

/** The transfer asked for: the new community, its 报到证 once issued, and 撤回. */
export function TransferPending({ report, transfer, onChanged }: { report: MyReport; transfer: OwnReport; onChanged: () => void }) {
  const { busy, run } = useAction();
  const withdraw = async () => {
    const done = await run('withdraw', () => withdrawReport(transfer.id), {
      ask: { title: '撤回转移', content: `撤回转到${transfer.communityName}的申请？您在${report.communityName}的报到不受影响。`, confirmText: '撤回' },
      done: '已撤回',
      failed: '撤回失败，请稍后重试',
    });
    if (done) onChanged();
  };
  return (
    <View className='card report-transfer'>
      <Text className='card__title'>转移报到申请中</Text>
      <Text className='rp-note'>{`转到：${transfer.communityName}（${REPORT_BASIS_LABELS[transfer.basis]}）`}</Text>
      <Text className='rp-note'>{`新社区确认前，您仍在${report.communityName}报到；确认后原报到自动结束。`}</Text>
      {transfer.certificate ? (
        <View className='report-certificate'>
          <CertificateCard certificate={transfer.certificate} hint={`请到${transfer.communityName}向社区工作人员出示此报到证，确认后即完成转移`} />
        </View>
      ) : (
        <Text className='rp-note'>{`请等待${transfer.unitName}党组织签发报到证，签发后会在这里显示，并发消息通知您。`}</Text>
      )}
      <View className='report-withdraw'>
        <ActionButton variant='quiet' busy={busy === 'withdraw'} onClick={withdraw}>
          撤回转移申请
        </ActionButton>
      </View>
    </View>
  );
}

/** Where the member may transfer to: where they live now, else a community paired with their unit. */
function TransferForm({ report, onChanged }: { report: MyReport; onChanged: () => void }) {
  const options = useRemote(getReportOptions, []);
  const [picked, setPicked] = useState<string | null>(null);
  const { busy, run } = useAction();
  if (options.state.kind === 'loading') return <Loading />;
  if (options.state.kind === 'failed') return <Failed message={options.state.message} onRetry={options.retry} />;
  const choices = choicesOf(options.state.value).filter((c) => c.communityId !== report.communityId);
  if (choices.length === 0) {
    return (
      <View className='report-move__body'>
        <Text className='rp-note'>{`您登记的居住社区仍是${report.communityName}。搬家后请先在「我的」中把居住社区改为新住址，再回来转移报到。`}</Text>
        <ActionButton variant='plain' onClick={() => openPage(ROUTES.me)}>
          去修改居住社区
        </ActionButton>
      </View>
    );
  }
  const chosen = choices.find((c) => c.communityId === picked) ?? (choices.length === 1 ? choices[0] : undefined);
  const submit = async () => {
    if (!chosen) return;
    const done = await run('transfer', () => transferReport(report.id, { communityId: chosen.communityId, basis: chosen.basis }), {
      ask: {
        title: '转移报到',
        content: `申请由${report.communityName}转到${chosen.name}报到？单位签发报到证后，请到新社区完成确认；确认前原报到继续有效。`,
        confirmText: '申请转移',
      },
      done: '已申请转移',
      failed: '申请失败，请稍后重试',
    });
    if (done) onChanged();
  };
  return (
    <View className='report-move__body'>
      <CommunityChoices choices={choices} chosenId={chosen?.communityId} onPick={setPicked} />
      <ActionButton busy={busy === 'transfer'} disabled={!chosen} onClick={submit}>
        申请转移报到
      </ActionButton>
    </View>
  );
}

type EndChoice = EndReportBody['reason'];

/** 结束报到: the reason, then a confirmation (what is handed back goes with it). */
function EndForm({ report, onChanged }: { report: MyReport; onChanged: () => void }) {
  const [reason, setReason] = useState<EndChoice | null>(null);
  const { busy, run } = useAction();
  const submit = async () => {
    if (!reason) return;
    const done = await run('end', () => endReport(report.id, { reason }), {
      ask: {
        title: '结束报到',
        content: `因${REPORT_END_REASON_LABELS[reason]}结束在${report.communityName}的报到？您认领的岗位、结对和未完成的心愿将交回社区，此操作不能撤销。`,
        confirmText: '结束报到',
      },
      done: '已结束报到',
      failed: '操作失败，请稍后重试',
    });
    if (done) onChanged();
  };
  return (
    <View className='report-move__body'>
      {REPORT_END_CHOICES.map((choice) => (
        <RadioChoice key={choice} on={reason === choice} name={REPORT_END_REASON_LABELS[choice]} onPick={() => setReason(choice)} />
      ))}
      <ActionButton variant='plain' busy={busy === 'end'} disabled={!reason} onClick={submit}>
        结束报到
      </ActionButton>
    </View>
  );
}

/** 搬家了 / 不再报到: the two ways a confirmed report follows its member, one open at a time. */
export function MoveOrEnd({ report, onChanged }: { report: MyReport; onChanged: () => void }) {
  const [open, setOpen] = useState<'transfer' | 'end' | null>(null);
  const toggle = (which: 'transfer' | 'end') => setOpen(open === which ? null : which);
  return (
    <View className='card report-move'>
      <Text className='card__title'>报到变动</Text>
      <View className='report-move__head' onClick={() => toggle('transfer')} {...control('button', { 'aria-expanded': open === 'transfer' })}>
        <Text className='report-move__label'>搬家了：转移报到</Text>
        <Text className='report-move__mark'>{open === 'transfer' ? '收起' : '展开'}</Text>
      </View>
      {open === 'transfer' && <TransferForm report={report} onChanged={onChanged} />}
      <View className='report-move__head' onClick={() => toggle('end')} {...control('button', { 'aria-expanded': open === 'end' })}>
        <Text className='report-move__label'>退休、调离等：结束报到</Text>
        <Text className='report-move__mark'>{open === 'end' ? '收起' : '展开'}</Text>
      </View>
      {open === 'end' && <EndForm report={report} onChanged={onChanged} />}
    </View>
  );
}
