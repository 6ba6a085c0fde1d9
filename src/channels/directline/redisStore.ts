import { EventEmitter } from 'node:events';
import type { Activity } from 'botbuilder';
import type { Logger } from '../../log/logger';
import { binaryReplies, LuaScript, subscribeWhenReady, withTimeout, type RedisConnection } from '../../state/redisConnection';
import { ExpiringMap } from '../../state/expiringMap';
import { LogCodec, type LogConversation } from './logCodec';
import { activityId, type ActivityPage, type ConversationRecord, type DirectLineStore } from './store';

export interface RedisDirectLineStoreOptions {
  prefix: string;
  /** A conversation's record and log expire this long after their last activity. */
  ttlSeconds: number;
  /** A log keeps this many activities, the last; the record counts those dropped before them. */
  maxActivities: number;
  timeoutMs: number;
  /** What the bot says, by language: the log's entries are compressed against it (see LogCodec). */
  texts: [language: string, texts: string[]][];
}

/**
 * KEYS: log, meta; ARGV: entry, max entries, ttl. Appends and drops what is beyond the bound from the
 * front (the record's `dropped` counts them). Returns the entry's sequence number.
 */
const APPEND = new LuaScript(`
local length = redis.call('RPUSH', KEYS[1], ARGV[1])
local dropped = tonumber(redis.call('HGET', KEYS[2], 'dropped') or '0')
local over = length - tonumber(ARGV[2])
if over > 0 then
  redis.call('LTRIM', KEYS[1], over, -1)
  redis.call('HINCRBY', KEYS[2], 'dropped', over)
end
redis.call('EXPIRE', KEYS[1], ARGV[3])
redis.call('EXPIRE', KEYS[2], ARGV[3])
return dropped + length
`);

/**
 * KEYS: log, meta; ARGV: watermark, limit. Returns the sequence number before the page's first entry
 * (a watermark older than the log's oldest entry starts there), the entries, and the conversation's
 * record (which reading them takes) or nothing.
 */
const LIST = new LuaScript(`
local meta = redis.call('HMGET', KEYS[2], 'dropped', 'record')
local dropped = tonumber(meta[1] or '0')
local from = math.max(0, tonumber(ARGV[1]) - dropped)
return {dropped + from, redis.call('LRANGE', KEYS[1], from, from + tonumber(ARGV[2]) - 1), meta[2] or ''}
`);

/** Conversation records an instance remembers (they never change): entries are written against them. */
const RECORDS_CACHED = { maxEntries: 10_000, idleMs: 3600_000 };

/**
 * Conversations and activity logs in Redis, so any instance serves any conversation. The log is a
 * list, bounded: the activities dropped from its front plus RPUSH's new length is the activity's
 * sequence number (atomic across instances), and ids are derived from the position, so nothing has to
 * be rewritten. Instances wake each other with one
 * pub/sub channel; readers always re-read the log, so a lost signal loses nothing. Entries are
 * compact binary (LogCodec), written against the conversation's record; the dictionaries they name are
 * kept in one hash beside the logs.
 */
export class RedisDirectLineStore implements DirectLineStore {
  private readonly local = new EventEmitter();
  private readonly channel: string;
  private readonly codec: LogCodec;
  private readonly dictionariesKey: string;
  /** Reads values as bytes (entries and dictionaries are binary). */
  private readonly binary;
  private published?: Promise<unknown>;
  private readonly records = new ExpiringMap<string, ConversationRecord>(RECORDS_CACHED);

  constructor(
    private readonly client: RedisConnection,
    subscriber: RedisConnection,
    private readonly options: RedisDirectLineStoreOptions,
    logger: Logger,
  ) {
    this.local.setMaxListeners(0);
    this.channel = `${options.prefix}dl:wake`;
    subscribeWhenReady(subscriber, this.channel, (conversationId) => this.local.emit(conversationId), logger);
    this.dictionariesKey = `${options.prefix}dl:dictionaries`;
    this.binary = binaryReplies(client);
    this.codec = new LogCodec(options.texts, async (id) => (await this.bounded(this.binary.hGet(this.dictionariesKey, id))) ?? undefined);
  }

