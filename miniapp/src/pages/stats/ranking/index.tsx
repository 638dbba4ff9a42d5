import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import {
  lastMonths,
  MAX_PERIOD_MONTHS,
  percent,
  RANKING_SUBJECT_LABELS,
  RANKING_SUBJECTS,
  type Ranking,
  type RankingRow,
  type RankingSubjects,
} from '@huijia/shared';
import { ActionButton } from '../../../components/ActionButton';
import { Empty, Failed } from '../../../components/LoadState';
import { MonthRangePicker, monthRangeText, type MonthRange } from '../../../components/MonthRangePicker';
import { Page } from '../../../components/Page';
import { decodeParam } from '../../../components/reporting/navigation';
import { ScopeSwitch } from '../../../components/ScopeSwitch';
import { Skeleton } from '../../../components/Skeleton';
import { SortableTable, type TableColumn, type TableSort } from '../../../components/SortableTable';
import { Chips } from '../../../components/wish/Chips';
import { useAction } from '../../../hooks/useAction';
import { useMe } from '../../../hooks/useMe';
import { useRemote } from '../../../hooks/useRemote';
import { downloadRanking, ranking } from '../../../services/ranking';
import { rankingUrl } from '../../../subpackages/stats';
import { dateTimeText, periodParam, rankScopesOf, rankTargetOf } from './common';
import './index.css';

const NO_PERMISSION_TEXT = '只有街道和区管理员可以查看通报排名。';

const SUBJECT_OPTIONS = RANKING_SUBJECTS.map((value) => ({ value, label: RANKING_SUBJECT_LABELS[value] }));

const figure = (key: keyof RankingRow & string, title: string, cell: (r: RankingRow) => string, sortBy: (r: RankingRow) => number, width: number): TableColumn<RankingRow> => ({
  key,
  title,
  cell,
  sortBy,
  width,
});

/** The ranking's columns; the first (rank and name) stays in view while the others scroll. */
const columnsOf = (of: RankingSubjects): TableColumn<RankingRow>[] => [
  { key: 'rank', title: `排名 · ${RANKING_SUBJECT_LABELS[of]}`, cell: (r) => `${r.rank}. ${r.name}`, sortBy: (r) => r.rank, firstOrder: 'asc', width: 300 },
  { key: 'parentName', title: '所属', cell: (r) => r.parentName, sortBy: (r) => r.parentName, firstOrder: 'asc', width: 180 },
  figure('reportingRate', '报到率', (r) => percent(r.reportingRate), (r) => r.reportingRate, 130),
  figure('reported', '已报到/应报到', (r) => `${r.reported}/${r.expected}`, (r) => r.reported, 200),
  figure('serviceRate', '服务率', (r) => percent(r.serviceRate), (r) => r.serviceRate, 130),
  figure('served', '已服务', (r) => String(r.served), (r) => r.served, 120),
  figure('completionRate', '完成率', (r) => percent(r.completionRate), (r) => r.completionRate, 130),
  figure('wishesCompleted', '已完成/心愿数', (r) => `${r.wishesCompleted}/${r.wishesCollected}`, (r) => r.wishesCompleted, 200),
];

function emptyText(of: RankingSubjects, name: string): string {
  return of === 'units' ? `「${name}」及其下级还没有登记的单位。` : `「${name}」下还没有社区。`;
}

function Ranked({ data, sort, onSortChange }: { data: Ranking; sort: TableSort; onSortChange: (sort: TableSort) => void }) {
  const label = RANKING_SUBJECT_LABELS[data.of];
  if (data.rows.length === 0) return <Empty inline text={emptyText(data.of, data.subject.name)} />;
  return (
    <>
      <Text className='ranking-hint'>{`共 ${data.rows.length} 个${label}，按报到率、服务率、心愿完成率依次排名，比率相同的名次并列。表格较宽，可左右滑动查看各列 ›`}</Text>
      <SortableTable
        label={`${data.subject.name}${label}排名`}
        columns={columnsOf(data.of)}
        rows={data.rows}
        rowKey={(row) => row.id}
        sort={sort}
        onSortChange={onSortChange}
      />
      {data.of === 'units' && <Text className='ranking-note'>单位的心愿数为其党员在期间内认领的心愿，已完成为其中期间内完成的。</Text>}
    </>
  );
}

