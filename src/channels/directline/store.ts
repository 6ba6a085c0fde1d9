import type { Activity } from 'botbuilder';

/** A conversation opened through the embedded Direct Line. */
export interface ConversationRecord {
  id: string;
  /** The only user allowed to post here; user state is keyed by it. */
  userId: string;
  locale?: string;
  createdAt: string;
}

export interface ActivityPage {
  activities: Partial<Activity>[];
  /** Sequence number of the last activity in the log up to this page; pass it back to get what follows. */
  watermark: number;
}

/**
 * Where the embedded Direct Line keeps conversations and their activity logs. The log is the
 * source of truth; `subscribe` is only a wake-up signal, so a missed signal never loses an activity.
 */
export interface DirectLineStore {
  createConversation(record: ConversationRecord): Promise<void>;
  getConversation(id: string): Promise<ConversationRecord | undefined>;
  /** Resolves true exactly once per conversation: the first start greets the user. */
  markStarted(id: string): Promise<boolean>;
  /**
   * Appends with the next sequence number; stamps `id` (`<conversation>|<seq>`) and `timestamp`. A log
   * keeps its last `maxActivities` only: the oldest go, the sequence numbers go on.
   */
  append(conversationId: string, activity: Partial<Activity>): Promise<Partial<Activity>>;
  /**
   * Activities after `watermark` (all when undefined), at most `limit`; a watermark older than what
   * the log still keeps gets the oldest kept.
   */
  list(conversationId: string, watermark: number | undefined, limit: number): Promise<ActivityPage>;
  subscribe(conversationId: string, onAppend: () => void): () => void;
  /** Drops a conversation and its log (a data subject's erasure). */
  forget(conversationId: string): Promise<void>;
  close(): Promise<void>;
}

export function activityId(conversationId: string, seq: number): string {
  return `${conversationId}|${String(seq).padStart(7, '0')}`;
}

/** Activities read at a time when a whole log is read. */
const LOG_PAGE = 500;

/** A conversation's whole activity log as kept (card numbers masked), oldest first. */
export async function wholeLog(store: Pick<DirectLineStore, 'list'>, conversationId: string): Promise<Partial<Activity>[]> {
  const activities: Partial<Activity>[] = [];
  for (let page = await store.list(conversationId, 0, LOG_PAGE); page.activities.length; page = await store.list(conversationId, page.watermark, LOG_PAGE)) {
    activities.push(...page.activities);
  }
  return activities;
}
