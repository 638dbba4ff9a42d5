import { z } from 'zod';
import { phoneSchema } from '../domain/user';

/** `POST /api/auth/wechat/phone`: the code of the `getPhoneNumber` button (open-type), for WeChat's
 *  `wxa/business/getuserphonenumber`. Answers the session again (the account may have changed). */
export const wechatPhoneBodySchema = z.object({ code: z.string().trim().min(1, '缺少手机号授权码').max(256) });
export type WechatPhoneBody = z.infer<typeof wechatPhoneBodySchema>;

/** What an SMS code is for. */
export const SMS_PURPOSES = ['register', 'reset'] as const;
export const smsPurposeSchema = z.enum(SMS_PURPOSES);
export type SmsPurpose = z.infer<typeof smsPurposeSchema>;

/** `POST /api/auth/sms`: sends a 6-digit code to the phone. */
export const smsBodySchema = z.object({ phone: phoneSchema, purpose: smsPurposeSchema });
export type SmsBody = z.infer<typeof smsBodySchema>;
export const smsCodeSchema = z.string().trim().regex(/^\d{6}$/, '验证码为 6 位数字');
export const SMS_CODE_TTL_SECONDS = 5 * 60;
export const SMS_CODE_MAX_TRIES = 5;
/** One send per phone per minute: the app counts down this long before 重新发送. */
export const SMS_RESEND_SECONDS = 60;
export const smsSentSchema = z.object({ expiresInSeconds: z.number().int(), resendInSeconds: z.number().int() });
export type SmsSent = z.infer<typeof smsSentSchema>;

/**
 * The moments the app asks to subscribe (requestSubscribeMessage), and the notification kinds each
 * template carries. The template ids themselves are configured on the server (`WECHAT_TEMPLATES`)
 * and read by the app from `GET /api/wechat/templates`.
 */
export const SUBSCRIBE_MOMENTS = ['wish.posted', 'wish.claimed', 'report.submitted', 'activity.signed_up'] as const;
export type SubscribeMoment = (typeof SUBSCRIBE_MOMENTS)[number];

/** WeChat shows at most this many templates in one requestSubscribeMessage. */
export const TEMPLATES_PER_ASK = 3;

/**
 * What each moment is followed by for the person who just acted: the notification kinds (events)
 * whose templates the app asks for there, most wanted first (a moment asks for the first three
 * distinct templates configured). An event is sent through WeChat only if it is listed here.
 */
export const SUBSCRIBE_EVENTS_AFTER: Readonly<Record<SubscribeMoment, readonly string[]>> = {
  // The resident who posted a wish: 审核结果, 被认领, 待确认, 认领被放弃.
  'wish.posted': ['wish.approved', 'wish.rejected', 'wish.claimed', 'wish.fulfilled', 'wish.released'],
  // The member who claimed: 超期释放, 居民确认完成, 异议处理结果.
  'wish.claimed': ['wish.overdue', 'wish.completed', 'wish.resolved'],
  // The member who reported: 报到证签发, 报到确认, 报到被退回.
  'report.submitted': ['report.certified', 'report.confirmed', 'report.rejected'],
  // The member who signed up for an activity: 候补转正, 活动变更, 活动取消.
  'activity.signed_up': ['activity.promoted', 'activity.changed', 'activity.called_off'],
};

/** Every event a template may be configured for. */
export const SUBSCRIBE_EVENTS: readonly string[] = [...new Set(Object.values(SUBSCRIBE_EVENTS_AFTER).flat())];

/** `GET /api/wechat/templates`: per moment, the template ids to ask for (at most 3, WeChat's limit);
 *  moments with none are left out, `{}` when none is configured. */
export const wechatTemplatesSchema = z.partialRecord(z.enum(SUBSCRIBE_MOMENTS), z.array(z.string()).max(TEMPLATES_PER_ASK));
export type WechatTemplates = z.infer<typeof wechatTemplatesSchema>;

/** `POST /api/subscriptions`: what requestSubscribeMessage answered, `{ [templateId]: 'accept' | 'reject' | … }`. */
export const subscriptionsBodySchema = z.record(z.string().min(1).max(128), z.string().max(32)).refine((r) => Object.keys(r).length <= 20, '订阅项过多');
export type SubscriptionsBody = z.infer<typeof subscriptionsBodySchema>;
/** How many accepts were recorded (each one message the server may send). */
export const subscriptionsResultSchema = z.object({ accepted: z.number().int() });
export type SubscriptionsResult = z.infer<typeof subscriptionsResultSchema>;

/** A subscribe message's life in the outbox. `refused`: the user withdrew consent or has no quota left (final). */
export const OUTBOX_STATES = ['pending', 'sent', 'failed', 'refused'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];
