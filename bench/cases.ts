/**
 * Cases on a real PostgreSQL server (TEST_DATABASE_URL, a scratch database dropped afterwards):
 * submissions per second beside plain single-row inserts, and the back-office list (one filter, first
 * page) p95 with 100,000 seeded cases beside a bare round trip, all from the same run.
 */
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { CardFingerprints } from '../src/cases/cardFingerprint';
import { CardVault } from '../src/cases/cardVault';
import { CaseService } from '../src/cases/caseService';
import { Database } from '../src/db/database';
import type { Tables } from '../src/db/schema';
import { createLogger } from '../src/log/logger';
import { cardEndingIn } from '../test/helpers/cases';
import { createDatabase } from '../test/helpers/database';

export interface CaseBench {
  seeded: number;
  listP95Ms: number;
  roundTripP95Ms: number;
  submissionsPerSecond: number;
  insertsPerSecond: number;
}

export const p95 = (samples: number[]) => samples.sort((a, b) => a - b)[Math.floor(samples.length * 0.95)];

/** Milliseconds of each of `times` runs, one after the other. */
export async function timed(run: () => Promise<unknown>, times: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = process.hrtime.bigint();
    await run();
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return samples;
}

/** How many `run`s complete per second with `concurrency` in flight for `ms`. */
async function perSecond(run: (i: number) => Promise<unknown>, concurrency: number, ms: number): Promise<number> {
  let done = 0;
  const until = Date.now() + ms;
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (Date.now() < until) await run(done++);
  }));
  return done / (Number(process.hrtime.bigint() - started) / 1e9);
}

/** `count` cases (with their submission events) spread over the last `count` minutes, every status alike. */
export async function seedCases(db: Kysely<Tables>, count: number): Promise<void> {
  const statuses = sql.raw(`ARRAY['submitted','under_review','approved','rejected','refund_agreed','refund_paid','verified','closed','withdrawn']`);
  await sql`INSERT INTO cases (reference, status, created_at, updated_at, language, full_name, mobile, pos_serial, card_last4, card_fingerprint,
      reason_code, received_on, decision_earliest, decision_latest, owner_user_id, owner_channel_id, idempotency_key)
    SELECT 'PC-SEED-' || lpad(g::text, 6, '0'), (${statuses})[1 + g % 9], now() - make_interval(mins => g), now(), 'zh-CN', 'Seed', '139' || lpad(g::text, 8, '0'),
      'SEED' || g, lpad((g % 10000)::text, 4, '0'), 'fp' || g, 'other', date '2026-01-01', date '2026-01-05', date '2026-01-08', 'seed-' || g, 'bench', 'seed-' || g
    FROM generate_series(1, ${count}) g`.execute(db);
  await sql`INSERT INTO case_events (case_reference, at, actor, type) SELECT reference, created_at, 'user:seed', 'submitted' FROM cases`.execute(db);
}

export async function benchCases(quick: boolean, seeded = 100_000): Promise<CaseBench> {
  const scratch = await createDatabase('bench');
  const database = new Database({ url: scratch.url, dataDir: 'unused', statementTimeoutMs: 120_000, poolSize: 10 }, createLogger('silent'));
  try {
    const db = await database.db();
    const key = randomBytes(32);
    const cases = new CaseService(database, new CardVault(key), new CardFingerprints(key), { holidays: new Set() });
    await seedCases(db, seeded);
    await sql`ANALYZE`.execute(db);

    const iterations = quick ? 60 : 300;
    await cases.search({ status: 'submitted' });
    const listP95Ms = p95(await timed(() => cases.search({ status: 'submitted' }), iterations));
    const roundTripP95Ms = p95(await timed(() => sql`SELECT 1`.execute(db), iterations));

    const ms = quick ? 1000 : 4000;
    const submissionsPerSecond = await perSecond(
      () => cases.submit({ fullName: '张三', cardNumber: cardEndingIn(String(randomInt(1000, 10000))), posSerial: `BENCH${randomInt(10 ** 9, 10 ** 10)}`, mobile: '13800138000', reason: { code: 'other' }, receivedOn: '2026-10-01', language: 'zh-CN', owner: { userId: 'bench', channelId: 'bench', conversation: {} }, idempotencyKey: randomUUID() }),
      10,
      ms,
    );
    await sql`CREATE TABLE plain_inserts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body text NOT NULL)`.execute(db);
    const insertsPerSecond = await perSecond(() => sql`INSERT INTO plain_inserts (body) VALUES (${randomUUID()})`.execute(db), 10, ms);
    return { seeded, listP95Ms, roundTripP95Ms, submissionsPerSecond, insertsPerSecond };
  } finally {
    await database.close();
    await scratch.drop();
  }
}

if (require.main === module) {
  benchCases(process.argv.includes('--quick')).then((r) => process.stdout.write(`${JSON.stringify(r)}\n`));
}
