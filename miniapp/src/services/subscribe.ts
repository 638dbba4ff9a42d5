import Taro from '@tarojs/taro';
import {
  type SubscribeMoment,
  subscriptionsResultSchema,
  type WechatTemplates,
  wechatTemplatesSchema,
} from '@huijia/shared';
import { request } from './api';

let templates: Promise<WechatTemplates> | null = null;
/** The templates once read: what lets a tap ask at once, with nothing awaited before the ask. */
let known: WechatTemplates | null = null;

/** The template ids to ask for at each moment: read once while the app runs (they change only
 *  with the server's configuration); read again after a failure. */
function templatesToAsk(): Promise<WechatTemplates> {
  templates ??= request('GET', '/api/wechat/templates', { schema: wechatTemplatesSchema }).then(
    (read) => (known = read),
    (error: unknown) => {
      templates = null;
      throw error;
    },
  );
  return templates;
}

/**
 * Reads the templates ahead (on WeChat), when a page whose tap will ask opens: WeChat shows the
 * panel only while a tap is being handled, so by the tap the ids must be at hand.
 */
export function prefetchSubscribeTemplates(): void {
  if (process.env.TARO_ENV !== 'weapp') return;
  templatesToAsk().catch(() => undefined);
}

/**
 * 订阅消息: after a moment that matters (a wish posted, a wish claimed, a report submitted), asks
 * the user on WeChat whether the server may tell them what follows (requestSubscribeMessage), and
 * records what they accepted: each accept is one message the server may send. Does nothing on the
 * web, or when no template is configured for the moment. Never throws: a refusal, a closed panel
 * or a failed request leaves the flow that asked as it was.
 *
 * WeChat shows the panel only while a tap is being handled: call it first thing in the tap's
 * handler, before any confirmation or request (the action waits for the answer), on a page that
 * called `prefetchSubscribeTemplates`, so that the ask itself is the first thing awaited.
 */
export async function askToSubscribe(moment: SubscribeMoment): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp') return;
  try {
    const tmplIds = (known ?? (await templatesToAsk()))[moment] ?? [];
    if (tmplIds.length === 0) return;
    // Taro's types ask for Alipay's entityIds too; WeChat takes tmplIds alone.
    const answer = (await Taro.requestSubscribeMessage({ tmplIds } as Taro.requestSubscribeMessage.Option)) as Record<string, unknown>;
    // The answer holds errMsg beside one entry per template: accept, reject, ban or filter.
    const answers = Object.fromEntries(tmplIds.flatMap((id) => (typeof answer[id] === 'string' ? [[id, answer[id]]] : [])));
    if (!Object.values(answers).includes('accept')) return;
    await request('POST', '/api/subscriptions', { body: answers, schema: subscriptionsResultSchema });
  } catch {
    // Not subscribing is the user's right and WeChat's failure alike: the app goes on without it.
  }
}
