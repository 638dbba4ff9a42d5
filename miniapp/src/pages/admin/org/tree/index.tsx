import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { type Action, childKindsOf, type Me, mayTake, ORG_KIND_LABELS, type OrgNode } from '@huijia/shared';
import { orgPlacesOf, takesTreeFile, trailIds } from '../../../../components/admin/scope';
import { AdminPage, ArchivedTag, Trail } from '../../../../components/admin/ui';
import { ActionButton } from '../../../../components/ActionButton';
import { Empty, Loaded } from '../../../../components/LoadState';
import { PagedBody } from '../../../../components/PagedList';
import { decodeParam } from '../../../../components/reporting/navigation';
import { useAction } from '../../../../hooks/useAction';
import { usePagedList } from '../../../../hooks/usePagedList';
import { useRemote } from '../../../../hooks/useRemote';
import { getOrg, listOrgChildrenPage, restoreOrg } from '../../../../services/orgs';
import { ADMIN_ROUTES, adminUrl } from '../../../../subpackages/admin';
import { aria, buttonAria } from '../../../../utils/a11y';
import { ArchiveSheet, CreateSheet, MoveSheet, RenameNodeSheet } from './sheets';
import '../../../../components/admin/admin.css';

/** Who reaches this page: whoever may add to the tree or manage its nodes. */
const TREE_ACTIONS: readonly Action[] = ['org.create', 'org.manage'];

type Open = 'create' | 'rename' | 'move' | 'archive' | null;

const open = (url: string) => () => Taro.navigateTo({ url });

/** The caller's own nodes (where browsing starts) and the trail to the node asked for in the url. */
async function startingPoint(rootIds: readonly string[], asked: string | undefined): Promise<{ roots: OrgNode[]; trail: OrgNode[] }> {
  const roots = await Promise.all(rootIds.map((id) => getOrg(id)));
  const target = asked ? await getOrg(asked) : roots[0]!;
  const ids = trailIds(target, rootIds);
  if (ids.length === 0) return { roots, trail: [roots[0]!] };
  const trail = await Promise.all(ids.map((id) => roots.find((root) => root.id === id) ?? (id === target.id ? target : getOrg(id))));
  return { roots, trail };
}

