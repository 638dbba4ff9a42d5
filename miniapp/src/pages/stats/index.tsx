import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import {
  childKindOf,
  DEFAULT_PERIOD_MONTHS,
  EXPORT_LIST_LABELS,
  EXPORT_LISTS,
  lastMonths,
  MAX_PERIOD_MONTHS,
  mayTake,
  monthSchema,
  ORG_KIND_LABELS,
  percent,
  PERIOD_EXPORT_LISTS,
  RANKING_NODE_KINDS,
  type ExportList,
  type Figures,
  type StatsOverview,
  type StatsRow,
  type StatsSubject,
  UNIT_EXPORT_LISTS,
} from '@huijia/shared';
import { ActionButton } from '../../components/ActionButton';
import { Chart } from '../../components/Chart';
import { Empty, Failed } from '../../components/LoadState';
import { MonthRangePicker, monthRangeText, type MonthRange } from '../../components/MonthRangePicker';
import { decodeParam } from '../../components/reporting/navigation';
import { ScopeSwitch } from '../../components/ScopeSwitch';
import { Sheet } from '../../components/Sheet';
import { Skeleton } from '../../components/Skeleton';
import { SortableTable, type TableColumn, type TableSort } from '../../components/SortableTable';
import { useAction } from '../../hooks/useAction';
import { useMe } from '../../hooks/useMe';
import { useRemote } from '../../hooks/useRemote';
import { PARSE_CONTEXT } from '../../services/api';
import { downloadExport, overview } from '../../services/stats';
import { rankingUrl, statsUrl } from '../../subpackages/stats';
import { buttonAria } from '../../utils/a11y';
import { keyOf, queryOf, statsScopesOf, type StatsScope, type StatsTarget } from './scopes';
import { OpinionFiguresCard } from './opinions';
import { ActivityFiguresCard } from './activities';
import { PartnershipFiguresCard } from './partnership';
import { CellsTile, count, Tile } from './tiles';
import { Page } from '../../components/Page';
import './index.css';

const SUBJECT_KIND_LABELS: Record<StatsSubject['kind'], string> = {
  ...ORG_KIND_LABELS,
  unit: '单位',
  member: '党员',
};

const NO_PERMISSION_TEXT = '只有社区工作人员、街道和区管理员、单位党组织管理员可以查看统计。';

const hours = (h: number) => `${count(Math.round(h * 10) / 10)} 小时`;

