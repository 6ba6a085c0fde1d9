/**
 * `npm run soak`: a bounded soak. Two instances of the bot on one Redis (loopback only), 200
 * concurrent users going through realistic conversations for 10 minutes (`--minutes`, `--users`),
 * half on each instance. Reports the error rate (< 0.1%), heap growth after warm-up (< 10%), and
 * whether Redis goes back to its key count from before the run once the (short, for the soak) TTLs
 * have passed. The last line is one JSON object.
 */
import { spawnSync } from 'node:child_process';
import { runLoad, type LoadResult } from './load';
import { startRedis, startServer, waitReady } from './processes';
import { APOLOGY, dialogScript, faqScript } from './scripts';

export interface SoakOptions {
  users: number;
  durationMs: number;
  warmupMs: number;
  /** Conversation and user state live this long in Redis during the soak. */
  ttlSeconds: number;
}

export interface SoakResult {
  turns: number;
  errors: number;
  errorRate: number;
  p99: number;
  heapAfterWarmupMb: number[];
  heapAtEndMb: number[];
  heapGrowth: number;
  keysBefore: number;
  keysAtEnd: number;
  keysAfterTtl: number;
  firstError?: string;
}

function dbsize(port: number): number {
  return Number(spawnSync('redis-cli', ['-p', String(port), 'DBSIZE'], { encoding: 'utf8' }).stdout.trim());
}

/** Alternates the two realistic conversations, so FAQ and dialog turns both run. */
const mixed = (conversation: string) => (conversation.endsWith('0') ? faqScript(conversation) : dialogScript(conversation));

export async function soak(options: SoakOptions): Promise<SoakResult> {
  const redis = await startRedis();
  const port = redis.port;
  const days = String(options.ttlSeconds / 86_400);
  const env = {
    REDIS_URL: redis.url,
    DIRECTLINE_SECRET: 'soak-secret-'.padEnd(48, 's'),
    PII_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64'),
    CONVERSATION_STATE_TTL_DAYS: days,
    USER_STATE_TTL_DAYS: days,
  };
  const instances = await Promise.all([startServer('ours', env), startServer('ours', env)]);
  const heapMb = () => Promise.all(instances.map(async (i) => (await i.memory()).heapUsed / 2 ** 20));
  try {
    for (const instance of instances) await waitReady(instance.url);
    const keysBefore = dbsize(port);
    const half = Math.ceil(options.users / 2);
    const load = (durationMs: number) => Promise.all(instances.map((instance) => runLoad(instance.url, half, durationMs, mixed, APOLOGY)));
    const warmup = await load(options.warmupMs);
    const heapAfterWarmupMb = await heapMb();
    const results: LoadResult[] = [...warmup, ...(await load(options.durationMs))];
    const heapAtEndMb = await heapMb();
    const keysAtEnd = dbsize(port);
    // Every key the bot writes has a TTL: after it, Redis holds what it held before the run.
    const deadline = Date.now() + options.ttlSeconds * 1000 + 30_000;
    let keysAfterTtl = dbsize(port);
    while (keysAfterTtl > keysBefore && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 1000));
      keysAfterTtl = dbsize(port);
    }
    const turns = results.reduce((n, r) => n + r.turns, 0);
    const errors = results.reduce((n, r) => n + r.errors, 0);
    const growth = Math.max(...heapAtEndMb.map((end, i) => end / heapAfterWarmupMb[i] - 1));
    return {
      turns,
      errors,
      errorRate: turns ? errors / turns : 1,
      p99: Math.max(...results.map((r) => r.p99)),
      heapAfterWarmupMb,
      heapAtEndMb,
      heapGrowth: growth,
      keysBefore,
      keysAtEnd,
      keysAfterTtl,
      firstError: results.find((r) => r.firstError)?.firstError,
    };
  } finally {
    for (const instance of instances) instance.child.kill('SIGKILL');
    redis.stop();
  }
}

function argument(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

if (require.main === module) {
  const minutes = argument('minutes', 10);
  const users = argument('users', 200);
  soak({ users, durationMs: minutes * 60_000, warmupMs: Math.min(60_000, minutes * 6_000), ttlSeconds: 60 })
    .then((r) => {
      const mb = (xs: number[]) => xs.map((x) => x.toFixed(1)).join(' / ');
      process.stdout.write(`soak: ${users} users, ${minutes} min, two instances on one Redis\n`);
      process.stdout.write(`turns ${r.turns.toLocaleString('en')}, errors ${r.errors} (${(r.errorRate * 100).toFixed(3)}%; target < 0.1%), p99 ${r.p99.toFixed(1)} ms\n`);
      process.stdout.write(`heap after warm-up ${mb(r.heapAfterWarmupMb)} MB, at the end ${mb(r.heapAtEndMb)} MB: growth ${(r.heapGrowth * 100).toFixed(1)}% (target < 10%)\n`);
      process.stdout.write(`Redis keys before ${r.keysBefore}, at the end ${r.keysAtEnd}, after the TTLs ${r.keysAfterTtl}\n`);
      if (r.firstError) process.stdout.write(`first error: ${r.firstError}\n`);
      process.stdout.write(`${JSON.stringify({ users, minutes, ...r })}\n`);
      process.exitCode = r.errorRate < 0.001 && r.heapGrowth < 0.1 && r.keysAfterTtl <= r.keysBefore ? 0 : 1;
    })
    .catch((err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
      process.exitCode = 1;
    });
}
