import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { recordMachine, type ServiceRecord } from '@huijia/shared';
import { ActionButton } from '../../../components/ActionButton';
import { Empty } from '../../../components/LoadState';
import { PagedBody } from '../../../components/PagedList';
import { RolePage } from '../../../components/ScopedPage';
import { ScopeSwitch } from '../../../components/ScopeSwitch';
import { formatHours } from '../../../components/service/format';
import { RecordCard } from '../../../components/service/RecordCard';
import { ReasonSheet } from '../../../components/Sheet';
import { formatTime } from '../../../utils/time';
import { PhotoGrid } from '../../../components/wish/PhotoGrid';
import { WishRow } from '../../../components/wish/WishCard';
import { useAction } from '../../../hooks/useAction';
import { usePagedList } from '../../../hooks/usePagedList';
import type { ScopeChoice } from '../../../hooks/useScope';
import { listRecords, rejectRecord, verifyRecord, verifyRecords } from '../../../services/records';
import { BatchBar, reportBatch, SelectBox, useSelection } from '../../../components/Batch';
import '../../../components/wish/wish.css';
import '../../../components/service/service.css';

function Queue({ choice }: { choice: ScopeChoice }) {
  const community = choice.current;
  const list = usePagedList(
    (cursor) => listRecords({ communityId: community.id, status: 'pending', cursor }),
    [community.id],
  );
  const { busy, run } = useAction(list.reload);
  const [open, setOpen] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState<ServiceRecord | null>(null);
  const drop = (id: string) => list.update((items) => items.filter((r) => r.id !== id));
  const selection = useSelection();

  /** 批量核实: one question naming how many and how long, then each record on its own. */
  const verifyChosen = async (ids: string[]) => {
    const chosen = list.items.filter((r) => ids.includes(r.id));
    const minutes = chosen.reduce((sum, r) => sum + r.minutes, 0);
    const outcome = await run('batch', () => verifyRecords(ids), {
      ask: {
        title: '批量核实通过',
        content: `确认这 ${ids.length} 条服务记录属实？通过后共计入 ${formatHours(minutes)} 服务时长和相应积分，不能撤销。`,
        confirmText: '全部通过',
      },
    });
    if (!outcome) return;
    reportBatch(outcome, '核实通过', (id) => chosen.find((r) => r.id === id)?.memberName ?? id);
    selection.set([]);
    list.update((items) => items.filter((r) => !outcome.done.includes(r.id)));
  };

  const verify = async (record: ServiceRecord) => {
    const verified = await run(`verify-${record.id}`, () => verifyRecord(record.id), {
      ask: {
        title: '核实通过',
        content: `确认${record.memberName}的这次服务属实？通过后计入 ${formatHours(record.minutes)} 服务时长和相应积分，不能撤销。`,
        confirmText: '通过',
      },
      done: '已核实通过',
    });
    if (verified) drop(record.id);
  };

  const reject = async (reason: string) => {
    if (!rejecting) return;
    const record = rejecting;
    if (await run(`reject-${record.id}`, () => rejectRecord(record.id, reason), { done: '已退回' })) drop(record.id);
    setRejecting(null);
  };

  return (
    <View>
      <ScopeSwitch choice={choice} />
      <View className='svc-list-head wish-filters'>
        <Text className='svc-list-head__title'>{`${community.name} · 待核实的服务记录`}</Text>
      </View>
      <PagedBody
        list={list}
        empty={<Empty text='没有待核实的服务记录。党员提交服务记录后会出现在这里，下拉可刷新。' />}
        renderItem={(record) => {
          const expanded = open === record.id;
          const actions = recordMachine.available('staff', record.status);
          return (
            <RecordCard key={record.id} record={record} showMember expanded={expanded} onOpen={() => setOpen(expanded ? null : record.id)}>
              {expanded && (
                <View className='wish-card__extra'>
                  <WishRow label='服务对象' value={record.beneficiary ?? '未填写'} />
                  <WishRow label='提交时间' value={formatTime(record.createdAt)} />
                  {record.photos.length > 0 ? (
                    <PhotoGrid photos={record.photos} />
                  ) : (
                    <Text className='svc-muted'>没有现场照片</Text>
                  )}
                </View>
              )}
              <View className='wish-card__actions'>
                {actions.includes('verify') && <SelectBox selection={selection} id={record.id} label={`${record.memberName}的服务记录`} />}
                {!expanded && (
                  <ActionButton variant='quiet' small onClick={() => setOpen(record.id)}>
                    查看详情
                  </ActionButton>
                )}
                {actions.includes('reject') && (
                  <ActionButton
                    variant='plain'
                    small
                    disabled={busy !== null}
                    onClick={() => setRejecting(record)}
                  >
                    不通过
                  </ActionButton>
                )}
                {actions.includes('verify') && (
                  <ActionButton
                    small
                    busy={busy === `verify-${record.id}`}
                    disabled={busy !== null}
                    onClick={() => verify(record)}
                  >
                    核实通过
                  </ActionButton>
                )}
              </View>
            </RecordCard>
          );
        }}
      />
      {list.items.length > 1 && (
        <BatchBar selection={selection} shown={list.items.map((r) => r.id)} label='批量通过' busy={busy === 'batch'} onRun={(ids) => void verifyChosen(ids)} />
      )}
      {rejecting && (
        <ReasonSheet
          title={`退回${rejecting.memberName}的服务记录`}
          label='不通过的原因（党员会看到）'
          placeholder='例如：与服务对象核实，当天未开展该服务'
          submitLabel='确认不通过'
          busy={busy !== null}
          onSubmit={reject}
          onClose={() => setRejecting(null)}
        />
      )}
    </View>
  );
}

/** 核实服务: the community's pending records; check the evidence, then verify or reject with a reason. */
export default function VerifyPage() {
  return (
    <RolePage role='community_staff' refused='只有社区工作人员可以核实服务记录。'>
      {(choice) => <Queue key={choice.current.id} choice={choice} />}
    </RolePage>
  );
}
