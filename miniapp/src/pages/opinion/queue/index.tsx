import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { type Opinion, OPINION_LEVEL_HOLDER_LABELS, OPINION_LEVEL_LABELS, type OpinionLevel } from '@huijia/shared';
import { Tabs } from '../../../components/Tabs';
import { ActionButton } from '../../../components/ActionButton';
import { Empty, Loaded } from '../../../components/LoadState';
import { Page } from '../../../components/Page';
import { PagedBody } from '../../../components/PagedList';
import { WishRow } from '../../../components/wish/WishCard';
import { useMe } from '../../../hooks/useMe';
import { type PagedList, usePagedList } from '../../../hooks/usePagedList';
import type { Remote } from '../../../hooks/useRemote';
import { listOpinions } from '../../../services/opinions';
import { QUEUE_COUNT_LIMIT } from '../../../services/queueCounts';
import { setTabBadge } from '../../../navigation/badges';
import { opinionDetailUrl } from '../../../subpackages/opinions';
import { describeDeadline } from '../../../utils/time';
import { OpinionCard } from '../OpinionCard';
import { levelsHeld } from '../viewer';
import '../../../components/wish/wish.css';
import '../opinion.css';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What each level's holder does with what reaches them. */
const LEVEL_HINTS: Record<OpinionLevel, string> = {
  branch: '第一级：网格党支部和社区能解决的办结，解决不了的上报社区党委。',
  community: '社区党委商议：能解决的办结，解决不了的上报街道党工委。',
  street: '街道党工委审议：能解决的办结，解决不了的上报党代表。',
  representative: '党代表呼吁：向能解决的部门反映，并把结果告诉居民。',
};

const NOT_HOLDER_TEXT = '民情由社区工作人员、网格党支部负责人、街道管理员和党代表办理，您暂无需要办理的民情。';

/** How long it has waited: 今天, 3 天. */
function waited(createdAt: string, now: Date): string {
  const days = Math.floor((now.getTime() - new Date(createdAt).getTime()) / DAY_MS);
  return days < 1 ? '今天反映' : `已等 ${days} 天`;
}

const nonEmpty = <T,>(list: T[]): T[] | null => (list.length > 0 ? list : null);

/** A count with `+` while more of the queue is still to load. */
const counted = (n: number, more: boolean) => (more ? `${n}+` : String(n));

function QueueItem({ opinion, now }: { opinion: Opinion; now: Date }) {
  const due = opinion.dueAt ? describeDeadline(opinion.dueAt, now) : null;
  return (
    <OpinionCard opinion={opinion} onOpen={() => Taro.navigateTo({ url: opinionDetailUrl(opinion.id) })}>
      <View className='wish-card__extra'>
        {due && (
          <WishRow
            label='答复期限'
            value={opinion.overdue ? `${due.text}，已超期` : due.text}
            urgent={opinion.overdue || due.urgent}
          />
        )}
        <WishRow label='附议' value={`${opinion.seconds} 人 · ${waited(opinion.createdAt, now)}`} />
        {opinion.reopened && <Text className='wish-detail__notice'>反映人不满意，已退回重新办理</Text>}
      </View>
    </OpinionCard>
  );
}

/**
 * The queue of the levels held: one page of the server's order (most seconded first, then the
 * oldest), split by level, a tab each.
 */
function Queue({ levels }: { levels: OpinionLevel[] }) {
  const [chosen, setChosen] = useState<OpinionLevel>(levels[0]!);
  const list = usePagedList((cursor) => listOpinions({ queue: true, limit: QUEUE_COUNT_LIMIT, cursor }), []);
  const level = levels.includes(chosen) ? chosen : levels[0]!;
  const more = list.next !== 'end';
  const open = list.items.filter((opinion) => opinion.status === 'open');
  const at = (l: OpinionLevel) => open.filter((opinion) => opinion.level === l);
  const shown = at(level);
  const overdue = shown.filter((opinion) => opinion.overdue).length;
  const levelList: PagedList<Opinion, unknown> = { ...list, items: shown };
  // The 民情 tab counts what waits here, as 工作台 does.
  const waiting = list.first.kind === 'ready' ? open.length : null;
  useEffect(() => {
    if (waiting !== null) setTabBadge('opinions', { count: waiting, more });
  }, [waiting, more]);
  const now = new Date();

  return (
    <>
      {levels.length > 1 && (
        <Tabs
          label='办理层级'
          tabs={levels.map((l) => ({ key: l, label: `${OPINION_LEVEL_LABELS[l]}${list.first.kind === 'ready' ? `（${counted(at(l).length, more)}）` : ''}` }))}
          current={level}
          onChoose={setChosen}
        />
      )}
      <View className='wish-filters'>
        <View className='wish-list-head opinion-queue__head'>
          <Text className='wish-list-head__title'>{`${OPINION_LEVEL_LABELS[level]} · ${OPINION_LEVEL_HOLDER_LABELS[level]}`}</Text>
          {list.first.kind === 'ready' && (
            <Text className='opinion-queue__count'>
              {`待办 ${counted(shown.length, more)} 条`}
              {overdue > 0 && <Text className='opinion-queue__overdue'>{`，超期 ${overdue} 条`}</Text>}
            </Text>
          )}
        </View>
        <Text className='card__hint opinion-board__hint'>{LEVEL_HINTS[level]}</Text>
      </View>
      <PagedBody
        list={levelList}
        empty={
          <Empty
            text={`没有待${OPINION_LEVEL_LABELS[level]}的民情。有新的民情或上报时，您会在「消息」里收到提醒，下拉可刷新。`}
            action={
              more && list.next !== 'loading' ? (
                <ActionButton variant='plain' small onClick={list.loadMore}>
                  加载更多
                </ActionButton>
              ) : undefined
            }
          />
        }
        renderItem={(opinion) => <QueueItem key={opinion.id} opinion={opinion} now={now} />}
      />
    </>
  );
}

/**
 * 民情办理: the open opinions at every level the user holds (community staff 建议 and 商议, a grid
 * branch's leader 建议, street admins 审议, party representatives 呼吁), overdue ones marked.
 */
export default function OpinionQueuePage() {
  const { state, reload } = useMe();
  const levels: Remote<OpinionLevel[] | null> =
    state.kind === 'ready' ? { kind: 'ready', value: nonEmpty(levelsHeld(state.value)) } : state;
  return (
    <Page className='wish-page'>
      <Loaded state={levels} onRetry={reload} missing={<Empty text={NOT_HOLDER_TEXT} />}>
        {(held) => <Queue levels={held} />}
      </Loaded>
    </Page>
  );
}
