import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { type Me, ORG_KIND_LABELS, type OrgNode, ROLE_LABELS, type Unit } from '@huijia/shared';
import { grantableRolesAt, orgPlacesOf, type Place, unitPlacesOf } from '../../../components/admin/scope';
import { AdminPage } from '../../../components/admin/ui';
import { ActionButton } from '../../../components/ActionButton';
import { Empty, Loaded } from '../../../components/LoadState';
import { PagedBody } from '../../../components/PagedList';
import { decodeParam } from '../../../components/reporting/navigation';
import { ScopeSwitch } from '../../../components/ScopeSwitch';
import { useAction } from '../../../hooks/useAction';
import { usePagedList } from '../../../hooks/usePagedList';
import { useRemote } from '../../../hooks/useRemote';
import { getOrg } from '../../../services/orgs';
import { listStaff, reactivateUser, resetPassword, revokeGrant, type StaffRow, type StaffScope } from '../../../services/staff';
import { getUnit } from '../../../services/units';
import { formatTime } from '../../../utils/time';
import { DeactivateSheet, GrantSheet, OneTimePasswordSheet } from './sheets';
import '../../../components/admin/admin.css';

/** What the page is about: a node of the tree (grants on it and below), or a unit (its admins). */
type Target = { kind: 'org'; node: OrgNode } | { kind: 'unit'; unit: Unit; orgPath: string };

type Open =
  | { kind: 'grant' }
  | { kind: 'deactivate'; grant: StaffRow }
  | { kind: 'password'; name: string; password: string }
  | null;

async function loadTarget(scope: StaffScope): Promise<Target> {
  if ('orgId' in scope) return { kind: 'org', node: await getOrg(scope.orgId) };
  const unit = await getUnit(scope.unitId);
  return { kind: 'unit', unit, orgPath: (await getOrg(unit.orgId)).path };
}

function StaffRowView({ grant, busy, onReset, onRevoke, onDeactivate, onReactivate }: {
  grant: StaffRow;
  busy: string | null;
  onReset: () => void;
  onRevoke: () => void;
  onDeactivate: () => void;
  onReactivate: () => void;
}) {
  const { user } = grant;
  const off = user.deactivatedAt !== null;
  return (
    <View className={`adm-row staff-grant${off ? ' adm-row--off' : ''}`}>
      <View className='adm-row__head'>
        <Text className='adm-row__name'>{user.name}</Text>
        <Text className='adm-tag adm-tag--role'>{ROLE_LABELS[grant.role]}</Text>
        {off && <Text className='adm-tag adm-tag--off'>账号已停用</Text>}
        {!off && user.mustChangePassword && <Text className='adm-tag adm-tag--warn'>待设置新密码</Text>}
      </View>
      <Text className='adm-row__meta'>{[grant.scopeName, user.phone, `${formatTime(grant.grantedAt)} 授予`].filter(Boolean).join(' · ')}</Text>
      {(grant.manageable || grant.accountManageable) && (
        <View className='adm-actions'>
          {!off && grant.accountManageable && (
            <ActionButton small variant='plain' busy={busy === `reset-${grant.id}`} disabled={busy !== null} onClick={onReset}>
              重置密码
            </ActionButton>
          )}
          {grant.manageable && (
            <ActionButton small variant='plain' busy={busy === `revoke-${grant.id}`} disabled={busy !== null} onClick={onRevoke}>
              撤销角色
            </ActionButton>
          )}
          {!grant.accountManageable ? null : off ? (
            <ActionButton small variant='plain' busy={busy === `reactivate-${grant.id}`} disabled={busy !== null} onClick={onReactivate}>
              恢复账号
            </ActionButton>
          ) : (
            <ActionButton small variant='quiet' disabled={busy !== null} onClick={onDeactivate}>
              停用账号
            </ActionButton>
          )}
        </View>
      )}
    </View>
  );
}

