import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { Agreement, AgreementState, Me } from '@huijia/shared';
import { Tabs, type TabItem } from '../../../components/Tabs';
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
import { listAgreements } from '../../../services/agreements';
import { AGREEMENT_ROUTES, agreementDetailUrl, type AgreementView } from '../../../subpackages/agreements';
import { AgreementActions } from '../AgreementActions';
import { AgreementCard } from '../AgreementCard';
import { agreementViewsOf, areaPlacesOf } from '../viewer';
import '../../../components/wish/wish.css';
import '../agreement.css';

type Tab = 'proposed' | 'active' | 'history';
const TABS: readonly TabItem<Tab>[] = [
  { key: 'proposed', label: '待确认' },
  { key: 'active', label: '已生效' },
  { key: 'history', label: '历史' },
];

/** Which tab an agreement stands under: 历史 holds the declined, withdrawn and ended. */
const tabOf = (status: AgreementState): Tab => (status === 'proposed' || status === 'active' ? status : 'history');

const EMPTY_TEXT: Record<AgreementView, Record<Tab, string>> = {
  community: {
    proposed: '没有等待单位确认的协议。点击「发起共建」向辖区单位提出共建协议。',
    active: '还没有生效的共建协议。单位接受协议后，就与本社区结对共建。',
    history: '没有已拒绝、已撤回或已终止的协议。',
  },
  unit: {
    proposed: '没有等待本单位确认的协议。社区发起共建协议后，您会在「消息」里收到提醒。',
    active: '本单位还没有生效的共建协议。',
    history: '没有已拒绝、已撤回或已终止的协议。',
  },
  area: {
    proposed: '辖区内没有等待单位确认的协议。',
    active: '辖区内还没有生效的共建协议。',
    history: '辖区内没有已拒绝、已撤回或已终止的协议。',
  },
};

const HINTS: Record<AgreementView, string> = {
  community: '由社区发起，单位党组织确认后生效；生效期间单位与本社区结对，党员可向本社区报到。',
  unit: '社区发起的共建协议，由本单位确认；接受后本单位与该社区结对共建。',
  area: '辖区内各社区与单位的共建协议，仅供查看。',
};

const NOT_FOR_YOU = '共建协议由社区工作人员发起、单位党组织管理员确认，街道和区管理员可查看辖区内的协议。';

/** Where the list is read: a community, a unit, or a street or district node. */
interface Where {
  view: AgreementView;
  places: Place[];
}

function Agreements({ where }: { where: Where }) {
  const { view, places } = where;
  const [placeId, setPlaceId] = useState(places[0]!.id);
  const place = places.find((p) => p.id === placeId) ?? places[0]!;
  const [tab, setTab] = useState<Tab>('proposed');
  const scope = view === 'community' ? { communityId: place.id } : view === 'unit' ? { unitId: place.id } : { orgId: place.id };
  const list = usePagedList(
    (cursor) => listAgreements({ ...scope, status: tab === 'history' ? undefined : tab, cursor }),
    [view, place.id, tab],
  );
  const shown = list.items.filter((agreement) => tabOf(agreement.status) === tab);
  const tabList: PagedList<Agreement, unknown> = { ...list, items: shown };
  const more = list.next !== 'end';

  const replace = (changed: Agreement) => list.update((items) => items.map((item) => (item.id === changed.id ? changed : item)));
  const open = (agreement: Agreement) => Taro.navigateTo({ url: agreementDetailUrl(agreement.id) });
  const propose = () => Taro.navigateTo({ url: `${AGREEMENT_ROUTES.propose}?scope=${encodeURIComponent(place.id)}` });

  return (
    <>
      <ScopeSwitch choice={{ scopes: places, current: place, choose: setPlaceId }} />
      <Tabs label='协议状态' tabs={TABS} current={tab} onChoose={setTab} />
      <View className='wish-list-head'>
        <Text className='wish-list-head__title'>{place.name}</Text>
        {view === 'community' && (
          <ActionButton small onClick={propose}>
            发起共建
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
            text={EMPTY_TEXT[view][tab]}
            action={
              more && list.next !== 'loading' ? (
                <ActionButton variant='plain' small onClick={list.loadMore}>
                  加载更多
                </ActionButton>
              ) : undefined
            }
          />
        }
        renderItem={(agreement) => (
          <AgreementCard key={agreement.id} agreement={agreement} onOpen={() => open(agreement)}>
            {view === 'unit' && agreement.status === 'proposed' && (
              <AgreementActions agreement={agreement} compact onChange={replace} onStale={list.reload} />
            )}
          </AgreementCard>
        )}
      />
    </>
  );
}

/**
 * 共建协议 (`?as=community|unit|area`): community staff see their community's and propose new ones,
 * a unit's admins answer those proposed to their unit, street and district admins read their area's.
 * Tabs 待确认, 已生效, 历史.
 */
export default function AgreementListPage() {
  const { state, reload } = useMe();
  const asked = decodeParam(useRouter().params.as);
  const scopeParam = decodeParam(useRouter().params.scope);
  const where: Remote<Where | null> =
    state.kind === 'ready'
      ? { kind: 'ready', value: whereFor(state.value, asked, scopeParam) }
      : state;
  return (
    <Page className='wish-page'>
      <Loaded state={where} onRetry={reload} missing={<Empty text={NOT_FOR_YOU} />}>
        {(found) => <Agreements key={`${found.view}:${found.places.map((p) => p.id).join(',')}`} where={found} />}
      </Loaded>
    </Page>
  );
}

/** The list asked for (`?as=`) when the user may read it, else the first they may; null when none. */
function whereFor(me: Me, asked: string | undefined, first: string | undefined): Where | null {
  const views = agreementViewsOf(me);
  const view = views.find((v) => v === asked) ?? views[0];
  if (!view) return null;
  const places: Place[] =
    view === 'area' ? areaPlacesOf(me) : scopesOf(me, view === 'community' ? 'community_staff' : 'unit_admin');
  // `?scope=` puts the one asked for first.
  const sorted = [...places.filter((p) => p.id === first), ...places.filter((p) => p.id !== first)];
  return { view, places: sorted };
}
