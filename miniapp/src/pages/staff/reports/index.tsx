import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useRef, useState } from 'react';
import { REPORT_BASIS_LABELS, type Report } from '@huijia/shared';
import { ActionButton } from '../../../components/ActionButton';
import { Empty, Failed, Loading } from '../../../components/LoadState';
import { dateTime } from '../../../components/reporting/labels';
import { openReporting } from '../../../components/reporting/navigation';
import { scanCertificate } from '../../../components/reporting/scan';
import { FiguresBar, FilterTabs, ListFooter, ScopeSwitch } from '../../../components/reporting/ui';
import { StatusBadge } from '../../../components/reporting/StatusBadge';
import { usePagedList } from '../../../components/reporting/usePagedList';
import { useRoleScope } from '../../../components/reporting/useRoleScope';
import { REPORTING_ROUTES } from '../../../subpackages/reporting';
import { type CommunityReports, listCommunityReports } from '../../../services/reports';
import { IS_WEAPP } from '../../../utils/platform';
import { Page } from '../../../components/Page';
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
  rejected: '暂无未通过的报到。',
};

function ReportRow({ report, onConfirm }: { report: Report; onConfirm: () => void }) {
  const pending = report.status === 'pending_offline';
  return (
    <View className='rp-row staff-report'>
      <View className='rp-row__head'>
        <Text className='rp-row__name'>{report.memberName}</Text>
        <StatusBadge status={report.status} />
      </View>
      <Text className='rp-row__meta'>{`${report.unitName} · ${REPORT_BASIS_LABELS[report.basis]}`}</Text>
      <Text className='rp-row__meta'>
        {report.status === 'pending_offline'
          ? `${dateTime(report.createdAt)} 提交 · ${report.certificateIssued ? '报到证已签发' : '单位尚未签发报到证'}`
          : `${dateTime(report.decidedAt ?? report.createdAt)} ${report.status === 'confirmed' ? '确认' : '退回'}`}
      </Text>
      {report.status === 'rejected' && report.rejectReason && (
        <Text className='rp-row__meta staff-report__reason'>{`原因：${report.rejectReason}`}</Text>
      )}
      {pending && (
        <View className='rp-row__actions'>
          <ActionButton small onClick={onConfirm}>
            去确认
          </ActionButton>
        </View>
      )}
    </View>
  );
}

/** 报到名单 (community staff): the community's reports by state, with its reporting figures. */
export default function StaffReportsPage() {
  const { me, reload: reloadMe, scopes, current, choose } = useRoleScope('community_staff');
  const [tab, setTab] = useState<Tab>('pending_offline');
  const communityId = current?.id ?? null;
  const list = usePagedList<Report, CommunityReports>(
    communityId ? (cursor) => listCommunityReports(communityId, tab, cursor) : null,
    [communityId, tab],
  );

  // Back from confirming one: the list has changed.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void list.reload(true);
    shown.current = true;
  });
  useReachBottom(list.loadMore);
  usePullDownRefresh(() => {
    void list.reload(true).finally(() => Taro.stopPullDownRefresh());
  });

  if (me.kind === 'loading') {
    return (
      <Page className='rp-page'>
        <Loading />
      </Page>
    );
  }
  if (me.kind === 'failed') {
    return (
      <Page className='rp-page'>
        <Failed message={me.message} onRetry={reloadMe} />
      </Page>
    );
  }
  if (!current) {
    return (
      <Page className='rp-page'>
        <Empty text='您不是社区工作人员，不能查看报到名单。' />
      </Page>
    );
  }

  const openConfirm = (query: Record<string, string>) =>
    openReporting(REPORTING_ROUTES.staffConfirm, { scope: current.id, ...query });

  const scan = async () => {
    const scanned = await scanCertificate();
    if (scanned) openConfirm({ id: scanned.reportId, code: scanned.code });
  };

  const renderList = () => {
    const state = list.state;
    if (state.kind === 'loading') return <Loading />;
    if (state.kind === 'failed') return <Failed message={state.message} onRetry={() => void list.reload()} />;
    return (
      <>
        <View className='card'>
          <FiguresBar figures={state.answer.figures} rosterLabel='应报到' />
        </View>
        <View className='card'>
          {state.items.length === 0 ? (
            <Empty inline text={EMPTY[tab]} />
          ) : (
            <>
              {state.items.map((report) => (
                <ReportRow key={report.id} report={report} onConfirm={() => openConfirm({ id: report.id })} />
              ))}
              <ListFooter more={state.more} hasMore={state.nextCursor !== null} onMore={list.loadMore} />
            </>
          )}
        </View>
      </>
    );
  };

  return (
    <Page className='rp-page'>
      <ScopeSwitch scopes={scopes} current={current} onChoose={choose} />
      <View className='card staff-scan'>
        <Text className='card__title'>{`${current.name} · 确认报到`}</Text>
        <Text className='card__hint'>
          {IS_WEAPP
            ? '党员到社区出示报到证时，扫描二维码，或在待确认名单中选择后输入编码。'
            : '党员到社区出示报到证时，在待确认名单中选择，输入报到证编码确认。'}
        </Text>
        {IS_WEAPP && <ActionButton onClick={() => void scan()}>扫码确认</ActionButton>}
      </View>
      <FilterTabs tabs={TABS} current={tab} onChange={setTab} />
      {renderList()}
    </Page>
  );
}
