import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import {
  createGridGroupBodySchema,
  GRID_GROUP_KIND_LABELS,
  GRID_GROUP_KINDS,
  type GridGroup,
  type GridGroupKind,
  type Report,
} from '@huijia/shared';
import { ActionButton } from '../../../components/ActionButton';
import { FormField } from '../../../components/FormField';
import { Empty, Failed } from '../../../components/LoadState';
import { openReporting } from '../../../components/reporting/navigation';
import { RolePage } from '../../../components/ScopedPage';
import { ScopeSwitch } from '../../../components/ScopeSwitch';
import { Sheet } from '../../../components/Sheet';
import { Skeleton } from '../../../components/Skeleton';
import { useAction } from '../../../hooks/useAction';
import { usePagedList } from '../../../hooks/usePagedList';
import { useRemote } from '../../../hooks/useRemote';
import type { ScopeChoice } from '../../../hooks/useScope';
import { REPORTING_ROUTES } from '../../../subpackages/reporting';
import { addGridMember, createGridGroup, getGrid, removeGridMember, setGridLeader } from '../../../services/grid';
import { listAllCommunityReports } from '../../../services/reports';
import { aria, buttonAria, control } from '../../../utils/a11y';
import { checkForm } from '../../../utils/form';
import '../../../components/reporting/common.css';
import './index.css';

function CreateGroup({ busy, onCreate }: { busy: string | null; onCreate: (kind: GridGroupKind, name: string) => Promise<boolean> }) {
  const [kind, setKind] = useState<GridGroupKind>('branch');
  const [name, setName] = useState('');
  const [error, setError] = useState('');

  const submit = async () => {
    const checked = checkForm(createGridGroupBodySchema, { kind, name });
    if (!checked.ok) {
      setError(checked.errors.name ?? '请输入名称');
      return;
    }
    if (await onCreate(checked.data.kind, checked.data.name)) setName('');
  };

  return (
    <View className='card'>
      <Text className='card__title'>新建</Text>
      <View className='grid-kinds' {...aria({ role: 'radiogroup', 'aria-label': '类型' })}>
        {GRID_GROUP_KINDS.map((option) => (
          <View
            key={option}
            className={`grid-kind${option === kind ? ' grid-kind--on' : ''}`}
            onClick={() => setKind(option)}
            {...control('radio', { 'aria-checked': option === kind })}
          >
            <Text>{GRID_GROUP_KIND_LABELS[option]}</Text>
          </View>
        ))}
      </View>
      <FormField
        label='名称'
        name='groupName'
        value={name}
        placeholder={kind === 'branch' ? '请输入名称，如：阳光花园网格党支部' : '请输入名称，如：红色志愿服务队'}
        maxlength={40}
        error={error}
        disabled={busy !== null}
        onInput={(value) => {
          setName(value);
          setError('');
        }}
        onConfirm={() => void submit()}
      />
      <ActionButton busy={busy === 'create'} disabled={busy !== null && busy !== 'create'} onClick={() => void submit()}>
        {`新建${GRID_GROUP_KIND_LABELS[kind]}`}
      </ActionButton>
    </View>
  );
}

/** What a group's 负责人 does: a branch's leader holds 建议 of 四议一呼. */
const LEADER_ROLES: Record<GridGroupKind, string> = {
  branch: '负责人办理本支部居民反映的民情（建议）',
  team: '负责人组织志愿服务队的活动',
};

