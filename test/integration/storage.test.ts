import { MemoryStorage, TestAdapter, TurnContext, type Storage, type StoreItems } from 'botbuilder';
import { createLogger } from '../../src/log/logger';
import { JsonConversationState } from '../../src/state/botStates';
import { connectRedis, type RedisConnection } from '../../src/state/redisConnection';
import { botStateTtl, RedisStorage } from '../../src/state/redisStorage';
import { startRedis, startRedisCluster, type RedisServer } from '../helpers/redis';

const CONFLICT = /^Storage: error writing "k" due to eTag conflict\.$/;
const logger = createLogger('silent');

async function ready(client: RedisConnection): Promise<void> {
  for (let i = 0; i < 100 && !client.isReady; i++) await new Promise((r) => setTimeout(r, 50));
}

interface Subject {
  storage: Storage;
  ttl?: (key: string) => Promise<number>;
  close(): Promise<void>;
}

/**
 * Where botbuilder's MemoryStorage differs from the design: it overwrites on a missing eTag, does not
 * copy the new eTag into the written item, and has no TTL.
 */
interface Traits {
  redis: boolean;
}

const subjects: [string, Traits, () => Promise<Subject>][] = [
  ['MemoryStorage', { redis: false }, async () => ({ storage: new MemoryStorage(), close: async () => undefined })],
  [
    'RedisStorage',
    { redis: true },
    async () => {
      const server: RedisServer = await startRedis();
      const client = connectRedis({ url: server.url, commandTimeoutMs: 2000 }, logger, 'test');
      await ready(client);
      const storage = new RedisStorage(client, { prefix: 't:', ttlSeconds: botStateTtl({ user: 3000, conversation: 600 }), timeoutMs: 2000 });
      return { storage, ttl: (k) => client.ttl(`t:state:${k}`), close: async () => { await client.quit(); await server.stop(); } };
    },
  ],
  [
    'RedisStorage on a 3-node cluster',
    { redis: true },
    async () => {
      const cluster = await startRedisCluster();
      const client = connectRedis({ clusterNodes: cluster.urls, commandTimeoutMs: 2000 }, logger, 'test');
      await new Promise((r) => setTimeout(r, 500));
      const storage = new RedisStorage(client, { prefix: 't:', ttlSeconds: botStateTtl({ user: 3000, conversation: 600 }), timeoutMs: 2000 });
      return { storage, ttl: (k) => client.ttl(`t:state:${k}`), close: async () => { await client.quit(); await cluster.stop(); } };
    },
  ],
];

describe.each(subjects)('Storage contract: %s', (_name, traits, make) => {
  let s: Subject;
  beforeAll(async () => {
    s = await make();
  });
  afterAll(() => s.close());
  beforeEach(() => s.storage.delete(['k', 'a', 'b', 'c', 'counter']));

  it('creates and reads back with an eTag', async () => {
    await s.storage.write({ k: { name: '张三', nested: { n: 1 } } });
    const read = await s.storage.read(['k', 'missing']);
    expect(read).toEqual({ k: { name: '张三', nested: { n: 1 }, eTag: expect.any(String) } });
  });

  (traits.redis ? it : it.skip)('copies the new eTag into the written item', async () => {
    const item: Record<string, unknown> = { v: 1 };
    await s.storage.write({ k: item });
    expect(item.eTag).toBe((await s.storage.read(['k'])).k.eTag);
  });

  it('"*" overwrites whatever is there', async () => {
    await s.storage.write({ k: { v: 1 } });
    await s.storage.write({ k: { v: 2, eTag: '*' } });
    expect((await s.storage.read(['k'])).k.v).toBe(2);
  });

  it('a matching eTag writes; a stale one throws the MemoryStorage conflict error', async () => {
    await s.storage.write({ k: { v: 1 } });
    const first = (await s.storage.read(['k'])).k;
    await s.storage.write({ k: { ...first, v: 2 } });
    await expect(s.storage.write({ k: { ...first, v: 3 } })).rejects.toThrow(CONFLICT);
    expect((await s.storage.read(['k'])).k.v).toBe(2);
  });

  it('without an eTag: creates an absent item; an existing one is refused (Redis) or overwritten (MemoryStorage)', async () => {
    await s.storage.write({ k: { v: 1 } });
    const second = s.storage.write({ k: { v: 2 } });
    if (traits.redis) {
      await expect(second).rejects.toThrow(CONFLICT);
      expect((await s.storage.read(['k'])).k.v).toBe(1);
    } else {
      await second;
      expect((await s.storage.read(['k'])).k.v).toBe(2);
    }
  });

  it('writes and reads several items in one batch, and deletes', async () => {
    await s.storage.write({ a: { v: 'a' }, b: { v: 'b' }, c: { v: 'c' } });
    expect(Object.keys(await s.storage.read(['a', 'b', 'c'])).sort()).toEqual(['a', 'b', 'c']);
    await s.storage.delete(['a', 'c']);
    expect(Object.keys(await s.storage.read(['a', 'b', 'c']))).toEqual(['b']);
  });

  (traits.redis ? it : it.skip)('sets the TTL on write (user state longer than conversation state)', async () => {
    await s.storage.write({ 'webchat/users/u1': { v: 1 }, 'webchat/conversations/c1': { v: 1 } });
    const user = await s.ttl!('webchat/users/u1');
    const conversation = await s.ttl!('webchat/conversations/c1');
    expect(user).toBeGreaterThan(0);
    expect(conversation).toBeGreaterThan(0);
    expect(user).toBeGreaterThan(conversation);
    await s.storage.delete(['webchat/users/u1', 'webchat/conversations/c1']);
  });

  it('50 concurrent read-modify-write loops on one key lose no update', async () => {
    await s.storage.write({ counter: { n: 0 } });
    const increment = async () => {
      for (;;) {
        const current = (await s.storage.read(['counter'])).counter;
        try {
          await s.storage.write({ counter: { ...current, n: current.n + 1 } });
          return;
        } catch (err) {
          if (!CONFLICT.test((err as Error).message.replace('"counter"', '"k"'))) throw err;
        }
      }
    };
    await Promise.all(Array.from({ length: 50 }, increment));
    expect((await s.storage.read(['counter'])).counter.n).toBe(50);
  });

  it('bot state over it: a turn that changed nothing writes nothing, a changed one writes what it changed', async () => {
    const written: StoreItems[] = [];
    const storage: Storage = {
      read: (keys) => s.storage.read(keys),
      write: (changes) => {
        written.push(JSON.parse(JSON.stringify(changes)));
        return s.storage.write(changes);
      },
      delete: (keys) => s.storage.delete(keys),
    };
    const state = new JsonConversationState(storage);
    const form = state.createProperty<{ name: string; tags: string[] }>('form');
    const turn = () =>
      new TurnContext(new TestAdapter(), { type: 'message', channelId: 'test', conversation: { id: 'state-c' } as TurnContext['activity']['conversation'], from: { id: 'u', name: 'user' }, recipient: { id: 'bot', name: 'bot' } });
    await storage.delete(['test/conversations/state-c']);

    let context = turn();
    await form.set(context, { name: '张三 "x"', tags: ['a'] });
    await state.saveChanges(context);
    expect(written).toHaveLength(1);

    context = turn();
    expect(await form.get(context)).toEqual({ name: '张三 "x"', tags: ['a'] });
    await state.saveChanges(context);
    expect(written).toHaveLength(1);

    (await form.get(context))!.tags.push('b');
    await state.saveChanges(context);
    expect(written).toHaveLength(2);
    expect(await form.get(turn())).toEqual({ name: '张三 "x"', tags: ['a', 'b'] });
  });
});

