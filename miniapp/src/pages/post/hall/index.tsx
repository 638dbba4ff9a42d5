import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { PIONEER_ROLE_LABELS, PIONEER_ROLES, type PioneerRole } from '@huijia/shared';
import { Empty } from '../../../components/LoadState';
import { PagedBody } from '../../../components/PagedList';
import { CommunityPage } from '../../../components/ScopedPage';
import { PostCard } from '../../../components/service/PostCard';
import { Chips } from '../../../components/wish/Chips';
import { usePagedList } from '../../../hooks/usePagedList';
import { NOT_REPORTED_TEXT, type Scope } from '../../../hooks/useScope';
import { listPosts } from '../../../services/posts';
import { postDetailUrl, SERVICE_ROUTES } from '../../../subpackages/service';
import { buttonAria } from '../../../utils/a11y';
import { formatTerm } from '../../../utils/time';
import '../../../components/service/service.css';

type Tab = 'hall' | 'mine';
const ALL = 'all';
type RoleFilter = PioneerRole | typeof ALL;
const ROLE_FILTERS = [
  { value: ALL, label: '全部' },
  ...PIONEER_ROLES.map((value) => ({ value, label: PIONEER_ROLE_LABELS[value] })),
] as const;

/** A community's open posts by pioneer role, and the member's own (我的岗位). */
function Posts({ community }: { community: Scope }) {
  const [tab, setTab] = useState<Tab>('hall');
  const [role, setRole] = useState<RoleFilter>(ALL);
  const list = usePagedList(
    (cursor) =>
      tab === 'mine'
        ? listPosts({ mine: true, cursor })
        : listPosts({
            communityId: community.id,
            status: 'open',
            pioneerRole: role === ALL ? undefined : role,
            cursor,
          }),
    [community.id, tab, role],
  );

  const open = (id: string) => Taro.navigateTo({ url: postDetailUrl(id) });
  return (
    <>
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
          tab === 'mine' ? (
            <Empty
              text='您还没有认领岗位。在岗位大厅选择一个岗位，写下认岗承诺即可。'
              action={
                <Text className='link' onClick={() => setTab('hall')} {...buttonAria()}>
                  去岗位大厅 ›
                </Text>
              }
            />
          ) : (
            <Empty text='暂时没有开放的岗位。社区发布岗位后会出现在这里，下拉可刷新。' />
          )
        }
        renderItem={(post) => (
          <PostCard key={post.id} post={post} onOpen={() => open(post.id)}>
            <View className='wish-card__extra wish-row'>
              <Text className='wish-row__label'>{formatTerm(post.startsOn, post.endsOn)}</Text>
              <Text className='wish-row__value link'>
                {post.mySeat ? '查看 ›' : post.status === 'open' && post.seatsTaken < post.capacity ? '查看并认岗 ›' : '查看 ›'}
              </Text>
            </View>
          </PostCard>
        )}
      />
    </>
  );
}

/** 服务岗位: the open posts of the member's community by pioneer role, and 我的岗位. */
export default function PostHallPage() {
  return (
    <CommunityPage refused={NOT_REPORTED_TEXT}>
      {(community) => <Posts community={community} />}
    </CommunityPage>
  );
}