function GroupCard({
  group,
  busy,
  onAdd,
  onRemove,
  onLead,
}: {
  group: GridGroup;
  busy: string | null;
  onAdd: () => void;
  onRemove: (member: { id: string; name: string }) => void;
  /** 设为负责人 (a member), or 取消负责人 (null). */
  onLead: (member: { id: string; name: string } | null) => void;
}) {
  const leader = group.members.find((member) => member.id === group.leaderId);
  return (
    <View className='card grid-group'>
      <View className='grid-group__head'>
        <View className='grid-group__title'>
          <Text className='grid-group__name'>{group.name}</Text>
          <Text className='grid-group__count'>{`${GRID_GROUP_KIND_LABELS[group.kind]} · ${group.members.length} 人`}</Text>
          <Text className='grid-group__count'>{leader ? `负责人：${leader.name}` : `未设负责人（${LEADER_ROLES[group.kind]}）`}</Text>
        </View>
        <ActionButton variant='plain' small disabled={busy !== null} onClick={onAdd}>
          编入党员
        </ActionButton>
      </View>
      {group.members.length === 0 ? (
        <Text className='grid-group__empty'>还没有党员，点「编入党员」从已报到的党员中选择。</Text>
      ) : (
        group.members.map((member) => {
          const leads = member.id === group.leaderId;
          return (
            <View key={member.id} className='grid-member'>
              <Text className='grid-member__name'>
                {member.name}
                {leads && <Text className='grid-member__leader'>负责人</Text>}
              </Text>
              <View className='grid-member__actions'>
                <ActionButton
                  variant='quiet'
                  small
                  busy={busy === `lead-${group.id}-${member.id}`}
                  disabled={busy !== null}
                  onClick={() => onLead(leads ? null : member)}
                >
                  {leads ? '取消负责人' : '设为负责人'}
                </ActionButton>
                <ActionButton
                  variant='quiet'
                  small
                  busy={busy === `remove-${group.id}-${member.id}`}
                  disabled={busy !== null}
                  onClick={() => onRemove(member)}
                >
                  移出
                </ActionButton>
              </View>
            </View>
          );
        })
      )}
    </View>
  );
}

/** Confirmed members of the community, to put into `group`. */
function MemberPicker({
  communityId,
  group,
  groups,
  busy,
  onPick,
  onClose,
}: {
  communityId: string;
  group: GridGroup;
  groups: GridGroup[];
  busy: string | null;
  onPick: (report: Report) => void;
  onClose: () => void;
}) {
  const confirmed = useRemote(() => listAllCommunityReports(communityId, 'confirmed'), [communityId]);
  // A member sits in at most one group of each kind.
  const placed = new Map<string, string>();
  for (const other of groups) {
    if (other.kind !== group.kind) continue;
    for (const member of other.members) placed.set(member.id, other.name);
  }

  const renderList = () => {
    if (confirmed.state.kind === 'loading') return <Skeleton inline />;
    if (confirmed.state.kind === 'failed') {
      return <Failed inline message={confirmed.state.message} onRetry={confirmed.retry} />;
    }
    if (confirmed.state.value.length === 0) {
      return <Empty inline text='本社区暂无已报到的党员。党员完成线下报到后才能编入网格。' />;
    }
    return confirmed.state.value.map((report) => {
      const where = placed.get(report.memberId);
      const here = where === group.name;
      return (
        <View key={report.id} className='rp-row grid-candidate'>
          <View className='rp-row__head'>
            <View>
              <Text className='rp-row__name'>{report.memberName}</Text>
              <Text className='rp-row__meta'>{where ? `${report.unitName} · 已在「${where}」` : report.unitName}</Text>
            </View>
            <ActionButton
              small
              variant={where ? 'quiet' : 'primary'}
              busy={busy === `add-${report.memberId}`}
              disabled={busy !== null || Boolean(where)}
              onClick={() => onPick(report)}
            >
              {here ? '已编入' : '编入'}
            </ActionButton>
          </View>
        </View>
      );
    });
  };

  return (
    <Sheet title={`编入「${group.name}」`} onClose={onClose} busy={busy !== null}>
      <View className='grid-picker'>{renderList()}</View>
      <View className='rp-actions'>
        <ActionButton variant='quiet' disabled={busy !== null} onClick={onClose}>
          完成
        </ActionButton>
      </View>
    </Sheet>
  );
}

