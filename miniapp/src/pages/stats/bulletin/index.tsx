import { useRouter } from '@tarojs/taro';
import { ScrollView, Text, View } from '@tarojs/components';
import { useState } from 'react';
import {
  lastMonths,
  LOWEST_NAMED,
  lowestRanked,
  MAX_PERIOD_MONTHS,
  percent,
  periodText,
  RANKING_SUBJECT_LABELS,
  type Ranking,
  type RankingRow,
} from '@huijia/shared';
import { ActionButton } from '../../../components/ActionButton';
import { Empty, Failed } from '../../../components/LoadState';
import { MonthRangePicker, type MonthRange } from '../../../components/MonthRangePicker';
import { Page } from '../../../components/Page';
import { decodeParam } from '../../../components/reporting/navigation';
import { Skeleton } from '../../../components/Skeleton';
import { useMe } from '../../../hooks/useMe';
import { useRemote } from '../../../hooks/useRemote';
import { ranking } from '../../../services/ranking';
import { aria } from '../../../utils/a11y';
import { printPage } from '../../../utils/browser';
import { dateTimeText, periodParam, rankScopesOf, rankTargetOf } from '../ranking/common';
import './index.css';
// The A4 page and what is left out of print: the web build's only (see print.h5.ts).
import './print';

const NO_PERMISSION_TEXT = '只有街道和区管理员可以查看通报。';

/** The browser's print dialog: the web build only (WeChat shows the 通报 without the button). */
function print(): void {
  if (process.env.TARO_ENV === 'h5') printPage();
}

const COLUMNS: { title: string; cell: (r: RankingRow) => string; className?: string }[] = [
  { title: '排名', cell: (r) => String(r.rank), className: 'bulletin-cell--rank' },
  { title: '名称', cell: (r) => r.name, className: 'bulletin-cell--name' },
  { title: '所属', cell: (r) => r.parentName, className: 'bulletin-cell--parent' },
  { title: '应报到', cell: (r) => String(r.expected) },
  { title: '已报到', cell: (r) => String(r.reported) },
  { title: '报到率', cell: (r) => percent(r.reportingRate) },
  { title: '已服务', cell: (r) => String(r.served) },
  { title: '服务率', cell: (r) => percent(r.serviceRate) },
  { title: '心愿数', cell: (r) => String(r.wishesCollected) },
  { title: '已完成', cell: (r) => String(r.wishesCompleted) },
  { title: '完成率', cell: (r) => percent(r.completionRate) },
];

const cellClass = (column: (typeof COLUMNS)[number]) => `bulletin-cell${column.className ? ` ${column.className}` : ''}`;

/** A ranking as a printed table: every column at once, the header repeated by nothing but kept with its rows. */
function RankingTable({ data }: { data: Ranking }) {
  const label = RANKING_SUBJECT_LABELS[data.of];
  if (data.rows.length === 0) {
    return <Text className='bulletin-text'>{data.of === 'units' ? '辖区内还没有登记的单位。' : '辖区内还没有社区。'}</Text>;
  }
  return (
    <ScrollView className='bulletin-scroll' scrollX>
      <View className='bulletin-table' {...aria({ role: 'table', 'aria-label': `${data.subject.name}${label}排名` })}>
        <View className='bulletin-row bulletin-row--head' {...aria({ role: 'row' })}>
          {COLUMNS.map((column) => (
            <Text key={column.title} className={cellClass(column)} {...aria({ role: 'columnheader' })}>
              {column.title === '名称' ? label : column.title}
            </Text>
          ))}
        </View>
        {data.rows.map((row) => (
          <View key={row.id} className='bulletin-row' {...aria({ role: 'row' })}>
            {COLUMNS.map((column) => (
              <Text key={column.title} className={cellClass(column)} {...aria({ role: 'cell' })}>
                {column.cell(row)}
              </Text>
            ))}
          </View>
        ))}
      </View>
    </ScrollView>
  );
}

/** 排名后十位: the last ten of a ranking (and any sharing a rank with them), each with its rates. */
function Lowest({ data }: { data: Ranking }) {
  const label = RANKING_SUBJECT_LABELS[data.of];
  const lowest = lowestRanked(data.rows);
  if (lowest.length === 0) return null;
  let count = '';
  if (lowest.length === data.rows.length) count = `（共 ${data.rows.length} 个，全部列出）`;
  else if (lowest.length > LOWEST_NAMED) count = `（名次并列的一并列出，共 ${lowest.length} 个）`;
  return (
    <View className='bulletin-lowest'>
      <Text className='bulletin-text bulletin-lowest__title'>{`${label}${count}：`}</Text>
      {lowest.map((row) => (
        <Text key={row.id} className='bulletin-text bulletin-lowest__row'>
          {`第 ${row.rank} 名　${row.name}（${row.parentName}）　报到率 ${percent(row.reportingRate)}，服务率 ${percent(row.serviceRate)}，心愿完成率 ${percent(row.completionRate)}`}
        </Text>
      ))}
    </View>
  );
}

