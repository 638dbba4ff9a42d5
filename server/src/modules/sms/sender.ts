import type { FastifyBaseLogger } from 'fastify';
import { SMS_CODE_TTL_SECONDS, type SmsPurpose } from '@huijia/shared';
import type { Client as TencentSmsClient } from 'tencentcloud-sdk-nodejs-sms/tencentcloud/services/sms/v20210111/sms_client';
import type { Config } from '../../config';

/** Delivers a verification code (验证码) to a mainland mobile phone. */
export interface SmsSender {
  /** Resolves once the provider took the message; throws `SmsSendError` when it refused it. */
  send(phone: string, code: string, purpose: SmsPurpose): Promise<void>;
}

/** A provider's refusal: `code` is the provider's own (`LimitExceeded.PhoneNumberDailyLimit`), or
 *  `UNREACHABLE` when it did not answer. */
export class SmsSendError extends Error {
  override name = 'SmsSendError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** `138****5678`: enough for whoever reads a log to tell sends apart, not enough to call anyone. */
export const maskPhone = (phone: string): string => `${phone.slice(0, 3)}****${phone.slice(-4)}`;

export type TencentSmsConfig = NonNullable<Config['sms']['tencent']>;

/** The provider's per-phone refusals of its own: the person has had too many today. */
const TENCENT_DAILY_LIMITS = new Set(['LimitExceeded.PhoneNumberDailyLimit', 'LimitExceeded.PhoneNumberSameContentDailyLimit']);
export const isProviderDailyLimit = (err: SmsSendError): boolean => TENCENT_DAILY_LIMITS.has(err.code);

const TENCENT_TIMEOUT_SECONDS = 10;

/**
 * Tencent Cloud SMS (腾讯云短信) through its SDK: `SendSms` of API 2021-01-11, one phone, the
 * configured signature and template. The template takes the code as {1}, and with
 * `templateParams: 'code,minutes'` the minutes it is valid for as {2}. A request the API refuses
 * throws (the SDK's error carries the code), and so does a send it accepted but whose status for the
 * phone is not `Ok` (SendStatusSet[].Code).
 */
export class TencentSmsSender implements SmsSender {
  private client: Promise<TencentSmsClient> | undefined;

  constructor(private readonly config: TencentSmsConfig) {}

  private connect(): Promise<TencentSmsClient> {
    // Loaded on first use: servers that send no SMS never load the SDK.
    this.client ??= import('tencentcloud-sdk-nodejs-sms').then(({ sms }) => {
      const { secretId, secretKey, region, endpoint } = this.config;
      const url = endpoint ? new URL(endpoint) : null;
      return new sms.v20210111.Client({
        credential: { secretId, secretKey },
        region,
        profile: {
          httpProfile: {
            reqTimeout: TENCENT_TIMEOUT_SECONDS,
            ...(url ? { endpoint: url.host, protocol: `${url.protocol}//` } : {}),
          },
        },
      });
    });
    return this.client;
  }

  async send(phone: string, code: string): Promise<void> {
    const { sdkAppId, signName, templateId, templateParams } = this.config;
    const client = await this.connect();
    let answer: Awaited<ReturnType<TencentSmsClient['SendSms']>>;
    try {
      answer = await client.SendSms({
        PhoneNumberSet: [`+86${phone}`],
        SmsSdkAppId: sdkAppId,
        SignName: signName,
        TemplateId: templateId,
        TemplateParamSet: templateParams === 'code,minutes' ? [code, String(SMS_CODE_TTL_SECONDS / 60)] : [code],
      });
    } catch (err) {
      // TencentCloudSDKHttpException: `code` is the API's error code, absent when it never answered.
      const { code: apiCode, message } = err as { code?: string; message?: string };
      throw new SmsSendError(apiCode ?? 'UNREACHABLE', message ?? 'Tencent Cloud SMS did not answer');
    }
    const status = answer.SendStatusSet?.[0];
    if (status?.Code !== 'Ok') {
      throw new SmsSendError(status?.Code ?? 'NO_STATUS', status?.Message ?? 'SendSms answered no status for the phone');
    }
  }
}

/**
 * Development's sender: the code goes to the server's log instead of a phone, so that sign-up and
 * password reset work without a provider. A warning, so that it shows at every usual log level.
 */
export class LogSmsSender implements SmsSender {
  constructor(private readonly log: FastifyBaseLogger) {}

  async send(phone: string, code: string, purpose: SmsPurpose): Promise<void> {
    this.log.warn({ purpose }, `验证码 ${code} → ${maskPhone(phone)}`);
  }
}

export interface SentSms {
  phone: string;
  code: string;
  purpose: SmsPurpose;
}

/**
 * The tests' sender: keeps what it was asked to send; `failWith` makes the next sends refuse;
 * `delayMs` is how long a send takes (to let concurrent asks overlap).
 */
export class MemorySmsSender implements SmsSender {
  readonly sent: SentSms[] = [];
  failWith: SmsSendError | null = null;
  delayMs = 0;

  async send(phone: string, code: string, purpose: SmsPurpose): Promise<void> {
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    if (this.failWith) throw this.failWith;
    this.sent.push({ phone, code, purpose });
  }

  /** The code last sent to `phone`, if any. */
  lastCode(phone: string): string | undefined {
    return this.sent.findLast((s) => s.phone === phone)?.code;
  }
}

/**
 * The sender the configuration names: Tencent Cloud SMS, the log, or none (production without a
 * provider: `POST /api/auth/sms` answers 503 SMS_NOT_CONFIGURED).
 */
export function smsSenderFor(config: Config, log: FastifyBaseLogger): SmsSender | null {
  if (config.sms.provider === 'tencent' && config.sms.tencent) return new TencentSmsSender(config.sms.tencent);
  if (config.sms.provider === 'log') return new LogSmsSender(log);
  return null;
}
