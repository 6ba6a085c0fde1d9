import type { TranscriptStore } from './transcriptStore';
import type { NewEntry, TranscriptEntry } from './types';

/**
 * What an agent (or a contact centre, or a subject's data export) reads of a conversation. A transcript
 * is only kept once a handoff starts: it begins with what the conversation already holds (its Direct
 * Line log, or its last lines), then the handoff adds its own. Owns the transcript store.
 */
export class TranscriptService {
  constructor(private readonly store: TranscriptStore) {}

  /**
   * A handoff starts: the transcript, first completed with the lines of `said` later than its last
   * line (all of them the first time; after an earlier handoff, what was said since).
   */
  async begin(conversationId: string, said: NewEntry[]): Promise<TranscriptEntry[]> {
    const last = (await this.store.read(conversationId)).at(-1)?.at ?? -Infinity;
    await this.store.log(conversationId, said.filter((e) => e.at > last));
    return this.store.read(conversationId);
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
