import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { passwordSchema, phoneSchema } from '@huijia/shared';
import { templatesSchema, type SubscribeTemplates } from './modules/wechat/templates';
import { projectRoot } from './paths';

const postgresUrl = z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL');

/** The environment the server reads once at start (api.md, "Start-up configuration"). */
const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATABASE_URL: postgresUrl.optional(),
    DATABASE_POOLING: z.enum(['session', 'transaction']).default('session'),
    DATABASE_LISTEN_URL: postgresUrl.optional(),
    DATABASE_REPLICA_URL: postgresUrl.optional(),
    DATA_DIR: z.string().min(1).default(path.join(projectRoot, '.data')),
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    ADMIN_PHONE: phoneSchema.optional(),
    ADMIN_PASSWORD: passwordSchema.optional(),
    /** Default: the demo city everywhere but in production, where only `SEED_DEMO=1` loads it. */
    SEED_DEMO: z.enum(['0', '1']).optional(),
    WRITE_LIMITS: z.enum(['0', '1']).default('1'),
    CITY_NAME: z.string().min(1).max(30).default('龙岩市'),
    WECHAT_APPID: z.string().min(1).optional(),
    WECHAT_SECRET: z.string().min(1).optional(),
    WECHAT_API_BASE: z.url().default('https://api.weixin.qq.com'),
    /** Subscribe messages: JSON, event → { templateId, page?, fields } (modules/wechat/templates.ts). */
    WECHAT_TEMPLATES: templatesSchema.optional(),
    /** Which version of the mini-program a subscribe message's card opens. */
    WECHAT_MINIPROGRAM_STATE: z.enum(['formal', 'trial', 'developer']).default('formal'),
    /** Who sends SMS codes. Default: the log everywhere but in production, where nobody does. */
    SMS_PROVIDER: z.enum(['tencent', 'log']).optional(),
    SMS_REQUIRED: z.enum(['0', '1']).default('1'),
    TENCENT_SMS_SECRET_ID: z.string().min(1).optional(),
    TENCENT_SMS_SECRET_KEY: z.string().min(1).optional(),
    TENCENT_SMS_SDK_APP_ID: z.string().regex(/^\d+$/, 'must be the SdkAppId, digits').optional(),
    TENCENT_SMS_SIGN_NAME: z.string().min(1).optional(),
    TENCENT_SMS_TEMPLATE_ID: z.string().regex(/^\d+$/, 'must be the template id, digits').optional(),
    TENCENT_SMS_TEMPLATE_PARAMS: z.enum(['code', 'code,minutes']).default('code'),
    TENCENT_SMS_REGION: z.string().min(1).default('ap-guangzhou'),
    TENCENT_SMS_ENDPOINT: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** The browser tests' clock: a file holding an offset in milliseconds from the real time (clock.ts). */
    CLOCK_FILE: z.string().min(1).optional(),
    WORKERS: z.union([z.literal('auto'), z.coerce.number().int().min(1).max(64)]).optional(),
    CORS_ORIGINS: z
      .string()
      .transform((s) => s.split(',').map((o) => o.trim()).filter(Boolean))
      .pipe(z.array(z.url({ protocol: /^https?$/, message: 'must be http(s) origins, comma-separated' })))
      .optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && env.CLOCK_FILE) {
      ctx.addIssue({ code: 'custom', path: ['CLOCK_FILE'], message: 'is for tests and refused when NODE_ENV=production' });
    }
    if (env.NODE_ENV === 'production' && !env.JWT_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'is required when NODE_ENV=production' });
    }
    if (!env.DATABASE_URL && env.WORKERS !== undefined && env.WORKERS !== 1) {
      ctx.addIssue({ code: 'custom', path: ['WORKERS'], message: 'the embedded database (PGlite) is one process: more workers need DATABASE_URL' });
    }
    if (env.DATABASE_POOLING === 'transaction' && !env.DATABASE_LISTEN_URL) {
      ctx.addIssue({ code: 'custom', path: ['DATABASE_LISTEN_URL'], message: 'is required with DATABASE_POOLING=transaction (a direct connection to listen on)' });
    }
    if (!env.DATABASE_URL && (env.DATABASE_REPLICA_URL || env.DATABASE_LISTEN_URL || env.DATABASE_POOLING === 'transaction')) {
      ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'is required with DATABASE_POOLING, DATABASE_LISTEN_URL or DATABASE_REPLICA_URL' });
    }
    if (env.WECHAT_TEMPLATES && Object.keys(env.WECHAT_TEMPLATES).length > 0 && !(env.WECHAT_APPID && env.WECHAT_SECRET)) {
      ctx.addIssue({ code: 'custom', path: ['WECHAT_TEMPLATES'], message: 'subscribe messages need WECHAT_APPID and WECHAT_SECRET' });
    }
    if (Boolean(env.ADMIN_PHONE) !== Boolean(env.ADMIN_PASSWORD)) {
      ctx.addIssue({ code: 'custom', path: ['ADMIN_PASSWORD'], message: 'ADMIN_PHONE and ADMIN_PASSWORD go together' });
    }
    if (env.SMS_PROVIDER === 'tencent') {
      for (const name of TENCENT_SMS_REQUIRED) {
        if (!env[name]) ctx.addIssue({ code: 'custom', path: [name], message: 'is required with SMS_PROVIDER=tencent' });
      }
    }
  });

