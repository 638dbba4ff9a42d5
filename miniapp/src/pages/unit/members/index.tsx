import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { Certificate, RosterMember } from '@huijia/shared';
import { ActionButton } from '../../../components/ActionButton';
import { Empty, Failed, Loading } from '../../../components/LoadState';
import { CertificateCard } from '../../../components/reporting/CertificateCard';
import { openReporting } from '../../../components/reporting/navigation';
import { FiguresBar, FilterTabs, ListFooter, ScopeSwitch, Sheet } from '../../../components/reporting/ui';
import { StatusBadge } from '../../../components/reporting/StatusBadge';
import { confirmFirst, toastDone, useAction } from '../../../components/reporting/useAction';
import { usePagedList } from '../../../components/reporting/usePagedList';
import { useRoleScope } from '../../../components/reporting/useRoleScope';
import { REPORTING_ROUTES } from '../../../subpackages/reporting';
import { issueCertificate } from '../../../services/reports';
import { listUnitMembers, type MemberFilter, type UnitMembers } from '../../../services/units';
import { buttonAria } from '../../../utils/a11y';
import { Page } from '../../../components/Page';
import '../../../components/reporting/common.css';
import './index.css';

type Tab = 'all' | MemberFilter;

const TABS: { key: Tab; label: string }[] = [
  { key: 'all', label: '全部' },
  { key: 'confirmed', label: '已报到' },
  { key: 'pending_offline', label: '待线下报到' },
  { key: 'not_reported', label: '未报到' },
];

const EMPTY: Record<Tab, string> = {
  all: '名册中还没有党员。请先在「党员名册」中导入本单位的党员名册。',
  confirmed: '暂无已报到的党员。党员在线报到、凭报到证到社区确认后，会显示在这里。',
  pending_offline: '暂无待线下报到的党员。党员在线报到后，请在这里为其签发报到证。',
  not_reported: '名册中的党员都已报到。',
};

interface Issued {
  member: RosterMember;
  certificate: Certificate;
}

function MemberRow({
  member,
  busy,
  disabled,
  onIssue,
}: {
  member: RosterMember;
  busy: boolean;
  disabled: boolean;
  onIssue: () => void;
}) {
  const meta = [member.phone, member.branch].filter(Boolean).join(' · ');
  let where = '';
  if (member.communityName) where = `报到社区：${member.communityName}`;
  else if (!member.hasAccount) where = '尚未注册账号';
  return (
    <View className='rp-row member-row'>
      <View className='rp-row__head'>
        <Text className='rp-row__name'>{member.name}</Text>
        <StatusBadge status={member.reportStatus} />
      </View>
      <Text className='rp-row__meta'>{meta}</Text>
      {where && <Text className='rp-row__meta'>{where}</Text>}
      {member.reportStatus === 'pending_offline' && member.reportId && (
        <View className='rp-row__actions'>
          <ActionButton small busy={busy} disabled={disabled} onClick={onIssue}>
            签发报到证
          </ActionButton>
        </View>
      )}
    </View>
  );
}

/** 报到情况 (unit admin): who on the roster has reported (信息比对), and 签发报到证. */
export default function UnitMembersPage() {
  const { me, reload: reloadMe, scopes, current, choose } = useRoleScope('unit_admin');
  const [tab, setTab] = useState<Tab>('all');
  const [issued, setIssued] = useState<Issued | null>(null);
  const { busy, run } = useAction();
  const unitId = current?.id ?? null;
  const list = usePagedList<RosterMember, UnitMembers>(
    unitId ? (cursor) => listUnitMembers(unitId, tab === 'all' ? undefined : tab, cursor) : null,
    [unitId, tab],
  );

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
        <Empty text='您不是单位党组织管理员，不能查看报到情况。' />
      </Page>
    );
  }

  const issue = async (member: RosterMember) => {
    const reportId = member.reportId;
    if (!reportId) return;
    const agreed = await confirmFirst({
      title: '签发报到证',
      content: `为${member.name}签发报到证？如之前签发过，旧的报到证将作废。`,
      confirmText: '签发',
    });
    if (!agreed) return;
    const certificate = await run(`issue-${member.id}`, () => issueCertificate(reportId), '签发失败，请稍后重试');
    if (certificate) {
      toastDone('已签发');
      setIssued({ member, certificate });
    }
  };

  const copyCode = (code: string) => {
    Taro.setClipboardData({ data: code }).catch(() => undefined);
  };

  const renderList = () => {
    const state = list.state;
    if (state.kind === 'loading') return <Loading />;
    if (state.kind === 'failed') return <Failed message={state.message} onRetry={() => void list.reload()} />;
    return (
      <>
        <View className='card'>
          <FiguresBar figures={state.answer.figures} />
        </View>
        {state.items.length === 0 ? (
          <View className='card'>
            <Empty inline text={EMPTY[tab]} />
            {tab === 'all' && (
              <ActionButton
                variant='plain'
                onClick={() => openReporting(REPORTING_ROUTES.unitRoster, { scope: current.id })}
              >
                去导入名册
              </ActionButton>
            )}
          </View>
        ) : (
          <View className='card'>
            {state.items.map((member) => (
              <MemberRow
                key={member.id}
                member={member}
                busy={busy === `issue-${member.id}`}
                disabled={busy !== null}
                onIssue={() => void issue(member)}
              />
            ))}
            <ListFooter more={state.more} hasMore={state.nextCursor !== null} onMore={list.loadMore} />
          </View>
        )}
      </>
    );
  };

  return (
    <Page className='rp-page'>
      <ScopeSwitch scopes={scopes} current={current} onChoose={choose} />
      <View className='members-head'>
        <Text className='members-head__unit'>{current.name}</Text>
        <Text
          className='link members-head__roster'
          onClick={() => openReporting(REPORTING_ROUTES.unitRoster, { scope: current.id })}
          {...buttonAria()}
        >
          导入名册 ›
        </Text>
      </View>
      <FilterTabs tabs={TABS} current={tab} onChange={setTab} />
      {renderList()}

      {issued && (
        <Sheet title={`${issued.member.name}的报到证`} onClose={() => setIssued(null)}>
          <CertificateCard
            certificate={issued.certificate}
            hint={`请将编码或二维码发给${issued.member.name}，凭此到${issued.member.communityName ?? '报到社区'}完成线下报到；本人也可在「社区报到」页面查看。`}
          />
          <View className='rp-actions'>
            <ActionButton variant='quiet' onClick={() => copyCode(issued.certificate.code)}>
              复制编码
            </ActionButton>
            <ActionButton onClick={() => setIssued(null)}>关闭</ActionButton>
          </View>
        </Sheet>
      )}
    </Page>
  );
}
