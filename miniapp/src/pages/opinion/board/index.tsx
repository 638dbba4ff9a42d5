import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { type Opinion, OPINION_LEVEL_HOLDER_LABELS } from '@huijia/shared';
import { ActionButton } from '../../../components/ActionButton';
import { Empty, pageWhileLoading } from '../../../components/LoadState';
import { Page } from '../../../components/Page';
import { PagedBody } from '../../../components/PagedList';
import { Chips } from '../../../components/wish/Chips';
import { useAction } from '../../../hooks/useAction';
import { useMe } from '../../../hooks/useMe';
import { usePagedList } from '../../../hooks/usePagedList';
import { useRemote } from '../../../hooks/useRemote';
import { openPage, ROUTES } from '../../../routes';
import { listOpinions, secondOpinion } from '../../../services/opinions';
import { getOrg } from '../../../services/orgs';
import { OPINION_ROUTES, opinionDetailUrl } from '../../../subpackages/opinions';
import { buttonAria } from '../../../utils/a11y';
import { opinionActionsFor } from '../describe';
import { OpinionCard } from '../OpinionCard';
import '../../../components/wish/wish.css';
import '../opinion.css';

type Shown = 'open' | 'resolved';
const SHOWN = [
  { value: 'open', label: '办理中' },
  { value: 'resolved', label: '已办结' },
] as const;

const EMPTY_TEXT: Record<Shown, string> = {
  open: '社区暂时没有办理中的民情。您遇到的问题可以点「反映民情」告诉社区。',
  resolved: '社区还没有办结的民情。办结后，办理结果会在这里公开。',
};

/** A community's board: what its residents raised, open (to second) or resolved (with the reply). */
function Board({ communityId }: { communityId: string }) {
  const [shown, setShown] = useState<Shown>('open');
  const community = useRemote(() => getOrg(communityId), [communityId]);
  const list = usePagedList((cursor) => listOpinions({ communityId, status: shown, cursor }), [communityId, shown]);
  const { busy, run } = useAction(list.reload);

  const second = async (opinion: Opinion) => {
    const changed = await run(opinion.id, () => secondOpinion(opinion.id), { done: '已附议' });
    if (changed) list.update((items) => items.map((item) => (item.id === changed.id ? changed : item)));
  };

  return (
    <>
      <View className='wish-filters'>
        <View className='wish-list-head opinion-board__head'>
          <Text className='wish-list-head__title'>{community.state.kind === 'ready' ? community.state.value.name : '社区民情'}</Text>
          <Text className='link opinion-board__raise' onClick={() => Taro.navigateTo({ url: OPINION_ROUTES.raise })} {...buttonAria()}>
            反映民情 ›
          </Text>
        </View>
        <Chips label='状态' options={SHOWN} value={shown} onChange={setShown} />
        <Text className='card__hint opinion-board__hint'>
          {shown === 'open' ? '您也遇到同样的问题，可以「附议」，附议多的优先办理。' : '社区和上级办结的民情及办理结果。'}
        </Text>
      </View>
      <PagedBody
        list={list}
        empty={<Empty text={EMPTY_TEXT[shown]} />}
        renderItem={(opinion) => {
          const maySecond = opinionActionsFor(opinion).includes('second');
          return (
            <OpinionCard key={opinion.id} opinion={opinion} onOpen={() => Taro.navigateTo({ url: opinionDetailUrl(opinion.id) })}>
              <View className='wish-card__extra'>
                {opinion.status === 'resolved' && opinion.reply && (
                  <>
                    <Text className='opinion-card__line'>{`${OPINION_LEVEL_HOLDER_LABELS[opinion.level]}办理结果：`}</Text>
                    <Text className='opinion-card__reply'>{opinion.reply}</Text>
                  </>
                )}
                <View className='opinion-card__todo'>
                  <Text className='opinion-card__line'>{`${opinion.seconds} 人附议${opinion.seconded ? '，含您' : ''}`}</Text>
                  {maySecond && (
                    <ActionButton
                      small
                      variant='plain'
                      busy={busy === opinion.id}
                      disabled={busy !== null && busy !== opinion.id}
                      onClick={() => void second(opinion)}
                    >
                      附议
                    </ActionButton>
                  )}
                </View>
              </View>
            </OpinionCard>
          );
        }}
      />
    </>
  );
}

/** 社区民情: the board of the user's home community (no reporter is ever named on it). */
export default function OpinionBoardPage() {
  const { state, reload } = useMe();
  if (state.kind !== 'ready') return pageWhileLoading(state, reload);
  const homeId = state.value.user.homeCommunityId;
  if (!homeId) {
    return (
      <Page className='wish-page'>
        <View className='state'>
          <Text className='state__text'>这里是您所在社区的民情，请先设置所在社区。</Text>
          <View className='wish-state-link' onClick={() => openPage(ROUTES.me)} {...buttonAria()}>
            <Text className='link'>去「我的」设置所在社区 ›</Text>
          </View>
        </View>
      </Page>
    );
  }
  return (
    <Page className='wish-page'>
      <Board key={homeId} communityId={homeId} />
    </Page>
  );
}
