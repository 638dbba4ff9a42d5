import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * WeChat's server API as WeChat plays it, for the four endpoints the server uses: JSON answered
 * with a text/plain content type, errors as `{ errcode, errmsg }` with HTTP 200.
 * - `GET /sns/jscode2session`: a code `<name>.<n>` belongs to the person whose openid is
 *   `o-<name>` (a new code for every wx.login, the openid stays); `bad` → 40029; `slow` is never
 *   answered; `busy-http` → HTTP 502; `garbled` → not JSON.
 * - `GET /cgi-bin/token` (client_credential): a new token each time, `expires_in` as set; a wrong
 *   appid → 40013, a wrong secret → 40125.
 * - `POST /wxa/business/getuserphonenumber?access_token=`: the codes of `phoneCodes` give their
 *   phone, once (a reused code → 40029); `quota` → 45011; a token it did not hand out or that has
 *   expired → 40001 / 42001.
 * - `POST /cgi-bin/message/subscribe/send?access_token=`: records each message; openids in
 *   `refusing` → 43101 (the user refused, or has no quota left); `failOnce` openids → -1 (system
 *   busy) the first time; `failing` openids → their errcode every time; answered after
 *   `sendDelayMs`.
 */
export class FakeWechat {
  readonly requests: { method: string; url: URL; body: unknown }[] = [];
  /** Phone codes (of the getPhoneNumber button) and the phone each gives. */
  readonly phoneCodes = new Map<string, string>();
  /** Delivered subscribe messages. */
  readonly sent: { touser: string; template_id: string; page?: string; data: Record<string, { value: string }> }[] = [];
  readonly refusing = new Set<string>();
  readonly failOnce = new Set<string>();
  /** Openids whose messages are refused with this errcode, every time. */
  readonly failing = new Map<string, number>();
  /** How long subscribe/send takes to answer, in ms (to let two senders overlap). */
  sendDelayMs = 0;
  /** Seconds a token lives (WeChat: 7200). */
  expiresIn = 7200;
  /** How long the token endpoint takes to answer, in ms (to let concurrent requests pile up). */
  tokenDelayMs = 0;
  private readonly tokens = new Map<string, number>();
  private readonly used = new Set<string>();
  private tokenCount = 0;
  private readonly sockets = new Set<Socket>();
  private readonly server: Server = createServer((req, res) => void this.answer(req, res));

  constructor(
    readonly appId = 'wx-test-appid',
    readonly secret = 'wx-test-secret',
  ) {}

  /** Starts listening; answers the base URL to give the server as WECHAT_API_BASE. */
  async start(): Promise<string> {
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }

  /** The env that points a test app at this WeChat. */
  env(apiBase: string): Record<string, string> {
    return { WECHAT_APPID: this.appId, WECHAT_SECRET: this.secret, WECHAT_API_BASE: apiBase };
  }

  /** How many access tokens were handed out. */
  get tokensIssued(): number {
    return this.tokenCount;
  }

  /** Makes every token handed out so far expired (WeChat's 42001 on the next use). */
  expireTokens(): void {
    for (const token of this.tokens.keys()) this.tokens.set(token, 0);
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url!, 'http://wechat.invalid');
    const raw = await new Promise<string>((resolve) => {
      let text = '';
      req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      req.on('end', () => resolve(text));
    });
    let body: unknown = null;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      body = raw;
    }
    this.requests.push({ method: req.method ?? 'GET', url, body });
    const send = (status: number, payload: unknown) => {
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(typeof payload === 'string' ? payload : JSON.stringify(payload));
    };
    const error = (errcode: number, errmsg: string) => send(200, { errcode, errmsg: `${errmsg} rid: fake` });

    if (req.method === 'GET' && url.pathname === '/sns/jscode2session') {
      const code = url.searchParams.get('js_code') ?? '';
      if (code === 'slow') return; // held until the test ends
      if (code === 'bad') return error(40029, 'invalid code');
      if (code === 'busy-http') return send(502, 'Bad Gateway');
      if (code === 'garbled') return send(200, '<html>not json</html>');
      return send(200, { openid: `o-${code.split('.')[0]}`, session_key: 'c2Vzc2lvbi1rZXk=' });
    }

    if (req.method === 'GET' && url.pathname === '/cgi-bin/token') {
      if (url.searchParams.get('grant_type') !== 'client_credential') return error(40002, 'invalid grant_type');
      if (url.searchParams.get('appid') !== this.appId) return error(40013, 'invalid appid');
      if (url.searchParams.get('secret') !== this.secret) return error(40125, 'invalid appsecret');
      if (this.tokenDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.tokenDelayMs));
      const token = `token-${++this.tokenCount}`;
      this.tokens.set(token, Date.now() + this.expiresIn * 1000);
      return send(200, { access_token: token, expires_in: this.expiresIn });
    }

    // The rest need a token WeChat handed out and that has not expired.
    const token = url.searchParams.get('access_token') ?? '';
    const expiry = this.tokens.get(token);
    if (req.method === 'POST' && (url.pathname === '/wxa/business/getuserphonenumber' || url.pathname === '/cgi-bin/message/subscribe/send')) {
      if (expiry === undefined) return error(40001, 'invalid credential, access_token is invalid or not latest');
      if (expiry <= Date.now()) return error(42001, 'access_token expired');
    }

    if (req.method === 'POST' && url.pathname === '/wxa/business/getuserphonenumber') {
      const code = (body as { code?: string } | null)?.code ?? '';
      if (code === 'quota') return error(45011, 'api minute-quota reach limit');
      const phone = this.phoneCodes.get(code);
      if (!phone || this.used.has(code)) return error(40029, 'invalid code');
      this.used.add(code);
      return send(200, {
        errcode: 0,
        errmsg: 'ok',
        phone_info: { phoneNumber: phone, purePhoneNumber: phone, countryCode: '86', watermark: { timestamp: Math.floor(Date.now() / 1000), appid: this.appId } },
      });
    }

    if (req.method === 'POST' && url.pathname === '/cgi-bin/message/subscribe/send') {
      const message = body as FakeWechat['sent'][number] | null;
      if (!message?.touser || !message.template_id || !message.data) return error(47003, 'argument invalid! data.thing1.value invalid');
      if (this.sendDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.sendDelayMs));
      if (this.refusing.has(message.touser)) return error(43101, 'user refuse to accept the msg');
      if (this.failOnce.delete(message.touser)) return error(-1, 'system error');
      const errcode = this.failing.get(message.touser);
      if (errcode !== undefined) return error(errcode, 'argument invalid!');
      this.sent.push(message);
      return send(200, { errcode: 0, errmsg: 'ok' });
    }

    send(404, 'not found');
  }
}
