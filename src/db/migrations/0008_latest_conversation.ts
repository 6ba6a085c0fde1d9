import { sql, type Kysely } from 'kysely';

/** Where a case's updates go: the conversation its merchant last wrote in (null: the one they applied in). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE cases ADD COLUMN latest_conversation jsonb`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE cases DROP COLUMN latest_conversation`.execute(db);
}
