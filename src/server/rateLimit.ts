import type { Next, Request, RequestHandler, Response } from 'restify';
import { LuaScript, withTimeout, type RedisConnection } from '../state/redisConnection';
import { sendError } from './http';

export interface Count {
  count: number;
  /** Seconds until the window ends. */
  resetSeconds: number;
}

/**
 * Fixed-window counters. With Redis every instance counts in the same place, so N instances do not
 * allow N times the limit.
 */
export interface RateCounter {
  /** Counts one more event under `key` and returns the window's total. */
  hit(key: string, windowMs: number): Promise<Count>;
  /** The window's total without counting. */
  peek(key: string): Promise<Count>;
}

export class MemoryRateCounter implements RateCounter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  async hit(key: string, windowMs: number): Promise<Count> {
    const now = this.now();
    if (this.windows.size > 100_000) for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + windowMs };
      this.windows.set(key, window);
    }
    window.count++;
    return { count: window.count, resetSeconds: Math.ceil((window.resetAt - now) / 1000) };
  }

  async peek(key: string): Promise<Count> {
    const window = this.windows.get(key);
    const now = this.now();
    return window && window.resetAt > now ? { count: window.count, resetSeconds: Math.ceil((window.resetAt - now) / 1000) } : { count: 0, resetSeconds: 0 };
  }
}

const HIT = new LuaScript(`
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {n, redis.call('PTTL', KEYS[1])}
`);

export class RedisRateCounter implements RateCounter {
  constructor(private readonly client: RedisConnection, private readonly prefix: string, private readonly timeoutMs: number) {}

  async hit(key: string, windowMs: number): Promise<Count> {
    const [count, ttl] = (await withTimeout(HIT.run(this.client, [`${this.prefix}rate:${key}`], [String(windowMs)]), this.timeoutMs)) as [number, number];
    return { count, resetSeconds: Math.max(1, Math.ceil(ttl / 1000)) };
  }

  async peek(key: string): Promise<Count> {
    const full = `${this.prefix}rate:${key}`;
    const [count, ttl] = await withTimeout(Promise.all([this.client.get(full), this.client.pTTL(full)]), this.timeoutMs);
    return { count: Number(count ?? 0), resetSeconds: Math.max(0, Math.ceil(ttl / 1000)) };
  }
}

export function tooMany(res: Response, retryAfterSeconds: number, message: string): void {
  res.header('Retry-After', String(Math.max(1, retryAfterSeconds)));
  sendError(res, 429, 'TooManyRequests', message);
}

export interface RateRule {
  name: string;
  limit: number;
  windowMs: number;
}

/**
 * Counts a request under `key`; beyond the rule's limit answers 429 with Retry-After and returns false.
 * If the counters cannot be reached it lets the request through: the route then answers for the outage.
 */
export async function allow(counter: RateCounter, rule: RateRule, key: string, res: Response): Promise<boolean> {
  let count: Count;
  try {
    count = await counter.hit(`${rule.name}:${key}`, rule.windowMs);
  } catch {
    return true;
  }
  if (count.count <= rule.limit) return true;
  tooMany(res, count.resetSeconds, `Too many requests; try again in ${count.resetSeconds} s`);
  return false;
}

/** The same as a route step, keyed by something of the request (its address). */
export function rateLimit(counter: RateCounter, rule: RateRule, key: (req: Request) => string): RequestHandler {
  // Callback style on purpose: restify continues after an async step whatever it resolves to.
  return (req: Request, res: Response, next: Next) => {
    allow(counter, rule, key(req), res).then((ok) => next(ok ? undefined : false));
  };
}

/** Too many failed logins (or back-office tokens) from one place: refuse for the rest of the window. */
export interface FailureLimit {
  counter: RateCounter;
  limit: number;
  windowMs: number;
  address(req: Request): string;
}

/**
 * Seconds until an attempt counted under any of `keys` may be made again; 0 when it may try now (also
 * when the counters cannot be reached). Keys name the attempt's source (its address, or a credential
 * name from that address), never a credential alone: failures elsewhere never refuse a right one here.
 */
export async function lockedFor(failures: FailureLimit, keys: string[]): Promise<number> {
  try {
    const counts = await Promise.all(keys.map((key) => failures.counter.peek(`failures:${key}`)));
    return Math.max(0, ...counts.map(({ count, resetSeconds }) => (count >= failures.limit ? Math.max(1, resetSeconds) : 0)));
  } catch {
    return 0;
  }
}

export async function recordFailure(failures: FailureLimit, keys: string[]): Promise<void> {
  await Promise.all(keys.map((key) => failures.counter.hit(`failures:${key}`, failures.windowMs))).catch(() => undefined);
}
