import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt's recommended interactive-login cost: about 50 ms and 16 MB per check. */
const PARAMS: ScryptOptions = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_LENGTH = 32;
const FORMAT = /^scrypt\.([A-Za-z0-9_-]{16,})\.([A-Za-z0-9_-]{40,})$/;

function derive(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, PARAMS, (err, key) => (err ? reject(err) : resolve(key))));
}

/** "scrypt.<salt>.<key>" in base64url: safe in .env files and comma-separated lists. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  return `scrypt.${salt.toString('base64url')}.${(await derive(password, salt)).toString('base64url')}`;
}

export function isPasswordHash(value: string): boolean {
  return FORMAT.test(value);
}

/** Constant-time check; an unknown user (no hash) costs the same time as a wrong password. */
export async function verifyPassword(password: string, stored: string | undefined): Promise<boolean> {
  const match = stored ? FORMAT.exec(stored) : null;
  const salt = match ? Buffer.from(match[1], 'base64url') : randomBytes(16);
  const key = await derive(password, salt);
  if (!match) return false;
  const expected = Buffer.from(match[2], 'base64url');
  return expected.length === key.length && timingSafeEqual(expected, key);
}
