import Taro from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import { isSessionEnded } from '../services/api';
import { type FieldErrors, messageOf } from '../utils/form';
import { useFieldErrors } from './useFieldErrors';

/**
 * A form's state and its one send at a time:
 * - `values`, and `change` (a patch, or the next values from the current), which also takes down
 *   the complaints of the fields it touched and the error above the button;
 * - the complaints by field (`show` scrolls to the first, in the page's order `fields`);
 * - `refuse`: what the form's own check found, put up with a toast;
 * - `send`: the task run once however often the button is tapped, with `sending` on. When it throws,
 *   the complaints `fieldsOf(error)` finds go on their fields, else its message above the button.
 *   When it succeeds the form stays locked, since the page goes away; a task that sent nothing (the
 *   person chose to stay) returns false, and the form opens again.
 */
export function useForm<V extends object, F extends string>(initial: () => V, fields: readonly F[], fieldId: (field: F) => string) {
  const [values, setValues] = useState<V>(initial);
  const { errors, show, clear } = useFieldErrors(fields, fieldId);
  const [formError, setFormError] = useState('');
  const [sending, setSending] = useState(false);
  const running = useRef(false);

  const change = useCallback(
    (patch: Partial<V> | ((current: V) => V), touched: readonly F[]) => {
      setValues((current) => (typeof patch === 'function' ? patch(current) : { ...current, ...patch }));
      clear(touched);
      setFormError('');
    },
    [clear],
  );

  const refuse = (found: FieldErrors<F>, toast = '请检查填写的内容') => {
    show(found);
    Taro.showToast({ title: toast, icon: 'none' });
  };

  const send = async (task: () => Promise<boolean | void>, fieldsOf: (error: unknown) => FieldErrors<F>, fallback = '提交失败，请稍后重试') => {
    if (running.current) return;
    running.current = true;
    setSending(true);
    setFormError('');
    const reopen = () => {
      running.current = false;
      setSending(false);
    };
    try {
      if ((await task()) === false) reopen();
    } catch (error) {
      const found = fieldsOf(error);
      if (Object.keys(found).length > 0) show(found);
      else if (!isSessionEnded(error)) setFormError(messageOf(error, fallback));
      reopen();
    }
  };

  return { values, setValues, change, errors, show, clear, refuse, formError, sending, send };
}
