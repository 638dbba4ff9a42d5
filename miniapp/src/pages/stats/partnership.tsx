import { Text, View } from '@tarojs/components';
import {
  PARTNERSHIP_FIGURES,
  PROJECT_CATEGORIES,
  PROJECT_CATEGORY_LABELS,
  PROJECT_LEAD_KIND_LABELS,
  PROJECT_LEAD_KINDS,
  type PartnershipFigures,
  type PartnershipStats,
  type PartnershipUnit,
} from '@huijia/shared';
import { Empty } from '../../components/LoadState';
import { SortableTable, type TableColumn } from '../../components/SortableTable';
import { partnershipStats } from '../../services/partnership';
import { FiguresSection, type FiguresSectionProps } from './FiguresSection';
import { CellsTile, count, Tile } from './tiles';

type Row = PartnershipStats['children'][number];

/** The figures that are one count each. */
type Counted = Exclude<keyof PartnershipFigures, 'byCategory' | 'byLeadKind'>;

const figureColumn = (key: Counted, title: string, width: number): TableColumn<Row> => ({
  key,
  title,
  cell: (row) => count(row.figures[key]),
  sortBy: (row) => row.figures[key],
  width,
});

const COLUMNS: TableColumn<Row>[] = [
  { key: 'name', title: '名称', cell: (row) => row.name, sortBy: (row) => row.name, firstOrder: 'asc', width: 190 },
  figureColumn('agreementsActive', '生效协议', 140),
  figureColumn('agreementsSigned', '新签协议', 140),
  figureColumn('projectsPublished', '发布项目', 140),
  figureColumn('projectsStarted', '认领项目', 140),
  figureColumn('projectsCompleted', '完成项目', 140),
  figureColumn('projectsOverdueNow', '超期', 110),
];

const UNIT_COLUMNS: TableColumn<PartnershipUnit>[] = [
  { key: 'name', title: '共建单位', cell: (row) => row.name, sortBy: (row) => row.name, firstOrder: 'asc', width: 220 },
  { key: 'agreementsActive', title: '生效协议', cell: (row) => count(row.agreementsActive), sortBy: (row) => row.agreementsActive, width: 140 },
  { key: 'projectsStarted', title: '认领项目', cell: (row) => count(row.projectsStarted), sortBy: (row) => row.projectsStarted, width: 140 },
  { key: 'projectsCompleted', title: '完成项目', cell: (row) => count(row.projectsCompleted), sortBy: (row) => row.projectsCompleted, width: 140 },
];

/** "认领 3 / 完成 2" in a cell of its own. */
const startedCompleted = (x: { started: number; completed: number }) => `${count(x.started)} / ${count(x.completed)}`;

/** The figures as tiles: agreements, projects, by category and by kind of lead, overdue. */
function PartnershipTiles({ figures: f }: { figures: PartnershipFigures }) {
  return (
    <View className='stats-tiles'>
      <Tile title='生效协议' value={`${count(f.agreementsActive)} 份`} lines={[PARTNERSHIP_FIGURES.agreementsActive]} />
      <Tile title='新签协议' value={`${count(f.agreementsSigned)} 份`} lines={[PARTNERSHIP_FIGURES.agreementsSigned]} />
      <CellsTile
        title='共建项目'
        cells={[
          { label: '发布', value: count(f.projectsPublished) },
          { label: '认领', value: count(f.projectsStarted) },
          { label: '完成', value: count(f.projectsCompleted) },
        ]}
      />
      <CellsTile
        title='按类别（发布 / 认领 / 完成）'
        cells={PROJECT_CATEGORIES.map((c) => ({
          label: PROJECT_CATEGORY_LABELS[c],
          value: `${count(f.byCategory[c].published)} / ${startedCompleted(f.byCategory[c])}`,
        }))}
      />
      <CellsTile
        title='按牵头方（认领 / 完成）'
        cells={PROJECT_LEAD_KINDS.map((k) => ({ label: PROJECT_LEAD_KIND_LABELS[k], value: startedCompleted(f.byLeadKind[k]) }))}
      />
      <Tile title='超期项目' value={`${count(f.projectsOverdueNow)} 个`} lines={[PARTNERSHIP_FIGURES.projectsOverdueNow]} wide />
    </View>
  );
}

/** Each unit's part: its agreements in force and the projects it leads. */
function Units({ answer }: { answer: PartnershipStats }) {
  return (
    <View className='stats-collectors stats-partnership__units'>
      <Text className='stats-collectors__title'>各共建单位</Text>
      {answer.units.length === 0 ? (
        <Empty inline text='这段时间没有共建单位的协议或项目。' />
      ) : (
        <SortableTable label={`${answer.subject.name}共建单位统计`} columns={UNIT_COLUMNS} rows={answer.units} rowKey={(row) => row.id} />
      )}
    </View>
  );
}

type PartnershipFiguresCardProps = Pick<FiguresSectionProps<PartnershipStats>, 'orgId' | 'period' | 'onOpen'>;

/** 结对共建 (共建协议、项目认领) of a node and period, beside the other figures of 统计. */
export function PartnershipFiguresCard(props: PartnershipFiguresCardProps) {
  return (
    <FiguresSection
      {...props}
      topic='共建'
      title='结对共建'
      hint={`统计期间内有效和签订的共建协议，发布、认领、完成的共建项目；${PARTNERSHIP_FIGURES.byLeadKind}`}
      className='stats-partnership'
      load={partnershipStats}
      tiles={(figures) => <PartnershipTiles figures={figures} />}
      columns={COLUMNS}
      after={(answer) => <Units answer={answer} />}
    />
  );
}
