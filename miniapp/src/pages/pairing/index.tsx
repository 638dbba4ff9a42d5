import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { Household, Pairing } from '@huijia/shared';
import { ActionButton } from '../../components/ActionButton';
import { Empty, Failed } from '../../components/LoadState';
import { CommunityPage } from '../../components/ScopedPage';
import { Skeleton } from '../../components/Skeleton';
import { formatTime } from '../../utils/time';
import { useAction } from '../../hooks/useAction';
import { useRemote } from '../../hooks/useRemote';
import { NOT_REPORTED_TEXT, type Scope } from '../../hooks/useScope';
import { endPairing, listHouseholds, listMyPairings, pairWithHousehold } from '../../services/pairing';
import { recordFormUrl } from '../../subpackages/service';
import '../../components/wish/wish.css';
import '../../components/service/service.css';

interface Board {
  households: Household[];
  pairings: Pairing[];
}

async function loadBoard(community: Scope): Promise<Board> {
  const [households, pairings] = await Promise.all([listHouseholds(community.id), listMyPairings()]);
  return { households, pairings };
}

function PairingBoard({ community }: { community: Scope }) {
  const { state, retry } = useRemote(() => loadBoard(community), [community.id]);
  const { busy, run } = useAction(retry);
  usePullDownRefresh(() => {
    retry();
    Taro.stopPullDownRefresh();
  });

  if (state.kind === 'loading') return <Skeleton lines={4} />;
  if (state.kind === 'failed') return <Failed message={state.message} onRetry={retry} />;
  const { households, pairings } = state.value;
  const byId = new Map(households.map((h) => [h.id, h]));
  const active = pairings.filter((p) => p.status === 'active');

  const pair = async (household: Household) => {
    const paired = await run(`pair-${household.id}`, () => pairWithHousehold(household.id), {
      ask: {
        title: '确认结对',
        content: `与「${household.name}」家庭结对后，请定期走访并记录每次帮扶。确定结对吗？`,
        confirmText: '结对',
      },
      done: '已结对',
    });
    if (paired) retry();
  };

  const end = async (pairing: Pairing) => {
    const ended = await run(`end-${pairing.id}`, () => endPairing(pairing.id), {
      ask: { title: '结束结对', content: '结束后将不再是这户的结对党员，已记录的帮扶仍然保留。确定结束吗？', confirmText: '结束结对' },
      done: '已结束结对',
    });
    if (ended) retry();
  };

  return (
    <View>
      <View className='card'>
        <Text className='card__title'>我的结对</Text>
        {active.length === 0 ? (
          <Empty inline text='您还没有结对的家庭。在下面选择一户需要帮助的家庭，点「与这户结对」。' />
        ) : (
          active.map((pairing) => {
            const household = byId.get(pairing.householdId);
            return (
              <View key={pairing.id} className='svc-holder'>
                <View className='svc-holder__head'>
                  <Text className='svc-holder__name'>{household?.name ?? '结对家庭'}</Text>
                  <Text className='svc-muted'>{`结对于 ${formatTime(pairing.createdAt)}`}</Text>
                </View>
                {household && <Text className='svc-holder__commitment'>{`需求：${household.needs}`}</Text>}
                {household?.address && <Text className='svc-holder__commitment'>{`地址：${household.address}`}</Text>}
                <View className='svc-holder__actions'>
                  <ActionButton
                    variant='plain'
                    small
                    busy={busy === `end-${pairing.id}`}
                    disabled={busy !== null}
                    onClick={() => end(pairing)}
                  >
                    结束结对
                  </ActionButton>
                  <ActionButton
                    small
                    disabled={busy !== null}
                    onClick={() => Taro.navigateTo({ url: recordFormUrl({ source: 'pairing', sourceId: pairing.id }) })}
                  >
                    记录帮扶
                  </ActionButton>
                </View>
              </View>
            );
          })
        )}
      </View>

      <View className='card'>
        <Text className='card__title'>{`${community.name}困难群众`}</Text>
        <Text className='card__hint'>为保护隐私，结对前只显示姓氏</Text>
        {households.length === 0 ? (
          <Empty inline text='社区还没有登记需要结对帮扶的家庭。社区登记后会出现在这里，下拉可刷新。' />
        ) : (
          households.map((household) => {
            const full = household.activePairings >= household.maxMembers;
            return (
              <View key={household.id} className='svc-holder'>
                <View className='svc-holder__head'>
                  <Text className='svc-holder__name'>{household.name}</Text>
                  <Text className={`svc-tag ${household.pairedWithMe ? 'svc-tag--active' : full ? 'svc-tag--full' : 'svc-tag--open'}`}>
                    {household.pairedWithMe ? '我已结对' : full ? '已有党员结对' : '待结对'}
                  </Text>
                </View>
                <Text className='svc-holder__commitment'>{household.needs}</Text>
                {!household.pairedWithMe && !full && (
                  <View className='svc-holder__actions'>
                    <ActionButton
                      small
                      busy={busy === `pair-${household.id}`}
                      disabled={busy !== null}
                      onClick={() => pair(household)}
                    >
                      与这户结对
                    </ActionButton>
                  </View>
                )}
              </View>
            );
          })
        )}
      </View>
    </View>
  );
}

/** 结对帮扶: the community's households in difficulty (names masked), pair, my pairings, end. */
export default function PairingPage() {
  return (
    <CommunityPage refused={NOT_REPORTED_TEXT}>
      {(community) => <PairingBoard community={community} />}
    </CommunityPage>
  );
}
