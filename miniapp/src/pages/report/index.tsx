import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import {
  LIVE_REPORT_STATES,
  type Me,
  type MyReport,
  REPORT_BASIS_LABELS,
  REPORT_END_REASON_LABELS,
} from '@huijia/shared';
import { ActionButton } from '../../components/ActionButton';
import { Empty, Failed, Loading } from '../../components/LoadState';
import { CertificateCard } from '../../components/reporting/CertificateCard';
import { PhoneBinding } from '../../components/PhoneBinding';
import { formatTime } from '../../utils/time';
import { StatusBadge } from '../../components/reporting/StatusBadge';
import { useAction } from '../../hooks/useAction';
import { useMe } from '../../hooks/useMe';
import { useRemote } from '../../hooks/useRemote';
import { openPage, ROUTES } from '../../routes';
import { createReport, getReportOptions, withdrawReport } from '../../services/reports';
import { askToSubscribe, prefetchSubscribeTemplates } from '../../services/subscribe';
import { Page } from '../../components/Page';
import '../../components/reporting/common.css';
import { CommunityChoices, choicesOf } from './choices';
import { MoveOrEnd, TransferPending } from './moving';
import './index.css';

const isLive = (report: MyReport): boolean =>
  (LIVE_REPORT_STATES as readonly string[]).includes(report.status);

/** The rule of 双报到, in plain words. */
function RuleCard() {
  return (
    <View className='card'>
      <Text className='card__title'>报到规则</Text>
      <Text className='rp-note'>1. 按居住地社区报到：向您居住的社区报到。</Text>
      <Text className='rp-note'>
        2. 系统中没有您的居住社区时，可向单位结对社区报到。
      </Text>
      <Text className='rp-note'>
        3. 在线提交后，由单位党组织签发报到证；请凭报到证到社区，由工作人员确认后完成报到。
      </Text>
    </View>
  );
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <View className='report-row'>
      <Text className='report-row__label'>{label}</Text>
      <Text className='report-row__value'>{value}</Text>
    </View>
  );
}

/** The live report: where it stands, the 报到证 once issued, and 撤回 while it waits. */
function StatusCard({ me, report, onChanged }: { me: Me; report: MyReport; onChanged: () => void }) {
  const { busy, run } = useAction();

  const withdraw = async () => {
    const withdrawn = await run('withdraw', () => withdrawReport(report.id), {
      ask: {
        title: '撤回报到',
        content: `撤回向${report.communityName}的报到？撤回后报到证作废，需要时可重新报到。`,
        confirmText: '撤回',
      },
      done: '已撤回',
      failed: '撤回失败，请稍后重试',
    });
    if (withdrawn) onChanged();
  };

  const pending = report.status === 'pending_offline';
  return (
    <View className='card report-status'>
      <View className='report-status__head'>
        <Text className='card__title report-status__title'>我的报到</Text>
        <StatusBadge status={report.status} />
      </View>
      <Row label='报到社区' value={report.communityName} />
      <Row label='报到方式' value={REPORT_BASIS_LABELS[report.basis]} />
      <Row label='所在单位' value={report.unitName} />
      <Row label='提交时间' value={formatTime(report.createdAt)} />
      {report.status === 'confirmed' && report.decidedAt && <Row label='确认时间' value={formatTime(report.decidedAt)} />}

      {report.status === 'confirmed' && (
        <View className='report-done'>
          <Text className='report-done__title'>{`您已在${report.communityName}完成报到，欢迎回家！`}</Text>
          {me.grid?.branch && <Row label='网格支部' value={me.grid.branch.name} />}
          {me.grid?.team && <Row label='志愿服务队' value={me.grid.team.name} />}
          {!me.grid && <Text className='rp-note'>社区工作人员会将您编入网格支部和志愿服务队。</Text>}
        </View>
      )}

      {pending && report.certificate && (
        <View className='report-certificate'>
          <CertificateCard
            certificate={report.certificate}
            hint={`请到${report.communityName}向社区工作人员出示此报到证，扫码或核对编码后即完成报到`}
          />
        </View>
      )}
      {pending && !report.certificate && (
        <View className='report-waiting'>
          <Text className='rp-note'>
            {`已在线报到。请等待${report.unitName}党组织签发报到证，签发后会在这里显示，并发消息通知您。`}
          </Text>
        </View>
      )}
      {pending && (
        <View className='report-withdraw'>
          <ActionButton variant='quiet' busy={busy === 'withdraw'} onClick={withdraw}>
            撤回报到
          </ActionButton>
        </View>
      )}
    </View>
  );
}