function Tree({ me, roots, start }: { me: Me; roots: OrgNode[]; start: OrgNode[] }) {
  const [trail, setTrail] = useState<OrgNode[]>(start);
  const [sheet, setSheet] = useState<Open>(null);
  const current = trail[trail.length - 1]!;
  const list = usePagedList((cursor) => listOrgChildrenPage(current.id, cursor), [current.id]);
  const { busy, run } = useAction();

  const may = (action: Action) => mayTake(me.roles, action);
  const childKinds = childKindsOf(current.kind);
  const childLabel = childKinds.map((kind) => ORG_KIND_LABELS[kind]).join('或');
  // Managing a node is checked on its parent: one's own node is above one's reach.
  const manageable = may('org.manage') && trail.length > 1;
  const archived = current.archivedAt !== null;

  const go = (next: OrgNode[]) => {
    setTrail(next);
    setSheet(null);
    void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined);
  };
  const replaceCurrent = (node: OrgNode) => {
    setTrail((shown) => [...shown.slice(0, -1), node]);
    setSheet(null);
  };

  const restore = async () => {
    const restored = await run('restore', () => restoreOrg(current.id), {
      ask: { title: '恢复节点', content: `恢复「${current.name}」后，它重新接受心愿、岗位和报到。确定恢复吗？`, confirmText: '恢复' },
      done: '已恢复',
    });
    if (restored) replaceCurrent(restored);
  };

  return (
    <View>
      <View className='card'>
        <Trail trail={trail} onOpen={(length) => go(trail.slice(0, length))} />
        <View className='adm-head'>
          <Text className='adm-head__name'>{current.name}</Text>
          <Text className='adm-tag'>{ORG_KIND_LABELS[current.kind]}</Text>
          <ArchivedTag node={current} />
        </View>
        {archived && <Text className='adm-note adm-gap'>已停用：不再接受新的心愿、岗位和报到，已有的记录和统计保留。</Text>}
        <View className='adm-actions'>
          {may('org.create') && childKinds.length > 0 && !archived && (
            <ActionButton small disabled={busy !== null} onClick={() => setSheet('create')}>
              {`新建${childLabel}`}
            </ActionButton>
          )}
          {may('org.import') && takesTreeFile(current) && !archived && (
            <ActionButton small variant='plain' onClick={open(adminUrl(ADMIN_ROUTES.importOrgs, { orgId: current.id }))}>
              导入组织架构
            </ActionButton>
          )}
          {may('staff.read') && (
            <ActionButton small variant='plain' onClick={open(adminUrl(ADMIN_ROUTES.staff, { orgId: current.id, name: current.name }))}>
              人员与权限
            </ActionButton>
          )}
          {may('unit.read') && (current.kind === 'district' || current.kind === 'street' || current.kind === 'city') && (
            <ActionButton small variant='plain' onClick={open(adminUrl(ADMIN_ROUTES.units, { orgId: current.id }))}>
              单位管理
            </ActionButton>
          )}
          {manageable && (
            <>
              <ActionButton small variant='plain' disabled={busy !== null} onClick={() => setSheet('rename')}>
                重命名
              </ActionButton>
              <ActionButton small variant='plain' disabled={busy !== null || archived} onClick={() => setSheet('move')}>
                移动
              </ActionButton>
              {archived ? (
                <ActionButton small variant='plain' busy={busy === 'restore'} disabled={busy !== null} onClick={restore}>
                  恢复
                </ActionButton>
              ) : (
                <ActionButton small variant='quiet' disabled={busy !== null} onClick={() => setSheet('archive')}>
                  停用
                </ActionButton>
              )}
            </>
          )}
        </View>
      </View>

      <PagedBody
        list={list}
        className='card'
        empty={
          <Empty
            text={
              childKinds.length === 0
                ? `${ORG_KIND_LABELS[current.kind]}是最末一级，没有下级。`
                : `「${current.name}」下还没有${childLabel}。${may('org.create') && !archived ? `点「新建${childLabel}」添加${takesTreeFile(current) && may('org.import') ? '，或从文件导入' : ''}。` : ''}`
            }
          />
        }
        renderItem={(node) => (
          <View
            key={node.id}
            className={`adm-row${node.archivedAt ? ' adm-row--off' : ''}`}
            onClick={() => go([...trail, node])}
            {...buttonAria()}
            {...aria({ 'aria-label': `${node.name} ${ORG_KIND_LABELS[node.kind]}${node.archivedAt ? ' 已停用' : ''}` })}
          >
            <View className='adm-row__head'>
              <Text className='adm-row__name'>{node.name}</Text>
              <Text className='adm-tag'>{ORG_KIND_LABELS[node.kind]}</Text>
              <ArchivedTag node={node} />
              <Text className='adm-row__go' {...aria({ 'aria-hidden': 'true' })}>
                ›
              </Text>
            </View>
          </View>
        )}
      />

      {sheet === 'create' && (
        <CreateSheet
          parent={current}
          onClose={() => setSheet(null)}
          onDone={(node) => {
            setSheet(null);
            list.update((items) => [node, ...items.filter((item) => item.id !== node.id)]);
            Taro.showToast({ title: `已新建${node.name}`, icon: 'none' });
          }}
        />
      )}
      {sheet === 'rename' && <RenameNodeSheet node={current} onClose={() => setSheet(null)} onDone={replaceCurrent} />}
      {sheet === 'move' && (
        <MoveSheet
          node={current}
          roots={roots}
          from={trail.slice(0, -1)}
          onClose={() => setSheet(null)}
          onDone={({ node, parents }) => {
            go([...parents, node]);
            Taro.showToast({ title: '已移动', icon: 'success' });
          }}
        />
      )}
      {sheet === 'archive' && (
        <ArchiveSheet
          node={current}
          onClose={() => setSheet(null)}
          onDone={(node) => {
            replaceCurrent(node);
            Taro.showToast({ title: '已停用', icon: 'success' });
          }}
        />
      )}
    </View>
  );
}

function TreeFrom({ me }: { me: Me }) {
  const rootIds = orgPlacesOf(me.roles, TREE_ACTIONS).map((place) => place.id);
  const asked = decodeParam(useRouter().params.orgId);
  const start = useRemote(() => startingPoint(rootIds, asked), [rootIds.join(','), asked]);
  return (
    <Loaded state={start.state} onRetry={start.retry} missing={null}>
      {({ roots, trail }) => <Tree key={trail[trail.length - 1]!.id} me={me} roots={roots} start={trail} />}
    </Loaded>
  );
}

/** 组织架构: the caller's node and below; create, rename, move, archive and restore nodes. */
export default function TreePage() {
  return (
    <AdminPage
      allowed={(me) => orgPlacesOf(me.roles, TREE_ACTIONS).length > 0}
      refused='只有区、街道管理员和社区工作人员可以管理组织架构。如需开通，请联系上级管理员。'
    >
      {(me) => <TreeFrom me={me} />}
    </AdminPage>
  );
}
