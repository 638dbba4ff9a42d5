import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { claimPostBodySchema, PIONEER_ROLE_LABELS, type Post, seatMachine } from '@huijia/shared';
import { ActionButton } from '../../../components/ActionButton';
import { Failed, Loading } from '../../../components/LoadState';
import { SeatsTag } from '../../../components/service/PostCard';
import { formatTerm, formatTime } from '../../../utils/time';
import { RatingStars } from '../../../components/wish/RatingStars';
import { Sheet } from '../../../components/Sheet';
import { TextAreaField } from '../../../components/wish/TextAreaField';
import { useAction } from '../../../hooks/useAction';
import { useRemote } from '../../../hooks/useRemote';
import { claimPost, getPost, leavePost } from '../../../services/posts';
import { postDetailUrl, recordFormUrl } from '../../../subpackages/service';
import { checkForm } from '../../../utils/form';
import { shareCard } from '../../../utils/share';
import { Page } from '../../../components/Page';
import { WishRow } from '../../../components/wish/WishCard';
import '../../../components/wish/wish.css';
import '../../../components/service/service.css';

/** The 认岗书 offered to start from; the member edits it as they like. */
function suggestedCommitment(post: Post): string {
  return `我自愿认领「${post.title}」岗位，${post.schedule}在${post.location}按时参加服务，接受社区和群众监督。`;
}

function ClaimSheet({ post, busy, onSubmit, onClose }: {
  post: Post;
  busy: boolean;
  onSubmit: (commitment: string) => void;
  onClose: () => void;
}) {
  const [commitment, setCommitment] = useState(() => suggestedCommitment(post));
  const [error, setError] = useState<string>();
  const submit = () => {
    const checked = checkForm(claimPostBodySchema, { commitment });
    if (!checked.ok) return setError(checked.errors.commitment);
    onSubmit(checked.data.commitment);
  };
  return (
    <Sheet title={`认领「${post.title}」`} submitLabel='确认认岗' busy={busy} onSubmit={submit} onClose={onClose}>
      <TextAreaField
        label='认岗承诺（您的姓名和承诺将在岗位上公示）'
        name='commitment'
        value={commitment}
        placeholder='写下您的服务承诺'
        maxlength={500}
        error={error}
        disabled={busy}
        onInput={(value) => {
          setCommitment(value);
          setError(undefined);
        }}
      />
    </Sheet>
  );
}

/** 岗位详情: what the post asks, who holds it with their commitments (示岗), 认岗 and 退出. */
export default function PostDetailPage() {
  const id = useRouter().params.id ?? '';
  const { state, retry } = useRemote(() => getPost(id), [id]);
  const [changed, setChanged] = useState<Post | null>(null);
  const [claiming, setClaiming] = useState(false);
  const reload = () => {
    setChanged(null);
    retry();
  };
  const { busy, run } = useAction(reload);
  // 转发: a card that opens this post, titled with the post's own title; nothing about its holders.
  useShareAppMessage(() => shareCard(state.kind === 'ready' ? state.value.title : '志愿服务岗位', postDetailUrl(id)));

  if (state.kind === 'loading') return <Page><Loading /></Page>;
  if (state.kind === 'failed') {
    return (
      <Page>
        <Failed message={state.message} onRetry={reload} />
      </Page>
    );
  }
  const post = changed && changed.id === state.value.id ? changed : state.value;
  const canLeave = post.mySeat !== null && seatMachine.can('holder', 'leave', post.mySeat.status);
  const canClaim = !post.mySeat && post.status === 'open' && post.seatsTaken < post.capacity;

  const claim = async (commitment: string) => {
    // The sheet is the confirmation: it shows what is made public, and 确认认岗 sends it.
    const updated = await run('claim', () => claimPost(post.id, commitment), { done: '已认岗' });
    if (!updated) return;
    setClaiming(false);
    setChanged(updated);
  };

  const leave = async () => {
    const updated = await run('leave', () => leavePost(post.id), {
      ask: { title: '退出岗位', content: `确定退出「${post.title}」吗？退出后名额将让给其他党员。`, confirmText: '退出' },
      done: '已退出岗位',
    });
    if (updated) setChanged(updated);
  };

  return (
    <Page>
      <View className='card'>
        <View className='wish-card__head'>
          <Text className='wish-card__title'>{post.title}</Text>
          <SeatsTag post={post} />
        </View>
        <View className='wish-card__meta'>
          <Text className='wish-card__role'>{PIONEER_ROLE_LABELS[post.pioneerRole]}</Text>
          <Text>{post.communityName}</Text>
        </View>
        <View className='svc-section'>
          <Text className='svc-text'>{post.description}</Text>
        </View>
        <WishRow label='服务时间' value={post.schedule} />
        <WishRow label='服务地点' value={post.location} />
        <WishRow label='岗位期限' value={formatTerm(post.startsOn, post.endsOn)} />
        <View className='wish-row'>
          <Text className='wish-row__label'>评岗</Text>
          {post.averageScore === null ? (
            <Text className='wish-row__value'>暂无评价</Text>
          ) : (
            <View className='wish-row__value'>
              <RatingStars value={Math.round(post.averageScore)} />
              <Text className='svc-muted'>{`平均 ${post.averageScore.toFixed(1)} 分，共 ${post.evaluations} 次评价`}</Text>
            </View>
          )}
        </View>
      </View>

      {post.mySeat && (
        <View className='card'>
          <Text className='card__title'>我的认岗</Text>
          <Text className='svc-text'>{post.mySeat.commitment}</Text>
          <Text className='svc-muted'>{`认岗于 ${formatTime(post.mySeat.claimedAt)}`}</Text>
          <View className='svc-actions'>
            {canLeave && (
              <ActionButton variant='plain' small busy={busy === 'leave'} disabled={busy !== null} onClick={leave}>
                退出岗位
              </ActionButton>
            )}
            <ActionButton
              small
              disabled={busy !== null}
              onClick={() => Taro.navigateTo({ url: recordFormUrl({ source: 'post', sourceId: post.id }) })}
            >
              记录服务
            </ActionButton>
          </View>
        </View>
      )}

      <View className='card'>
        <Text className='card__title'>{`在岗党员（${post.holders.length}）`}</Text>
        {post.holders.length === 0 ? (
          <Text className='svc-muted'>还没有党员认领这个岗位。</Text>
        ) : (
          post.holders.map((holder) => (
            <View key={holder.id} className='svc-holder'>
              <View className='svc-holder__head'>
                <Text className='svc-holder__name'>{holder.memberName}</Text>
                <Text className='svc-muted'>{formatTime(holder.claimedAt)}</Text>
              </View>
              <Text className='svc-holder__commitment'>{`承诺：${holder.commitment}`}</Text>
            </View>
          ))
        )}
      </View>

      {!post.mySeat && (
        <View className='card'>
          {canClaim ? (
            <ActionButton busy={busy === 'claim'} onClick={() => setClaiming(true)}>
              我要认岗
            </ActionButton>
          ) : (
            <Text className='svc-muted'>{post.status === 'closed' ? '岗位已关闭。' : '名额已满，暂不能认岗。'}</Text>
          )}
        </View>
      )}

      {claiming && (
        <ClaimSheet post={post} busy={busy === 'claim'} onSubmit={claim} onClose={() => setClaiming(false)} />
      )}
    </Page>
  );
}
