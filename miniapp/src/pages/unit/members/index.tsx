import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { departRosterEntryBodySchema, type Certificate, type RosterMember } from '@huijia/shared';
import { ActionButton } from '../../../components/ActionButton';
import { Empty } from '../../../components/LoadState';
import { CertificateCard } from '../../../components/reporting/CertificateCard';
import { openReporting } from '../../../components/reporting/navigation';
import { FiguredList, FilterTabs } from '../../../components/reporting/ui';
import { StatusBadge } from '../../../components/reporting/StatusBadge';
import { RolePage } from '../../../components/ScopedPage';
import { ScopeSwitch } from '../../../components/ScopeSwitch';
import { ReasonSheet, Sheet } from '../../../components/Sheet';
import { useAction } from '../../../hooks/useAction';
import { usePagedList } from '../../../hooks/usePagedList';
import type { ScopeChoice } from '../../../hooks/useScope';
import { REPORTING_ROUTES } from '../../../subpackages/reporting';
import { issueCertificate, viewCertificate } from '../../../services/reports';
import { departRosterEntry, listUnitMembers, type MemberFilter } from '../../../services/units';
import { buttonAria } from '../../../utils/a11y';
import { formatTime } from '../../../utils/time';
import { UnitReminders } from './reminders';
import '../../../components/reporting/common.css';
import './index.css';

type Tab = 'all' | MemberFilter;

const TABS: { key: Tab; label: string }[] = [
  { key: 'all', label: '全部' },
  { key: 'confirmed', label: '已报到' },
  { key: 'pending_offline', label: '待线下报到' },
  { key: 'not_reported', label: '未报到' },
  { key: 'departed', label: '已离开' },
];

const EMPTY: Record<Tab, string> = {
  all: '名册中还没有党员。请先在「党员名册」中导入本单位的党员名册。',
  confirmed: '暂无已报到的党员。党员在线报到、凭报到证到社区确认后，会显示在这里。',
  pending_offline: '暂无待线下报到的党员。党员在线报到后，请在这里为其签发报到证。',
  not_reported: '名册中的党员都已报到。名册有新党员时，请在「导入名册」中更新。',
  departed: '没有离开名册的党员。党员退休、调离时，可在「全部」中为其办理离开名册。',
};

interface Issued {
  member: RosterMember;
  certificate: Certificate;
}

/** The report waiting for the unit's 报到证 (a transfer's first), and whether its code is issued already. */
function awaitingCertificate(member: RosterMember): { reportId: string; issued: boolean } | null {
  if (member.transfer) return { reportId: member.transfer.id, issued: member.transfer.certificateIssued };
  if (member.reportStatus === 'pending_offline' && member.reportId) return { reportId: member.reportId, issued: member.certificateIssuedAt !== null };
  return null;
}

function MemberRow({
  member,
  busy,
  disabled,
  onIssue,
  onView,
  onDepart,
}: {
  member: RosterMember;
  busy: boolean;
  disabled: boolean;
  onView: () => void;
  onIssue: () => void;
  onDepart: () => void;
}) {
  const meta = [member.phone, member.branch].filter(Boolean).join(' · ');
  if (member.departedAt) {
    return (
      <View className='rp-row member-row member-row--departed'>
        <View className='rp-row__head'>
          <Text className='rp-row__name'>{member.name}</Text>
          <Text className='rp-badge rp-badge--none'>已离开</Text>
        </View>
        <Text className='rp-row__meta'>{meta}</Text>
        <Text className='rp-row__meta'>{`${formatTime(member.departedAt)} 离开名册：${member.departReason ?? ''}`}</Text>
      </View>
    );
  }
  // The list carries only reports made through this unit: a member who reported through another
  // unit whose roster also lists them shows here as not reported.
  const where = member.communityName ? `报到社区：${member.communityName}` : '尚未通过本单位报到';
  const certificate = awaitingCertificate(member);
  return (
    <View className='rp-row member-row'>
      <View className='rp-row__head'>
        <Text className='rp-row__name'>{member.name}</Text>
        <StatusBadge status={member.reportStatus} />
      </View>
      <Text className='rp-row__meta'>{meta}</Text>
      <Text className='rp-row__meta'>{where}</Text>
      {member.transfer && (
        <Text className='rp-row__meta'>{`转移报到：转到${member.transfer.communityName}（${member.transfer.certificateIssued ? '已签发报到证，待社区确认' : '待签发报到证'}）`}</Text>
      )}
      <View className='rp-row__actions'>
        {certificate?.issued && (
          <>
            <ActionButton small variant='plain' disabled={disabled} onClick={onView}>
              已签发 · 查看
            </ActionButton>
            <ActionButton small variant='quiet' busy={busy} disabled={disabled} onClick={onIssue}>
              重新签发
            </ActionButton>
          </>
        )}
        {certificate && !certificate.issued && (
          <ActionButton small busy={busy} disabled={disabled} onClick={onIssue}>
            签发报到证
          </ActionButton>
        )}
        <ActionButton small variant='quiet' disabled={disabled} onClick={onDepart}>
          离开名册
        </ActionButton>
      </View>
    </View>
  );
}