describe('RedisStorage keeps long documents deflated', () => {
  let server: RedisServer;
  let client: RedisConnection;
  let storage: RedisStorage;
  const fields = async (key: string) => Object.keys(await client.hGetAll(`t:state:${key}`)).sort();

  beforeAll(async () => {
    server = await startRedis();
    client = connectRedis({ url: server.url, commandTimeoutMs: 2000 }, logger, 'test');
    await ready(client);
    storage = new RedisStorage(client, { prefix: 't:', ttlSeconds: () => 600, timeoutMs: 2000 });
  });
  afterAll(async () => {
    await client.quit();
    await server.stop();
  });

  it('a long document is stored deflated, in fewer bytes, and reads back as written; a short one stays plain JSON', async () => {
    const lines = Array.from({ length: 20 }, (_, i) => [1_800_000_000_000 + i, i % 2 ? 'bot' : 'user', `请输入您的结算银行卡号，第 ${i} 行`]);
    await storage.write({ long: { recent: lines, eTag: '*' }, short: { n: 1, eTag: '*' } });
    expect(await fields('long')).toEqual(['etag', 'z']);
    expect(await fields('short')).toEqual(['doc', 'etag']);
    expect(Number(await client.hStrLen('t:state:long', 'z')) * 2).toBeLessThan(Buffer.byteLength(JSON.stringify({ recent: lines })));
    const read = await storage.read(['long', 'short']);
    expect(read).toEqual({ long: { recent: lines, eTag: expect.any(String) }, short: { n: 1, eTag: expect.any(String) } });
  });

  it('reads a document kept as plain JSON by an earlier version, and a write in the other form leaves one copy', async () => {
    const long = { text: '张三'.repeat(400) };
    await client.hSet('t:state:old', { doc: JSON.stringify(long), etag: 'e1' });
    expect(await storage.read(['old'])).toEqual({ old: { ...long, eTag: 'e1' } });
    await storage.write({ old: { ...long, more: true, eTag: 'e1' } });
    expect(await fields('old')).toEqual(['etag', 'z']);
    await storage.write({ old: { n: 2, eTag: '*' } });
    expect(await fields('old')).toEqual(['doc', 'etag']);
    expect((await storage.read(['old'])).old).toEqual({ n: 2, eTag: expect.any(String) });
  });

  it('during a rolling deploy, what an instance of the earlier version wrote last over a deflated document is what reads', async () => {
    await storage.write({ mixed: { text: '张三'.repeat(400), eTag: '*' } });
    // The earlier version's write: `doc` and `etag`, the deflated field left as it was.
    await client.hSet('t:state:mixed', { doc: JSON.stringify({ n: 3 }), etag: 'e2' });
    expect(await storage.read(['mixed'])).toEqual({ mixed: { n: 3, eTag: 'e2' } });
  });
});
