/**
 * `npm run bench:ab -- <other checkout> [faq|dialog] [rounds]`: this build's server and another
 * checkout's (built there with `npm run build`) under load at the same time, each with its own
 * redis-server and 10 concurrent users, the CPU of each server's process per measured turn read from
 * /proc over rounds of 5 s after a warm-up; prints each round and the median ratio. On the shared
 * 2-core machines this is developed on, one build measured in runs one after the other moves by 15-20%
 * with the machine's speed; side by side, the same build against itself came within 4%
 * (bench/RESULTS.md). Both servers share the cores, so a change that frees a core shows more here than
 * it would alone.
 */
import { resolve } from 'node:path';
import { runLoad } from './load';
import { startRedis, startServer, waitReady } from './processes';
import { APOLOGY, dialogScript, faqScript } from './scripts';

const [other, kind = 'dialog', rounds = '7'] = process.argv.slice(2);
const CONCURRENCY = 10;
const ROUND_MS = 5000;
/** V8 still compiles the hot paths for the first seconds of load. */
const WARM_UP_MS = 10_000;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  if (!other || !['faq', 'dialog'].includes(kind)) {
    process.stderr.write('usage: npm run bench:ab -- <other checkout, built> [faq|dialog] [rounds]\n');
    process.exitCode = 2;
    return;
  }
  const script = kind === 'faq' ? faqScript : dialogScript;
  const roots = { this: undefined, other: resolve(other) };
  const servers = await Promise.all(
    Object.entries(roots).map(async ([label, root]) => {
      const redis = await startRedis();
      const env = { REDIS_URL: redis.url, PII_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') };
      const server = await startServer('ours', env, [], root);
      await waitReady(server.url);
      return { label, redis, server, ms: [] as number[] };
    }),
  );
  try {
    await Promise.all(servers.map(({ server }) => runLoad(server.url, CONCURRENCY, WARM_UP_MS, script, APOLOGY)));
    for (let round = 0; round < Number(rounds); round++) {
      const measured = await Promise.all(
        servers.map(async (s) => {
          const before = s.server.cpuMs();
          const result = await runLoad(s.server.url, CONCURRENCY, ROUND_MS, script, APOLOGY);
          const ms = (s.server.cpuMs() - before) / Math.max(result.turns, 1);
          s.ms.push(ms);
          return `${s.label} ${ms.toFixed(2)} ms/turn ${result.tps.toFixed(0)} turns/s ${result.errors} errors`;
        }),
      );
      process.stdout.write(`${measured.join('   ')}\n`);
    }
    const [mine, theirs] = servers.map((s) => median(s.ms));
    process.stdout.write(`${kind}: median CPU per measured turn ${mine.toFixed(2)} ms (this) against ${theirs.toFixed(2)} ms (${other}): ${(mine / theirs).toFixed(3)}×\n`);
  } finally {
    for (const s of servers) {
      await s.server.stop();
      s.redis.stop();
    }
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