function Bulletin({ units, communities }: { units: Ranking; communities: Ranking }) {
  const { subject, period } = units;
  return (
    <View className='bulletin'>
      <Text className='bulletin-title'>{`${subject.name}在职党员双报到工作通报（${periodText(period)}）`}</Text>
      <Text className='bulletin-meta'>{`统计期间：${periodText(period)}　　报到数据截至：${dateTimeText(units.reportingAsOf)}`}</Text>
      <Text className='bulletin-text bulletin-lead'>
        {`现将${subject.name}各单位、各社区在职党员进社区报到、服务和微心愿完成情况通报如下。排名依次按报到率、服务率、心愿完成率从高到低，比率相同的名次并列。`}
      </Text>

      <Text className='bulletin-heading'>一、各单位排名</Text>
      <RankingTable data={units} />

      <Text className='bulletin-heading'>二、各社区排名</Text>
      <RankingTable data={communities} />

      <Text className='bulletin-heading'>{`三、排名后${LOWEST_NAMED}位`}</Text>
      {units.rows.length + communities.rows.length === 0 ? (
        <Text className='bulletin-text'>辖区内还没有可排名的单位和社区。</Text>
      ) : (
        <>
          <Lowest data={units} />
          <Lowest data={communities} />
          <Text className='bulletin-text'>请以上单位和社区对照排名查找原因，督促未报到党员尽快报到、积极参与服务。</Text>
        </>
      )}

      <Text className='bulletin-note'>
        说明：报到率 = 已报到 / 应报到。单位的应报到为其名册上的党员；社区的应报到为计入该社区的名册党员，每名党员只计入一处（已报到的计入报到社区，否则所住社区，否则单位结对的第一个社区）。服务率 = 期间内有已核实服务记录的党员 / 已报到。心愿完成率 = 已完成 / 心愿数。社区的心愿数为期间内收集的微心愿，单位的心愿数为其党员期间内认领的微心愿。
      </Text>
    </View>
  );
}

/**
 * 通报 (street and district admins), laid out for A4: the heading with the node's name and the
 * month, the units' and the communities' rankings, and the last ten of each named. The web build
 * prints it (打印); the print styles leave out everything but the 通报.
 */
export default function BulletinPage() {
  const params = useRouter().params;
  const asked = { id: decodeParam(params.orgId), name: decodeParam(params.name) };
  const { state: me, reload } = useMe();
  const [period, setPeriod] = useState<MonthRange>(
    () => periodParam(decodeParam(params.from), decodeParam(params.to)) ?? lastMonths(new Date(), 1),
  );

  const scopes = me.kind === 'ready' ? rankScopesOf(me.value) : [];
  const target = rankTargetOf(scopes, asked, null);
  const data = useRemote(
    target
      ? () => {
          const query = { orgId: target.id, from: period.from, to: period.to };
          return Promise.all([ranking({ ...query, of: 'units' }), ranking({ ...query, of: 'communities' })]);
        }
      : null,
    [target?.id, period.from, period.to],
  );

  if (me.kind === 'loading') {
    return (
      <Page className='bulletin-page'>
        <Skeleton lines={8} />
      </Page>
    );
  }
  if (me.kind === 'failed') {
    return (
      <Page className='bulletin-page'>
        <Failed message={me.message} onRetry={reload} />
      </Page>
    );
  }
  if (!target) {
    return (
      <Page className='bulletin-page'>
        <Empty text={NO_PERMISSION_TEXT} />
      </Page>
    );
  }

  const renderBody = () => {
    if (data.state.kind === 'loading') return <Skeleton lines={8} />;
    if (data.state.kind === 'failed') return <Failed message={data.state.message} onRetry={data.retry} />;
    const [units, communities] = data.state.value;
    return <Bulletin units={units} communities={communities} />;
  };

  return (
    <Page className='bulletin-page'>
      <View className='card bulletin-controls'>
        <Text className='card__title'>通报月份</Text>
        <MonthRangePicker value={period} onChange={setPeriod} maxMonths={MAX_PERIOD_MONTHS} disabled={data.state.kind === 'loading'} />
        <Text className='card__hint bulletin-controls__hint'>
          {process.env.TARO_ENV === 'h5' ? '按 A4 纸排版，打印时只印通报。在手机上，表格可左右滑动查看各列。' : '在电脑上用网页版打开本页，可按 A4 纸打印。表格可左右滑动查看各列。'}
        </Text>
        {process.env.TARO_ENV === 'h5' && (
          <ActionButton className='bulletin-controls__print' disabled={data.state.kind !== 'ready'} onClick={print}>
            打印
          </ActionButton>
        )}
      </View>
      {renderBody()}
    </Page>
  );
}
