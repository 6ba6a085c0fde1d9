import { createLogger } from '../../src/log/logger';
import { connectRedis, type RedisConnection } from '../../src/state/redisConnection';
import { RedisSeenActivities } from '../../src/state/idempotency';
import { RedisTurnLock, TURN_LOCK_TIMING } from '../../src/state/turnLock';
import { startRedis, type RedisServer } from '../helpers/redis';

// One redis-server for the file: the lock's tests and the ids' use keys of their own.
let redis: RedisServer;
let client: RedisConnection;

beforeAll(async () => {
  redis = await startRedis();
  client = connectRedis({ url: redis.url, commandTimeoutMs: 2000 }, createLogger('silent'), 'test');
  for (let i = 0; i < 100 && !client.isReady; i++) await new Promise((r) => setTimeout(r, 20));
});
afterAll(async () => {
  await client?.quit();
  await redis?.stop();
});

describe('the turn lock across instances', () => {
  it('a lock left by a crashed instance does not fail the first retry', async () => {
    const lock = new RedisTurnLock(client, { prefix: 'crash:', ...TURN_LOCK_TIMING, timeoutMs: 2000, readsWithRequest: true });
    // What an instance killed in the middle of a turn leaves behind: its lease, never released.
    await client.set('crash:lock:{conversation-1}', 'crashed-holder', { PX: TURN_LOCK_TIMING.leaseMs });
    await expect(lock.run('conversation-1', async () => 'answered')).resolves.toBe('answered');
  });

  it('a turn frees its lock on the way out: the next command on the connection finds it gone', async () => {
    const lock = new RedisTurnLock(client, { prefix: 'free:', ...TURN_LOCK_TIMING, timeoutMs: 2000, readsWithRequest: true });
    await lock.run('conversation-3', async () => expect(await client.get('free:lock:{conversation-3}')).not.toBeNull());
    expect(await client.get('free:lock:{conversation-3}')).toBeNull();
    await expect(lock.run('conversation-3', async () => 'next')).resolves.toBe('next');
  });

  it("reads sent with a refused request for the lock are sent again once it is held: the turn reads what the holder wrote", async () => {
    const other = connectRedis({ url: redis.url, commandTimeoutMs: 2000 }, createLogger('silent'), 'test');
    for (let i = 0; i < 100 && !other.isReady; i++) await new Promise((r) => setTimeout(r, 20));
    try {
      const [first, second] = [client, other].map((c) => new RedisTurnLock(c, { prefix: 'reads:', ...TURN_LOCK_TIMING, timeoutMs: 2000, readsWithRequest: true }));
      await client.set('reads:value', 'before');
      const asked: string[] = [];
      let read: Promise<string | null> = Promise.resolve(null);
      const reads = (c: RedisConnection) => () => {
        asked.push(c === client ? 'first' : 'second');
        read = c.get('reads:value');
      };
      expect(await first.run('conversation-4', async () => read, reads(client))).toBe('before');
      let written!: () => void;
      const holding = first.run('conversation-4', async () => {
        await new Promise<void>((r) => (written = r));
        await client.set('reads:value', 'after');
      });
      await new Promise((r) => setTimeout(r, 20));
      const waiting = second.run('conversation-4', async () => read, reads(other));
      await new Promise((r) => setTimeout(r, 20));
      written();
      await holding;
      expect(await waiting).toBe('after');
      expect(asked).toEqual(['first', 'second', 'second']);
    } finally {
      await other.quit();
    }
  });

  it.each([
    [true, ['reads', 'granted', 'turn']],
    [false, ['granted', 'reads', 'turn']],
  ])('readsWithRequest %s: the reads go with the request for the lock, or (a Cluster) once it is granted', async (readsWithRequest, order) => {
    const lock = new RedisTurnLock(client, { prefix: `order-${readsWithRequest}:`, ...TURN_LOCK_TIMING, timeoutMs: 2000, readsWithRequest });
    const events: string[] = [];
    const set = client.set.bind(client);
    const spy = jest.spyOn(client, 'set').mockImplementation(((...args: Parameters<typeof set>) =>
      set(...args).then((reply) => {
        events.push('granted');
        return reply;
      })) as typeof set);
    try {
      await lock.run('conversation-5', async () => void events.push('turn'), () => void events.push('reads'));
    } finally {
      spy.mockRestore();
    }
    expect(events).toEqual(order);
  });

  it('a long turn keeps its lock: another instance waits for it', async () => {
    const [first, second] = [0, 1].map(() => new RedisTurnLock(client, { prefix: 'long:', ...TURN_LOCK_TIMING, timeoutMs: 2000, readsWithRequest: true }));
    const order: string[] = [];
    const long = first.run('conversation-2', async () => {
      await new Promise((r) => setTimeout(r, TURN_LOCK_TIMING.leaseMs + 500));
      order.push('long turn');
    });
    await new Promise((r) => setTimeout(r, 50));
    const next = second.run('conversation-2', async () => order.push('next turn')).catch(() => order.push('next turn gave up'));
    await Promise.all([long, next]);
    expect(order).toEqual(['long turn', 'next turn']);
  });
});

describe('activity ids seen, in Redis', () => {
  it("an id is remembered per conversation; the conversation's ids are kept a day after its last", async () => {
    const seen = new RedisSeenActivities(client, 'seen-test:', 2000, 86_400);
    expect(await seen.ran('c1', 'a1')).toBe(false);
    await seen.remember('c1', 'a1');
    expect(await seen.ran('c1', 'a1')).toBe(true);
    expect(await seen.ran('c2', 'a1')).toBe(false);
    await client.expire('seen-test:seen:{c1}', 10);
    await seen.remember('c1', 'a2');
    expect(await client.ttl('seen-test:seen:{c1}')).toBeGreaterThan(86_000);
  });
});
