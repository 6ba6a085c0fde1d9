import type { TranscriptStore } from './transcriptStore';
import type { NewEntry, TranscriptEntry } from './types';

/**
 * What an agent (or a contact centre, or a subject's data export) reads of a conversation: the lines
 * the transcript recorder writes after each bot turn, and the handoff's own. Owns the transcript store.
 */
export class TranscriptService {
  constructor(private readonly store: TranscriptStore) {}

  /** Lines of a bot turn, card numbers already masked. */
  record(conversationId: string, entries: NewEntry[]): Promise<void> {
    return this.store.log(conversationId, entries);
  }

  /** Oldest first, after the entry `afterId` when given. */
  read(conversationId: string, afterId?: string): Promise<TranscriptEntry[]> {
    return this.store.read(conversationId, afterId);
  }

  /** Drops a conversation's transcript (a data subject's erasure). */
  forget(conversationId: string): Promise<void> {
    return this.store.forget(conversationId);
  }
}
