import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useCallback, useState } from 'react';
import type { BatchOutcome } from '@huijia/shared';
import { ActionButton } from '../ActionButton';
import { aria, checkboxAria } from '../../utils/a11y';
import { toastDone } from '../../utils/toast';
import './index.css';

/** Which items of a queue are chosen for one batch step. */
export interface Selection {
  ids: ReadonlySet<string>;
  toggle: (id: string) => void;
  /** Chooses exactly these (全选), or none. */
  set: (ids: readonly string[]) => void;
}

export function useSelection(): Selection {
  const [ids, setIds] = useState<ReadonlySet<string>>(new Set());
  const toggle = useCallback((id: string) => {
    setIds((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }, []);
  const set = useCallback((chosen: readonly string[]) => setIds(new Set(chosen)), []);
  return { ids, toggle, set };
}

/** The box on an item of a queue: tap to choose it for the batch. */
export function SelectBox({ selection, id, label }: { selection: Selection; id: string; label: string }) {
  const on = selection.ids.has(id);
  return (
    <View className={`batch-box${on ? ' batch-box--on' : ''}`} onClick={() => selection.toggle(id)} {...checkboxAria(on)} {...aria({ 'aria-label': `选择${label}` })}>
      <Text className='batch-box__mark'>{on ? '✓' : ''}</Text>
      <Text className='batch-box__label'>选择</Text>
    </View>
  );
}

interface BatchBarProps {
  selection: Selection;
  /** The ids shown in the queue now: what 全选 chooses. */
  shown: readonly string[];
  /** What the step is called on its button: 批量通过. */
  label: string;
  busy: boolean;
  onRun: (ids: string[]) => void;
}

/** Under a queue while something is chosen: how many, 全选 / 取消选择, and the one step for all of them. */
export function BatchBar({ selection, shown, label, busy, onRun }: BatchBarProps) {
  const count = [...selection.ids].filter((id) => shown.includes(id)).length;
  const all = count === shown.length && shown.length > 0;
  return (
    <View className='batch-bar'>
      <Text className='batch-bar__count'>{count > 0 ? `已选 ${count} 项` : '可多选后一并处理'}</Text>
      <Text className='link batch-bar__all' onClick={() => selection.set(all ? [] : shown)} {...checkboxAria(all)}>
        {all ? '取消全选' : '全选'}
      </Text>
      <ActionButton small busy={busy} disabled={count === 0} onClick={() => onRun(shown.filter((id) => selection.ids.has(id)))}>
        {count > 0 ? `${label}（${count}）` : label}
      </ActionButton>
    </View>
  );
}

/**
 * Says what a batch did: a toast when every item went through; else how many did and, for the
 * rest, why (someone else handled it first, it is one's own…), so that nothing is silently skipped.
 */
export function reportBatch(outcome: BatchOutcome, verb: string, nameOf: (id: string) => string): void {
  if (outcome.refused.length === 0) {
    toastDone(`已${verb} ${outcome.done.length} 项`);
    return;
  }
  const reasons = outcome.refused.map((r) => `${nameOf(r.id)}：${r.message}`).join('\n');
  void Taro.showModal({
    title: `${outcome.refused.length} 项未处理`,
    content: `已${verb} ${outcome.done.length} 项。\n${reasons}`,
    showCancel: false,
    confirmText: '知道了',
  }).catch(() => undefined);
}
