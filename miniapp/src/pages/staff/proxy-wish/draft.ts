import type { Photo, PioneerRole, WishCategory } from '@huijia/shared';
import { formDrafts, hasTexts } from '../../../utils/draft';

/** A 代办 wish as staff type it: the resident's name and contact, then the wish. */
export interface ProxyWishValues {
  name: string;
  phone: string;
  address: string;
  title: string;
  description: string;
  category: WishCategory | null;
  pioneerRole: PioneerRole | null;
}

/** What is kept of an unsent 代办 wish on the staff member's phone, in their community. */
export interface ProxyWishDraft {
  values: ProxyWishValues;
  /** Photos already uploaded. */
  photos: Photo[];
  /** Kept with the form: sending it again after a lost answer must not post a second wish. */
  idempotencyKey: string;
}

const isProxyWishDraft = (stored: unknown): stored is ProxyWishDraft =>
  hasTexts(stored, ['idempotencyKey']) &&
  hasTexts(stored.values, ['name', 'phone', 'address', 'title', 'description']) &&
  Array.isArray(stored.photos);

export const proxyWishDrafts = formDrafts('huijia.proxyWishDraft', isProxyWishDraft);
