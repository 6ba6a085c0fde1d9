import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import { LuaScript, withTimeout, type RedisConnection } from './redisConnection';
import { jsonToWrite, readFrom } from './stateJson';

/**
 * Compare-and-set of one item: eTag "*" overwrites, no eTag creates only, any other eTag must match.
 * One script per key keeps every write on one hash slot (Redis Cluster) and atomic without
 * WATCH/MULTI, which loses updates on a multiplexed client.
 */
const CAS = new LuaScript(`
local current = redis.call('HGET', KEYS[1], 'etag')
local expected = ARGV[2]
if expected == '' then
  if current then return 0 end
elseif expected ~= '*' then
  if current ~= expected then return 0 end
end
redis.call('HSET', KEYS[1], 'doc', ARGV[1], 'etag', ARGV[3])
if tonumber(ARGV[4]) > 0 then redis.call('EXPIRE', KEYS[1], ARGV[4]) end
return 1
`);

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

/** botbuilder `Storage` on Redis: one hash per item (`doc` JSON, `etag`) under a key prefix. */
export class RedisStorage implements Storage {
  constructor(private readonly client: RedisConnection, private readonly options: RedisStorageOptions) {}

  private key(key: string): string {
    return `${this.options.prefix}state:${key}`;
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    const values = await withTimeout(Promise.all(keys.map((k) => this.client.hmGet(this.key(k), ['doc', 'etag']))), this.options.timeoutMs);
    const items: StoreItems = {};
    keys.forEach((key, i) => {
      const [doc, eTag] = values[i] as (string | null)[];
      if (doc === null || doc === undefined) return;
      const item = JSON.parse(doc) as Record<string, unknown>;
      // What was written has no eTag (write leaves it out), so it goes last, as a spread copy put it.
      item.eTag = eTag;
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
          const next = randomUUID();
          const written = await CAS.run(this.client, [this.key(key)], [json, eTag ?? '', next, String(this.options.ttlSeconds(key))]);
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
