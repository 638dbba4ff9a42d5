import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { LedgerEntry } from '@huijia/shared';
import { Empty, Failed } from '../../components/LoadState';
import { PagedBody } from '../../components/PagedList';
import { formatHours } from '../../components/service/format';
import { Skeleton } from '../../components/Skeleton';
import { formatTime } from '../../utils/time';
import { useMe } from '../../hooks/useMe';
import { usePagedList } from '../../hooks/usePagedList';
import { useRemote } from '../../hooks/useRemote';
import { reportedCommunity } from '../../hooks/useScope';
import { getLeaderboard, getMyPoints, listMyLedger } from '../../services/points';
import { SERVICE_ROUTES } from '../../subpackages/service';
import { buttonAria } from '../../utils/a11y';
import { Page } from '../../components/Page';
import '../../components/wish/wish.css';
import '../../components/service/service.css';

type Tab = 'ledger' | 'leaderboard';

function LedgerLine({ entry }: { entry: LedgerEntry }) {
  return (
    <View className='svc-line'>
      <View className='svc-line__main'>
        <Text className='svc-line__title'>{entry.reason}</Text>
        <Text className='svc-line__sub'>{formatTime(entry.createdAt)}</Text>
      </View>
      <Text className={`svc-line__value${entry.points < 0 ? ' svc-line__value--minus' : ''}`}>
        {entry.points > 0 ? `+${entry.points}` : String(entry.points)}
      </Text>
    </View>
  );
}

function Leaderboard({ communityId, communityName, myId }: { communityId: string; communityName: string; myId: string }) {
  const { state, retry } = useRemote(() => getLeaderboard(communityId), [communityId]);
  if (state.kind === 'loading') return <Skeleton inline />;
  if (state.kind === 'failed') return <Failed inline message={state.message} onRetry={retry} />;
  if (state.value.length === 0) {
    return <Empty inline text={`${communityName}还没有核实的服务。记录服务并经社区核实后，就会出现在排行里。`} />;
  }
  return (
    <View>
      <Text className='card__hint'>{`${communityName} · 按核实服务时长和完成心愿排名`}</Text>
      {state.value.map((entry) => (
        <View key={entry.memberId} className={`svc-line${entry.memberId === myId ? ' svc-line--me' : ''}`}>
          <Text className={`svc-rank${entry.rank <= 3 ? ' svc-rank--top' : ''}`}>{entry.rank}</Text>
          <View className='svc-line__main'>
            <Text className='svc-line__title'>{entry.memberId === myId ? `${entry.memberName}（我）` : entry.memberName}</Text>
            <Text className='svc-line__sub'>{`完成心愿 ${entry.completedWishes} 个`}</Text>
          </View>
          <Text className='svc-line__value'>{formatHours(entry.verifiedMinutes)}</Text>
        </View>
      ))}
    </View>
  );
}

/** 我的积分: balance, verified hours, completed wishes, the ledger and the community leaderboard. */
export default function PointsPage() {
  const { state: meState, reload: reloadMe } = useMe();
  const [tab, setTab] = useState<Tab>('ledger');
  const [attempt, setAttempt] = useState(0);
  const { state, retry } = useRemote(getMyPoints, [attempt]);
  const ledger = usePagedList((cursor) => listMyLedger(cursor), []);
  const community = meState.kind === 'ready' ? reportedCommunity(meState.value) : null;

  return (
    <Page>
      <View className='card svc-points'>
        {state.kind === 'loading' && <Skeleton inline lines={1} />}
        {state.kind === 'failed' && <Failed inline message={state.message} onRetry={retry} />}
        {state.kind === 'ready' && (
          <View className='svc-figures'>
            <View className='svc-figure'>
              <Text className='svc-figure__value svc-balance'>{String(state.value.balance)}</Text>
              <Text className='svc-figure__label'>积分</Text>
            </View>
            <View className='svc-figure'>
              <Text className='svc-figure__value'>{formatHours(state.value.verifiedMinutes)}</Text>
              <Text className='svc-figure__label'>{`核实服务（${state.value.verifiedRecords} 次）`}</Text>
            </View>
            <View className='svc-figure'>
              <Text className='svc-figure__value'>{String(state.value.completedWishes)}</Text>
              <Text className='svc-figure__label'>完成心愿</Text>
            </View>
          </View>
        )}
        <View className='svc-list-head'>
          <Text className='svc-muted'>每核实半小时服务得 5 分，完成一个心愿得 20 分</Text>
          <Text className='link' onClick={() => Taro.navigateTo({ url: SERVICE_ROUTES.myRecords })} {...buttonAria()}>
            服务记录 ›
          </Text>
        </View>
      </View>

      <View className='svc-tabs'>
        {(['ledger', 'leaderboard'] as const).map((value) => (
          <View
            key={value}
            className={`svc-tab${tab === value ? ' svc-tab--on' : ''}`}
            onClick={() => {
              setTab(value);
              if (value === 'ledger') setAttempt((n) => n + 1);
            }}
            {...buttonAria()}
          >
            <Text>{value === 'ledger' ? '积分明细' : '服务排行'}</Text>
          </View>
        ))}
      </View>

      <View className='card'>
        {tab === 'ledger' ? (
          <PagedBody
            list={ledger}
            inline
            empty={<Empty inline text='还没有积分。记录服务并经社区核实、认领的心愿完成后，积分会记入这里。' />}
            renderItem={(entry) => <LedgerLine key={entry.id} entry={entry} />}
          />
        ) : meState.kind === 'failed' ? (
          <Failed inline message={meState.message} onRetry={reloadMe} />
        ) : meState.kind === 'loading' ? (
          <Skeleton inline />
        ) : community ? (
          <Leaderboard communityId={community.id} communityName={community.name} myId={meState.value.user.id} />
        ) : (
          <Text className='svc-muted'>完成社区报到后可查看所在社区的服务排行。</Text>
        )}
      </View>
    </Page>
  );
}
