import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { PIONEER_ROLE_LABELS, PIONEER_ROLES, type PioneerRole } from '@huijia/shared';
import { Failed, Loading } from '../../../components/LoadState';
import { NOT_REPORTED_TEXT, reportedCommunity } from '../../../components/service/community';
import { PostCard } from '../../../components/service/PostCard';
import { Chips } from '../../../components/wish/Chips';
import { EmptyState, PagedBody } from '../../../components/wish/PagedBody';
import { usePagedList } from '../../../components/wish/usePagedList';
import { useMe } from '../../../hooks/useMe';
import { listPosts } from '../../../services/posts';
import { postDetailUrl, SERVICE_ROUTES } from '../../../subpackages/service';
import { buttonAria } from '../../../utils/a11y';
import { Page } from '../../../components/Page';
import '../../../components/service/service.css';

type Tab = 'hall' | 'mine';
const ALL = 'all';
type RoleFilter = PioneerRole | typeof ALL;
const ROLE_FILTERS = [
  { value: ALL, label: '全部' },
  ...PIONEER_ROLES.map((value) => ({ value, label: PIONEER_ROLE_LABELS[value] })),
] as const;

/** 服务岗位: the open posts of the member's community by pioneer role, and 我的岗位. */
export default function PostHallPage() {
  const { state, reload } = useMe();
  const [tab, setTab] = useState<Tab>('hall');
  const [role, setRole] = useState<RoleFilter>(ALL);
  const community = state.kind === 'ready' ? reportedCommunity(state.value) : null;

  const list = usePagedList(
    (cursor) =>
      tab === 'mine'
        ? listPosts({ mine: true, cursor })
        : listPosts({
            communityId: community?.id,
            status: 'open',
            pioneerRole: role === ALL ? undefined : role,
            cursor,
          }),
    [community?.id, tab, role],
    { enabled: community !== null },
  );

  if (state.kind === 'loading') return <Page><Loading /></Page>;
  if (state.kind === 'failed') {
    return (
      <Page>
        <Failed message={state.message} onRetry={reload} />
      </Page>
    );
  }
  if (!community) {
    return (
      <Page>
        <EmptyState text={NOT_REPORTED_TEXT} />
      </Page>
    );
  }

  const open = (id: string) => Taro.navigateTo({ url: postDetailUrl(id) });
  return (
    <Page>
      <View className='svc-tabs'>
        {(['hall', 'mine'] as const).map((value) => (
          <View
            key={value}
            className={`svc-tab${tab === value ? ' svc-tab--on' : ''}`}
            onClick={() => setTab(value)}
            {...buttonAria()}
          >
            <Text>{value === 'hall' ? '岗位大厅' : '我的岗位'}</Text>
          </View>
        ))}
      </View>
      {tab === 'hall' && (
        <View className='wish-filters'>
          <View className='svc-list-head'>
            <Text className='svc-list-head__title'>{community.name}</Text>
            <Text
              className='link'
              onClick={() => Taro.navigateTo({ url: SERVICE_ROUTES.myRecords })}
              {...buttonAria()}
            >
              我的服务记录 ›
            </Text>
          </View>
          <Chips label='先锋角色' options={ROLE_FILTERS} value={role} onChange={setRole} />
        </View>
      )}
      <PagedBody
        list={list}
        empty={
          <EmptyState
            text={
              tab === 'mine'
                ? '您还没有认领岗位。在岗位大厅选择一个岗位，写下认岗承诺即可。'
                : '暂时没有开放的岗位。社区发布岗位后会出现在这里，下拉可刷新。'
            }
          />
        }
        renderItem={(post) => (
          <PostCard key={post.id} post={post} onOpen={() => open(post.id)}>
            <View className='wish-card__extra wish-row'>
              <Text className='wish-row__label'>{`${post.startsOn} 至 ${post.endsOn}`}</Text>
              <Text className='wish-row__value link'>
                {post.mySeat ? '查看 ›' : post.status === 'open' && post.seatsTaken < post.capacity ? '查看并认岗 ›' : '查看 ›'}
              </Text>
            </View>
          </PostCard>
        )}
      />
    </Page>
  );
}
