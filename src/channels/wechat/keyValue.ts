import { LuaScript, withTimeout, type RedisConnection } from '../../state/redisConnection';

/**
 * The little shared state the WeChat channels need (access tokens, locks, the WeCom cursor, callback
 * ids seen): strings with a lifetime, in Redis when configured so that several instances agree.
 */
export interface KeyValue {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  /** Sets the key only when it is absent (SET NX PX); true when this caller set it. */
  claim(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** Deletes the key only while it still holds `value` (a lock released by its holder only). */
  release(key: string, value: string): Promise<void>;
}

export class MemoryKeyValue implements KeyValue {
  private readonly entries = new Map<string, { value: string; expiresAt: number }>();

  async get(key: string): Promise<string | undefined> {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= Date.now()) this.entries.delete(key);
    return this.entries.get(key)?.value;
  }

  async set(key: string, value: string, ttlMs = Number.POSITIVE_INFINITY): Promise<void> {
    this.entries.set(key, { value, expiresAt: Date.now() + ttlMs });
    this.sweep();
  }

  async claim(key: string, value: string, ttlMs: number): Promise<boolean> {
    if ((await this.get(key)) !== undefined) return false;
    await this.set(key, value, ttlMs);
    return true;
  }

  async release(key: string, value: string): Promise<void> {
    if ((await this.get(key)) === value) this.entries.delete(key);
  }

  /** Callback ids pile up (one per message): drop the expired ones now and then. */
  private sweep(): void {
    if (this.entries.size % 1000 !== 0) return;
    const now = Date.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }
}

const RELEASE = new LuaScript(`if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`);

export class RedisKeyValue implements KeyValue {
  constructor(private readonly client: RedisConnection, private readonly prefix: string, private readonly timeoutMs: number) {}

  async get(key: string): Promise<string | undefined> {
    return (await withTimeout(this.client.get(this.prefix + key), this.timeoutMs)) ?? undefined;
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    await withTimeout(this.client.set(this.prefix + key, value, ttlMs ? { PX: Math.ceil(ttlMs) } : undefined), this.timeoutMs);
  }

  async claim(key: string, value: string, ttlMs: number): Promise<boolean> {
    return (await withTimeout(this.client.set(this.prefix + key, value, { NX: true, PX: Math.ceil(ttlMs) }), this.timeoutMs)) === 'OK';
  }

  async release(key: string, value: string): Promise<void> {
    await withTimeout(RELEASE.run(this.client, [this.prefix + key], [value]), this.timeoutMs);
  }
}
