import { EventEmitter } from 'node:events';
import type { Activity } from 'botbuilder';
import type { Logger } from '../../log/logger';
import { subscribeWhenReady, withTimeout, type RedisConnection } from '../../state/redisConnection';
import { activityId, type ActivityPage, type ConversationRecord, type DirectLineStore } from './store';

export interface RedisDirectLineStoreOptions {
  prefix: string;
  /** A conversation's record and log expire this long after their last activity. */
  ttlSeconds: number;
  timeoutMs: number;
}

/**
 * Conversations and activity logs in Redis, so any instance serves any conversation. The log is a
 * list: RPUSH's new length is the activity's sequence number (atomic across instances), and ids are
 * derived from the position, so nothing has to be rewritten. Instances wake each other with one
 * pub/sub channel; readers always re-read the log, so a lost signal loses nothing.
 */
export class RedisDirectLineStore implements DirectLineStore {
  private readonly local = new EventEmitter();
  private readonly channel: string;

  constructor(
    private readonly client: RedisConnection,
    subscriber: RedisConnection,
    private readonly options: RedisDirectLineStoreOptions,
    logger: Logger,
  ) {
    this.local.setMaxListeners(0);
    this.channel = `${options.prefix}dl:wake`;
    subscribeWhenReady(subscriber, this.channel, (conversationId) => this.local.emit(conversationId), logger);
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
    const seq = await this.bounded(this.client.rPush(log, JSON.stringify(stamped)));
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
    const raw = await this.bounded(this.client.lRange(this.keys(conversationId).log, from, from + limit - 1));
    const activities = raw.map((json, i) => ({ ...(JSON.parse(json) as Partial<Activity>), id: activityId(conversationId, from + i + 1) }));
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
