import { sql, type Kysely } from 'kysely';

/**
 * The outbox worker's states: `retrying` after a failed attempt (until the last), `skipped` when the
 * merchant opted out or has no such contact by the time it is sent; and the provider's message id.
 */
const UP = [
  sql`ALTER TABLE outbox DROP CONSTRAINT outbox_status_check`,
  sql`ALTER TABLE outbox ADD CONSTRAINT outbox_status_check CHECK (status IN ('pending', 'retrying', 'sent', 'failed', 'skipped'))`,
  sql`ALTER TABLE outbox ADD COLUMN provider_id text`,
  sql`DROP INDEX outbox_due`,
  sql`CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status IN ('pending', 'retrying')`,
];

const DOWN = [
  sql`DROP INDEX outbox_due`,
  sql`CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status = 'pending'`,
  sql`ALTER TABLE outbox DROP COLUMN provider_id`,
  sql`UPDATE outbox SET status = 'pending' WHERE status = 'retrying'`,
  sql`UPDATE outbox SET status = 'failed' WHERE status = 'skipped'`,
  sql`ALTER TABLE outbox DROP CONSTRAINT outbox_status_check`,
  sql`ALTER TABLE outbox ADD CONSTRAINT outbox_status_check CHECK (status IN ('pending', 'sent', 'failed'))`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await statement.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of DOWN) await statement.execute(db);
}
