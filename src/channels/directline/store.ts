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
  /** Appends with the next sequence number; stamps `id` (`<conversation>|<seq>`) and `timestamp`. */
  append(conversationId: string, activity: Partial<Activity>): Promise<Partial<Activity>>;
  /** Activities after `watermark` (all when undefined), at most `limit`. */
  list(conversationId: string, watermark: number | undefined, limit: number): Promise<ActivityPage>;
  subscribe(conversationId: string, onAppend: () => void): () => void;
  /** Drops a conversation and its log (a data subject's erasure). */
  forget(conversationId: string): Promise<void>;
  close(): Promise<void>;
}

export function activityId(conversationId: string, seq: number): string {
  return `${conversationId}|${String(seq).padStart(7, '0')}`;
}
