import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { evaluateHolderBodySchema, type Me, type Post, RESIDENT_EVALUATES_AFTER_DAYS, type Seat } from '@huijia/shared';
import { ActionButton } from '../../../components/ActionButton';
import { Empty, Failed, Loading } from '../../../components/LoadState';
import { Page } from '../../../components/Page';
import { PagedBody } from '../../../components/PagedList';
import { PostCard } from '../../../components/service/PostCard';
import { Sheet } from '../../../components/Sheet';
import { RatingStars } from '../../../components/wish/RatingStars';
import { TextAreaField } from '../../../components/wish/TextAreaField';
import { useAction } from '../../../hooks/useAction';
import { useMe } from '../../../hooks/useMe';
import { usePagedList } from '../../../hooks/usePagedList';
import { useRemote } from '../../../hooks/useRemote';
import { openPage, ROUTES } from '../../../routes';
import { ApiError } from '../../../services/api';
import { getOrg } from '../../../services/orgs';
import { evaluateHolder, listPosts } from '../../../services/posts';
import { buttonAria } from '../../../utils/a11y';
import { checkForm } from '../../../utils/form';
import { formatTime } from '../../../utils/time';
import { toastDone } from '../../../utils/toast';
import '../../../components/wish/wish.css';
import '../../../components/service/service.css';
import './index.css';

/** 评岗: 1-5 stars and an optional comment on one holder. */
function EvaluateSheet({ holder, post, busy, onSubmit, onClose }: {
  holder: Seat;
  post: Post;
  busy: boolean;
  onSubmit: (score: number, comment: string) => void;
  onClose: () => void;
}) {
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string>();
  const submit = () => {
    if (score === 0) return setError('请点击星星打分');
    const checked = checkForm(evaluateHolderBodySchema, { memberId: holder.memberId, score, comment: comment.trim() || undefined });
    if (!checked.ok) return setError(checked.errors.comment ?? checked.errors.score);
    onSubmit(score, comment);
  };
  return (
    <Sheet title={`评价${holder.memberName}在「${post.title}」的履岗情况`} submitLabel='提交评价' busy={busy} onSubmit={submit} onClose={onClose}>
      <View className={`field${error ? ' field--invalid' : ''}`}>
        <Text className='field__label'>评分</Text>
        <RatingStars
          value={score}
          disabled={busy}
          onChange={(value) => {
            setScore(value);
            setError(undefined);
          }}
        />
        {error && <Text className='field__error'>{error}</Text>}
      </View>
      <TextAreaField
        label='评价（选填）'
        name='comment'
        value={comment}
        placeholder='您看到的履岗情况，例如：每周都来巡查楼道'
        maxlength={300}
        disabled={busy}
        onInput={setComment}
      />
      <Text className='board-sheet__note'>每位在岗党员每月可评价一次，评分会告知党员本人。</Text>
    </Sheet>
  );
}

/** Says why 评岗 was refused to a resident who has not lived in the community long enough. */
function explainTooSoon(message: string): Promise<unknown> {
  return Taro.showModal({
    title: '暂时不能评岗',
    content: `${message}。居住时间从您在「我的」中设置所在社区之日算起，满 ${RESIDENT_EVALUATES_AFTER_DAYS} 天后即可评价。`,
    showCancel: false,
    confirmText: '知道了',
    confirmColor: '#c8161d',
  }).catch(() => undefined);
}

function Holder({ holder, mine, busy, onEvaluate }: { holder: Seat; mine: boolean; busy: boolean; onEvaluate: () => void }) {
  return (
    <View className='svc-holder board-holder'>
      <View className='svc-holder__head'>
        <Text className='svc-holder__name'>{mine ? `${holder.memberName}（我）` : holder.memberName}</Text>
        <Text className='svc-muted'>{`认岗于 ${formatTime(holder.claimedAt)}`}</Text>
      </View>
      <Text className='svc-holder__commitment board-holder__commitment'>{`承诺：${holder.commitment}`}</Text>
      {!mine && (
        <View className='svc-holder__actions'>
          <ActionButton variant='plain' small disabled={busy} onClick={onEvaluate}>
            评岗
          </ActionButton>
        </View>
      )}
    </View>
  );
}