  /**
   * Before this instance's first entry, the dictionaries it names are stored for every instance. They
   * have no expiry: one per version of the bot's texts and language, a few dozen KiB each.
   */
  private publishDictionaries(): Promise<unknown> {
    this.published ??= this.bounded(this.client.hSet(this.dictionariesKey, Object.fromEntries(this.codec.dictionaries.map((d) => [d.id, d.bytes])))).catch((err: unknown) => {
      this.published = undefined;
      throw err;
    });
    return this.published;
  }

  /** Both keys of a conversation share a hash tag, so they live on one Redis Cluster slot. */
  private keys(conversationId: string) {
    const tag = `${this.options.prefix}dl:{${conversationId}}`;
    return { meta: `${tag}:meta`, log: `${tag}:log` };
  }

  private bounded<T>(operation: Promise<T>): Promise<T> {
    return withTimeout(operation, this.options.timeoutMs);
  }

  async createConversation(record: ConversationRecord): Promise<void> {
    const { meta } = this.keys(record.id);
    await this.bounded(Promise.all([this.client.hSet(meta, 'record', JSON.stringify(record)), this.client.expire(meta, this.options.ttlSeconds)]));
    this.records.set(record.id, record);
  }

  async getConversation(id: string): Promise<ConversationRecord | undefined> {
    const record = await this.bounded(this.client.hGet(this.keys(id).meta, 'record'));
    return this.remembered(id, record);
  }

  private remembered(id: string, json: string | null | undefined): ConversationRecord | undefined {
    if (!json) return undefined;
    const record = JSON.parse(json) as ConversationRecord;
    this.records.set(id, record);
    return record;
  }

  /** What entries are written against: the record (remembered, else read), or only the id when it is gone. */
  private async conversationOf(id: string): Promise<LogConversation> {
    return this.records.get(id) ?? (await this.getConversation(id)) ?? { id };
  }

  async markStarted(id: string): Promise<boolean> {
    return Boolean(await this.bounded(this.client.hSetNX(this.keys(id).meta, 'started', '1')));
  }

  async append(conversationId: string, activity: Partial<Activity>): Promise<Partial<Activity>> {
    const { meta, log } = this.keys(conversationId);
    const { id: _ignored, ...rest } = activity;
    const stamped = { ...rest, timestamp: new Date() };
    await this.publishDictionaries();
    const args = [this.codec.encode(await this.conversationOf(conversationId), stamped), String(this.options.maxActivities), String(this.options.ttlSeconds)];
    const seq = (await this.bounded(APPEND.run(this.client, [log, meta], args))) as number;
    await this.bounded(this.client.publish(this.channel, conversationId));
    return { ...stamped, id: activityId(conversationId, seq) };
  }

  async list(conversationId: string, watermark: number | undefined, limit: number): Promise<ActivityPage> {
    const { meta, log } = this.keys(conversationId);
    const [before, raw, record] = (await this.bounded(LIST.run(this.binary as unknown as RedisConnection, [log, meta], [String(Math.max(0, watermark ?? 0)), String(limit)]))) as [number, Buffer[], Buffer];
    const conversation = this.remembered(conversationId, record.toString('utf8')) ?? { id: conversationId };
    const activities = await Promise.all(raw.map(async (entry, i) => ({ ...(await this.codec.decode(conversation, entry)), id: activityId(conversationId, before + i + 1) })));
    return { activities, watermark: before + activities.length };
  }

  async forget(conversationId: string): Promise<void> {
    const { meta, log } = this.keys(conversationId);
    this.records.delete(conversationId);
    await this.bounded(this.client.del([meta, log]));
  }

  subscribe(conversationId: string, onAppend: () => void): () => void {
    this.local.on(conversationId, onAppend);
    return () => this.local.off(conversationId, onAppend);
  }

  async close(): Promise<void> {
    this.local.removeAllListeners();
  }
}
