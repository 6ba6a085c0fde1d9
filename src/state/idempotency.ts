import { createHash } from 'node:crypto';
import { ExpiringSet } from './expiringMap';
import { LuaScript, withTimeout, type RedisConnection } from './redisConnection';

/**
 * Remembers the ids of activities whose turn ran, so an activity delivered twice (a channel's retry)
 * runs once: asked at the start of the turn, remembered at its end (under the turn lock), so a turn that
 * fails leaves its id for the channel's retry.
 */
export interface SeenActivities {
  /** True when a turn of this id ran in this conversation. */
  ran(conversationId: string, activityId: string): Promise<boolean>;
  remember(conversationId: string, activityId: string): Promise<void>;
}

const REMEMBER_SECONDS = 24 * 3600;

/**
 * A channel retries within seconds or minutes: the ids of the last 50,000 activities (about 6 MB at
 * most) cover minutes of the heaviest load, where a day of ids alone grew by every turn taken.
 */
const IDS_KEPT = 50_000;

export class MemorySeenActivities implements SeenActivities {
  private readonly seen: ExpiringSet<string>;

  constructor(now = () => Date.now(), maxIds = IDS_KEPT) {
    this.seen = new ExpiringSet({ maxEntries: maxIds, idleMs: REMEMBER_SECONDS * 1000 }, now);
  }

  async ran(conversationId: string, activityId: string): Promise<boolean> {
    this.seen.sweep();
    return this.seen.has(seenKey(conversationId, activityId));
  }

  async remember(conversationId: string, activityId: string): Promise<void> {
    this.seen.add(seenKey(conversationId, activityId));
  }
}

/**
 * One string of its own: V8 makes `a + b` a pair pointing at both parts, and kept each id's two parts
 * (the request's own copies of the ids) alive beside it; join copies them into one. About 110 bytes an
 * id with its entry instead of 250.
 */
function seenKey(conversationId: string, activityId: string): string {
  return [conversationId, activityId].join('\n');
}

/** KEYS: the conversation's hash; ARGV: the field, seconds to keep the hash. */
const REMEMBER = new LuaScript(`
redis.call('HSET', KEYS[1], ARGV[1], '')
return redis.call('EXPIRE', KEYS[1], ARGV[2])
`);

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

  async ran(conversationId: string, activityId: string): Promise<boolean> {
    return Boolean(await withTimeout(this.client.hExists(this.key(conversationId), digest(activityId)), this.timeoutMs));
  }

  async remember(conversationId: string, activityId: string): Promise<void> {
    // One command where HSET and EXPIRE would be two on every message.
    await withTimeout(REMEMBER.run(this.client, [this.key(conversationId)], [digest(activityId), String(this.rememberSeconds)]), this.timeoutMs);
  }
}

function digest(activityId: string): string {
  return createHash('sha256').update(activityId).digest('base64url').slice(0, 16);
}
