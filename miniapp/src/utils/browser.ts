// WeChat's side of browser.h5.ts, which the web build uses instead (Taro's platform files). WeChat
// has no XHR, Blob or document, and nothing there reaches these: their callers check
// `process.env.TARO_ENV === 'h5'` (which the weapp build folds to false and drops) or hold a
// browser File, which only the web build's file input makes.
import type * as web from './browser.h5';

export type { Answered } from './browser.h5';

function webOnly(): never {
  throw new Error('网页版专用，微信小程序中没有');
}

export const postFile: typeof web.postFile = webOnly;
export const fetchFile: typeof web.fetchFile = webOnly;
export const saveFile: typeof web.saveFile = webOnly;
export const printPage: typeof web.printPage = webOnly;
export const listenForKeys: typeof web.listenForKeys = webOnly;
