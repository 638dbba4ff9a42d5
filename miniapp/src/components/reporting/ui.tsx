import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, type ReactNode } from 'react';
import { percent, type ReportingFigures } from '@huijia/shared';
import { buttonAria } from '../../utils/a11y';
import { IS_H5 } from '../../utils/platform';
import type { Scope } from './useRoleScope';
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
    <View className='rp-tabs' {...(IS_H5 ? { role: 'tablist' } : {})}>
      {tabs.map((tab) => {
        const on = tab.key === current;
        return (
          <View
            key={tab.key}
            className={`rp-tab${on ? ' rp-tab--on' : ''}`}
            onClick={() => !on && onChange(tab.key)}
            {...(IS_H5 ? { role: 'tab', 'aria-selected': String(on) } : {})}
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

/** For someone holding the role in several places: which one the page shows. */
export function ScopeSwitch({
  scopes,
  current,
  onChoose,
}: {
  scopes: Scope[];
  current: Scope;
  onChoose: (id: string) => void;
}) {
  if (scopes.length < 2) return null;
  return (
    <View className='rp-scopes'>
      {scopes.map((scope) => (
        <View
          key={scope.id}
          className={`rp-scope${scope.id === current.id ? ' rp-scope--on' : ''}`}
          onClick={() => onChoose(scope.id)}
          {...buttonAria()}
        >
          <Text>{scope.name}</Text>
        </View>
      ))}
    </View>
  );
}

/** The end of an infinitely scrolled list. */
export function ListFooter({
  more,
  hasMore,
  onMore,
}: {
  more: 'idle' | 'loading' | 'failed';
  hasMore: boolean;
  onMore: () => void;
}) {
  if (!hasMore) return <Text className='rp-footer'>没有更多了</Text>;
  if (more === 'loading') return <Text className='rp-footer'>正在加载…</Text>;
  return (
    <Text className='rp-footer rp-footer--more' onClick={onMore} {...buttonAria()}>
      {more === 'failed' ? '加载失败，点此重试' : '加载更多'}
    </Text>
  );
}

/** A panel sliding up over the page, closed by its mask unless a request is running. */
export function Sheet({
  title,
  children,
  onClose,
  locked = false,
}: {
  title: string;
  children: ReactNode;
  onClose: () => void;
  locked?: boolean;
}) {
  // On h5 the tab bar is drawn above pages and would cover the sheet's buttons.
  useEffect(() => {
    Taro.hideTabBar({ animation: false }).catch(() => undefined);
    return () => {
      Taro.showTabBar({ animation: false }).catch(() => undefined);
    };
  }, []);
  return (
    <View className='rp-sheet' catchMove>
      <View className='rp-sheet__mask' onClick={locked ? undefined : onClose} />
      <View className='rp-sheet__body' {...(IS_H5 ? { role: 'dialog', 'aria-label': title } : {})}>
        <Text className='rp-sheet__title'>{title}</Text>
        {children}
      </View>
    </View>
  );
}
