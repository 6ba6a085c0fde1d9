import { sql, type Kysely } from 'kysely';

/**
 * Edited answers: every saved text is a version (draft until published). The answer in use is the
 * latest published version; a published version with no text brings back the locales/ default.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE answer_versions (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    answer text NOT NULL,
    language text NOT NULL CHECK (language IN ('zh-CN', 'en')),
    text text,
    saved_by text NOT NULL,
    saved_at timestamptz NOT NULL DEFAULT now(),
    published_by text,
    published_at timestamptz
  )`.execute(db);
  await sql`CREATE INDEX answer_versions_answer ON answer_versions (answer, language, id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE answer_versions`.execute(db);
}
