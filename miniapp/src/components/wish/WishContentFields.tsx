import { Text, View } from '@tarojs/components';
import {
  PIONEER_ROLE_LABELS,
  PIONEER_ROLES,
  type PioneerRole,
  WISH_CATEGORIES,
  WISH_CATEGORY_LABELS,
  WISH_DESCRIPTION_MAX,
  WISH_TITLE_MAX,
  type WishCategory,
} from '@huijia/shared';
import { FormField } from '../FormField';
import { Chips } from './Chips';
import { PhotoPicker } from './PhotoPicker';
import { TextAreaField } from './TextAreaField';
import type { PhotoUploads } from './usePhotoUploads';

/** What a wish says, whoever types it: the resident, or staff for one (代办). */
export interface WishContent {
  title: string;
  description: string;
  category: WishCategory | null;
  pioneerRole: PioneerRole | null;
}

type ContentField = keyof WishContent | 'photoIds';

/** The id of a field's view, for scrolling to its error (`useFieldErrors`). */
export const wishFieldId = (field: string) => `wish-field-${field}`;

const CATEGORY_OPTIONS = WISH_CATEGORIES.map((value) => ({ value, label: WISH_CATEGORY_LABELS[value] }));
const NO_ROLE = 'none';
const ROLE_OPTIONS = [
  { value: NO_ROLE, label: '不限' },
  ...PIONEER_ROLES.map((value) => ({ value, label: PIONEER_ROLE_LABELS[value] })),
] as const;

interface WishContentFieldsProps {
  values: WishContent;
  errors: Partial<Record<ContentField, string>>;
  /** The form's own setter, for these fields of it. */
  edit: (field: keyof WishContent) => (value: WishContent[keyof WishContent]) => void;
  uploads: PhotoUploads;
  disabled: boolean;
  /** Whose wish it is, for the hints: one's own, or a resident's typed by staff. */
  whose: 'own' | 'resident';
}

/**
 * The wish's title, description, category and photos; and, for staff typing one for a resident,
 * the pioneer role (先锋角色) it fits. A resident is not asked the programme's words: members in
 * the hall filter by category.
 */
export function WishContentFields({ values, errors, edit, uploads, disabled, whose }: WishContentFieldsProps) {
  const own = whose === 'own';
  return (
    <>
      <View id={wishFieldId('title')}>
        <FormField
          label='心愿标题'
          name='title'
          value={values.title}
          placeholder={own ? '一句话说明您的心愿' : '一句话说明居民的心愿'}
          maxlength={WISH_TITLE_MAX}
          counted
          error={errors.title}
          disabled={disabled}
          onInput={edit('title')}
        />
      </View>
      <View id={wishFieldId('description')}>
        <TextAreaField
          label='具体描述'
          name='description'
          value={values.description}
          placeholder={own ? '需要什么帮助、什么时候方便' : '需要什么帮助、什么时候方便上门'}
          maxlength={WISH_DESCRIPTION_MAX}
          error={errors.description}
          disabled={disabled}
          onInput={edit('description')}
        />
      </View>
      <View id={wishFieldId('category')} className={`field${errors.category ? ' field--invalid' : ''}`}>
        <Text className='field__label'>心愿类别</Text>
        <Chips label='心愿类别' options={CATEGORY_OPTIONS} value={values.category} disabled={disabled} onChange={edit('category')} />
        {errors.category && <Text className='field__error'>{errors.category}</Text>}
      </View>
      {!own && (
        <View className='field'>
          <Text className='field__label'>先锋角色（选填）</Text>
          <Chips
            label='先锋角色'
            options={ROLE_OPTIONS}
            value={values.pioneerRole ?? NO_ROLE}
            disabled={disabled}
            onChange={(value) => edit('pioneerRole')(value === NO_ROLE ? null : (value as PioneerRole))}
          />
        </View>
      )}
      <View id={wishFieldId('photoIds')}>
        <PhotoPicker label='照片（选填）' uploads={uploads} disabled={disabled} error={errors.photoIds} />
      </View>
    </>
  );
}
