import { sql, type Kysely } from 'kysely';

/** Staff accounts managed in the staff app by an admin (accounts in configuration stay beside them). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE staff_accounts (
    name text PRIMARY KEY,
    roles text[] NOT NULL CHECK (roles <@ ARRAY['agent','reviewer','editor','admin']::text[] AND cardinality(roles) > 0),
    password_hash text NOT NULL,
    disabled boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by text NOT NULL
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE staff_accounts`.execute(db);
}
