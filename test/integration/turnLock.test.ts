import { createLogger } from '../../src/log/logger';
import { connectRedis, type RedisConnection } from '../../src/state/redisConnection';
import { RedisTurnLock, TURN_LOCK_TIMING } from '../../src/state/turnLock';
import { startRedis, type RedisServer } from '../helpers/redis';

describe('the turn lock across instances', () => {
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

  it('a lock left by a crashed instance does not fail the first retry', async () => {
    const lock = new RedisTurnLock(client, { prefix: 'crash:', ...TURN_LOCK_TIMING, timeoutMs: 2000 });
    // What an instance killed in the middle of a turn leaves behind: its lease, never released.
    await client.set('crash:lock:{conversation-1}', 'crashed-holder', { PX: TURN_LOCK_TIMING.leaseMs });
    await expect(lock.run('conversation-1', async () => 'answered')).resolves.toBe('answered');
  });

  it('a long turn keeps its lock: another instance waits for it', async () => {
    const [first, second] = [0, 1].map(() => new RedisTurnLock(client, { prefix: 'long:', ...TURN_LOCK_TIMING, timeoutMs: 2000 }));
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
