// A separate process for the claim race: connects to Redis, waits for the agreed instant, then has
// each of its agents claim the same handoff at once. Prints one JSON line with every outcome.
const { RedisHandoffStore } = require('../../dist/src/handoff/redisStore');
const { connectRedis } = require('../../dist/src/state/redisConnection');
const { createLogger } = require('../../dist/src/log/logger');

const [url, prefix, handoffId, startAt, ...agents] = process.argv.slice(2);
const logger = createLogger('silent');
const client = connectRedis({ url, commandTimeoutMs: 5000 }, logger, 'race');
const subscriber = connectRedis({ url, commandTimeoutMs: 5000 }, logger, 'race-sub');
const store = new RedisHandoffStore(client, subscriber, { prefix, timeoutMs: 5000, ttlSeconds: 600, transcriptTtlSeconds: 600, retentionSeconds: 600 }, logger);

(async () => {
  while (!client.isReady) await new Promise((r) => setTimeout(r, 10));
  await new Promise((r) => setTimeout(r, Math.max(0, Number(startAt) - Date.now())));
  const outcomes = await Promise.all(agents.map(async (agent) => ({ agent, outcome: await store.claim(handoffId, agent, Date.now()) })));
  process.stdout.write(`${JSON.stringify(outcomes)}\n`);
  await Promise.all([client.quit(), subscriber.quit()]);
})().catch((err) => {
  process.stderr.write(String(err));
  process.exit(1);
});
