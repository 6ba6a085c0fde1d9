import { ExpiringMap, type ExpiryLimits } from '../state/expiringMap';
import type { NewEntry, TranscriptEntry } from './types';

const TRANSCRIPT_MAX = 1000;

/**
 * A conversation's transcript, the lines an agent reads: what was said before a handoff (`log`, when it
 * starts) and the handoff's own lines, which its transitions add in the same atomic step as the change
 * they record.
 */
export interface TranscriptStore {
  /** Appends lines at their own times (never before the transcript's last line). */
  log(conversationId: string, entries: NewEntry[]): Promise<void>;
  /** Oldest first, after the entry `afterId` when given. */
  read(conversationId: string, afterId?: string, limit?: number): Promise<TranscriptEntry[]>;
  /** Drops the transcript. */
  forget(conversationId: string): Promise<void>;
}

/**
 * Transcripts of a single process; the memory handoff store appends its transitions' lines here. Like
 * Redis's, a transcript goes when idle, and beyond `maxEntries` conversations the longest idle go first.
 */
export class MemoryTranscriptStore implements TranscriptStore {
  private readonly transcripts: ExpiringMap<string, TranscriptEntry[]>;
  private lastMs = 0;
  private seq = 0;

  constructor(limits: ExpiryLimits, now: () => number = () => Date.now()) {
    this.transcripts = new ExpiringMap(limits, now);
  }

  async log(conversationId: string, entries: NewEntry[]): Promise<void> {
    for (const entry of entries) this.append(conversationId, entry);
  }

  async read(conversationId: string, afterId?: string, limit = TRANSCRIPT_MAX): Promise<TranscriptEntry[]> {
    const all = this.transcripts.get(conversationId) ?? [];
    return (afterId ? all.filter((e) => compareIds(e.id, afterId) > 0) : all).slice(0, limit);
  }

  async forget(conversationId: string): Promise<void> {
    this.transcripts.delete(conversationId);
  }

  /** Ids like Redis stream ids ("ms-seq"), so both stores order and page the same way. */
  append(conversationId: string, entry: NewEntry): string {
    const ms = Math.max(Date.now(), this.lastMs);
    this.seq = ms === this.lastMs ? this.seq + 1 : 0;
    this.lastMs = ms;
    const id = `${ms}-${this.seq}`;
    const list = this.transcripts.get(conversationId) ?? [];
    list.push({ ...entry, id });
    if (list.length > TRANSCRIPT_MAX) list.splice(0, list.length - TRANSCRIPT_MAX);
    this.transcripts.set(conversationId, list);
    return id;
  }
}

function compareIds(a: string, b: string): number {
  const [am, as] = a.split('-').map(Number);
  const [bm, bs] = b.split('-').map(Number);
  return am - bm || as - bs;
}
