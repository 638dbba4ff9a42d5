import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { type Post, type Seat, seatMachine } from '@huijia/shared';
import { ActionButton } from '../../../components/ActionButton';
import { Empty } from '../../../components/LoadState';
import { PagedBody } from '../../../components/PagedList';
import { RolePage } from '../../../components/ScopedPage';
import { ScopeSwitch } from '../../../components/ScopeSwitch';
import { PostCard } from '../../../components/service/PostCard';
import { ReasonSheet } from '../../../components/Sheet';
import { confirmStep, useAction } from '../../../hooks/useAction';
import { usePagedList } from '../../../hooks/usePagedList';
import type { ScopeChoice } from '../../../hooks/useScope';
import { closePost, evaluateHolder, listPosts, removeHolder, updatePost } from '../../../services/posts';
import { postDrafts } from './draft';
import { PostForm } from './PostForm';
import { CapacitySheet, EvaluateSheet } from './sheets';
import '../../../components/wish/wish.css';
import '../../../components/service/service.css';

type Open =
  | { kind: 'capacity'; post: Post }
  | { kind: 'remove'; post: Post; holder: Seat }
  | { kind: 'evaluate'; post: Post; holder: Seat }
  | null;

function Posts({ choice }: { choice: ScopeChoice }) {
  const community = choice.current;
  const list = usePagedList((cursor) => listPosts({ communityId: community.id, cursor }), [community.id]);
  const { busy, run } = useAction(list.reload);
  // A post left half-written opens again as it was.
  const [creating, setCreating] = useState(() => postDrafts.read(choice.draftOwner) !== null);
  const [sheet, setSheet] = useState<Open>(null);
  const replace = (post: Post | undefined) => {
    if (post) list.update((items) => items.map((p) => (p.id === post.id ? post : p)));
  };

  const close = async (post: Post) => {
    const closed = await run(`close-${post.id}`, () => closePost(post.id), {
      ask: { title: '关闭岗位', content: `关闭「${post.title}」后不能再认岗，也不能重新开放。确定关闭吗？`, confirmText: '关闭岗位' },
      done: '已关闭',
    });
    replace(closed);
  };

  return (
    <View>
      <ScopeSwitch choice={choice} />
      {creating ? (
        <PostForm
          communityId={community.id}
          draftOwner={choice.draftOwner}
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
        empty={<Empty text='还没有服务岗位。点上方「发布岗位」设立第一个岗位，党员就能在岗位大厅认岗。' />}
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
              <View className='wish-card__actions svc-post-actions'>
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
            const post = await run('capacity', () => updatePost(sheet.post.id, { capacity }), { done: '已修改名额' });
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
            const ok = await confirmStep({
              title: '移出岗位',
              content: `确定将${sheet.holder.memberName}移出「${sheet.post.title}」吗？`,
              confirmText: '移出',
            });
            if (!ok) return;
            replace(await run('remove', () => removeHolder(sheet.post.id, sheet.holder.memberId, reason), { done: '已移出' }));
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
            const post = await run('evaluate', () => evaluateHolder(sheet.post.id, sheet.holder.memberId, score, comment), {
              done: '已评价',
            });
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
  return (
    <RolePage role='community_staff' refused='只有社区工作人员可以管理服务岗位。'>
      {(choice) => <Posts key={choice.current.id} choice={choice} />}
    </RolePage>
  );
}
