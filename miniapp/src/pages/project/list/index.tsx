import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { Me, Project, ProjectState } from '@huijia/shared';
import { Tabs } from '../../../components/Tabs';
import { ActionButton } from '../../../components/ActionButton';
import type { Place } from '../../../components/admin/scope';
import { Empty, Loaded } from '../../../components/LoadState';
import { Page } from '../../../components/Page';
import { PagedBody } from '../../../components/PagedList';
import { decodeParam } from '../../../components/reporting/navigation';
import { ScopeSwitch } from '../../../components/ScopeSwitch';
import { useMe } from '../../../hooks/useMe';
import { type PagedList, usePagedList } from '../../../hooks/usePagedList';
import type { Remote } from '../../../hooks/useRemote';
import { scopesOf } from '../../../hooks/useScope';
import { getOrg } from '../../../services/orgs';
import { listProjects } from '../../../services/projects';
import { PROJECT_ROUTES, projectDetailUrl, type ProjectView } from '../../../subpackages/projects';
import { ProjectCard } from '../ProjectCard';
import { areaPlacesOf, projectViewsOf } from '../viewer';
import '../../../components/wish/wish.css';
import '../project.css';

interface Tab {
  key: string;
  label: string;
  /** The states it holds: one is asked of the server, several are picked from every state's page. */
  states?: readonly ProjectState[];
}

const ALL: Tab = { key: 'all', label: '全部' };
const OPEN: Tab = { key: 'open', label: '待认领', states: ['open'] };
const CLAIMED: Tab = { key: 'claimed', label: '实施中', states: ['claimed'] };
const REPORTED: Tab = { key: 'reported', label: '待验收', states: ['reported'] };
const COMPLETED: Tab = { key: 'completed', label: '已完成', states: ['completed'] };

const TABS: Record<ProjectView, readonly Tab[]> = {
  // Residents: a project reported done is still being carried out until the community accepts it.
  board: [ALL, OPEN, { key: 'doing', label: '实施中', states: ['claimed', 'reported'] }, COMPLETED],
  community: [ALL, OPEN, CLAIMED, REPORTED, COMPLETED],
  area: [ALL, OPEN, CLAIMED, REPORTED, COMPLETED],
  mine: [ALL, CLAIMED, REPORTED, COMPLETED],
  claimable: [],
};

const TITLES: Record<ProjectView, string> = {
  board: '社区项目',
  community: '社区项目',
  claimable: '认领项目',
  mine: '我的项目',
  area: '辖区项目',
};

const HINTS: Record<ProjectView, string> = {
  board: '社区发布的党建、民生、公益和志愿服务项目，由结对单位、志愿服务队和党员认领实施。完成后可以评价。',
  community: '本社区发布的项目：认领后由负责方实施并发布进展，报告完成后由社区验收。',
  claimable: '可以认领的项目：本单位结对社区、所在志愿服务队和报到社区发布的。每个项目由一方认领实施。',
  mine: '您、您的单位或志愿服务队负责的项目：发布进展，完成后报告社区验收。',
  area: '辖区内各社区发布的项目，仅供查看。',
};

const EMPTY_TEXT: Record<ProjectView, string> = {
  board: '社区还没有这样的项目。',
  community: '没有这样的项目。点击「发布项目」把社区的工作发布出来，供单位、队伍和党员认领。',
  claimable: '暂时没有可以认领的项目。社区发布新项目后会出现在这里。',
  mine: '还没有负责的项目。可以在「认领项目」里认领。',
  area: '辖区内没有这样的项目。',
};

const NOT_FOR_YOU = '项目由社区工作人员发布，结对单位、志愿服务队、党代表和报到党员认领；居民设置所在社区后可以查看本社区的项目。';

/** Where the list is read: a community, a street or district node, or the viewer's own (no place). */
interface Where {
  view: ProjectView;
  places: Place[];
}

