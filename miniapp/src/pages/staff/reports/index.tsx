import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { confirmReportBodySchema, REPORT_BASIS_LABELS, type Report } from '@huijia/shared';
import { ActionButton } from '../../../components/ActionButton';
import { AuditHistory } from '../../../components/AuditHistory';
import { Empty } from '../../../components/LoadState';
import { formatTime } from '../../../utils/time';
import { toastDone } from '../../../utils/toast';
import { openReporting } from '../../../components/reporting/navigation';
import { scanCertificate } from '../../../components/reporting/scan';
import { FiguredList, FilterTabs } from '../../../components/reporting/ui';
import { StatusBadge } from '../../../components/reporting/StatusBadge';
import { RolePage } from '../../../components/ScopedPage';
import { ScopeSwitch } from '../../../components/ScopeSwitch';
import { usePagedList } from '../../../hooks/usePagedList';
import type { ScopeChoice } from '../../../hooks/useScope';
import { REPORTING_ROUTES } from '../../../subpackages/reporting';
import { confirmReportByCode, listCommunityReports } from '../../../services/reports';
import { FormField } from '../../../components/FormField';
import { useAction } from '../../../hooks/useAction';
import { checkForm } from '../../../utils/form';
import '../../../components/reporting/common.css';
import './index.css';

type Tab = 'pending_offline' | 'confirmed' | 'rejected';

const TABS: { key: Tab; label: string }[] = [
  { key: 'pending_offline', label: '待确认' },
  { key: 'confirmed', label: '已报到' },
  { key: 'rejected', label: '未通过' },
];

const EMPTY: Record<Tab, string> = {
  pending_offline: '暂无待确认的报到。党员在线报到后会出现在这里，请在其到社区出示报到证时确认。',
  confirmed: '暂无已报到的党员。确认线下报到后，党员会显示在这里，可编入网格。',
  rejected: '暂无未通过的报到。退回的报到会显示在这里，党员修改后可重新报到。',
};

function ReportRow({ report, onConfirm }: { report: Report; onConfirm: () => void }) {
  const pending = report.status === 'pending_offline';
  const [history, setHistory] = useState(false);
  return (
    <View className='rp-row staff-report'>
      <View className='rp-row__head'>
        <Text className='rp-row__name'>{report.memberName}</Text>
        <StatusBadge status={report.status} />
      </View>
      <Text className='rp-row__meta'>{`${report.unitName} · ${REPORT_BASIS_LABELS[report.basis]}${report.transferOf ? ' · 转移报到' : ''}`}</Text>
      <Text className='rp-row__meta'>
        {report.status === 'pending_offline'
          ? `${formatTime(report.createdAt)} 提交 · ${report.certificateIssued ? '报到证已签发' : '单位尚未签发报到证'}`
          : `${formatTime(report.decidedAt ?? report.createdAt)} ${report.status === 'confirmed' ? '确认' : '退回'}`}
      </Text>
      {report.status === 'rejected' && report.rejectReason && (
        <Text className='rp-row__meta staff-report__reason'>{`原因：${report.rejectReason}`}</Text>
      )}
      <View className='rp-row__actions'>
        <ActionButton small variant='plain' onClick={() => setHistory(!history)}>
          {history ? '收起处理记录' : '处理记录'}
        </ActionButton>
        {pending && (
          <ActionButton small onClick={onConfirm}>
            去确认
          </ActionButton>
        )}
      </View>
      {history && <AuditHistory objectType='report' objectId={report.id} version={report.status} />}
    </View>
  );
}

/**
 * The 报到证 code as the member shows it, typed or pasted (spaces, dashes and lower case are
 * forgiven): whoever's report waits here with it is confirmed, without finding them first.
 */
function CodeBox({ communityId, onConfirmed }: { communityId: string; onConfirmed: () => void }) {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string>();
  const { busy, run } = useAction();
  const submit = async () => {
    const checked = checkForm(confirmReportBodySchema, { certificateCode: code });
    if (!checked.ok) return setError(checked.errors.certificateCode);
    const report = await run('confirm', () => confirmReportByCode(communityId, checked.data.certificateCode), { failed: '确认失败，请稍后重试' });
    if (!report) return;
    toastDone(`已确认${report.memberName}的报到`);
    setCode('');
    onConfirmed();
  };
  return (
    <View className='staff-code'>
      <FormField
        label='报到证编码'
        name='certificateCode'
        kind='code'
        value={code}
        placeholder='输入或粘贴 8 位编码'
        maxlength={20}
        error={error}
        disabled={busy !== null}
        onInput={(value) => {
          setCode(value);
          setError(undefined);
        }}
        onConfirm={() => void submit()}
        action={
          <ActionButton small busy={busy !== null} onClick={() => void submit()}>
            确认报到
          </ActionButton>
        }
      />
    </View>
  );
}

/** A community's reports by state, with its reporting figures. */
function Reports({ choice }: { choice: ScopeChoice }) {
  const community = choice.current;
  const [tab, setTab] = useState<Tab>('pending_offline');
  // Coming back from confirming one reloads it (the hook reloads a page shown again).
  const list = usePagedList((cursor) => listCommunityReports(community.id, tab, cursor), [community.id, tab]);

  const openConfirm = (query: Record<string, string>) =>
    openReporting(REPORTING_ROUTES.staffConfirm, { scope: community.id, ...query });

  const scan = async () => {
    const scanned = await scanCertificate();
    if (scanned) openConfirm({ id: scanned.reportId, code: scanned.code });
  };

  return (
    <>
      <ScopeSwitch choice={choice} />
      <View className='card staff-scan'>
        <Text className='card__title'>{`${community.name} · 确认报到`}</Text>
        <Text className='card__hint'>
          {process.env.TARO_ENV === 'weapp'
            ? '党员到社区出示报到证时，扫描二维码，或在下面输入编码确认。'
            : '党员到社区出示报到证时，在下面输入报到证编码确认。'}
        </Text>
        <CodeBox communityId={community.id} onConfirmed={list.reload} />
        {process.env.TARO_ENV === 'weapp' && <ActionButton onClick={() => void scan()}>扫码确认</ActionButton>}
      </View>
      <FilterTabs tabs={TABS} current={tab} onChange={setTab} />
      <FiguredList
        list={list}
        rosterLabel='应报到'
        empty={<Empty inline text={EMPTY[tab]} />}
        renderItem={(report) => (
          <ReportRow key={report.id} report={report} onConfirm={() => openConfirm({ id: report.id })} />
        )}
      />
    </>
  );
}

/** 报到名单 (community staff): the community's reports by state, with its reporting figures. */
export default function StaffReportsPage() {
  return (
    <RolePage role='community_staff' className='rp-page' refused='您不是社区工作人员，不能查看报到名单。'>
      {(choice) => <Reports key={choice.current.id} choice={choice} />}
    </RolePage>
  );
}
