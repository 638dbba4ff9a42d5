import type { PioneerRole, Photo, WishCategory } from '@huijia/shared';
import { formDrafts, hasTexts } from '../../../utils/draft';

export interface WishFormValues {
  title: string;
  description: string;
  category: WishCategory | null;
  pioneerRole: PioneerRole | null;
  contactPhone: string;
  address: string;
}

/** What is kept of an unsent wish: what the resident typed and the photos already uploaded. */
export interface WishDraft {
  values: WishFormValues;
  /** Photos already uploaded (a chosen file that was not is not kept). */
  photos: Photo[];
  /** Kept with the form: sending it again after a lost answer must not post a second wish. */
  idempotencyKey: string;
}

const isWishDraft = (stored: unknown): stored is WishDraft =>
  hasTexts(stored, ['idempotencyKey']) && typeof stored.values === 'object' && stored.values !== null && Array.isArray(stored.photos);

export const wishDrafts = formDrafts('huijia.wishDraft', isWishDraft);