function Staff({ me, target }: { me: Me; target: Target }) {
  const scope: StaffScope = target.kind === 'org' ? { orgId: target.node.id } : { unitId: target.unit.id };
  const place = target.kind === 'org' ? target.node.name : target.unit.name;
  const list = usePagedList((cursor) => listStaff(scope, cursor), ['orgId' in scope ? scope.orgId : scope.unitId]);
  const { busy, run } = useAction(list.reload);
  const [sheet, setSheet] = useState<Open>(null);
  const roles = grantableRolesAt(me.roles, target.kind === 'org' ? { node: target.node } : { unitId: target.unit.id, unitOrgPath: target.orgPath });

  const changeUser = (userId: string, change: (user: StaffRow['user']) => StaffRow['user']) =>
    list.update((items) => items.map((item) => (item.user.id === userId ? { ...item, user: change(item.user) } : item)));

  const reset = async (grant: StaffRow) => {
    const answer = await run(`reset-${grant.id}`, () => resetPassword(grant.user.id), {
      ask: {
        title: '重置密码',
        content: `将为${grant.user.name}生成一次性密码，原密码立即失效。${grant.user.name}用它登录后必须设置新密码。确定重置吗？`,
        confirmText: '重置',
      },
    });
    if (!answer) return;
    changeUser(grant.user.id, (user) => ({ ...user, mustChangePassword: true }));
    setSheet({ kind: 'password', name: grant.user.name, password: answer.oneTimePassword });
  };

  const revoke = async (grant: StaffRow) => {
    const done = await run(`revoke-${grant.id}`, async () => {
      await revokeGrant(grant.id);
      return true;
    }, {
      ask: {
        title: '撤销角色',
        content: `撤销${grant.user.name}在「${grant.scopeName}」的${ROLE_LABELS[grant.role]}角色？立即生效，对方的下一步操作就会被拒绝。`,
        confirmText: '撤销',
      },
      done: '已撤销',
    });
    if (done) list.update((items) => items.filter((item) => item.id !== grant.id));
  };

  const reactivate = async (grant: StaffRow) => {
    const done = await run(`reactivate-${grant.id}`, async () => {
      await reactivateUser(grant.user.id);
      return true;
    }, {
      ask: { title: '恢复账号', content: `恢复后${grant.user.name}可以重新登录。确定恢复吗？`, confirmText: '恢复' },
      done: '已恢复',
    });
    if (done) changeUser(grant.user.id, (user) => ({ ...user, deactivatedAt: null }));
  };

  return (
    <>
      <View className='card'>
        <View className='adm-head'>
          <Text className='adm-head__name'>{place}</Text>
          <Text className='adm-tag'>{target.kind === 'org' ? ORG_KIND_LABELS[target.node.kind] : '单位'}</Text>
        </View>
        <Text className='card__hint adm-gap'>
          {target.kind === 'org' ? '本级及下级的工作人员和管理员。' : '本单位的党组织管理员。'}
          只能授予不高于自己的角色；撤销、重置密码和停用账号立即生效。
        </Text>
        {roles.length > 0 && <ActionButton onClick={() => setSheet({ kind: 'grant' })}>授予角色</ActionButton>}
      </View>

      <PagedBody
        list={list}
        className='card'
        empty={<Empty text={`「${place}」还没有工作人员。${roles.length > 0 ? '点「授予角色」添加。' : ''}`} />}
        renderItem={(grant) => (
          <StaffRowView
            key={grant.id}
            grant={grant}
            busy={busy}
            onReset={() => reset(grant)}
            onRevoke={() => revoke(grant)}
            onDeactivate={() => setSheet({ kind: 'deactivate', grant })}
            onReactivate={() => reactivate(grant)}
          />
        )}
      />

      {sheet?.kind === 'grant' && (
        <GrantSheet
          scope={scope}
          placeName={place}
          roles={roles}
          onClose={() => setSheet(null)}
          onDone={() => {
            setSheet(null);
            list.reload();
          }}
        />
      )}
      {sheet?.kind === 'deactivate' && (
        <DeactivateSheet
          grant={sheet.grant}
          onClose={() => setSheet(null)}
          onDone={() => {
            changeUser(sheet.grant.user.id, (user) => ({ ...user, deactivatedAt: new Date().toISOString() }));
            setSheet(null);
          }}
        />
      )}
      {sheet?.kind === 'password' && <OneTimePasswordSheet name={sheet.name} password={sheet.password} onClose={() => setSheet(null)} />}
    </>
  );
}

interface ScopedPlace extends Place {
  scope: StaffScope;
}

/** Where the caller reads staff: their nodes, then their units. */
function placesOf(me: Me): ScopedPlace[] {
  return [
    ...orgPlacesOf(me.roles, ['staff.read']).map((place) => ({ ...place, scope: { orgId: place.id } })),
    ...unitPlacesOf(me.roles, 'staff.read').map((place) => ({ ...place, scope: { unitId: place.id } })),
  ];
}

function StaffOf({ me }: { me: Me }) {
  const params = useRouter().params;
  const orgId = decodeParam(params.orgId);
  const unitId = decodeParam(params.unitId);
  const places = placesOf(me);
  const [chosen, setChosen] = useState(places[0]!.id);
  const current = places.find((p) => p.id === chosen) ?? places[0]!;
  // A node or unit named in the url (from 组织架构 or 单位管理), else one of the caller's own.
  const scope: StaffScope = orgId ? { orgId } : unitId ? { unitId } : current.scope;
  const key = 'orgId' in scope ? `org:${scope.orgId}` : `unit:${scope.unitId}`;
  const target = useRemote(() => loadTarget(scope), [key]);
  return (
    <>
      {!orgId && !unitId && <ScopeSwitch choice={{ scopes: places, current, choose: setChosen }} />}
      <Loaded state={target.state} onRetry={target.retry} missing={null}>
        {(found) => <Staff key={key} me={me} target={found} />}
      </Loaded>
    </>
  );
}

/** 人员与权限: who holds which role on a node (and below) or in a unit; grant, revoke, reset, deactivate. */
export default function StaffPage() {
  return (
    <AdminPage allowed={(me) => placesOf(me).length > 0} refused='只有管理员和社区工作人员可以查看人员与权限。'>
      {(me) => <StaffOf me={me} />}
    </AdminPage>
  );
}
