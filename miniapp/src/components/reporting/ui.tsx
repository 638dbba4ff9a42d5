import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { percent, type ReportingFigures } from '@huijia/shared';
import type { PagedList } from '../../hooks/usePagedList';
import { PagedBody } from '../PagedList';
import { aria, control } from '../../utils/a11y';
import './ui.css';

/** 全部 / 已报到 / …: one tab per filter, the chosen one marked. */
export function FilterTabs<K extends string>({
  tabs,
  current,
  onChange,
}: {
  tabs: readonly { key: K; label: string }[];
  current: K;
  onChange: (key: K) => void;
}) {
  return (
    <View className='rp-tabs' {...aria({ role: 'tablist' })}>
      {tabs.map((tab) => {
        const on = tab.key === current;
        return (
          <View
            key={tab.key}
            className={`rp-tab${on ? ' rp-tab--on' : ''}`}
            onClick={() => !on && onChange(tab.key)}
            {...control('tab', { 'aria-selected': on })}
          >
            <Text>{tab.label}</Text>
          </View>
        );
      })}
    </View>
  );
}

/** 名册 N 人 · 已报到 N · 待线下报到 N · 报到率 x%. */
export function FiguresBar({ figures, rosterLabel = '名册' }: { figures: ReportingFigures; rosterLabel?: string }) {
  const cells = [
    { label: rosterLabel, value: `${figures.roster} 人` },
    { label: '已报到', value: String(figures.confirmed) },
    { label: '待线下报到', value: String(figures.pending) },
    { label: '报到率', value: percent(figures.reportingRate) },
  ];
  return (
    <View className='rp-figures'>
      {cells.map((cell) => (
        <View key={cell.label} className='rp-figures__cell'>
          <Text className='rp-figures__value'>{cell.value}</Text>
          <Text className='rp-figures__label'>{cell.label}</Text>
        </View>
      ))}
    </View>
  );
}

/**
 * A paged list of reports or members: the figures that come with each page above it, its rows in
 * one card, and `empty` (an inline `Empty`) in a card of its own.
 */
export function FiguredList<T>({
  list,
  rosterLabel,
  empty,
  renderItem,
}: {
  list: PagedList<T, { figures: ReportingFigures }>;
  rosterLabel?: string;
  empty: ReactNode;
  renderItem: (item: T) => ReactNode;
}) {
  return (
    <>
      {list.answer && (
        <View className='card'>
          <FiguresBar figures={list.answer.figures} rosterLabel={rosterLabel} />
        </View>
      )}
      <PagedBody list={list} className='card' empty={<View className='card'>{empty}</View>} renderItem={renderItem} />
    </>
  );
}
