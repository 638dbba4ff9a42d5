import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { type Me, mayTake, type OrgNode, percent, type Unit, type UnitSummary } from '@huijia/shared';
import { orgPlacesOf, pathIds } from '../../../components/admin/scope';
import { AdminPage } from '../../../components/admin/ui';
import { ActionButton } from '../../../components/ActionButton';
import { FormField } from '../../../components/FormField';
import { Empty, Loaded } from '../../../components/LoadState';
import { PagedBody } from '../../../components/PagedList';
import { decodeParam } from '../../../components/reporting/navigation';
import { ScopeSwitch } from '../../../components/ScopeSwitch';
import { usePagedList } from '../../../hooks/usePagedList';
import { useRemote } from '../../../hooks/useRemote';
import { getOrg } from '../../../services/orgs';
import { listUnits } from '../../../services/units';
import { ADMIN_ROUTES, adminUrl } from '../../../subpackages/admin';
import { statsUrl } from '../../../subpackages/stats';
import { OrgReminders } from './reminders';
import { CommunitiesSheet, CreateUnitSheet, RenameUnitSheet } from './sheets';
import '../../../components/admin/admin.css';

type Open = { kind: 'create' } | { kind: 'rename'; unit: UnitSummary } | { kind: 'communities'; unit: UnitSummary } | null;

/** A unit's new name or pairings, into its row (the figures stay as they were). */
const merged = (summary: UnitSummary, unit: Unit): UnitSummary => ({ ...summary, name: unit.name, pairedCommunities: unit.pairedCommunities });

function UnitRow({ unit, manage, onRename, onCommunities }: { unit: UnitSummary; manage: boolean; onRename: () => void; onCommunities: () => void }) {
  const rate = unit.reportingRate === null ? '—' : percent(unit.reportingRate);
  const paired = unit.pairedCommunities.map((community) => community.name).join('、');
  return (
    <View className='adm-row'>
      <View className='adm-row__head'>
        <Text className='adm-row__name'>{unit.name}</Text>
        <Text className='adm-tag'>{`报到率 ${rate}`}</Text>
      </View>
      <Text className='adm-row__meta'>{`名册 ${unit.rosterSize} 人 · 已报到 ${unit.reported} 人`}</Text>
      <Text className='adm-row__meta'>{paired ? `结对社区：${paired}` : '还没有结对社区'}</Text>
      <View className='adm-actions'>
        {manage && (
          <>
            <ActionButton small variant='plain' onClick={onCommunities}>
              结对社区
            </ActionButton>
            <ActionButton small variant='plain' onClick={onRename}>
              重命名
            </ActionButton>
          </>
        )}
        <ActionButton small variant='plain' onClick={() => Taro.navigateTo({ url: adminUrl(ADMIN_ROUTES.staff, { unitId: unit.id, name: unit.name }) })}>
          单位管理员
        </ActionButton>
        <ActionButton small variant='quiet' onClick={() => Taro.navigateTo({ url: statsUrl({ unitId: unit.id, name: unit.name }) })}>
          统计
        </ActionButton>
      </View>
    </View>
  );
}

function Units({ me, node }: { me: Me; node: OrgNode }) {
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState('');
  const [sheet, setSheet] = useState<Open>(null);
  const list = usePagedList((cursor) => listUnits({ orgId: node.id, q: query, cursor }), [node.id, query]);
  const manage = mayTake(me.roles, 'unit.manage');
  // 催报 for the node shown: a district admin's own node or one below it.
  const remind = orgPlacesOf(me.roles, ['report.remind']).some((place) => pathIds(node).includes(place.id));
  const replace = (unit: Unit) => {
    list.update((items) => items.map((item) => (item.id === unit.id ? merged(item, unit) : item)));
    setSheet(null);
  };

  return (
    <>
      <View className='card'>
        <Text className='card__hint'>{`${node.name}的单位，按报到率查看信息比对情况`}</Text>
        <View className='adm-search'>
          <FormField
            label='按名称查找'
            name='q'
            value={typed}
            placeholder='单位名称'
            maxlength={60}
            onInput={setTyped}
            onConfirm={() => setQuery(typed.trim())}
          />
          <ActionButton variant='plain' onClick={() => setQuery(typed.trim())}>
            查找
          </ActionButton>
        </View>
        {mayTake(me.roles, 'unit.create') && (
          <View className='adm-gap'>
            <ActionButton onClick={() => setSheet({ kind: 'create' })}>新建单位</ActionButton>
          </View>
        )}
        {remind && <OrgReminders node={node} />}
      </View>

      <PagedBody
        list={list}
        className='card'
        empty={<Empty text={query ? `没有名称含「${query}」的单位。` : '还没有单位。点「新建单位」登记辖区内的机关、学校、医院和企业，并与社区结对。'} />}
        renderItem={(unit) => (
          <UnitRow
            key={unit.id}
            unit={unit}
            manage={manage}
            onRename={() => setSheet({ kind: 'rename', unit })}
            onCommunities={() => setSheet({ kind: 'communities', unit })}
          />
        )}
      />

      {sheet?.kind === 'create' && (
        <CreateUnitSheet
          root={node}
          onClose={() => setSheet(null)}
          onDone={(unit) => {
            setSheet(null);
            list.update((items) => [{ ...unit, reported: 0, reportingRate: null }, ...items]);
            Taro.showToast({ title: `已新建${unit.name}`, icon: 'none' });
          }}
        />
      )}
      {sheet?.kind === 'rename' && <RenameUnitSheet unit={sheet.unit} onClose={() => setSheet(null)} onDone={replace} />}
      {sheet?.kind === 'communities' && (
        <CommunitiesSheet unit={sheet.unit} root={node} onClose={() => setSheet(null)} onDone={replace} />
      )}
    </>
  );
}

function UnitsOf({ me }: { me: Me }) {
  const places = orgPlacesOf(me.roles, ['unit.read']);
  const asked = decodeParam(useRouter().params.orgId);
  const [chosen, setChosen] = useState<string | undefined>(asked);
  const currentId = chosen ?? places[0]!.id;
  const node = useRemote(() => getOrg(currentId), [currentId]);
  const current = places.find((place) => place.id === currentId);
  return (
    <>
      {current && <ScopeSwitch choice={{ scopes: places, current, choose: setChosen }} />}
      <Loaded state={node.state} onRetry={node.retry} missing={null}>
        {(found) => <Units key={found.id} me={me} node={found} />}
      </Loaded>
    </>
  );
}

/** 单位管理: a district's or street's units with their reporting rates; create, rename, pair; a district's 催报. */
export default function UnitsPage() {
  return (
    <AdminPage allowed={(me) => orgPlacesOf(me.roles, ['unit.read']).length > 0} refused='只有区、街道管理员可以管理单位。'>
      {(me) => <UnitsOf me={me} />}
    </AdminPage>
  );
}
