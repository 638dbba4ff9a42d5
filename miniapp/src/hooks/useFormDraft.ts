import Taro from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import type { FormDrafts } from '../utils/draft';
import { confirmStep, type Question } from './useAction';

export interface FormDraft<V> {
  /** What this owner left unsent on this phone, read once when the form opens. */
  restored: V | null;
  /** Keeps `value` as the draft; null when there is nothing worth keeping (the draft is dropped). */
  keep: (value: V | null) => void;
  /** The form is done with (sent, or given up): its draft is dropped, and nothing after is kept. */
  done: () => void;
  /**
   * 取消: gives the form up, asking first (`ask`) when something was typed. True once given up
   * (the draft dropped), false when the person chose to stay.
   */
  giveUp: (typed: boolean, ask: Question) => Promise<boolean>;
}

/**
 * A form's draft on this phone. `owner` is whose it is (a user, or a user in one community), or
 * null for a form that keeps none (an edit, which starts from what it edits). A restored draft is
 * said with a toast, so nobody wonders where the text came from.
 */
export function useFormDraft<V>(drafts: FormDrafts<V>, owner: string | null): FormDraft<V> {
  const [restored] = useState(() => (owner === null ? null : drafts.read(owner)));
  const finished = useRef(false);
  useEffect(() => {
    if (restored) Taro.showToast({ title: '已恢复上次未提交的内容', icon: 'none' });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- said once, when the form opens
  }, []);
  const done = () => {
    finished.current = true;
    if (owner !== null) drafts.clear();
  };
  return {
    restored,
    keep: (value) => {
      if (owner === null || finished.current) return;
      if (value === null) drafts.clear();
      else drafts.save(owner, value);
    },
    done,
    giveUp: async (typed, ask) => {
      if (typed && !(await confirmStep(ask))) return false;
      done();
      return true;
    },
  };
}
