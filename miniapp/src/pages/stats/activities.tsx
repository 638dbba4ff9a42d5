import { View } from '@tarojs/components';
import {
  ACTIVITY_KIND_LABELS,
  ACTIVITY_KINDS,
  type ActivityFigures,
  type ActivityStats,
  percent,
} from '@huijia/shared';
import { type TableColumn } from '../../components/SortableTable';
import { activityStats } from '../../services/activities';
import { FiguresSection, type FiguresSectionProps } from './FiguresSection';
import { CellsTile, count, Tile } from './tiles';

type Row = ActivityStats['children'][number];

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

type ActivityFiguresCardProps = Pick<FiguresSectionProps<ActivityStats>, 'orgId' | 'period' | 'onOpen'>;

/** 活动 (集体活动、组团服务、定点服务) of a node and period, beside the other figures of 统计. */
export function ActivityFiguresCard(props: ActivityFiguresCardProps) {
  return (
    <FiguresSection
      {...props}
      topic='活动'
      title='活动（集体活动）'
      hint='统计期间内结束的活动：举办场次、报名、进社区人次、未到率和确认的服务时长'
      className='stats-activities'
      load={activityStats}
      tiles={(figures) => <ActivityTiles figures={figures} />}
      columns={COLUMNS}
    />
  );
}
