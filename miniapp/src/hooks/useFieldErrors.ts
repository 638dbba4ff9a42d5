import Taro from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import type { FieldErrors } from '../utils/form';

/**
 * A form's complaints by field. `show` puts them up and scrolls to the first in the page's order
 * (`fields`; each field's view has the id `fieldId(field)`); `clear` takes down those of the fields
 * a change touched.
 */
export function useFieldErrors<F extends string>(fields: readonly F[], fieldId: (field: F) => string) {
  const [errors, setErrors] = useState<FieldErrors<F>>({});
  const [scrollTo, setScrollTo] = useState<{ field: F } | null>(null);

  useEffect(() => {
    if (scrollTo) void Taro.pageScrollTo({ selector: `#${fieldId(scrollTo.field)}`, duration: 300 }).catch(() => undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `fieldId` names the same views on every render
  }, [scrollTo]);

  const show = useCallback(
    (found: FieldErrors<F>) => {
      setErrors(found);
      const first = fields.find((field) => found[field]);
      // A new object each time: the same field asked twice scrolls twice.
      if (first) setScrollTo({ field: first });
    },
    [fields],
  );

  const clear = useCallback((changed: readonly F[]) => {
    setErrors((current) => {
      if (!changed.some((field) => current[field])) return current;
      const left = { ...current };
      for (const field of changed) delete left[field];
      return left;
    });
  }, []);

  return { errors, show, clear };
}
