import { randomUUID } from 'node:crypto';
import { LuaScript, withTimeout, type RedisConnection } from './redisConnection';
import { SerialQueue } from './serialQueue';

/** Runs one turn at a time per conversation. */
export interface TurnLock {
  run<T>(conversationId: string, turn: () => Promise<T>): Promise<T>;
}

/** In one process: a queue per conversation. */
export class MemoryTurnLock implements TurnLock {
  private readonly queue = new SerialQueue();

  run<T>(conversationId: string, turn: () => Promise<T>): Promise<T> {
    return this.queue.run(conversationId, turn);
  }
}

export class LockTimeoutError extends Error {
  constructor(conversationId: string) {
    super(`could not take the turn lock of conversation ${conversationId}`);
    this.name = 'LockTimeoutError';
  }
}

const RENEW = new LuaScript(`if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`);
const RELEASE = new LuaScript(`if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`);

/**
 * A short lease, renewed while the turn runs, and a wait longer than the lease: a lock left by a
 * crashed instance expires while the next turn waits, so the user's first retry goes through.
 */
export const TURN_LOCK_TIMING = { leaseMs: 3000, waitMs: 4000 };

export interface RedisTurnLockOptions {
  prefix: string;
  /** The lock expires this long after its last renewal, so a crashed instance frees it. */
  leaseMs: number;
  /** How long a turn waits for the lock before giving up. */
  waitMs: number;
  timeoutMs: number;
}

/**
 * Across instances: a per-conversation Redis lock (SET NX PX with a unique token, renewed while the
 * turn runs, released only by its holder). Turns of one conversation on the same instance queue
 * locally first, so they do not compete for the lock through Redis.
 */
export class RedisTurnLock implements TurnLock {
  private readonly local = new SerialQueue();

  constructor(private readonly client: RedisConnection, private readonly options: RedisTurnLockOptions) {}

  run<T>(conversationId: string, turn: () => Promise<T>): Promise<T> {
    return this.local.run(conversationId, () => this.locked(conversationId, turn));
  }

  private async locked<T>(conversationId: string, turn: () => Promise<T>): Promise<T> {
    const key = `${this.options.prefix}lock:{${conversationId}}`;
    const token = randomUUID();
    const deadline = Date.now() + this.options.waitMs;
    let wait = 5;
    while ((await withTimeout(this.client.set(key, token, { NX: true, PX: this.options.leaseMs }), this.options.timeoutMs)) !== 'OK') {
      if (Date.now() + wait > deadline) throw new LockTimeoutError(conversationId);
      await new Promise((r) => setTimeout(r, wait));
      wait = Math.min(wait * 2, 100);
    }
    const renewal = setInterval(() => {
      RENEW.run(this.client, [key], [token, String(this.options.leaseMs)]).catch(() => undefined);
    }, this.options.leaseMs / 3);
    try {
      return await turn();
    } finally {
      clearInterval(renewal);
      await withTimeout(RELEASE.run(this.client, [key], [token]), this.options.timeoutMs).catch(() => undefined);
    }
  }
}
