import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { Household, Pairing } from '@huijia/shared';
import { ActionButton } from '../../components/ActionButton';
import { Failed, Loading } from '../../components/LoadState';
import { type Community, NOT_REPORTED_TEXT, reportedCommunity } from '../../components/service/community';
import { useRun } from '../../components/service/useRun';
import { confirmStep } from '../../components/wish/actions';
import { formatTime } from '../../components/wish/format';
import { EmptyState } from '../../components/wish/PagedBody';
import { useMe } from '../../hooks/useMe';
import { useRemote } from '../../hooks/useRemote';
import { endPairing, listHouseholds, listMyPairings, pairWithHousehold } from '../../services/pairing';
import { recordFormUrl } from '../../subpackages/service';
import { Page } from '../../components/Page';
import '../../components/wish/wish.css';
import '../../components/service/service.css';

interface Board {
  households: Household[];
  pairings: Pairing[];
}

async function loadBoard(community: Community): Promise<Board> {
  const [households, pairings] = await Promise.all([listHouseholds(community.id), listMyPairings()]);
  return { households, pairings };
}

function PairingBoard({ community }: { community: Community }) {
  const { state, retry } = useRemote(() => loadBoard(community), [community.id]);
  const { busy, run } = useRun(retry);

  if (state.kind === 'loading') return <Loading />;
  if (state.kind === 'failed') return <Failed message={state.message} onRetry={retry} />;
  const { households, pairings } = state.value;
  const byId = new Map(households.map((h) => [h.id, h]));
  const active = pairings.filter((p) => p.status === 'active');

  const pair = async (household: Household) => {
    const ok = await confirmStep(
      '确认结对',
      `与「${household.name}」家庭结对后，请定期走访并记录每次帮扶。确定结对吗？`,
      '结对',
    );
    if (!ok) return;
    if (await run(`pair-${household.id}`, () => pairWithHousehold(household.id), '结对成功')) retry();
  };

  const end = async (pairing: Pairing) => {
    const ok = await confirmStep('结束结对', '结束后将不再是这户的结对党员，已记录的帮扶仍然保留。确定结束吗？', '结束结对');
    if (!ok) return;
    if (await run(`end-${pairing.id}`, () => endPairing(pairing.id), '已结束结对')) retry();
  };

  return (
    <View>
      <View className='card'>
        <Text className='card__title'>我的结对</Text>
        {active.length === 0 ? (
          <Text className='svc-muted'>您还没有结对的家庭。在下面选择一户需要帮助的家庭结对。</Text>
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
          <Text className='svc-muted'>社区还没有登记需要结对帮扶的家庭。</Text>
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
  const { state, reload } = useMe();
  if (state.kind === 'loading') return <Page><Loading /></Page>;
  if (state.kind === 'failed') return <Page><Failed message={state.message} onRetry={reload} /></Page>;
  const community = reportedCommunity(state.value);
  return (
    <Page>
      {community ? <PairingBoard community={community} /> : <EmptyState text={NOT_REPORTED_TEXT} />}
    </Page>
  );
}
