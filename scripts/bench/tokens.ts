/**
 * Access tokens for generated users, signed with the secret the bench gives the server: the same
 * HS256 JWT `{ sub }` the server issues at sign-in (the bench checks one against a real sign-in
 * first), without paying argon2 and the sign-in throttle for a thousand users.
 */
import { createHmac, randomBytes } from 'node:crypto';

const ACCESS_TOKEN_SECONDS = 15 * 60;
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export const newSecret = () => randomBytes(32).toString('base64url');

export function accessToken(secret: string, userId: number, now = Date.now()): string {
  const iat = Math.floor(now / 1000);
  const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: String(userId), iat, exp: iat + ACCESS_TOKEN_SECONDS })}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}

/** `Authorization` headers, one token per user, made once. */
export function bearers(secret: string): (userId: number) => Record<string, string> {
  const cache = new Map<number, Record<string, string>>();
  return (userId) => {
    let headers = cache.get(userId);
    if (!headers) {
      headers = { authorization: `Bearer ${accessToken(secret, userId)}` };
      cache.set(userId, headers);
    }
    return headers;
  };
}
