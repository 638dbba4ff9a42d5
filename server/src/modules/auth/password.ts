import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** argon2id with the library's defaults (m=19 MiB, t=2, p=1: OWASP's recommendation). */
export const hashPassword = (password: string): Promise<string> => hash(password);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Letters and digits that cannot be mistaken for one another when read out or typed on a phone
 *  (no 0/o, 1/l/i): an admin tells the one-time password to its holder. */
const ONE_TIME_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const ONE_TIME_LENGTH = 10;

/** A one-time password (about 50 bits): each character drawn uniformly by the CSPRNG. */
export function oneTimePassword(): string {
  let password = '';
  for (let i = 0; i < ONE_TIME_LENGTH; i++) password += ONE_TIME_ALPHABET[randomInt(ONE_TIME_ALPHABET.length)];
  return password;
}
