import { withTimeout, type RedisConnection } from '../state/redisConnection';
import { handoffKeyBase, LOG } from './redisScripts';
import type { TranscriptStore } from './transcriptStore';
import type { NewEntry, TranscriptEntry } from './types';

export interface RedisTranscriptStoreOptions {
  prefix: string;
  timeoutMs: number;
  /** Transcripts (and message ids) expire this long after their last line. */
  transcriptTtlSeconds: number;
}

/** A stream per conversation, beside the handoff keys (the handoff scripts add their lines to it). */
export class RedisTranscriptStore implements TranscriptStore {
  private readonly base: string;

  constructor(private readonly client: RedisConnection, private readonly options: RedisTranscriptStoreOptions) {
    this.base = handoffKeyBase(options.prefix);
  }

  async log(conversationId: string, entries: NewEntry[]): Promise<void> {
    if (!entries.length) return;
    const args = [this.base, String(this.options.transcriptTtlSeconds), conversationId, ...entries.flatMap((e) => [String(e.at), ...encode(e)])];
    await withTimeout(LOG.run(this.client, [`${this.base}queue`], args), this.options.timeoutMs);
  }

  async read(conversationId: string, afterId?: string, limit = 1000): Promise<TranscriptEntry[]> {
    const raw = await withTimeout(this.client.xRange(`${this.base}t:${conversationId}`, afterId ? `(${afterId}` : '-', '+', { COUNT: limit }), this.options.timeoutMs);
    return (raw ?? []).map(({ id, message }) => decode(id, message as Record<string, string>));
  }

  async forget(conversationId: string): Promise<void> {
    await withTimeout(this.client.del(`${this.base}t:${conversationId}`), this.options.timeoutMs);
  }
}

/**
 * A transcript line as stream fields: who, the text, and the rest as JSON, each left out when empty;
 * the time is the entry id's. Compact on purpose: the transcript is most of a conversation's bytes.
 */
export function encode(entry: NewEntry): [string, string, string] {
  const { at: _at, from, text, ...rest } = entry;
  return [from, text ?? '', Object.keys(rest).length ? JSON.stringify(rest) : ''];
}

function decode(id: string, fields: Record<string, string>): TranscriptEntry {
  return { id, at: Number(id.split('-')[0]), ...lineOf(fields) };
}

function lineOf(fields: Record<string, string>): Omit<NewEntry, 'at'> {
  return {
    from: fields.f as TranscriptEntry['from'],
    ...(fields.t ? { text: fields.t } : {}),
    ...(fields.m ? (JSON.parse(fields.m) as Partial<TranscriptEntry>) : {}),
  };
}
