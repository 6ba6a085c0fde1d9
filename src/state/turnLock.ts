import { randomUUID } from 'node:crypto';
import { LuaScript, withTimeout, type RedisConnection } from './redisConnection';
import { SerialQueue } from './serialQueue';

/** Runs one turn at a time per conversation. */
export interface TurnLock {
  /**
   * `reads` starts what the turn reads: called as the lock is asked for, so that those reads reach the
   * store right behind the request and are read under the lock when it is granted; called again once
   * the lock is held if the first request was refused (what they read then is stale).
   */
  run<T>(conversationId: string, turn: () => Promise<T>, reads?: () => void): Promise<T>;
}

/** In one process: a queue per conversation. */
export class MemoryTurnLock implements TurnLock {
  private readonly queue = new SerialQueue();

  run<T>(conversationId: string, turn: () => Promise<T>, reads?: () => void): Promise<T> {
    return this.queue.run(conversationId, () => {
      reads?.();
      return turn();
    });
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
  /**
   * Every key on one connection (a single server): reads sent right behind the request for the lock run
   * after it. A Cluster sends them to other nodes, where they may run before the holder's last write:
   * there they wait until the lock is held.
   */
  readsWithRequest: boolean;
}

/**
 * Across instances: a per-conversation Redis lock (SET NX PX with a unique token, renewed while the
 * turn runs, released only by its holder). Turns of one conversation on the same instance queue
 * locally first, so they do not compete for the lock through Redis. The turn's reads go out in the
 * same write as the first SET: Redis runs a connection's commands in order, so when it grants the
 * lock they have read after it (one round trip for both instead of two in a row).
 */
export class RedisTurnLock implements TurnLock {
  private readonly local = new SerialQueue();

  constructor(private readonly client: RedisConnection, private readonly options: RedisTurnLockOptions) {}

  run<T>(conversationId: string, turn: () => Promise<T>, reads?: () => void): Promise<T> {
    return this.local.run(conversationId, () => this.locked(conversationId, turn, reads));
  }

  private async locked<T>(conversationId: string, turn: () => Promise<T>, reads?: () => void): Promise<T> {
    const key = `${this.options.prefix}lock:{${conversationId}}`;
    const token = randomUUID();
    const deadline = Date.now() + this.options.waitMs;
    const take = () => withTimeout(this.client.set(key, token, { NX: true, PX: this.options.leaseMs }), this.options.timeoutMs);
    const first = take();
    let readUnderLock = this.options.readsWithRequest;
    if (readUnderLock) reads?.();
    if ((await first) !== 'OK') {
      // Held by another turn: wait for it, and read again once the lock is ours.
      readUnderLock = false;
      let wait = 5;
      do {
        if (Date.now() + wait > deadline) throw new LockTimeoutError(conversationId);
        await new Promise((r) => setTimeout(r, wait));
        wait = Math.min(wait * 2, 100);
      } while ((await take()) !== 'OK');
    }
    if (!readUnderLock) reads?.();
    const renewal = setInterval(() => {
      RENEW.run(this.client, [key], [token, String(this.options.leaseMs)]).catch(() => undefined);
    }, this.options.leaseMs / 3);
    try {
      return await turn();
    } finally {
      clearInterval(renewal);
      // Not waited for: what the turn wrote was sent before it, and this instance's next turn of the
      // conversation takes the lock on the same connection after it (Redis runs a connection's commands
      // in order), so the release goes out with whatever follows the turn (its transcript lines).
      RELEASE.run(this.client, [key], [token]).catch(() => undefined);
    }
  }
}