/** A unit's roster with each member's report, its figures, 催报, 签发报到证 and 离开名册; who left, under 已离开. */
function Members({ choice }: { choice: ScopeChoice }) {
  const unit = choice.current;
  const [tab, setTab] = useState<Tab>('all');
  const [issued, setIssued] = useState<Issued | null>(null);
  const [departing, setDeparting] = useState<RosterMember | null>(null);
  const list = usePagedList(
    (cursor) => listUnitMembers(unit.id, tab === 'all' ? undefined : tab, cursor),
    [unit.id, tab],
  );
  // A member someone else already took off the roster (409): the list as it is now.
  const { busy, run } = useAction(() => {
    setDeparting(null);
    list.reload();
  });
  const openRoster = () => openReporting(REPORTING_ROUTES.unitRoster, { scope: unit.id });

  /** 签发, or 重新签发 (asked first: the code the member carries stops working). */
  const issue = async (member: RosterMember) => {
    const awaiting = awaitingCertificate(member);
    if (!awaiting) return;
    const certificate = await run(`issue-${member.id}`, () => issueCertificate(awaiting.reportId), {
      ask: awaiting.issued
        ? { title: '重新签发报到证', content: `重新签发后，${member.name}手中的报到证将作废，须使用新的编码报到。确定重新签发吗？`, confirmText: '重新签发' }
        : undefined,
      done: awaiting.issued ? '已重新签发' : '已签发',
      failed: '签发失败，请稍后重试',
    });
    if (!certificate) return;
    setIssued({ member, certificate });
    list.reload();
  };

  /** 查看: the code already issued, shown again as it is. */
  const view = async (member: RosterMember) => {
    const awaiting = awaitingCertificate(member);
    if (!awaiting) return;
    const certificate = await run(`view-${member.id}`, () => viewCertificate(awaiting.reportId), { failed: '读取报到证失败，请稍后重试' });
    if (certificate) setIssued({ member, certificate });
  };

  /** 离开名册: the member leaves this list (they are under 已离开 now) and the figures change. */
  const depart = async (member: RosterMember, reason: string) => {
    const departed = await run(`depart-${member.id}`, () => departRosterEntry(unit.id, member.id, reason), {
      done: '已离开名册',
      failed: '办理失败，请稍后重试',
    });
    if (!departed) return;
    setDeparting(null);
    list.reload();
  };

  const copyCode = (code: string) => {
    Taro.setClipboardData({ data: code }).catch(() => undefined);
  };

  return (
    <>
      <ScopeSwitch choice={choice} />
      <View className='members-head'>
        <Text className='members-head__unit'>{unit.name}</Text>
        <Text className='link members-head__roster' onClick={openRoster} {...buttonAria()}>
          导入名册 ›
        </Text>
      </View>
      <UnitReminders unit={unit} figures={list.answer?.figures ?? null} />
      <FilterTabs tabs={TABS} current={tab} onChange={setTab} />
      <FiguredList
        list={list}
        empty={
          <Empty
            inline
            text={EMPTY[tab]}
            action={
              tab === 'all' && (
                <ActionButton variant='plain' onClick={openRoster}>
                  去导入名册
                </ActionButton>
              )
            }
          />
        }
        renderItem={(member) => (
          <MemberRow
            key={member.id}
            member={member}
            busy={busy === `issue-${member.id}`}
            disabled={busy !== null}
            onIssue={() => void issue(member)}
            onView={() => void view(member)}
            onDepart={() => setDeparting(member)}
          />
        )}
      />

      {departing && (
        <ReasonSheet
          title={`${departing.name}离开名册`}
          label='离开原因（党员本人会看到）'
          placeholder='例如：已退休，组织关系转出'
          submitLabel='确认离开'
          warning='离开后不再是本单位名册中的党员：进行中的报到随之结束，认领的岗位、结对和心愿交回社区；服务记录和积分保留。再次导入名册时可回到名册。'
          schema={departRosterEntryBodySchema}
          maxlength={200}
          busy={busy === `depart-${departing.id}`}
          onSubmit={(reason) => void depart(departing, reason)}
          onClose={() => setDeparting(null)}
        />
      )}

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
    </>
  );
}

/** 报到情况 (unit admin): who on the roster has reported (信息比对), 催报, 签发报到证, and 离开名册. */
export default function UnitMembersPage() {
  return (
    <RolePage role='unit_admin' className='rp-page' refused='您不是单位党组织管理员，不能查看报到情况。'>
      {(choice) => <Members key={choice.current.id} choice={choice} />}
    </RolePage>
  );
}
