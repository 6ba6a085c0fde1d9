import { randomBytes } from 'node:crypto';
import { constants, deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Storage, StoreItems } from 'botbuilder';
import { binaryReplies, LuaScript, withTimeout, type RedisConnection } from './redisConnection';
import { jsonToWrite, readFrom } from './stateJson';

/**
 * Compare-and-set of one item: eTag "*" overwrites, no eTag creates only, any other eTag must match.
 * One script per key keeps every write on one hash slot (Redis Cluster) and atomic without
 * WATCH/MULTI, which loses updates on a multiplexed client. ARGV[5] names the field the document goes
 * in (see DOC and DEFLATED); the other is dropped.
 */
const CAS = new LuaScript(`
local current = redis.call('HGET', KEYS[1], 'etag')
local expected = ARGV[2]
if expected == '' then
  if current then return 0 end
elseif expected ~= '*' then
  if current ~= expected then return 0 end
end
redis.call('HSET', KEYS[1], ARGV[5], ARGV[1], 'etag', ARGV[3])
redis.call('HDEL', KEYS[1], ARGV[5] == 'doc' and 'z' or 'doc')
if tonumber(ARGV[4]) > 0 then redis.call('EXPIRE', KEYS[1], ARGV[4]) end
return 1
`);

/** The fields a document is kept in: its JSON, or the JSON deflated (raw deflate). */
const DOC = 'doc';
const DEFLATED = 'z';
/**
 * A document of this many characters or more is kept deflated: a conversation's state after a few turns
 * (the dialog stack, a chat's last lines) halves. Below, a few hundred bytes saved would cost a dialog
 * turn about 2% of its CPU (a user's draft is written at every step).
 */
const DEFLATE_FROM_CHARS = 512;
/** Fastest level: 2% larger than the default on a conversation's state, in less time. */
const DEFLATE_OPTIONS = { level: constants.Z_BEST_SPEED };

export interface RedisStorageOptions {
  prefix: string;
  /** Seconds an item lives after its last write (0 = forever), by botbuilder key. */
  ttlSeconds: (key: string) => number;
  timeoutMs: number;
}

/** Expiry by kind of bot state, from botbuilder's keys: "<channel>/users/<user>" (UserState), "<channel>/conversations/<id>" (ConversationState). */
export function botStateTtl(seconds: { user: number; conversation: number }): (key: string) => number {
  return (key) => (key.includes('/users/') ? seconds.user : seconds.conversation);
}

/** botbuilder `Storage` on Redis: one hash per item (the document as `doc` JSON or `z` deflated JSON, `etag`) under a key prefix. */
export class RedisStorage implements Storage {
  /** Reads values as bytes (a deflated document is binary). */
  private readonly binary: ReturnType<typeof binaryReplies>;
  /**
   * eTags are this storage's random prefix (48 bits) and a count: an item's eTag only has to differ
   * from its earlier ones. A UUID's 36 characters were a tenth of a user's state, and fresh random
   * bytes for every write 2% of a dialog turn's CPU.
   */
  private readonly eTagPrefix = randomBytes(6).toString('base64url');
  private written = 0;

  constructor(private readonly client: RedisConnection, private readonly options: RedisStorageOptions) {
    this.binary = binaryReplies(client);
  }

  private key(key: string): string {
    return `${this.options.prefix}state:${key}`;
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    const values = await withTimeout(Promise.all(keys.map((k) => this.binary.hmGet(this.key(k), [DOC, DEFLATED, 'etag']))), this.options.timeoutMs);
    const items: StoreItems = {};
    keys.forEach((key, i) => {
      const [plain, deflated, eTag] = values[i] as (Buffer | null)[];
      // Both only when an instance of an earlier version (which writes `doc`, never `z`) wrote last.
      const doc = plain ? plain.toString() : deflated ? inflateRawSync(deflated).toString() : undefined;
      if (doc === undefined) return;
      const item = JSON.parse(doc) as Record<string, unknown>;
      // What was written has no eTag (write leaves it out), so it goes last, as a spread copy put it.
      item.eTag = eTag?.toString();
      readFrom(item, doc);
      items[key] = item;
    });
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    await withTimeout(
      Promise.all(
        Object.entries(changes).map(async ([key, item]) => {
          const { eTag } = item as { eTag?: string };
          const json = jsonToWrite(item);
          const deflate = json.length >= DEFLATE_FROM_CHARS;
          const doc = deflate ? deflateRawSync(json, DEFLATE_OPTIONS) : json;
          const next = `${this.eTagPrefix}${(this.written++).toString(36)}`;
          const written = await CAS.run(this.client, [this.key(key)], [doc, eTag ?? '', next, String(this.options.ttlSeconds(key)), deflate ? DEFLATED : DOC]);
          if (written !== 1) throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
          (item as { eTag?: string }).eTag = next;
        }),
      ),
      this.options.timeoutMs,
    );
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    if (keys.length) await withTimeout(Promise.all(keys.map((k) => this.client.del(this.key(k)))), this.options.timeoutMs);
  }
}
