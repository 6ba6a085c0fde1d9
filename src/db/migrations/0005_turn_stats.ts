import { sql, type Kysely } from 'kysely';

/** One row per message turn, for the dashboard: when, which conversation, language and the intent answered (never the text). */
const UP = [
  sql`CREATE TABLE turn_stats (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT now(),
    conversation_id text NOT NULL,
    language text NOT NULL,
    intent text NOT NULL
  )`,
  sql`CREATE INDEX turn_stats_at ON turn_stats (at)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await statement.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE turn_stats`.execute(db);
}
