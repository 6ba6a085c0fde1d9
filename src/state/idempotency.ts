import { createHash } from 'node:crypto';
import { ExpiringMap } from './expiringMap';
import { withTimeout, type RedisConnection } from './redisConnection';

/** Remembers activity ids, so an activity delivered twice (a channel's retry) runs once. */
export interface SeenActivities {
  /** True the first time this id is seen in this conversation. */
  firstTime(conversationId: string, activityId: string): Promise<boolean>;
  /** Forgets an id whose turn failed, so the channel's retry runs it. */
  forget(conversationId: string, activityId: string): Promise<void>;
}

const REMEMBER_SECONDS = 24 * 3600;

/**
 * A channel retries within seconds or minutes: the ids of the last 50,000 activities (about 15 MB at
 * most) cover minutes of the heaviest load, where a day of ids alone grew by every turn taken.
 */
const IDS_KEPT = 50_000;

export class MemorySeenActivities implements SeenActivities {
  private readonly seen: ExpiringMap<string, true>;

  constructor(now = () => Date.now(), maxIds = IDS_KEPT) {
    this.seen = new ExpiringMap({ maxEntries: maxIds, idleMs: REMEMBER_SECONDS * 1000 }, now);
  }

  async firstTime(conversationId: string, activityId: string): Promise<boolean> {
    const key = `${conversationId}\n${activityId}`;
    this.seen.sweep();
    if (this.seen.get(key)) return false;
    this.seen.set(key, true);
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
