import Taro from '@tarojs/taro';

// `request` makes every header itself and has no option for one more, so the Idempotency-Key of a
// new wish or opinion rides on the body object: an interceptor finds the body of that one call
// and adds the header. The body object is the same on the retry `request` makes after renewing
// the session.
const idempotencyKeys = new WeakMap<object, string>();
let interceptorAdded = false;

function addIdempotencyInterceptor(): void {
  if (interceptorAdded) return;
  interceptorAdded = true;
  Taro.addInterceptor((chain: Taro.Chain) => {
    const params = chain.requestParams;
    const key =
      typeof params.data === 'object' && params.data !== null
        ? idempotencyKeys.get(params.data as object)
        : undefined;
    return chain.proceed(key ? { ...params, header: { ...params.header, 'Idempotency-Key': key } } : params);
  });
}

/**
 * A copy of `body` that is sent with `key` as its Idempotency-Key: sending the same form again (a
 * double tap, a retry after a lost answer) returns what was made the first time.
 */
export function withIdempotencyKey<B extends object>(body: B, key: string): B {
  addIdempotencyInterceptor();
  const sent = { ...body };
  idempotencyKeys.set(sent, key);
  return sent;
}

/** A key unlikely to repeat across forms and devices: what it is for, time and randomness. */
export function newIdempotencyKey(what: string): string {
  const random = () => Math.random().toString(36).slice(2, 10);
  return `${what}-${Date.now().toString(36)}-${random()}${random()}`;
}
