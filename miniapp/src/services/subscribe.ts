import Taro from '@tarojs/taro';
import {
  type SubscribeMoment,
  subscriptionsResultSchema,
  type WechatTemplates,
  wechatTemplatesSchema,
} from '@huijia/shared';
import { request } from './api';

let templates: Promise<WechatTemplates> | null = null;

/** The template ids to ask for at each moment: read once while the app runs (they change only
 *  with the server's configuration); read again after a failure. */
function templatesToAsk(): Promise<WechatTemplates> {
  templates ??= request('GET', '/api/wechat/templates', { schema: wechatTemplatesSchema }).catch((error: unknown) => {
    templates = null;
    throw error;
  });
  return templates;
}

/**
 * 订阅消息: after a moment that matters (a wish posted, a wish claimed, a report submitted), asks
 * the user on WeChat whether the server may tell them what follows (requestSubscribeMessage), and
 * records what they accepted: each accept is one message the server may send. Does nothing on the
 * web, or when no template is configured for the moment. Never throws: a refusal, a closed panel
 * or a failed request leaves the flow that asked as it was.
 *
 * WeChat shows the panel only while a tap is being handled, so call it from the tap's handler,
 * right after the action it follows.
 */
export async function askToSubscribe(moment: SubscribeMoment): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp') return;
  try {
    const tmplIds = (await templatesToAsk())[moment] ?? [];
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
