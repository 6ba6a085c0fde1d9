import { sql, type Kysely } from 'kysely';

/**
 * Files merchants send through Direct Line: kept here, not inline in the Redis activity log, which only
 * holds a link. `case_reference` is set when a file becomes a case's supporting material.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE attachments (
    id text PRIMARY KEY,
    conversation_id text NOT NULL,
    user_id text NOT NULL,
    name text NOT NULL,
    content_type text NOT NULL,
    size integer NOT NULL,
    bytes bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    case_reference text REFERENCES cases (reference) ON DELETE SET NULL
  )`.execute(db);
  await sql`CREATE INDEX attachments_conversation ON attachments (conversation_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE attachments`.execute(db);
}
