import { maskCardNumbers } from './cardNumbers';
import { maskSecrets } from './secrets';

/** What is kept of anything a merchant typed: card numbers masked to their last four digits, secrets to `***`. */
export function maskPii(text: string): string {
  return maskSecrets(maskCardNumbers(text));
}

/** maskPii on every string of a JSON-like value (log records, card taps). */
export function maskPiiDeep<T>(value: T): T {
  if (typeof value === 'string') return maskPii(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => maskPiiDeep(item)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskPiiDeep(v)])) as T;
  }
  return value;
}

/** "138****8000": enough to tell numbers apart in a log, not enough to call one. */
export function maskMobile(mobile: string): string {
  return mobile.length >= 7 ? `${mobile.slice(0, 3)}****${mobile.slice(-4)}` : '****';
}
