import { EventEmitter } from 'node:events';
import type { Activity } from 'botbuilder';
import { ExpiringMap, type ExpiryLimits } from '../../state/expiringMap';
import { activityId, type ActivityPage, type ConversationRecord, type DirectLineStore } from './store';

interface Entry {
  record: ConversationRecord;
  started: boolean;
  activities: Partial<Activity>[];
  /** Activities dropped from the front of the log (beyond `maxActivities`). */
  dropped: number;
}

/**
 * Single-process store (the embedded default). Conversations idle for longer than `idleMs` are
 * forgotten, and beyond `maxEntries` the longest idle go first, so a long-running instance (or a
 * flood of anonymous tokens) does not grow without bound.
 */
export class MemoryDirectLineStore implements DirectLineStore {
  private readonly entries: ExpiringMap<string, Entry>;
  private readonly events = new EventEmitter();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    limits: ExpiryLimits,
    private readonly maxActivities: number,
    private readonly now = () => Date.now(),
  ) {
    this.entries = new ExpiringMap(limits, now);
    this.events.setMaxListeners(0);
    this.sweeper = setInterval(() => this.entries.sweep(), Math.min(limits.idleMs, 600_000));
    this.sweeper.unref();
  }

  async createConversation(record: ConversationRecord): Promise<void> {
    this.entries.set(record.id, { record, started: false, activities: [], dropped: 0 });
  }

  async getConversation(id: string): Promise<ConversationRecord | undefined> {
    return this.entries.get(id)?.record;
  }

  async markStarted(id: string): Promise<boolean> {
    const entry = this.entries.get(id);
    if (!entry || entry.started) return false;
    entry.started = true;
    return true;
  }

  async append(conversationId: string, activity: Partial<Activity>): Promise<Partial<Activity>> {
    const entry = this.entries.get(conversationId);
    const timestamp = new Date(this.now());
    // A conversation gone (idle too long, or the process restarted) has nobody to read its log, and
    // what is sent to it (a case's news, days later) is dropped, as the Redis store's log of a gone
    // conversation is unreachable: the merchant hears it in the conversation they come back in.
    if (!entry) return { ...activity, id: activityId(conversationId, 0), timestamp };
    const stored = { ...activity, id: activityId(conversationId, entry.dropped + entry.activities.length + 1), timestamp };
    entry.activities.push(stored);
    const over = entry.activities.length - this.maxActivities;
    if (over > 0) {
      entry.activities.splice(0, over);
      entry.dropped += over;
    }
    this.events.emit(conversationId);
    return stored;
  }

  async list(conversationId: string, watermark: number | undefined, limit: number): Promise<ActivityPage> {
    const entry = this.entries.get(conversationId);
    const dropped = entry?.dropped ?? 0;
    const from = Math.max(0, (watermark ?? 0) - dropped);
    const activities = (entry?.activities ?? []).slice(from, from + limit);
    return { activities, watermark: dropped + from + activities.length };
  }

  async forget(conversationId: string): Promise<void> {
    this.entries.delete(conversationId);
  }

  subscribe(conversationId: string, onAppend: () => void): () => void {
    this.events.on(conversationId, onAppend);
    return () => this.events.off(conversationId, onAppend);
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    this.events.removeAllListeners();
  }
}
