import { EventEmitter } from 'node:events';
import type { Activity } from 'botbuilder';
import type { Logger } from '../../log/logger';
import { binaryReplies, subscribeWhenReady, withTimeout, type RedisConnection } from '../../state/redisConnection';
import { LogCodec } from './logCodec';
import { activityId, type ActivityPage, type ConversationRecord, type DirectLineStore } from './store';

export interface RedisDirectLineStoreOptions {
  prefix: string;
  /** A conversation's record and log expire this long after their last activity. */
  ttlSeconds: number;
  timeoutMs: number;
  /** What the bot says, by language: the log's entries are compressed against it (see LogCodec). */
  texts: [language: string, texts: string[]][];
}

/**
 * Conversations and activity logs in Redis, so any instance serves any conversation. The log is a
 * list: RPUSH's new length is the activity's sequence number (atomic across instances), and ids are
 * derived from the position, so nothing has to be rewritten. Instances wake each other with one
 * pub/sub channel; readers always re-read the log, so a lost signal loses nothing. Entries are
 * compact binary (LogCodec); the dictionaries they name are kept in one hash beside the logs.
 */
export class RedisDirectLineStore implements DirectLineStore {
  private readonly local = new EventEmitter();
  private readonly channel: string;
  private readonly codec: LogCodec;
  private readonly dictionariesKey: string;
  /** Reads values as bytes (entries and dictionaries are binary). */
  private readonly binary;
  private published?: Promise<unknown>;

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
  }

  async getConversation(id: string): Promise<ConversationRecord | undefined> {
    const record = await this.bounded(this.client.hGet(this.keys(id).meta, 'record'));
    return record ? (JSON.parse(record) as ConversationRecord) : undefined;
  }

  async markStarted(id: string): Promise<boolean> {
    return Boolean(await this.bounded(this.client.hSetNX(this.keys(id).meta, 'started', '1')));
  }

  async append(conversationId: string, activity: Partial<Activity>): Promise<Partial<Activity>> {
    const { meta, log } = this.keys(conversationId);
    const { id: _ignored, ...rest } = activity;
    const stamped = { ...rest, timestamp: new Date() };
    await this.publishDictionaries();
    const seq = await this.bounded(this.client.rPush(log, this.codec.encode(conversationId, stamped)));
    await this.bounded(
      Promise.all([
        this.client.expire(log, this.options.ttlSeconds),
        this.client.expire(meta, this.options.ttlSeconds),
        this.client.publish(this.channel, conversationId),
      ]),
    );
    return { ...stamped, id: activityId(conversationId, seq) };
  }

  async list(conversationId: string, watermark: number | undefined, limit: number): Promise<ActivityPage> {
    const from = Math.max(0, watermark ?? 0);
    const raw = await this.bounded(this.binary.lRange(this.keys(conversationId).log, from, from + limit - 1));
    const activities = await Promise.all(raw.map(async (entry, i) => ({ ...(await this.codec.decode(conversationId, entry)), id: activityId(conversationId, from + i + 1) })));
    return { activities, watermark: from + activities.length };
  }

  async forget(conversationId: string): Promise<void> {
    const { meta, log } = this.keys(conversationId);
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