function Projects({ where }: { where: Where }) {
  const { view, places } = where;
  const [placeId, setPlaceId] = useState(places[0]?.id ?? '');
  const place = places.find((p) => p.id === placeId) ?? places[0];
  const tabs = TABS[view];
  const [tabKey, setTabKey] = useState(tabs[0]?.key ?? 'all');
  const tab = tabs.find((t) => t.key === tabKey) ?? ALL;
  const scope =
    view === 'board' || view === 'community'
      ? { communityId: place?.id }
      : view === 'area'
        ? { orgId: place?.id }
        : view === 'mine'
          ? { mine: true }
          : { claimable: true };
  const status = tab.states?.length === 1 ? tab.states[0] : undefined;
  const list = usePagedList((cursor) => listProjects({ ...scope, status, cursor }), [view, place?.id, tab.key]);
  const shown = tab.states ? list.items.filter((project) => tab.states!.includes(project.status)) : list.items;
  const tabList: PagedList<Project, unknown> = { ...list, items: shown };
  const more = list.next !== 'end';

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: TITLES[view] }).catch(() => undefined);
  }, [view]);

  const open = (project: Project) => Taro.navigateTo({ url: projectDetailUrl(project.id) });
  const publish = () => Taro.navigateTo({ url: `${PROJECT_ROUTES.publish}?scope=${encodeURIComponent(place?.id ?? '')}` });

  return (
    <>
      {place && view !== 'board' && <ScopeSwitch choice={{ scopes: places, current: place, choose: setPlaceId }} />}
      {tabs.length > 0 && (
        <Tabs label='项目状态' tabs={tabs} current={tab.key} onChoose={setTabKey} dense />
      )}
      <View className='wish-list-head'>
        <Text className='wish-list-head__title'>{place?.name || TITLES[view]}</Text>
        {view === 'community' && (
          <ActionButton small onClick={publish}>
            发布项目
          </ActionButton>
        )}
      </View>
      <View className='wish-filters'>
        <Text className='card__hint'>{HINTS[view]}</Text>
      </View>
      <PagedBody
        list={tabList}
        empty={
          <Empty
            text={EMPTY_TEXT[view]}
            action={
              more && list.next !== 'loading' ? (
                <ActionButton variant='plain' small onClick={list.loadMore}>
                  加载更多
                </ActionButton>
              ) : undefined
            }
          />
        }
        renderItem={(project) => (
          <ProjectCard key={project.id} project={project} showCommunity={view !== 'board' && view !== 'community'} onOpen={() => open(project)} />
        )}
      />
    </>
  );
}

/** The board's community, by name once known (the user's home community). */
function Board({ communityId }: { communityId: string }) {
  const [name, setName] = useState('');
  useEffect(() => {
    let live = true;
    getOrg(communityId).then(
      (org) => live && setName(org.name),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [communityId]);
  return <Projects where={{ view: 'board', places: [{ id: communityId, name }] }} />;
}

/**
 * 项目 (`?as=board|community|claimable|mine|area`): the board of the resident's community (tabs
 * 全部, 待认领, 实施中, 已完成), a community's for its staff (who publish), those open to the viewer's
 * claim, the viewer's own, or an area's for street and district admins.
 */
export default function ProjectListPage() {
  const { state, reload } = useMe();
  const router = useRouter();
  const asked = decodeParam(router.params.as);
  const scopeParam = decodeParam(router.params.scope);
  const where: Remote<Where | null> = state.kind === 'ready' ? { kind: 'ready', value: whereFor(state.value, asked, scopeParam) } : state;
  return (
    <Page className='wish-page'>
      <Loaded state={where} onRetry={reload} missing={<Empty text={NOT_FOR_YOU} />}>
        {(found) =>
          found.view === 'board' ? (
            <Board key={found.places[0]!.id} communityId={found.places[0]!.id} />
          ) : (
            <Projects key={`${found.view}:${found.places.map((p) => p.id).join(',')}`} where={found} />
          )
        }
      </Loaded>
    </Page>
  );
}

/** The list asked for (`?as=`) when the user may read it, else the first they may; null when none. */
function whereFor(me: Me, asked: string | undefined, first: string | undefined): Where | null {
  const views = projectViewsOf(me);
  const view = views.find((v) => v === asked) ?? views[0];
  if (!view) return null;
  const places: Place[] =
    view === 'board'
      ? [{ id: me.user.homeCommunityId!, name: '' }]
      : view === 'community'
        ? scopesOf(me, 'community_staff')
        : view === 'area'
          ? areaPlacesOf(me)
          : [];
  // `?scope=` puts the one asked for first.
  const sorted = [...places.filter((p) => p.id === first), ...places.filter((p) => p.id !== first)];
  return { view, places: sorted };
}