/** "14:05" in the phone's time zone. */
function clock(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

/** "12月", with the year where it starts and at each January. */
function monthLabel(month: string, index: number): string {
  const m = Number(month.slice(5, 7));
  return index === 0 || m === 1 ? `${month.slice(0, 4)}年${m}月` : `${m}月`;
}

/** A period from the page's query, or null when it is missing or not a valid one. */
function periodParam(from: string | undefined, to: string | undefined): MonthRange | null {
  if (!from || !to) return null;
  const valid = (month: string) => monthSchema.safeParse(month, PARSE_CONTEXT).success;
  if (!valid(from) || !valid(to) || from > to) return null;
  return { from, to };
}

/** A node the page was opened on (`?orgId=` / `?unitId=`), or null for the user's own. */
function targetParam(params: Record<string, string | undefined>): StatsTarget | null {
  const orgId = decodeParam(params.orgId);
  if (orgId) return { kind: 'org', id: orgId };
  const unitId = decodeParam(params.unitId);
  return unitId ? { kind: 'unit', id: unitId } : null;
}

/** Children of these kinds have figures of their own to open; a unit's members do not. */
const OPENABLE: readonly StatsSubject['kind'][] = ['city', 'district', 'street', 'community'];

function childrenTitle(subject: StatsSubject): string {
  if (subject.kind === 'unit') return '名册党员';
  if (subject.kind === 'member') return '下级统计';
  const kind = childKindOf(subject.kind);
  return kind ? `各${ORG_KIND_LABELS[kind]}` : '下级统计';
}

function childrenEmptyText(subject: StatsSubject): string {
  if (subject.kind === 'unit') return '名册中还没有党员。导入党员名册后，这里按人列出报到和服务情况。';
  const kind = subject.kind === 'member' ? null : childKindOf(subject.kind);
  return `${subject.name}下暂无${kind ? ORG_KIND_LABELS[kind] : '下级'}。`;
}

const nameColumn = (title: string): TableColumn<StatsRow> => ({
  key: 'name',
  title,
  cell: (row) => row.name,
  sortBy: (row) => row.name,
  firstOrder: 'asc',
  width: 190,
});

const figureColumn = (
  key: string,
  title: string,
  value: (f: Figures) => number,
  cell: (f: Figures) => string,
  width = 140,
): TableColumn<StatsRow> => ({
  key,
  title,
  cell: (row) => cell(row.figures),
  sortBy: (row) => value(row.figures),
  width,
});

const NODE_COLUMNS: TableColumn<StatsRow>[] = [
  nameColumn('名称'),
  figureColumn('reportingRate', '报到率', (f) => f.reportingRate, (f) => percent(f.reportingRate), 130),
  figureColumn('reported', '已报到', (f) => f.reported, (f) => `${count(f.reported)}/${count(f.rosterMembers)}`, 150),
  figureColumn('serviceRate', '服务率', (f) => f.serviceRate, (f) => percent(f.serviceRate), 130),
  figureColumn('completionRate', '心愿完成率', (f) => f.completionRate, (f) => percent(f.completionRate), 170),
  figureColumn('verifiedHours', '服务时长', (f) => f.verifiedHours, (f) => hours(f.verifiedHours), 170),
  figureColumn('points', '积分', (f) => f.points, (f) => count(f.points), 120),
];

const MEMBER_COLUMNS: TableColumn<StatsRow>[] = [
  nameColumn('姓名'),
  figureColumn('reported', '报到', (f) => f.reported, (f) => (f.reported > 0 ? '已报到' : '未报到'), 130),
  figureColumn('served', '服务', (f) => f.served, (f) => (f.served > 0 ? '已服务' : '未服务'), 130),
  figureColumn('verifiedHours', '服务时长', (f) => f.verifiedHours, (f) => hours(f.verifiedHours), 170),
  figureColumn('points', '积分', (f) => f.points, (f) => count(f.points), 120),
];

/** The node's figures as tiles: 报到率, 服务率, 心愿, 岗位, 服务时长, 积分. */
/**
 * The figures as tiles. A unit's are its roster members' own: the wishes they claimed (so nothing
 * is "collected") and the seats they hold (not the posts of a place).
 */
function FigureTiles({ figures: f, unit }: { figures: Figures; unit: boolean }) {
  return (
    <View className='stats-tiles'>
      <Tile
        title='报到率'
        value={percent(f.reportingRate)}
        lines={[`已报到 ${count(f.reported)} / 应报到 ${count(f.rosterMembers)} 人`, `应报到中未注册 ${count(f.expectedWithoutAccount)} 人`]}
      />
      <Tile title='服务率' value={percent(f.serviceRate)} lines={[`已服务 ${count(f.served)} / 已报到 ${count(f.reported)} 人`]} />
      <CellsTile
        title='微心愿'
        cells={[
          ...(unit ? [] : [{ label: '收集', value: count(f.wishesCollected) }]),
          { label: '认领', value: count(f.wishesClaimed) },
          { label: '完成', value: count(f.wishesCompleted) },
          { label: '完成率', value: percent(f.completionRate) },
          { label: '平均评分', value: f.averageRating === null ? '暂无' : f.averageRating.toFixed(1) },
        ]}
      />
      {unit ? (
        <Tile title='认岗' value={`${count(f.seatsFilled)} 人次`} lines={['名册党员正在岗的岗位']} />
      ) : (
        <Tile title='服务岗位' value={`${count(f.posts)} 个`} lines={[`已认岗 ${count(f.seatsFilled)} 人次`]} />
      )}
      <Tile title='服务时长' value={hours(f.verifiedHours)} lines={['已核实的服务']} />
      <Tile title='积分' value={count(f.points)} lines={['期间内获得']} wide />
    </View>
  );
}

/**
 * Units whose members are expected at no community (no report, no known home, the unit paired with
 * none): counted nowhere until that changes, so they are named here rather than dropped.
 */
function Unplaced({ units }: { units: StatsOverview['unplaced'] }) {
  const members = units.reduce((n, u) => n + u.members, 0);
  return (
    <View className='card stats-card stats-unplaced'>
      <Text className='stats-unplaced__text'>{`以下单位未结对社区，其 ${count(members)} 名党员暂未计入任何社区：`}</Text>
      {units.map((u) => (
        <Text key={u.unitId} className='stats-unplaced__unit'>{`${u.unitName}（${count(u.members)} 人）`}</Text>
      ))}
    </View>
  );
}

interface FiguredProps {
  data: StatsOverview;
  onOpen: (row: StatsRow) => void;
  /** The table's order, kept by the page so that it outlives a change of period. */
  sort: TableSort;
  onSortChange: (sort: TableSort) => void;
}

function Figured({ data, onOpen, sort, onSortChange }: FiguredProps) {
  const { subject, children, trend } = data;
  const members = subject.kind === 'unit';
  const title = childrenTitle(subject);
  const anyHours = trend.some((point) => point.verifiedHours > 0);
  return (
    <>
      <View className='card stats-card'>
        <Text className='card__title'>总体情况</Text>
        <FigureTiles figures={data.figures} unit={members} />
      </View>

      {data.unplaced.length > 0 && <Unplaced units={data.unplaced} />}

      {/* A community is the last level of the tree: it has no children to list. */}
      {subject.kind !== 'community' && (
        <View className='card stats-card stats-children'>
          <Text className='card__title'>{title}</Text>
          {children.length === 0 ? (
            <Empty inline text={childrenEmptyText(subject)} />
          ) : (
            <SortableTable
              label={`${subject.name}${title}统计`}
              columns={members ? MEMBER_COLUMNS : NODE_COLUMNS}
              rows={children}
              rowKey={(row) => row.id}
              sort={sort}
              onSortChange={onSortChange}
              openerOf={(row) =>
                OPENABLE.includes(row.kind) ? { label: `查看${row.name}的统计`, open: () => onOpen(row) } : null
              }
            />
          )}
        </View>
      )}

      {!members && children.length > 0 && (
        <View className='card stats-card'>
          <Text className='card__title'>{`${title}报到率与服务率`}</Text>
          <Chart
            label={`${title}报到率与服务率`}
            layout='bars'
            categories={children.map((row) => row.name)}
            series={[
              { name: '报到率', values: children.map((row) => row.figures.reportingRate) },
              { name: '服务率', values: children.map((row) => row.figures.serviceRate) },
            ]}
            format={percent}
            max={1}
          />
        </View>
      )}

      <View className='card stats-card'>
        <Text className='card__title'>服务时长趋势</Text>
        <Text className='card__hint'>每月已核实的服务时长</Text>
        {anyHours ? (
          <Chart
            label='每月已核实的服务时长'
            layout='trend'
            categories={trend.map((point, i) => monthLabel(point.month, i))}
            series={[{ name: '服务时长', values: trend.map((point) => point.verifiedHours) }]}
            format={hours}
          />
        ) : (
          <Empty inline text='这段时间还没有已核实的服务时长。' />
        )}
      </View>
    </>
  );
}

/** 导出台账: a button per ledger, each export asked about first in a sheet. */
function Exports({ target, name, community, period }: { target: StatsTarget; name: string; community: boolean; period: MonthRange }) {
  const { busy, run } = useAction<ExportList>();
  const [asking, setAsking] = useState<ExportList | null>(null);
  // A unit's ledgers are its members'; a community is the last level of the tree.
  const reach = target.kind === 'unit' || community ? `「${name}」` : `「${name}」及其下各级`;

  // A period ledger (民情台账, 活动台账, 共建台账) is of what happened in the period above; the others are whole.
  const ofPeriod = (list: ExportList) => (PERIOD_EXPORT_LISTS as readonly ExportList[]).includes(list);

  const start = async (list: ExportList) => {
    const saved = await run(list, () => downloadExport(list, queryOf(target), name, period), {
      done: '已导出',
      failed: '导出失败，请稍后重试',
    });
    if (saved !== undefined) setAsking(null);
  };

  return (
    <View className='card stats-card stats-exports'>
      <Text className='card__title'>导出台账</Text>
      <Text className='card__hint'>
        {`${reach}的全部台账（${target.kind === 'unit' ? '不限上方的统计期间' : '民情台账、活动台账、共建台账为上方统计期间内的民情、活动和结对共建，其余不限期间'}），${process.env.TARO_ENV === 'h5' ? 'Excel 表格（.xlsx），由浏览器保存到本机' : '在微信中打开后可转发或保存'}`}
      </Text>
      <View className='stats-exports__list'>
        {(target.kind === 'unit' ? UNIT_EXPORT_LISTS : EXPORT_LISTS).map((list) => (
          <ActionButton
            key={list}
            small
            variant='plain'
            className='stats-exports__button'
            busy={busy === list}
            disabled={busy !== null}
            onClick={() => setAsking(list)}
          >
            {`导出${EXPORT_LIST_LABELS[list]}`}
          </ActionButton>
        ))}
      </View>
      {asking && (
        <Sheet
          title='导出台账'
          submitLabel={busy ? '正在导出…' : '导出'}
          busy={busy !== null}
          onSubmit={() => void start(asking)}
          onClose={() => setAsking(null)}
        >
          <Text className='stats-export__ask'>
            {ofPeriod(asking)
              ? `将导出${reach}${monthRangeText(period)}的${EXPORT_LIST_LABELS[asking]}。`
              : `将导出${reach}的${EXPORT_LIST_LABELS[asking]}。`}
          </Text>
          <Text className='stats-export__note'>
            {process.env.TARO_ENV === 'h5'
              ? '文件为 Excel 表格（.xlsx），由浏览器保存到本机。台账含个人信息，请妥善保管。'
              : '文件为 Excel 表格（.xlsx），下载后在微信中打开。台账含个人信息，请妥善保管。'}
          </Text>
        </Sheet>
      )}
    </View>
  );
}

/**
 * 统计 (community staff, street and district admins, unit admins): the figures of the node or
 * unit they hold the role on, over a period; its children in a sortable table (a row opens the
 * child's own figures), a chart of their rates, the trend of verified hours, and the ledgers.
 */
export default function StatsPage() {
  const params = useRouter().params;
  const asked = targetParam(params);
  const askedName = decodeParam(params.name);
  const { state: me, reload } = useMe();
  const [chosen, setChosen] = useState<string | null>(null);
  const [sort, setSort] = useState<TableSort>(null);
  const [period, setPeriod] = useState<MonthRange>(
    () => periodParam(decodeParam(params.from), decodeParam(params.to)) ?? lastMonths(new Date(), DEFAULT_PERIOD_MONTHS),
  );

  const scopes: StatsScope[] = me.kind === 'ready' ? statsScopesOf(me.value) : [];
  // Opened on one of the user's own places, the page offers the others; on a child it shows that.
  const askedScope = asked ? scopes.find((scope) => scope.key === keyOf(asked)) : undefined;
  const own = asked && !askedScope ? null : (scopes.find((scope) => scope.key === chosen) ?? askedScope ?? scopes[0] ?? null);
  const target: StatsTarget | null = own ?? (scopes.length > 0 ? asked : null);

  const data = useRemote(
    target ? () => overview({ ...queryOf(target), from: period.from, to: period.to }) : null,
    [target?.kind, target?.id, period.from, period.to],
  );

  if (me.kind === 'loading') {
    return (
      <Page className='stats-page'>
        <Skeleton lines={4} />
        <Skeleton lines={6} />
      </Page>
    );
  }
  if (me.kind === 'failed') {
    return (
      <Page className='stats-page'>
        <Failed message={me.message} onRetry={reload} />
      </Page>
    );
  }
  if (!target) {
    return (
      <Page className='stats-page'>
        <Empty text={NO_PERMISSION_TEXT} />
      </Page>
    );
  }

  const loaded = data.state.kind === 'ready' ? data.state.value : null;
  const name = loaded?.subject.name ?? own?.name ?? askedName ?? '统计';
  const kind = loaded ? SUBJECT_KIND_LABELS[loaded.subject.kind] : own?.kind === 'unit' ? '单位' : '';

  const openChild = (row: Pick<StatsRow, 'id' | 'name'>) =>
    Taro.navigateTo({ url: statsUrl({ orgId: row.id, name: row.name, from: period.from, to: period.to }) });
  const goUp = () => {
    if (Taro.getCurrentPages().length > 1) Taro.navigateBack();
    else Taro.redirectTo({ url: statsUrl({ from: period.from, to: period.to }) });
  };

  const renderBody = () => {
    if (data.state.kind === 'loading') {
      return (
        <>
          <Skeleton lines={5} />
          <Skeleton lines={4} />
        </>
      );
    }
    if (data.state.kind === 'failed') return <Failed message={data.state.message} onRetry={data.retry} />;
    return <Figured data={data.state.value} onOpen={openChild} sort={sort} onSortChange={setSort} />;
  };

  return (
    <Page className='stats-page'>
      <View className='hero stats-hero'>
        {!own && (
          <Text className='stats-hero__up' onClick={goUp} {...buttonAria()}>
            ‹ 返回上级
          </Text>
        )}
        <Text className='hero__title stats-hero__name'>{name}</Text>
        <Text className='hero__intro'>{[kind, monthRangeText(period)].filter(Boolean).join(' · ')}</Text>
        {loaded && <Text className='stats-hero__asof'>{`报到数据更新于 ${clock(loaded.reportingAsOf)}`}</Text>}
      </View>

      {own && (
        <ScopeSwitch
          choice={{
            scopes: scopes.map((scope) => ({ id: scope.key, name: scope.name })),
            current: { id: own.key, name: own.name },
            choose: setChosen,
          }}
        />
      )}

      <View className='card stats-card'>
        <Text className='card__title'>统计期间</Text>
        <MonthRangePicker
          value={period}
          onChange={setPeriod}
          maxMonths={MAX_PERIOD_MONTHS}
          disabled={data.state.kind === 'loading'}
        />
      </View>

      {renderBody()}

      {/* 民情 (四议一呼): a node's, not a unit's (units raise none). */}
      {target.kind === 'org' && <OpinionFiguresCard orgId={target.id} period={period} onOpen={openChild} />}

      {/* 活动: a node's, as 民情 (the activity figures are by community, not by unit). */}
      {target.kind === 'org' && <ActivityFiguresCard orgId={target.id} period={period} onOpen={openChild} />}

      {/* 结对共建: a node's, as 民情 and 活动 (agreements and projects are of communities). */}
      {target.kind === 'org' && <PartnershipFiguresCard orgId={target.id} period={period} onOpen={openChild} />}

      {/* 通报: street and district admins rank the units and communities below a node. */}
      {loaded && RANKING_NODE_KINDS.some((kind) => kind === loaded.subject.kind) && mayTake(me.value.roles, 'stats.rank') && (
        <View className='card stats-card'>
          <Text className='card__title'>通报排名</Text>
          <Text className='card__hint'>各单位、各社区按报到率、服务率、心愿完成率排名，可下载 Excel、打印通报</Text>
          <ActionButton
            small
            variant='plain'
            onClick={() => Taro.navigateTo({ url: rankingUrl('ranking', { orgId: loaded.subject.id, name: loaded.subject.name }) })}
          >
            查看排名与通报
          </ActionButton>
        </View>
      )}

      <Exports target={target} name={name} community={loaded?.subject.kind === 'community'} period={period} />
    </Page>
  );
}
