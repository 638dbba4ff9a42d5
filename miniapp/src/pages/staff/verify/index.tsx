import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { recordMachine, type ServiceRecord } from '@huijia/shared';
import { ActionButton } from '../../../components/ActionButton';
import { Failed, Loading } from '../../../components/LoadState';
import type { Community } from '../../../components/service/community';
import { formatTime } from '../../../components/wish/format';
import { ReasonSheet } from '../../../components/service/ReasonSheet';
import { RecordCard } from '../../../components/service/RecordCard';
import { useRun } from '../../../components/service/useRun';
import { NOT_STAFF_TEXT, useStaffScope } from '../../../components/service/useStaffScope';
import { confirmStep } from '../../../components/wish/actions';
import { EmptyState, PagedBody } from '../../../components/wish/PagedBody';
import { PhotoGrid } from '../../../components/wish/PhotoGrid';
import { usePagedList } from '../../../components/wish/usePagedList';
import { listRecords, rejectRecord, verifyRecord } from '../../../services/records';
import { formatHours } from '../../../components/service/format';
import { Page } from '../../../components/Page';
import '../../../components/wish/wish.css';
import '../../../components/service/service.css';

function Queue({ community }: { community: Community }) {
  const list = usePagedList(
    (cursor) => listRecords({ communityId: community.id, status: 'pending', cursor }),
    [community.id],
  );
  const { busy, run } = useRun(list.reload);
  const [open, setOpen] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState<ServiceRecord | null>(null);
  const drop = (id: string) => list.update((items) => items.filter((r) => r.id !== id));

  const verify = async (record: ServiceRecord) => {
    const ok = await confirmStep(
      '核实通过',
      `确认${record.memberName}的这次服务属实？通过后计入 ${formatHours(record.minutes)} 服务时长和相应积分，不能撤销。`,
      '通过',
    );
    if (!ok) return;
    if (await run(`verify-${record.id}`, () => verifyRecord(record.id), '已核实通过')) drop(record.id);
  };

  const reject = async (reason: string) => {
    if (!rejecting) return;
    const record = rejecting;
    if (await run(`reject-${record.id}`, () => rejectRecord(record.id, reason), '已退回')) drop(record.id);
    setRejecting(null);
  };

  return (
    <View>
      <View className='svc-list-head wish-filters'>
        <Text className='svc-list-head__title'>{`${community.name} · 待核实的服务记录`}</Text>
      </View>
      <PagedBody
        list={list}
        empty={<EmptyState text='没有待核实的服务记录。党员提交服务记录后会出现在这里，下拉可刷新。' />}
        renderItem={(record) => {
          const expanded = open === record.id;
          const actions = recordMachine.available('staff', record.status);
          return (
            <RecordCard key={record.id} record={record} showMember expanded={expanded} onOpen={() => setOpen(expanded ? null : record.id)}>
              {expanded && (
                <View className='wish-card__extra'>
                  <View className='wish-row'>
                    <Text className='wish-row__label'>服务对象</Text>
                    <Text className='wish-row__value'>{record.beneficiary ?? '未填写'}</Text>
                  </View>
                  <View className='wish-row'>
                    <Text className='wish-row__label'>提交时间</Text>
                    <Text className='wish-row__value'>{formatTime(record.createdAt)}</Text>
                  </View>
                  {record.photos.length > 0 ? (
                    <PhotoGrid photos={record.photos} />
                  ) : (
                    <Text className='svc-muted'>没有现场照片</Text>
                  )}
                </View>
              )}
              <View className='wish-card__actions'>
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
  const { state, reload } = useStaffScope();
  if (state.kind === 'loading') return <Page><Loading /></Page>;
  if (state.kind === 'failed') return <Page><Failed message={state.message} onRetry={reload} /></Page>;
  return (
    <Page>
      {state.value ? <Queue community={state.value} /> : <EmptyState text={NOT_STAFF_TEXT} />}
    </Page>
  );
}
