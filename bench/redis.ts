/**
 * `npm run bench:redis`: what Redis costs, measured against a baseline in the same run on a private
 * redis-server: CAS storage writes/s vs plain HSET with 50 in flight, added latency of the turn lock,
 * and Redis bytes per conversation after a 10-turn widget conversation.
 */
import { loadConfig } from '../src/config';
import { createApp } from '../src/app';
import { createLogger } from '../src/log/logger';
import { connectRedis, type RedisConnection } from '../src/state/redisConnection';
import { RedisStorage } from '../src/state/redisStorage';
import { RedisTurnLock } from '../src/state/turnLock';
import { startRedis } from './processes';
import { QUESTIONS, widgetRedisBytes } from './widgetRedis';


async function rate(seconds: number, inFlight: number, op: (worker: number, n: number) => Promise<unknown>): Promise<number> {
  const deadline = Date.now() + seconds * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async (_, worker) => {
      for (let n = 0; Date.now() < deadline; n++) {
        await op(worker, n);
        done++;
      }
    }),
  );
  return done / seconds;
}

async function latency(times: number, op: () => Promise<unknown>): Promise<{ p50: number; mean: number }> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = process.hrtime.bigint();
    await op();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { p50: samples[Math.floor(times / 2)], mean: samples.reduce((a, b) => a + b, 0) / times };
}

async function main(): Promise<void> {
  const redis = await startRedis();
  const url = redis.url;
  const logger = createLogger('silent');
  const client: RedisConnection = connectRedis({ url, commandTimeoutMs: 2000 }, logger, 'bench');
  while (!client.isReady) await new Promise((r) => setTimeout(r, 20));
  try {
    const storage = new RedisStorage(client, { prefix: 'bench:', ttlSeconds: () => 600, timeoutMs: 2000 });
    const doc = JSON.stringify({ dialogState: { dialogStack: [] }, profile: { language: 'zh-CN' } });
    const hset = await rate(3, 50, (w, n) => client.hSet(`bench:plain:${w}`, { doc, etag: String(n) }));
    const cas = await rate(3, 50, (w) => storage.write({ [`k${w}`]: { dialogState: { dialogStack: [] }, profile: { language: 'zh-CN' }, eTag: '*' } }));

    const lock = new RedisTurnLock(client, { prefix: 'bench:', leaseMs: 15_000, waitMs: 4000, timeoutMs: 2000, readsWithRequest: true });
    const bare = await latency(2000, async () => undefined);
    const locked = await latency(2000, () => lock.run('c', async () => undefined));

    await client.flushAll();
    const app = createApp(loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', REDIS_URL: url, DIRECTLINE_SECRET: 'bench-secret-'.padEnd(48, 'b'), PII_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'), RATE_LIMIT_TOKENS_PER_MINUTE: '1000' }));
    const base = await app.start();
    while ((await fetch(`${base}/readyz`)).status !== 200) await new Promise((r) => setTimeout(r, 50));
    const conversations = 20;
    const widget = await widgetRedisBytes(base, url, conversations);
    await app.stop();

    const rows = [
      ['plain HSET, 50 in flight (baseline)', `${Math.round(hset).toLocaleString('en')} ops/s`],
      ['RedisStorage CAS write, 50 in flight', `${Math.round(cas).toLocaleString('en')} ops/s (${((cas / hset) * 100).toFixed(0)}% of HSET)`],
      ['turn lock: empty turn without / with lock', `${bare.mean.toFixed(3)} ms / ${locked.mean.toFixed(3)} ms mean (p50 ${locked.p50.toFixed(3)} ms): +${(locked.mean - bare.mean).toFixed(3)} ms`],
      [`Redis per conversation (${conversations} × welcome + ${QUESTIONS.length} turns)`, `${Math.round(widget.perConversation)} bytes (${widget.keysPerConversation} keys; includes the activity log)`],
    ];
    for (const [kind, size] of [...widget.byKind].sort()) rows.push([`  of which ${kind}`, `${Math.round(size)} bytes`]);
    rows.push(['  baseline: the log as plain JSON entries', `${Math.round(widget.perConversationLogAsJson)} bytes`]);
    rows.push(['Redis shared by all conversations', `${widget.shared} bytes (the activity log's dictionaries)`]);
    for (const [what, value] of rows) process.stdout.write(`${what.padEnd(58)} ${value}\n`);
  } finally {
    await client.close();
    redis.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
