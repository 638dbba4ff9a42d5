import { z } from 'zod';

/** Categories of a micro-wish (微心愿). */
export const WISH_CATEGORIES = ['daily_life', 'study', 'health', 'repair', 'companionship', 'other'] as const;
export const wishCategorySchema = z.enum(WISH_CATEGORIES);
export type WishCategory = z.infer<typeof wishCategorySchema>;

export const WISH_CATEGORY_LABELS: Record<WishCategory, string> = {
  daily_life: '生活帮扶',
  study: '助学',
  health: '就医',
  repair: '维修',
  companionship: '陪伴',
  other: '其他',
};
