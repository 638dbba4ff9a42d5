/**
 * HTTP load: drives a server with autocannon (in-process) and measures throughput (responses per
 * second), latency percentiles (ms, from every response, not autocannon's histogram) and the exact
 * count of responses per status code.
 *
 * Request source: `next(i)` is called once per request actually written to a socket, i = 0, 1, 2, …
 * across all connections in send order (a request resent after a timeout or reconnect is a new
 * request with a new i). Without `next`, `request` is sent every time.
 *
 * With `amount`, exactly that many requests are written (autocannon splits it over the
 * connections; `connections` is lowered to `amount` if larger). A request that times out is still
 * one of them: it shows up in `errors`, not in `status`.
 *
 * Warm-up (`warmupSeconds`) runs first and is discarded. It sends `warmup` if given, else `request`,
 * else calls `next`; in that last case the measured run continues the numbering, so no i is ever
 * passed twice in one `load()` call (the measured run then does not start at i = 0).
 */
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';

export interface LoadRequest {
  method?: 'GET' | 'POST' | 'PUT';
  path: string;
  headers?: Record<string, string>;
  /** Sent as is; `content-type: application/json` is added when a body is given without one. */
  body?: string;
}

export interface LoadOptions {
  /** Origin, e.g. http://127.0.0.1:4100 */
  url: string;
  connections: number;
  durationSeconds?: number;
  /** Total requests instead of a duration. */
  amount?: number;
  next?: (i: number) => LoadRequest;
  request?: LoadRequest;
  warmupSeconds?: number;
  /** What the warm-up sends; see the module comment for the default. */
  warmup?: LoadRequest | ((i: number) => LoadRequest);
  /** Seconds without a response before a request counts as a timeout (autocannon's default 10). */
  timeoutSeconds?: number;
}

export interface LoadResult {
  /** Responses received (any status). */
  requests: number;
  /** Requests written to sockets; equals `amount` when one was given. */
  sent: number;
  /** Responses per second over `durationSeconds`. */
  rps: number;
  /** Milliseconds, over all responses (any status). */
  latency: { p50: number; p95: number; p99: number; max: number };
  /** Responses per status code: { '200': n, '409': n, … } */
  status: Record<string, number>;
  /** Socket errors + timeouts. */
  errors: number;
  non2xx: number;
  /** From the start of the run to the last response. */
  durationSeconds: number;
}

type Source = { kind: 'static'; request: LoadRequest } | { kind: 'next'; next: (i: number) => LoadRequest };

interface Counter {
  value: number;
}

function toAutocannon(r: LoadRequest): autocannon.Request {
  const headers: Record<string, string> = { ...r.headers };
  if (r.body !== undefined && r.body.length > 0 && !Object.keys(headers).some((k) => k.toLowerCase() === 'content-type')) {
    headers['content-type'] = 'application/json';
  }
  return { method: r.method ?? 'GET', path: r.path, headers, body: r.body };
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return round(sorted[rank] ?? 0, 3);
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

async function runOnce(
  url: string,
  connections: number,
  limit: { durationSeconds: number } | { amount: number },
  source: Source,
  counter: Counter,
  timeoutSeconds: number | undefined,
): Promise<LoadResult> {
  const requests: autocannon.Request[] =
    source.kind === 'static'
      ? [toAutocannon(source.request)]
      : [
          {
            // autocannon passes its merged request (host, port, defaults …); keep those fields and
            // replace what defines the request. Called for every request written, including the
            // first one of each connection (built when the connection's client is created).
            setupRequest: (req: autocannon.Request): autocannon.Request => ({
              ...req,
              ...toAutocannon(source.next(counter.value++)),
            }),
          },
        ];

  let latencies = new Float64Array(4096);
  let responses = 0;
  const status = new Map<number, number>();
  let lastResponseAt = 0;
  const startCount = counter.value;

  const amount = 'amount' in limit ? limit.amount : undefined;
  const opts: autocannon.Options = {
    url,
    connections: amount !== undefined ? Math.min(connections, amount) : connections,
    requests,
    // autocannon only notices the end on a sample tick; a short interval keeps `amount` runs from
    // idling up to a second after the last response.
    sampleInt: 100,
    ...(amount !== undefined ? { amount } : { duration: 'durationSeconds' in limit ? limit.durationSeconds : 10 }),
    ...(timeoutSeconds !== undefined ? { timeout: timeoutSeconds } : {}),
  };

  const startedAt = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(opts, (err: unknown, res: autocannon.Result) => {
      if (err) reject(err instanceof Error ? err : new Error(String(err)));
      else resolve(res);
    });
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (responses === latencies.length) {
        const grown = new Float64Array(latencies.length * 2);
        grown.set(latencies);
        latencies = grown;
      }
      latencies[responses++] = responseTime;
      status.set(statusCode, (status.get(statusCode) ?? 0) + 1);
      lastResponseAt = performance.now();
    });
  });

  const sorted = latencies.subarray(0, responses).sort();
  const durationSeconds = responses > 0 ? (lastResponseAt - startedAt) / 1000 : result.duration;
  let non2xx = 0;
  const statusOut: Record<string, number> = {};
  for (const [code, n] of [...status].sort((a, b) => a[0] - b[0])) {
    statusOut[String(code)] = n;
    if (code < 200 || code > 299) non2xx += n;
  }
  return {
    requests: responses,
    sent: source.kind === 'next' ? counter.value - startCount : result.requests.sent,
    rps: durationSeconds > 0 ? round(responses / durationSeconds, 1) : 0,
    latency: {
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
      max: round(sorted[sorted.length - 1] ?? 0, 3),
    },
    status: statusOut,
    errors: result.errors,
    non2xx,
    durationSeconds: round(durationSeconds, 3),
  };
}

export async function load(options: LoadOptions): Promise<LoadResult> {
  if (options.amount === undefined && options.durationSeconds === undefined) {
    throw new Error('load(): give `durationSeconds` or `amount`');
  }
  let main: Source;
  if (options.next) main = { kind: 'next', next: options.next };
  else if (options.request) main = { kind: 'static', request: options.request };
  else throw new Error('load(): give `next` or `request`');
  const counter: Counter = { value: 0 };

  if (options.warmupSeconds && options.warmupSeconds > 0) {
    const w = options.warmup;
    const warm: Source =
      typeof w === 'function'
        ? { kind: 'next', next: w }
        : w
          ? { kind: 'static', request: w }
          : options.request
            ? { kind: 'static', request: options.request }
            : main;
    // A separate warm-up function gets its own numbering; falling back to `next` shares it.
    const warmCounter = typeof w === 'function' ? { value: 0 } : counter;
    await runOnce(options.url, options.connections, { durationSeconds: options.warmupSeconds }, warm, warmCounter, options.timeoutSeconds);
  }

  const limit = options.amount !== undefined ? { amount: options.amount } : { durationSeconds: options.durationSeconds ?? 10 };
  return runOnce(options.url, options.connections, limit, main, counter, options.timeoutSeconds);
}
