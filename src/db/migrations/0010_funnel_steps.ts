import { sql, type Kysely } from 'kysely';

/**
 * The application steps each conversation reached (the first time only), for the dashboard's funnel:
 * started, the date, the reason, each field, reviewed, signed, submitted. No values, only the step.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE funnel_steps (
    conversation_id text NOT NULL,
    step text NOT NULL,
    at timestamptz NOT NULL DEFAULT now(),
    language text NOT NULL,
    PRIMARY KEY (conversation_id, step)
  )`.execute(db);
  await sql`CREATE INDEX funnel_steps_started ON funnel_steps (step, at) INCLUDE (language)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE funnel_steps`.execute(db);
}
