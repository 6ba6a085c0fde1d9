import { createHash } from 'node:crypto';
import { withTimeout, type RedisConnection } from './redisConnection';

/** Remembers activity ids, so an activity delivered twice (a channel's retry) runs once. */
export interface SeenActivities {
  /** True the first time this id is seen in this conversation. */
  firstTime(conversationId: string, activityId: string): Promise<boolean>;
  /** Forgets an id whose turn failed, so the channel's retry runs it. */
  forget(conversationId: string, activityId: string): Promise<void>;
}

const REMEMBER_SECONDS = 24 * 3600;

export class MemorySeenActivities implements SeenActivities {
  private readonly seen = new Map<string, number>();

  constructor(private readonly now = () => Date.now()) {}

  async firstTime(conversationId: string, activityId: string): Promise<boolean> {
    const key = `${conversationId}\n${activityId}`;
    const cutoff = this.now() - REMEMBER_SECONDS * 1000;
    // Oldest first (insertion order): forget what is older than a day.
    for (const [k, at] of this.seen) {
      if (at >= cutoff) break;
      this.seen.delete(k);
    }
    if (this.seen.has(key)) return false;
    this.seen.set(key, this.now());
    return true;
  }

  async forget(conversationId: string, activityId: string): Promise<void> {
    this.seen.delete(`${conversationId}\n${activityId}`);
  }
}

/**
 * One small hash per conversation (a key per activity cost 120 bytes each in Redis; a set of strings
 * is not compact before Redis 7.2): fields are a 16-character digest of the activity id, kept a day
 * after the conversation's last activity.
 */
export class RedisSeenActivities implements SeenActivities {
  constructor(
    private readonly client: RedisConnection,
    private readonly prefix: string,
    private readonly timeoutMs: number,
    private readonly rememberSeconds = REMEMBER_SECONDS,
  ) {}

  private key(conversationId: string): string {
    return `${this.prefix}seen:{${conversationId}}`;
  }

  async firstTime(conversationId: string, activityId: string): Promise<boolean> {
    const key = this.key(conversationId);
    const [added] = await withTimeout(Promise.all([this.client.hSetNX(key, digest(activityId), ''), this.client.expire(key, this.rememberSeconds)]), this.timeoutMs);
    return Boolean(added);
  }

  async forget(conversationId: string, activityId: string): Promise<void> {
    await withTimeout(this.client.hDel(this.key(conversationId), digest(activityId)), this.timeoutMs);
  }
}

function digest(activityId: string): string {
  return createHash('sha256').update(activityId).digest('base64url').slice(0, 16);
}