const TENCENT_SMS_REQUIRED = ['TENCENT_SMS_SECRET_ID', 'TENCENT_SMS_SECRET_KEY', 'TENCENT_SMS_SDK_APP_ID', 'TENCENT_SMS_SIGN_NAME', 'TENCENT_SMS_TEMPLATE_ID'] as const;

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** Where PostgreSQL is, or null for the embedded PGlite in `dataDir`. */
  databaseUrl: string | null;
  /** `transaction` when DATABASE_URL is a transaction pooler (PgBouncer); then `listenUrl` is a
   *  direct connection for the change feed. */
  databasePooling: 'session' | 'transaction';
  listenUrl: string | null;
  /** A streaming replica the figures and ledgers read. */
  replicaUrl: string | null;
  dataDir: string;
  jwtSecret: string;
  admin: { phone: string; password: string } | null;
  seedDemo: boolean;
  /** Per-account limits on bursts of writes (wishes, uploads, exports); the tests of other rules
   *  turn them off, as they post many wishes as one resident. */
  writeLimits: boolean;
  cityName: string;
  wechat: {
    appId: string | null;
    secret: string | null;
    apiBase: string;
    /** Subscribe message templates by event; none configured, none sent. */
    templates: SubscribeTemplates;
    miniprogramState: 'formal' | 'trial' | 'developer';
  };
  sms: {
    /** Who sends verification codes (modules/sms/sender.ts); null: nobody, and asking for a code
     *  answers 503 SMS_NOT_CONFIGURED. */
    provider: 'tencent' | 'log' | null;
    /** Whether sign-up wants a code that proves the phone. Off only by choice (SMS_REQUIRED=0),
     *  for a deployment without SMS that accepts phones on trust. */
    required: boolean;
    tencent: {
      secretId: string;
      secretKey: string;
      sdkAppId: string;
      signName: string;
      templateId: string;
      templateParams: 'code' | 'code,minutes';
      region: string;
      /** Another API address than the SDK's own (a test's fake): `http://127.0.0.1:4000`. */
      endpoint: string | null;
    } | null;
  };
  logLevel: string;
  /** API processes (node:cluster): one per core in production on PostgreSQL, else one. */
  workers: number;
  /** Origins other than the API's own that browsers may call it from; none by default (the web
   *  build is served by the API itself, and WeChat's requests are not browsers'). */
  corsOrigins: string[];
  /** Tests only: the file whose offset moves the server's clock (clock.ts); null: the real time. */
  clockFile: string | null;
}

/** A configuration the server refuses to start with; the message names every bad variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and validates the environment. Empty strings count as unset. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(environment)'}: ${i.message}`);
    throw new ConfigError(`huijia cannot start, the configuration is invalid:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL ?? null,
    databasePooling: e.DATABASE_POOLING,
    listenUrl: e.DATABASE_LISTEN_URL ?? null,
    replicaUrl: e.DATABASE_REPLICA_URL ?? null,
    dataDir,
    jwtSecret: e.JWT_SECRET ?? developmentSecret(dataDir),
    admin: e.ADMIN_PHONE && e.ADMIN_PASSWORD ? { phone: e.ADMIN_PHONE, password: e.ADMIN_PASSWORD } : null,
    seedDemo: (e.SEED_DEMO ?? (e.NODE_ENV === 'production' ? '0' : '1')) === '1',
    writeLimits: e.WRITE_LIMITS === '1',
    cityName: e.CITY_NAME,
    wechat: {
      appId: e.WECHAT_APPID ?? null,
      secret: e.WECHAT_SECRET ?? null,
      apiBase: e.WECHAT_API_BASE,
      templates: e.WECHAT_TEMPLATES ?? {},
      miniprogramState: e.WECHAT_MINIPROGRAM_STATE,
    },
    sms: {
      provider: e.SMS_PROVIDER ?? (e.NODE_ENV === 'production' ? null : 'log'),
      required: e.SMS_REQUIRED === '1',
      tencent:
        e.SMS_PROVIDER === 'tencent'
          ? {
              secretId: e.TENCENT_SMS_SECRET_ID!,
              secretKey: e.TENCENT_SMS_SECRET_KEY!,
              sdkAppId: e.TENCENT_SMS_SDK_APP_ID!,
              signName: e.TENCENT_SMS_SIGN_NAME!,
              templateId: e.TENCENT_SMS_TEMPLATE_ID!,
              templateParams: e.TENCENT_SMS_TEMPLATE_PARAMS,
              region: e.TENCENT_SMS_REGION,
              endpoint: e.TENCENT_SMS_ENDPOINT ?? null,
            }
          : null,
    },
    logLevel: e.LOG_LEVEL,
    workers: workerCount(e.WORKERS, e.NODE_ENV === 'production' && Boolean(e.DATABASE_URL)),
    corsOrigins: e.CORS_ORIGINS ?? [],
    clockFile: e.CLOCK_FILE ?? null,
  };
}

function workerCount(asked: number | 'auto' | undefined, productionOnPostgres: boolean): number {
  if (asked === 'auto' || (asked === undefined && productionOnPostgres)) return os.availableParallelism();
  return asked ?? 1;
}

/** Outside production the signing key is generated once and kept in DATA_DIR, so sessions
 *  survive restarts without anyone configuring a secret. */
function developmentSecret(dataDir: string): string {
  const file = path.join(dataDir, 'jwt-secret');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(dataDir, { recursive: true });
    const secret = randomBytes(48).toString('base64url');
    writeFileSync(file, secret, { mode: 0o600, flag: 'w' });
    return secret;
  }
}
