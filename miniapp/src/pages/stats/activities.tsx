import { Text, View } from '@tarojs/components';
import {
  ACTIVITY_KIND_LABELS,
  ACTIVITY_KINDS,
  type ActivityFigures,
  type ActivityStats,
  percent,
} from '@huijia/shared';
import { Failed } from '../../components/LoadState';
import type { MonthRange } from '../../components/MonthRangePicker';
import { Skeleton } from '../../components/Skeleton';
import { SortableTable, type TableColumn } from '../../components/SortableTable';
import { useRemote } from '../../hooks/useRemote';
import { activityStats } from '../../services/activities';
import { CellsTile, count, Tile } from './tiles';

type Row = ActivityStats['children'][number];

/** Children of these kinds have figures of their own to open. */
const OPENABLE: readonly string[] = ['city', 'district', 'street', 'community'];

const hours = (h: number) => `${count(Math.round(h * 10) / 10)} 小时`;
/** 未到率 over the places taken; none taken is no rate at all. */
const noShows = (f: ActivityFigures) => (f.signups > 0 ? percent(f.noShowRate) : '暂无');

const COLUMNS: TableColumn<Row>[] = [
  { key: 'name', title: '名称', cell: (row) => row.name, sortBy: (row) => row.name, firstOrder: 'asc', width: 190 },
  { key: 'held', title: '举办', cell: (row) => count(row.figures.held), sortBy: (row) => row.figures.held, width: 110 },
  { key: 'signups', title: '报名', cell: (row) => count(row.figures.signups), sortBy: (row) => row.figures.signups, width: 110 },
  { key: 'attendances', title: '进社区人次', cell: (row) => count(row.figures.attendances), sortBy: (row) => row.figures.attendances, width: 170 },
  {
    key: 'noShowRate',
    title: '未到率',
    cell: (row) => noShows(row.figures),
    // Without sign-ups there is no rate: below every rate.
    sortBy: (row) => (row.figures.signups > 0 ? row.figures.noShowRate : -1),
    width: 130,
  },
  { key: 'hours', title: '时长', cell: (row) => hours(row.figures.hours), sortBy: (row) => row.figures.hours, width: 150 },
];

/** The figures as tiles: held by kind, sign-ups, 进社区人次, no-shows, hours. */
function ActivityTiles({ figures: f }: { figures: ActivityFigures }) {
  return (
    <View className='stats-tiles'>
      <CellsTile
        title={`举办活动 ${count(f.held)} 场`}
        cells={ACTIVITY_KINDS.map((kind) => ({ label: ACTIVITY_KIND_LABELS[kind], value: count(f.heldByKind[kind]) }))}
      />
      <Tile title='报名' value={`${count(f.signups)} 人次`} lines={['已结束活动的报名名额']} />
      <Tile title='进社区人次' value={`${count(f.attendances)} 人次`} lines={['签到且未被剔除']} />
      <Tile title='未到率' value={noShows(f)} lines={['报名后未签到的占比']} />
      <Tile title='活动服务时长' value={hours(f.hours)} lines={['组织者确认的签到时长']} />
    </View>
  );
}

interface ActivityFiguresCardProps {
  orgId: string;
  period: MonthRange;
  /** A child row opens that node's own figures. */
  onOpen: (row: Row) => void;
}

/** 活动 (集体活动、组团服务、定点服务) of a node and period, beside the other figures of 统计. */
export function ActivityFiguresCard({ orgId, period, onOpen }: ActivityFiguresCardProps) {
  const data = useRemote(() => activityStats({ orgId, from: period.from, to: period.to }), [orgId, period.from, period.to]);

  const body = () => {
    if (data.state.kind === 'loading') return <Skeleton inline lines={4} />;
    if (data.state.kind === 'failed') return <Failed inline message={data.state.message} onRetry={data.retry} />;
    const { figures, children, subject } = data.state.value;
    return (
      <>
        <ActivityTiles figures={figures} />
        {children.length > 0 && (
          <SortableTable
            label={`${subject.name}下级活动统计`}
            columns={COLUMNS}
            rows={children}
            rowKey={(row) => row.id}
            openerOf={(row) => (OPENABLE.includes(row.kind) ? { label: `查看${row.name}的活动统计`, open: () => onOpen(row) } : null)}
          />
        )}
      </>
    );
  };

  return (
    <View className='card stats-card stats-activities'>
      <Text className='card__title'>活动（集体活动）</Text>
      <Text className='card__hint'>统计期间内结束的活动：举办场次、报名、进社区人次、未到率和确认的服务时长</Text>
      {body()}
    </View>
  );
}