/** A community's grid: create a group, put confirmed members in, take them out. */
function Grid({ choice }: { choice: ScopeChoice }) {
  const community = choice.current;
  // The grid comes whole (a community has a handful of groups), as one page.
  const grid = usePagedList(() => getGrid(community.id).then((items) => ({ items })), [community.id]);
  const [adding, setAdding] = useState<string | null>(null);
  const { busy, run } = useAction();

  const put = (group: GridGroup) =>
    grid.update((groups) =>
      groups.some((g) => g.id === group.id) ? groups.map((g) => (g.id === group.id ? group : g)) : [...groups, group],
    );

  const create = async (kind: GridGroupKind, name: string) => {
    const group = await run('create', () => createGridGroup(community.id, kind, name), {
      done: '已新建',
      failed: '新建失败，请稍后重试',
    });
    if (!group) return false;
    put(group);
    return true;
  };

  const remove = async (group: GridGroup, member: { id: string; name: string }) => {
    const updated = await run(`remove-${group.id}-${member.id}`, () => removeGridMember(group.id, member.id), {
      ask: { title: '移出网格', content: `将${member.name}移出「${group.name}」？`, confirmText: '移出' },
      done: '已移出',
      failed: '移出失败，请稍后重试',
    });
    if (updated) put(updated);
  };

  const add = async (group: GridGroup, report: Report) => {
    const updated = await run(`add-${report.memberId}`, () => addGridMember(group.id, report.memberId), {
      done: `已编入${report.memberName}`,
      failed: '编入失败，请稍后重试',
    });
    if (updated) put(updated);
  };

  const lead = async (group: GridGroup, member: { id: string; name: string } | null) => {
    const current = group.members.find((m) => m.id === group.leaderId);
    const key = `lead-${group.id}-${member?.id ?? current?.id ?? ''}`;
    const ask = member
      ? {
          title: '设为负责人',
          content: `设${member.name}为「${group.name}」的负责人？${current ? `原负责人${current.name}将不再担任。` : ''}${LEADER_ROLES[group.kind]}。`,
          confirmText: '设为负责人',
        }
      : { title: '取消负责人', content: `「${group.name}」将没有负责人${current ? `，${current.name}不再担任` : ''}。`, confirmText: '取消负责人' };
    const updated = await run(key, () => setGridLeader(group.id, member?.id ?? null), {
      ask,
      done: member ? '已设为负责人' : '已取消负责人',
      failed: '设置失败，请稍后重试',
    });
    if (updated) put(updated);
  };

  const renderGroups = () => {
    if (grid.first.kind === 'loading') return <Skeleton lines={4} />;
    if (grid.first.kind === 'failed') return <Failed message={grid.first.message} onRetry={grid.reload} />;
    if (grid.items.length === 0) {
      return (
        <View className='card'>
          <Empty inline text='还没有网格支部或志愿服务队。在上方新建后，把已在本社区报到的党员编入。' />
        </View>
      );
    }
    return GRID_GROUP_KINDS.map((kind) => {
      const ofKind = grid.items.filter((g) => g.kind === kind);
      if (ofKind.length === 0) return null;
      return (
        <View key={kind}>
          <Text className='grid-section'>{`${GRID_GROUP_KIND_LABELS[kind]}（${ofKind.length}）`}</Text>
          {ofKind.map((group) => (
            <GroupCard
              key={group.id}
              group={group}
              busy={busy}
              onAdd={() => setAdding(group.id)}
              onRemove={(member) => void remove(group, member)}
              onLead={(member) => void lead(group, member)}
            />
          ))}
        </View>
      );
    });
  };

  const addingGroup = adding ? grid.items.find((g) => g.id === adding) : undefined;
  return (
    <>
      <ScopeSwitch choice={choice} />
      <View className='grid-head'>
        <Text className='grid-head__name'>{`${community.name} · 立体网格`}</Text>
        <Text
          className='link grid-head__reports'
          onClick={() => openReporting(REPORTING_ROUTES.staffReports, { scope: community.id })}
          {...buttonAria()}
        >
          报到名单 ›
        </Text>
      </View>
      <CreateGroup busy={busy} onCreate={create} />
      {renderGroups()}
      {addingGroup && (
        <MemberPicker
          communityId={community.id}
          group={addingGroup}
          groups={grid.items}
          busy={busy}
          onPick={(report) => void add(addingGroup, report)}
          onClose={() => setAdding(null)}
        />
      )}
    </>
  );
}

/** 网格管理 (community staff): branches and volunteer teams, who is in each and who leads it (立体网格). */
export default function GridPage() {
  return (
    <RolePage role='community_staff' className='rp-page' refused='您不是社区工作人员，不能管理网格。'>
      {(choice) => <Grid key={choice.current.id} choice={choice} />}
    </RolePage>
  );
}
