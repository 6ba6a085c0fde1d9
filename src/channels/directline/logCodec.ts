import { createHash } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Activity } from 'botbuilder';
import { EMBEDDED_CHANNEL_ID, EMBEDDED_SERVICE_URL } from './adapter';

/**
 * How a Direct Line log entry is kept in Redis. The log was most of a conversation's bytes, and most of
 * an entry is said again elsewhere: the conversation's and its user's ids and routing fields in every
 * entry, the bot's replies in locales/. So each id is written as one byte wherever it appears, the time
 * as milliseconds since the conversation began, fields every activity of the conversation shares are
 * left out, and the rest is deflated with a preset dictionary:
 * typical activity JSON and the bot's texts in the activity's language. Reading restores the activity.
 * An entry names its dictionary by hash, and dictionaries are kept beside the logs, so entries written
 * by an instance with other texts (a rolling deploy) still read. Card numbers are masked before an
 * activity reaches the log, so no entry holds one in any form.
 */

/**
 * The first byte of an entry: the format, so a later format can still read entries already stored.
 * 1: the conversation id stood for; 2: its user's id and the time since it began too.
 */
const FORMAT = 2;
const ID_BYTES = 4;
/** Stand for the conversation's and its user's ids: JSON.stringify escapes control characters, so they never occur otherwise. */
const CONVERSATION = '\u0001';
const USER = '\u0002';

/** The conversation an entry belongs to: its record, which entries of format 2 need to be read. */
export interface LogConversation {
  id: string;
  userId?: string;
  createdAt?: string;
}
/** Deflate looks back this far, so a longer dictionary's start would never be used. */
const WINDOW = 32 * 1024;

/** What every entry says besides its text, at the dictionary's end (deflate uses its last 32 KiB). */
const SKELETON = [
  '"inputHint":"acceptingInput","suggestedActions":{"actions":[{"type":"imBack","value":"","title":""},{"type":"imBack","value":"","title":""}]},',
  '"attachments":[{"contentType":"application/vnd.microsoft.card.adaptive","content":{"type":"AdaptiveCard","$schema":"http://adaptivecards.io/schemas/adaptive-card.json","version":"1.3","body":[{"type":"TextBlock","text":"","wrap":true},{"type":"FactSet","facts":[{"title":"","value":""}]}],"actions":[{"type":"Action.Submit","title":"","data":{}}]}}],',
  '"channelData":{"clientActivityID":"","clientTimestamp":""},"localTimestamp":"","localTimezone":"Asia/Shanghai","textFormat":"plain",',
  '{"type":"typing"}{"type":"event","name":"webchat/join","value":{}}{"type":"conversationUpdate","membersAdded":[{"id":"u_","name":"","role":"user"},{"id":"bot","name":"","role":"bot"}]',
  '"replyToId":"\u0001|000000","from":{"id":"bot","name":"","role":"bot"},"recipient":{"id":"u_","name":"","role":"user"},"timestamp":"2026-01-01T00:00:00.000Z"}',
  '{"type":"message","text":"","locale":"zh-CN","channelId":0,"serviceUrl":0,"conversation":0,"from":{"id":"u_","name":"","role":"user"},"recipient":{"id":"bot","name":"","role":"bot"},"timestamp":"2026-',
].join('');

/** Fields whose value is the same in every activity of a conversation, by field: an entry keeps the index instead. */
function sharedValues(conversationId: string): Record<string, unknown[]> {
  return {
    channelId: [EMBEDDED_CHANNEL_ID],
    serviceUrl: [EMBEDDED_SERVICE_URL],
    conversation: [{ id: conversationId, isGroup: false, conversationType: 'personal', name: '' }],
  };
}

/** A dictionary's name in entries and in the store: the start of its hash. */
function idOf(dictionary: Buffer): string {
  return createHash('sha256').update(dictionary).digest('hex').slice(0, 2 * ID_BYTES);
}

export interface LogDictionary {
  id: string;
  bytes: Buffer;
}

