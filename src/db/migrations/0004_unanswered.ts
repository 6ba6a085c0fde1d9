import { sql, type Kysely } from 'kysely';

/**
 * Messages the bot did not answer well (masked), grouped by their word set, and the utterances editors
 * assigned to an intent: the corpus additions, versioned by their id (a later row for the same text wins).
 */
const UP = [
  sql`CREATE TABLE unanswered (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT now(),
    language text NOT NULL,
    text text NOT NULL,
    group_key text NOT NULL,
    outcome text NOT NULL CHECK (outcome IN ('none', 'low', 'clarify')),
    guessed_intent text NOT NULL,
    score real NOT NULL,
    status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'assigned', 'dismissed')),
    decided_by text,
    decided_at timestamptz
  )`,
  sql`CREATE INDEX unanswered_open ON unanswered (status, group_key)`,
  sql`CREATE TABLE corpus_additions (
    version bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT now(),
    language text NOT NULL,
    text text NOT NULL,
    intent text NOT NULL,
    added_by text NOT NULL
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await statement.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE corpus_additions`.execute(db);
  await sql`DROP TABLE unanswered`.execute(db);
}
