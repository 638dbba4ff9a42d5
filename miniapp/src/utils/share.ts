/**
 * The picture on a shared card (500 × 400, WeChat's 5:4), copied into the weapp package by
 * config/index.ts. Without one WeChat shows a screenshot of the page, which may hold a resident's
 * name, phone or address.
 */
export const SHARE_IMAGE = '/assets/share.png';

/** What 转发 sends: `title` and the page at `path`, on the app's own picture. */
export interface ShareCard {
  title: string;
  path: string;
  imageUrl: string;
}

/** A card that opens `path` (a page with its query), titled `title`: say nothing private in it. */
export function shareCard(title: string, path: string): ShareCard {
  return { title, path, imageUrl: SHARE_IMAGE };
}