export class LogCodec {
  /** This instance's dictionaries by language, the first the default. */
  readonly dictionaries: (LogDictionary & { language: string })[];
  private readonly known = new Map<string, Buffer>();

  /**
   * `texts`: what the bot says, by language (BCP-47 primary tag first, e.g. "zh-CN", "en"). `lookUp`
   * finds a dictionary this instance did not make (an entry from another version).
   */
  constructor(texts: [language: string, texts: string[]][], private readonly lookUp: (id: string) => Promise<Buffer | undefined>) {
    this.dictionaries = texts.map(([language, lines]) => {
      const joined = Buffer.from(`${lines.join('\n')}${SKELETON}`);
      const bytes = joined.subarray(Math.max(0, joined.length - WINDOW));
      return { language, id: idOf(bytes), bytes };
    });
    for (const d of this.dictionaries) this.known.set(d.id, d.bytes);
  }

  /**
   * An activity as stored bytes; the dictionary is the one of the activity's language. Without the
   * conversation's user and start (its record is gone), in format 1.
   */
  encode(conversation: LogConversation, activity: Partial<Activity>): Buffer {
    const shared = sharedValues(conversation.id);
    const since = startOf(conversation);
    const kept: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(activity)) {
      const index = shared[field]?.findIndex((candidate) => JSON.stringify(candidate) === JSON.stringify(value)) ?? -1;
      kept[field] = index >= 0 ? index : value;
    }
    if (since !== undefined && kept.timestamp !== undefined) kept.timestamp = new Date(kept.timestamp as Date | string).getTime() - since;
    let json = JSON.stringify(kept).split(conversation.id).join(CONVERSATION);
    if (since !== undefined) json = json.split(conversation.userId!).join(USER);
    const primary = (activity.locale ?? '').split('-')[0].toLowerCase();
    const dictionary = this.dictionaries.find((d) => d.language.split('-')[0].toLowerCase() === primary) ?? this.dictionaries[0];
    return Buffer.concat([Buffer.of(since === undefined ? 1 : FORMAT), Buffer.from(dictionary.id, 'hex'), deflateRawSync(json, { dictionary: dictionary.bytes })]);
  }

  /** The activity an entry was made from (`timestamp` as the ISO string JSON carries). */
  async decode(conversation: LogConversation, entry: Buffer): Promise<Partial<Activity>> {
    const format = entry[0];
    if (format !== 1 && format !== FORMAT) throw new Error(`unknown Direct Line log entry format ${format}`);
    const since = format === FORMAT ? startOf(conversation) : undefined;
    if (format === FORMAT && since === undefined) throw new Error('Direct Line log entry without its conversation record');
    const id = entry.subarray(1, 1 + ID_BYTES).toString('hex');
    let dictionary = this.known.get(id);
    if (!dictionary) {
      dictionary = await this.lookUp(id);
      if (!dictionary) throw new Error(`Direct Line log dictionary ${id} is missing`);
      this.known.set(id, dictionary);
    }
    let json = inflateRawSync(entry.subarray(1 + ID_BYTES), { dictionary }).toString('utf8').split(CONVERSATION).join(conversation.id);
    if (since !== undefined) json = json.split(USER).join(conversation.userId!);
    const activity = JSON.parse(json) as Record<string, unknown>;
    for (const [field, values] of Object.entries(sharedValues(conversation.id))) {
      if (typeof activity[field] === 'number') activity[field] = structuredClone(values[activity[field] as number]);
    }
    if (since !== undefined && typeof activity.timestamp === 'number') activity.timestamp = new Date(since + activity.timestamp).toISOString();
    return activity as Partial<Activity>;
  }
}

/** When the conversation began (epoch ms), when its record says so and who its user is. */
function startOf({ userId, createdAt }: LogConversation): number | undefined {
  const since = createdAt ? Date.parse(createdAt) : NaN;
  return userId && Number.isFinite(since) ? since : undefined;
}
