import { sql, type Kysely } from 'kysely';

/**
 * The dashboard reads rollups, not one row per turn, so each chart stays fast with 100,000s of
 * conversations: which conversations were active on which day (Asia/Shanghai), turns per day, language
 * and intent, and one row per application conversation with the steps it reached as bits (bit i: step
 * i of started, date, reason, name, card, serial, mobile, email, reviewed, signed, submitted). The
 * tables they replace are folded in and dropped.
 */
const STEPS = `ARRAY['started','receivedOn','reason','fullName','cardNumber','posSerial','mobile','email','reviewed','signed','submitted']`;

const UP = [
  sql`CREATE TABLE conversation_days (
    day date NOT NULL,
    conversation_id text NOT NULL,
    language text NOT NULL,
    PRIMARY KEY (day, conversation_id) INCLUDE (language)
  )`,
  sql`INSERT INTO conversation_days (day, conversation_id, language)
    SELECT DISTINCT ON (1, 2) (at AT TIME ZONE 'Asia/Shanghai')::date, conversation_id, language FROM turn_stats ORDER BY 1, 2, at`,
  sql`CREATE TABLE turn_counts (
    day date NOT NULL,
    language text NOT NULL,
    intent text NOT NULL,
    turns integer NOT NULL,
    PRIMARY KEY (day, language, intent)
  )`,
  sql`INSERT INTO turn_counts (day, language, intent, turns)
    SELECT (at AT TIME ZONE 'Asia/Shanghai')::date, language, intent, count(*) FROM turn_stats GROUP BY 1, 2, 3`,
  sql`DROP TABLE turn_stats`,
  sql`CREATE TABLE applications (
    conversation_id text PRIMARY KEY,
    language text NOT NULL,
    started_at timestamptz NOT NULL DEFAULT now(),
    steps integer NOT NULL
  )`,
  sql`INSERT INTO applications (conversation_id, language, started_at, steps)
    SELECT s.conversation_id, s.language, s.at, bit_or(1 << (array_position(${sql.raw(STEPS)}, f.step) - 1))
    FROM funnel_steps s JOIN funnel_steps f ON f.conversation_id = s.conversation_id
    WHERE s.step = 'started' GROUP BY 1, 2, 3`,
  sql`DROP TABLE funnel_steps`,
  sql`CREATE INDEX applications_started ON applications (started_at) INCLUDE (language, steps)`,
  sql`CREATE INDEX outbox_created ON outbox (created_at) INCLUDE (channel, status, language)`,
  sql`CREATE INDEX unanswered_at ON unanswered (at) INCLUDE (language, group_key)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await statement.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX unanswered_at`.execute(db);
  await sql`DROP INDEX outbox_created`.execute(db);
  await sql`CREATE TABLE funnel_steps (conversation_id text NOT NULL, step text NOT NULL, at timestamptz NOT NULL DEFAULT now(), language text NOT NULL, PRIMARY KEY (conversation_id, step))`.execute(db);
  await sql`CREATE INDEX funnel_steps_started ON funnel_steps (step, at) INCLUDE (language)`.execute(db);
  await sql`INSERT INTO funnel_steps (conversation_id, step, at, language)
    SELECT conversation_id, (${sql.raw(STEPS)})[i + 1], started_at, language FROM applications, generate_series(0, 10) i WHERE steps & (1 << i) <> 0`.execute(db);
  await sql`DROP TABLE applications`.execute(db);
  // Per-turn rows cannot be rebuilt from the counts: turn_stats comes back empty.
  await sql`CREATE TABLE turn_stats (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(), conversation_id text NOT NULL, language text NOT NULL, intent text NOT NULL)`.execute(db);
  await sql`CREATE INDEX turn_stats_at ON turn_stats (at)`.execute(db);
  await sql`DROP TABLE turn_counts`.execute(db);
  await sql`DROP TABLE conversation_days`.execute(db);
}
