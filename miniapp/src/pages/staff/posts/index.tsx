import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { type Post, type Seat, seatMachine } from '@huijia/shared';
import { ActionButton } from '../../../components/ActionButton';
import { Failed, Loading } from '../../../components/LoadState';
import type { Community } from '../../../components/service/community';
import { PostCard } from '../../../components/service/PostCard';
import { ReasonSheet } from '../../../components/service/ReasonSheet';
import { useRun } from '../../../components/service/useRun';
import { NOT_STAFF_TEXT, useStaffScope } from '../../../components/service/useStaffScope';
import { confirmStep } from '../../../components/wish/actions';
import { EmptyState, PagedBody } from '../../../components/wish/PagedBody';
import { usePagedList } from '../../../components/wish/usePagedList';
import { closePost, evaluateHolder, listPosts, removeHolder, updatePost } from '../../../services/posts';
import { PostForm } from './PostForm';
import { CapacitySheet, EvaluateSheet } from './sheets';
import { Page } from '../../../components/Page';
import '../../../components/wish/wish.css';
import '../../../components/service/service.css';

type Open =
  | { kind: 'capacity'; post: Post }
  | { kind: 'remove'; post: Post; holder: Seat }
  | { kind: 'evaluate'; post: Post; holder: Seat }
  | null;

function Posts({ community }: { community: Community }) {
  const list = usePagedList((cursor) => listPosts({ communityId: community.id, cursor }), [community.id]);
  const { busy, run } = useRun(list.reload);
  const [creating, setCreating] = useState(false);
  const [sheet, setSheet] = useState<Open>(null);
  const replace = (post: Post | undefined) => {
    if (post) list.update((items) => items.map((p) => (p.id === post.id ? post : p)));
  };

  const close = async (post: Post) => {
    const ok = await confirmStep('关闭岗位', `关闭「${post.title}」后不能再认岗，也不能重新开放。确定关闭吗？`, '关闭岗位');
    if (ok) replace(await run(`close-${post.id}`, () => closePost(post.id), '岗位已关闭'));
  };

  return (
    <View>
      {creating ? (
        <PostForm
          communityId={community.id}
          onCancel={() => setCreating(false)}
          onDone={(post) => {
            setCreating(false);
            list.update((items) => [post, ...items]);
          }}
        />
      ) : (
        <View className='card'>
          <Text className='card__hint'>{`${community.name} · 定岗后党员即可在岗位大厅认岗`}</Text>
          <ActionButton onClick={() => setCreating(true)}>发布岗位</ActionButton>
        </View>
      )}
      <PagedBody
        list={list}
        empty={<EmptyState text='还没有服务岗位。点击「发布岗位」设立第一个岗位。' />}
        renderItem={(post) => (
          <PostCard key={post.id} post={post}>
            <View className='wish-card__extra'>
              <Text className='svc-muted'>{`在岗 ${post.holders.length} 人${post.averageScore === null ? '' : ` · 平均评分 ${post.averageScore.toFixed(1)}`}`}</Text>
              {post.holders.map((holder) => (
                <View key={holder.id} className='svc-holder'>
                  <Text className='svc-holder__name'>{holder.memberName}</Text>
                  <Text className='svc-holder__commitment'>{`承诺：${holder.commitment}`}</Text>
                  <View className='svc-holder__actions'>
                    {seatMachine.can('staff', 'remove', holder.status) && (
                      <ActionButton variant='quiet' small disabled={busy !== null} onClick={() => setSheet({ kind: 'remove', post, holder })}>
                        移出
                      </ActionButton>
                    )}
                    <ActionButton variant='plain' small disabled={busy !== null} onClick={() => setSheet({ kind: 'evaluate', post, holder })}>
                      评岗
                    </ActionButton>
                  </View>
                </View>
              ))}
            </View>
            {post.status === 'open' && (
              <View className='wish-card__actions'>
                <ActionButton variant='quiet' small busy={busy === `close-${post.id}`} disabled={busy !== null} onClick={() => close(post)}>
                  关闭岗位
                </ActionButton>
                <ActionButton variant='plain' small disabled={busy !== null} onClick={() => setSheet({ kind: 'capacity', post })}>
                  修改名额
                </ActionButton>
              </View>
            )}
          </PostCard>
        )}
      />
      {sheet?.kind === 'capacity' && (
        <CapacitySheet
          post={sheet.post}
          busy={busy !== null}
          onClose={() => setSheet(null)}
          onSubmit={async (capacity) => {
            const post = await run('capacity', () => updatePost(sheet.post.id, { capacity }), '名额已修改');
            replace(post);
            if (post) setSheet(null);
          }}
        />
      )}
      {sheet?.kind === 'remove' && (
        <ReasonSheet
          title={`将${sheet.holder.memberName}移出岗位`}
          label='移出原因（党员会看到）'
          placeholder='例如：连续三个月未到岗'
          submitLabel='确认移出'
          busy={busy !== null}
          onClose={() => setSheet(null)}
          onSubmit={async (reason) => {
            const ok = await confirmStep('移出岗位', `确定将${sheet.holder.memberName}移出「${sheet.post.title}」吗？`, '移出');
            if (!ok) return;
            replace(await run('remove', () => removeHolder(sheet.post.id, sheet.holder.memberId, reason), '已移出'));
            setSheet(null);
          }}
        />
      )}
      {sheet?.kind === 'evaluate' && (
        <EvaluateSheet
          holder={sheet.holder}
          busy={busy !== null}
          onClose={() => setSheet(null)}
          onSubmit={async (score, comment) => {
            const post = await run('evaluate', () => evaluateHolder(sheet.post.id, sheet.holder.memberId, score, comment), '评价已提交');
            replace(post);
            setSheet(null);
          }}
        />
      )}
    </View>
  );
}

/** 岗位管理: the community's posts; 定岗, 修改名额, 关闭, 移出 a holder, 评岗. */
export default function StaffPostsPage() {
  const { state, reload } = useStaffScope();
  if (state.kind === 'loading') return <Page><Loading /></Page>;
  if (state.kind === 'failed') return <Page><Failed message={state.message} onRetry={reload} /></Page>;
  return (
    <Page>
      {state.value ? <Posts community={state.value} /> : <EmptyState text={NOT_STAFF_TEXT} />}
    </Page>
  );
}
