import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db';
import { wechatAccessTokens } from '../../db/schema';
import { callWechat, credentialsOf, TOKEN_ERRCODES, type WechatAnswer, type WechatConfig } from './client';
import { wechatRefusal } from './errors';

/** Refreshed this long before WeChat says it expires (its tokens live two hours). */
const EARLY_MS = 5 * 60_000;

interface Held {
  token: string;
  expiresAt: Date;
}

const fresh = (held: Held | undefined): held is Held => held !== undefined && held.token !== '' && held.expiresAt.getTime() - EARLY_MS > Date.now();

/**
 * WeChat's access token (接口调用凭证), one for every process: stored in the database, refreshed
 * before it expires by whoever needs it first, under the row's lock (the others wait on the lock
 * and read the new one), held in memory between uses. Never fetched per request: a fetch happens
 * only when the stored one is about to expire or WeChat said it is no longer good. The clock is
 * the real one: expiry is WeChat's.
 */
export class WechatTokens {
  private held: Held | null = null;
  private loading: Promise<string> | null = null;

  constructor(
    private readonly db: Db,
    private readonly config: WechatConfig,
  ) {}

  /** A token good for a while yet. */
  async get(): Promise<string> {
    if (this.held && fresh(this.held)) return this.held.token;
    // One load at a time in this process; the row lock makes it one fetch across processes.
    this.loading ??= this.load().finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  /** WeChat refused `token` (expired, or replaced elsewhere): it is fetched again, unless another
   *  process has stored a new one already. */
  async invalidate(token: string): Promise<void> {
    if (this.held?.token === token) this.held = null;
    const { appId } = credentialsOf(this.config);
    await this.db
      .update(wechatAccessTokens)
      .set({ expiresAt: new Date(0) })
      .where(and(eq(wechatAccessTokens.appId, appId), eq(wechatAccessTokens.token, token)));
  }

  /**
   * Calls WeChat with a token; when WeChat says the token is no longer good, once more with a new
   * one. Answers what WeChat answered (its other refusals are the caller's to read).
   */
  async call<T>(path: string, body: unknown): Promise<WechatAnswer<T>> {
    const token = await this.get();
    const answer = await callWechat<T>(this.config, path, { access_token: token }, body);
    if (answer.errcode === undefined || !TOKEN_ERRCODES.has(answer.errcode)) return answer;
    await this.invalidate(token);
    return callWechat<T>(this.config, path, { access_token: await this.get() }, body);
  }

  private remember(held: Held): string {
    this.held = held;
    return held.token;
  }

  private async load(): Promise<string> {
    const { appId, secret } = credentialsOf(this.config);
    const [stored] = await this.db.select().from(wechatAccessTokens).where(eq(wechatAccessTokens.appId, appId));
    if (fresh(stored)) return this.remember(stored);
    return this.db.transaction(async (tx) => {
      await tx.insert(wechatAccessTokens).values({ appId, token: '', expiresAt: new Date(0) }).onConflictDoNothing();
      const [row] = await tx.select().from(wechatAccessTokens).where(eq(wechatAccessTokens.appId, appId)).for('update');
      // Another process refreshed it while this one waited for the lock.
      if (fresh(row)) return this.remember(row);
      const answer = await callWechat<{ access_token?: string; expires_in?: number }>(this.config, '/cgi-bin/token', {
        grant_type: 'client_credential',
        appid: appId,
        secret,
      });
      if (answer.errcode || !answer.access_token || !answer.expires_in) throw wechatRefusal(answer);
      const held = { token: answer.access_token, expiresAt: new Date(Date.now() + answer.expires_in * 1000) };
      await tx.update(wechatAccessTokens).set({ ...held, refreshedAt: new Date() }).where(eq(wechatAccessTokens.appId, appId));
      return this.remember(held);
    });
  }
}
