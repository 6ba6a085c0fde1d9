import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * WeChat's request signature: SHA-1 (hex) of the parts sorted as strings and joined with nothing. The
 * Official Account signs token, timestamp and nonce; safe mode and WeCom add the encrypted payload.
 */
export function sign(...parts: string[]): string {
  return createHash('sha1').update([...parts].sort().join('')).digest('hex');
}

/** Compares in constant time; a missing or malformed signature is simply false. */
export function verifySignature(signature: unknown, ...parts: string[]): boolean {
  if (typeof signature !== 'string' || !/^[0-9a-f]{40}$/i.test(signature)) return false;
  return timingSafeEqual(Buffer.from(signature.toLowerCase(), 'hex'), Buffer.from(sign(...parts), 'hex'));
}

/** WeChat retries within seconds; an older request is a replay. */
export function withinWindow(timestamp: unknown, windowSeconds: number, now = Date.now()): boolean {
  if (typeof timestamp !== 'string' || !/^\d{1,12}$/.test(timestamp)) return false;
  return Math.abs(now / 1000 - Number(timestamp)) <= windowSeconds;
}
