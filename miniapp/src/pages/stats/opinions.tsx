import { Text, View } from '@tarojs/components';
import {
  OPINION_LEVEL_LABELS,
  OPINION_LEVELS,
  type OpinionFigures,
  type OpinionStats,
  percent,
} from '@huijia/shared';
import { Empty } from '../../components/LoadState';
import { type TableColumn } from '../../components/SortableTable';
import { opinionStats } from '../../services/opinions';
import { FiguresSection, type FiguresSectionProps } from './FiguresSection';
import { CellsTile, count, Tile } from './tiles';
import '../../components/wish/wish.css';

type Row = OpinionStats['children'][number];

/** 满意率 over the rated; none rated is no rate at all (unrated never count as satisfied). */
const satisfaction = (f: OpinionFigures) => (f.rated > 0 ? percent(f.satisfactionRate) : '暂无');

const COLUMNS: TableColumn<Row>[] = [
  { key: 'name', title: '名称', cell: (row) => row.name, sortBy: (row) => row.name, firstOrder: 'asc', width: 190 },
  { key: 'raised', title: '反映', cell: (row) => count(row.figures.raised), sortBy: (row) => row.figures.raised, width: 110 },
  {
    key: 'resolutionRate',
    title: '办结率',
    cell: (row) => percent(row.figures.resolutionRate),
    sortBy: (row) => row.figures.resolutionRate,
    width: 130,
  },
  {
    key: 'satisfactionRate',
    title: '满意率',
    cell: (row) => satisfaction(row.figures),
    // The unrated sort below every rate.
    sortBy: (row) => (row.figures.rated > 0 ? row.figures.satisfactionRate : -1),
    width: 130,
  },
  { key: 'overdue', title: '超期', cell: (row) => count(row.figures.overdue), sortBy: (row) => row.figures.overdue, width: 110 },
  { key: 'collected', title: '收集', cell: (row) => count(row.figures.collected), sortBy: (row) => row.figures.collected, width: 110 },
];

/** The figures as tiles: 反映, 办结率, 满意率, where resolved, days, overdue. */
function OpinionTiles({ figures: f }: { figures: OpinionFigures }) {
  return (
    <View className='stats-tiles'>
      <Tile title='反映民情' value={`${count(f.raised)} 件`} lines={[`其中工作人员收集 ${count(f.collected)} 件`]} />
      <Tile
        title='办结率'
        value={percent(f.resolutionRate)}
        lines={[`办结 ${count(f.resolved)} / 反映 ${count(f.raised)} 件`, `关闭 ${count(f.closed)} 件`]}
      />
      <Tile
        title='满意率'
        value={satisfaction(f)}
        lines={[`满意和基本满意 ${count(f.satisfied)} / 已评价 ${count(f.rated)} 件`, '未评价的不计入']}
      />
      <Tile
        title='办结用时'
        value={f.medianDaysToResolve === null ? '暂无' : `${Math.round(f.medianDaysToResolve * 10) / 10} 天`}
        lines={['从反映到办结，取中位数']}
      />
      <CellsTile
        title='办结层级（四议一呼）'
        cells={OPINION_LEVELS.map((level) => ({ label: OPINION_LEVEL_LABELS[level], value: count(f.resolvedAtLevel[level]) }))}
      />
      <Tile title='超期' value={`${count(f.overdue)} 件`} lines={['办理中、已超过本级答复期限']} wide />
    </View>
  );
}

/** 社情民意搜集本: who logged how many in the period, most first. */
function Collectors({ collectors }: { collectors: OpinionStats['collectors'] }) {
  return (
    <View className='stats-collectors'>
      <Text className='stats-collectors__title'>社情民意搜集本（按收集人）</Text>
      {collectors.length === 0 ? (
        <Empty inline text='这段时间没有工作人员记录收集的民情。' />
      ) : (
        collectors.map((worker) => (
          <View key={worker.id} className='wish-row'>
            <Text className='wish-row__label'>{worker.name}</Text>
            <Text className='wish-row__value'>{`${count(worker.collected)} 件`}</Text>
          </View>
        ))
      )}
    </View>
  );
}

type OpinionFiguresCardProps = Pick<FiguresSectionProps<OpinionStats>, 'orgId' | 'period' | 'onOpen'>;

/** 民情 (四议一呼) of a node and period, beside the other figures of 统计. */
export function OpinionFiguresCard(props: OpinionFiguresCardProps) {
  return (
    <FiguresSection
      {...props}
      topic='民情'
      title='民情（四议一呼）'
      hint='统计期间内反映的民情：办结、满意、超期和各级办结情况'
      className='stats-opinions'
      load={opinionStats}
      tiles={(figures) => <OpinionTiles figures={figures} />}
      columns={COLUMNS}
      after={(answer) => <Collectors collectors={answer.collectors} />}
    />
  );
}