/**
 * 通报排名 (street and district admins): the units registered below their node, or its
 * communities, ranked by reporting, service and completion rate over a period (this month unless
 * chosen), as a table that scrolls sideways on a phone; the same as an Excel file; and the
 * printable 通报.
 */
export default function RankingPage() {
  const params = useRouter().params;
  const asked = { id: decodeParam(params.orgId), name: decodeParam(params.name) };
  const { state: me, reload } = useMe();
  const [chosen, setChosen] = useState<string | null>(null);
  const [of, setOf] = useState<RankingSubjects>('units');
  const [sort, setSort] = useState<TableSort>(null);
  const [period, setPeriod] = useState<MonthRange>(
    () => periodParam(decodeParam(params.from), decodeParam(params.to)) ?? lastMonths(new Date(), 1),
  );
  const { busy, run } = useAction();

  const scopes = me.kind === 'ready' ? rankScopesOf(me.value) : [];
  const target = rankTargetOf(scopes, asked, chosen);
  const query = target ? { orgId: target.id, of, from: period.from, to: period.to } : null;
  const data = useRemote(query ? () => ranking(query) : null, [query?.orgId, of, period.from, period.to]);

  if (me.kind === 'loading') {
    return (
      <Page className='ranking-page'>
        <Skeleton lines={6} />
      </Page>
    );
  }
  if (me.kind === 'failed') {
    return (
      <Page className='ranking-page'>
        <Failed message={me.message} onRetry={reload} />
      </Page>
    );
  }
  if (!target || !query) {
    return (
      <Page className='ranking-page'>
        <Empty text={NO_PERMISSION_TEXT} />
      </Page>
    );
  }

  const loaded = data.state.kind === 'ready' ? data.state.value : null;
  const name = loaded?.subject.name ?? target.name ?? '通报排名';

  const download = () =>
    void run('xlsx', () => downloadRanking(query, name), { done: process.env.TARO_ENV === 'h5' ? '已下载' : undefined, failed: '下载失败，请稍后重试' });
  const openBulletin = () =>
    Taro.navigateTo({ url: rankingUrl('bulletin', { orgId: target.id, name, from: period.from, to: period.to }) });

  const renderBody = () => {
    if (data.state.kind === 'loading') return <Skeleton inline lines={6} />;
    if (data.state.kind === 'failed') return <Failed inline message={data.state.message} onRetry={data.retry} />;
    return <Ranked data={data.state.value} sort={sort} onSortChange={setSort} />;
  };

  return (
    <Page className='ranking-page'>
      <View className='hero'>
        <Text className='hero__title'>{name}</Text>
        <Text className='hero__intro'>{`通报排名 · ${monthRangeText(period)}`}</Text>
        {loaded && <Text className='ranking-asof'>{`报到数据更新于 ${dateTimeText(loaded.reportingAsOf)}`}</Text>}
      </View>

      {target.own && (
        <ScopeSwitch
          choice={{
            scopes: scopes.map((scope) => ({ id: scope.key, name: scope.name })),
            current: { id: target.own.key, name: target.own.name },
            choose: setChosen,
          }}
        />
      )}

      <View className='card ranking-card'>
        <Text className='card__title'>统计期间</Text>
        <MonthRangePicker value={period} onChange={setPeriod} maxMonths={MAX_PERIOD_MONTHS} disabled={data.state.kind === 'loading'} />
      </View>

      <View className='card ranking-card'>
        <Text className='card__title'>排名</Text>
        <Chips label='排名对象' options={SUBJECT_OPTIONS} value={of} onChange={setOf} />
        <View className='ranking-table'>{renderBody()}</View>
        <View className='ranking-actions'>
          <ActionButton small variant='plain' className='ranking-actions__button' busy={busy === 'xlsx'} disabled={!loaded} onClick={download}>
            下载 Excel
          </ActionButton>
          <ActionButton small variant='plain' className='ranking-actions__button' onClick={openBulletin}>
            {process.env.TARO_ENV === 'h5' ? '打印通报' : '查看通报'}
          </ActionButton>
        </View>
      </View>
    </Page>
  );
}