type Evaluating = { post: Post; holder: Seat } | null;

/** The posts of one community with their holders' commitments, and 评岗. */
function Board({ me, communityId }: { me: Me; communityId: string }) {
  const community = useRemote(() => getOrg(communityId), [communityId]);
  const list = usePagedList((cursor) => listPosts({ communityId, status: 'open', cursor }), [communityId]);
  const { busy, run } = useAction(list.reload);
  const [evaluating, setEvaluating] = useState<Evaluating>(null);

  const evaluate = async (score: number, comment: string) => {
    if (!evaluating) return;
    const { post, holder } = evaluating;
    const changed = await run('evaluate', () =>
      evaluateHolder(post.id, holder.memberId, score, comment).catch(async (error: unknown) => {
        if (!(error instanceof ApiError) || error.code !== 'EVALUATION_TOO_SOON') throw error;
        setEvaluating(null);
        await explainTooSoon(error.message);
        return null;
      }),
    );
    if (!changed) return;
    toastDone('已评价');
    list.update((items) => items.map((p) => (p.id === changed.id ? changed : p)));
    setEvaluating(null);
  };

  const name = community.state.kind === 'ready' ? community.state.value.name : '本社区';
  return (
    <>
      <View className='card board-intro'>
        <Text className='board-intro__community'>{name}</Text>
        <Text className='card__hint board-intro__text'>在职党员在社区认领服务岗位，认岗时写下的承诺在这里公示，请邻里监督。</Text>
        <Text className='card__hint board-intro__text'>
          {`评岗：在本社区居住满 ${RESIDENT_EVALUATES_AFTER_DAYS} 天的居民，可以为在岗党员打 1-5 分。`}
        </Text>
      </View>
      <PagedBody
        list={list}
        empty={<Empty text='本社区暂时没有开放的服务岗位。社区发布岗位、党员认岗后，会在这里公示。下拉可刷新。' />}
        renderItem={(post) => (
          <PostCard key={post.id} post={post}>
            <View className='wish-card__extra'>
              <Text className='svc-muted board-post__score'>
                {post.averageScore === null ? '暂无评岗' : `评岗平均 ${post.averageScore.toFixed(1)} 分 · 共 ${post.evaluations} 次`}
              </Text>
              {post.holders.length === 0 ? (
                <Text className='svc-muted'>还没有党员认领这个岗位。</Text>
              ) : (
                post.holders.map((holder) => (
                  <Holder
                    key={holder.id}
                    holder={holder}
                    mine={holder.memberId === me.user.id}
                    busy={busy !== null}
                    onEvaluate={() => setEvaluating({ post, holder })}
                  />
                ))
              )}
            </View>
          </PostCard>
        )}
      />
      {evaluating && (
        <EvaluateSheet
          post={evaluating.post}
          holder={evaluating.holder}
          busy={busy !== null}
          onSubmit={(score, comment) => void evaluate(score, comment)}
          onClose={() => setEvaluating(null)}
        />
      )}
    </>
  );
}

/**
 * 社区示岗 (residents): the posts of the resident's home community with each holder's public
 * commitment (认岗承诺), names as the server allows them to be read, and 评岗.
 */
export default function PostBoardPage() {
  const { state, reload } = useMe();
  if (state.kind === 'loading') return <Page><Loading /></Page>;
  if (state.kind === 'failed') {
    return (
      <Page>
        <Failed message={state.message} onRetry={reload} />
      </Page>
    );
  }
  const me = state.value;
  const communityId = me.user.homeCommunityId;
  return (
    <Page className='board-page'>
      {communityId ? (
        <Board me={me} communityId={communityId} />
      ) : (
        <Empty
          text='示岗栏展示您所在社区的服务岗位和党员承诺，请先设置所在社区。'
          action={
            <Text className='link' onClick={() => openPage(ROUTES.me)} {...buttonAria()}>
              去「我的」设置所在社区 ›
            </Text>
          }
        />
      )}
    </Page>
  );
}