/** Where the member may report (GET /api/reports/options) and 提交报到. */
function ReportForm({ onReported }: { onReported: () => void }) {
  const options = useRemote(getReportOptions, []);
  const [picked, setPicked] = useState<string | null>(null);
  // Reported: the page is reloading the report; a second tap meanwhile would only be refused.
  const [sent, setSent] = useState(false);
  const { busy, run } = useAction();
  useEffect(prefetchSubscribeTemplates, []);

  if (options.state.kind === 'loading') return <Loading />;
  if (options.state.kind === 'failed') {
    return <Failed message={options.state.message} onRetry={options.retry} />;
  }

  const value = options.state.value;
  const choices = choicesOf(value);
  if (choices.length === 0) {
    return (
      <View className='card'>
        <Text className='card__title'>选择报到社区</Text>
        <Empty
          inline
          text='系统中没有您的居住社区，您的单位也还没有结对社区。请先在「我的」中设置居住社区，或联系单位党组织。'
        />
        <ActionButton variant='plain' onClick={() => openPage(ROUTES.me)}>
          去设置居住社区
        </ActionButton>
      </View>
    );
  }

  const chosen = choices.find((choice) => choice.communityId === picked) ?? (choices.length === 1 ? choices[0] : undefined);

  const submit = async () => {
    if (!chosen) {
      Taro.showToast({ title: '请选择报到社区', icon: 'none' });
      return;
    }
    const body = { communityId: chosen.communityId, basis: chosen.basis };
    // Asked at the tap (WeChat shows the panel only then), before the confirmation.
    await askToSubscribe('report.submitted');
    const reported = await run('report', () => createReport(body), {
      ask: {
        title: '确认报到',
        content: `向${chosen.name}报到？提交后请等待单位签发报到证，再凭报到证到社区完成线下报到。`,
        confirmText: '提交',
      },
      done: '已提交报到',
      failed: '报到失败，请稍后重试',
    });
    if (reported) {
      setSent(true);
      onReported();
    }
  };

  return (
    <View className='card'>
      <Text className='card__title'>选择报到社区</Text>
      <Text className='card__hint'>
        {value.residence
          ? '按居住地报到。居住社区有误时，请先在「我的」中修改。'
          : '系统中没有您的居住社区，可向单位结对社区报到。'}
      </Text>
      <CommunityChoices choices={choices} chosenId={chosen?.communityId} onPick={setPicked} />
      <View className='report-submit'>
        <ActionButton busy={busy === 'report'} disabled={!chosen || sent} onClick={submit}>
          提交报到
        </ActionButton>
      </View>
    </View>
  );
}

/** 社区报到 (member): the rule, where to report, then the report's state and the 报到证. */
export default function ReportPage() {
  const { state, reload } = useMe();

  usePullDownRefresh(() => {
    reload();
    Taro.stopPullDownRefresh();
  });

  if (state.kind === 'loading') {
    return (
      <Page className='rp-page'>
        <Loading />
      </Page>
    );
  }
  if (state.kind === 'failed') {
    return (
      <Page className='rp-page'>
        <Failed message={state.message} onRetry={reload} />
      </Page>
    );
  }

  const me = state.value;
  if (!me.member) {
    return (
      <Page className='rp-page'>
        <RuleCard />
        {!me.user.phone && <PhoneBinding onBound={reload} />}
        <Empty text='您还不在任何单位的党员名册中。请联系所在单位党组织导入名册后，再来报到。' />
      </Page>
    );
  }

  const report = me.report;
  return (
    <Page className='rp-page'>
      {report && isLive(report) ? (
        <>
          <StatusCard me={me} report={report} onChanged={reload} />
          {report.transfer && <TransferPending report={report} transfer={report.transfer} onChanged={reload} />}
          {report.status === 'confirmed' && !report.transfer && <MoveOrEnd report={report} onChanged={reload} />}
        </>
      ) : (
        <>
          {report?.status === 'ended' && (
            <View className='card report-status'>
              <View className='report-status__head'>
                <Text className='card__title report-status__title'>上次报到</Text>
                <StatusBadge status='ended' />
              </View>
              <Row label='报到社区' value={report.communityName} />
              {report.endReason && <Row label='结束原因' value={REPORT_END_REASON_LABELS[report.endReason]} />}
              {report.endedAt && <Row label='结束时间' value={formatTime(report.endedAt)} />}
            </View>
          )}
          {report?.status === 'rejected' && (
            <View className='card report-status report-status--rejected'>
              <View className='report-status__head'>
                <Text className='card__title report-status__title'>上次报到</Text>
                <StatusBadge status='rejected' />
              </View>
              <Row label='报到社区' value={report.communityName} />
              <Text className='report-reason'>{`未通过原因：${report.rejectReason ?? '未说明'}`}</Text>
              <Text className='rp-note'>请按原因处理后重新报到。</Text>
            </View>
          )}
          <RuleCard />
          <ReportForm onReported={reload} />
        </>
      )}
    </Page>
  );
}
