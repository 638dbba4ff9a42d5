import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { Failed } from '../../components/LoadState';
import type { MonthRange } from '../../components/MonthRangePicker';
import { Skeleton } from '../../components/Skeleton';
import { SortableTable, type TableColumn } from '../../components/SortableTable';
import { useRemote } from '../../hooks/useRemote';

/** Children of these kinds have figures of their own to open. */
const OPENABLE: readonly string[] = ['city', 'district', 'street', 'community'];

/** The answer of a topic's figures route: the node's, and one row per child node. */
interface NodeFigures {
  subject: { name: string };
  figures: unknown;
  children: { id: string; name: string; kind: string }[];
}
type RowOf<S extends NodeFigures> = S['children'][number];

export interface FiguresSectionProps<S extends NodeFigures> {
  orgId: string;
  period: MonthRange;
  /** A child row opens that node's own figures. */
  onOpen: (row: RowOf<S>) => void;
  /** What the figures are of (民情, 活动): the table's name and its rows' buttons say it. */
  topic: string;
  title: string;
  hint: string;
  className: string;
  load: (query: { orgId: string; from: string; to: string }) => Promise<S>;
  tiles: (figures: S['figures']) => ReactNode;
  columns: TableColumn<RowOf<S>>[];
  /** Drawn under the table (民情: the 社情民意搜集本). */
  after?: (answer: S) => ReactNode;
}

/**
 * A topic's figures of a node and period (民情, 活动), beside the overview in 统计: the node's
 * tiles, its children in a sortable table whose rows open their own figures, and what the topic
 * adds below.
 */
export function FiguresSection<S extends NodeFigures>(props: FiguresSectionProps<S>) {
  const { orgId, period, onOpen, topic } = props;
  const data = useRemote(() => props.load({ orgId, from: period.from, to: period.to }), [orgId, period.from, period.to]);

  const body = () => {
    if (data.state.kind === 'loading') return <Skeleton inline lines={4} />;
    if (data.state.kind === 'failed') return <Failed inline message={data.state.message} onRetry={data.retry} />;
    const answer = data.state.value;
    return (
      <>
        {props.tiles(answer.figures)}
        {answer.children.length > 0 && (
          <SortableTable
            label={`${answer.subject.name}下级${topic}统计`}
            columns={props.columns}
            rows={answer.children}
            rowKey={(row) => row.id}
            openerOf={(row) => (OPENABLE.includes(row.kind) ? { label: `查看${row.name}的${topic}统计`, open: () => onOpen(row) } : null)}
          />
        )}
        {props.after?.(answer)}
      </>
    );
  };

  return (
    <View className={`card stats-card ${props.className}`}>
      <Text className='card__title'>{props.title}</Text>
      <Text className='card__hint'>{props.hint}</Text>
      {body()}
    </View>
  );
}
