import { sql, type Kysely } from 'kysely';

/**
 * Cases and their events, callback requests, ended handoffs, the notification outbox and the audit log.
 * One statement per query: PGlite runs each query as a single prepared statement.
 */
const UP = [
  sql`CREATE TABLE cases (
    reference text PRIMARY KEY,
    status text NOT NULL CHECK (status IN ('submitted','under_review','approved','rejected','refund_agreed','refund_paid','verified','closed','withdrawn')),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    closed_at timestamptz,
    language text NOT NULL,
    full_name text,
    mobile text,
    email text,
    pos_serial text,
    card_last4 text,
    card_fingerprint text,
    card_sealed text,
    reason_code text NOT NULL,
    reason_detail text,
    received_on date NOT NULL,
    decision_earliest date NOT NULL,
    decision_latest date NOT NULL,
    refund_amount numeric(12, 2),
    owner_user_id text,
    owner_channel_id text NOT NULL,
    owner_conversation jsonb,
    idempotency_key text NOT NULL UNIQUE,
    erased_at timestamptz
  )`,
  // One open case per terminal: a second application while one is open gets the existing case.
  sql`CREATE UNIQUE INDEX cases_open_serial ON cases (pos_serial) WHERE status NOT IN ('rejected', 'closed', 'withdrawn')`,
  sql`CREATE INDEX cases_open_card ON cases (card_fingerprint) WHERE status NOT IN ('rejected', 'closed', 'withdrawn')`,
  // The back office lists newest first (cursor: created_at, reference), optionally by status.
  sql`CREATE INDEX cases_created ON cases (created_at DESC, reference DESC)`,
  sql`CREATE INDEX cases_status_created ON cases (status, created_at DESC, reference DESC)`,
  sql`CREATE INDEX cases_mobile ON cases (mobile)`,
  sql`CREATE INDEX cases_serial ON cases (pos_serial)`,
  sql`CREATE INDEX cases_card_last4 ON cases (card_last4)`,
  sql`CREATE INDEX cases_owner ON cases (owner_user_id, created_at)`,
  sql`CREATE INDEX cases_closed ON cases (closed_at) WHERE closed_at IS NOT NULL AND erased_at IS NULL`,

  sql`CREATE TABLE case_events (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_reference text NOT NULL REFERENCES cases (reference) ON DELETE CASCADE,
    at timestamptz NOT NULL DEFAULT now(),
    actor text NOT NULL,
    type text NOT NULL,
    data jsonb
  )`,
  sql`CREATE INDEX case_events_case ON case_events (case_reference, id)`,

  sql`CREATE TABLE callbacks (
    id text PRIMARY KEY,
    case_reference text REFERENCES cases (reference) ON DELETE SET NULL,
    user_id text,
    language text NOT NULL,
    mobile text,
    message text,
    status text NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'ended')),
    created_at timestamptz NOT NULL DEFAULT now(),
    ended_at timestamptz
  )`,
  sql`CREATE INDEX callbacks_case ON callbacks (case_reference)`,
  sql`CREATE INDEX callbacks_mobile ON callbacks (mobile)`,

  sql`CREATE TABLE handoffs_ended (
    id text PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('chat', 'callback')),
    agent text,
    case_reference text,
    language text NOT NULL,
    end_reason text NOT NULL,
    enqueued_at timestamptz NOT NULL,
    first_claimed_at timestamptz,
    claimed_at timestamptz,
    ended_at timestamptz NOT NULL,
    csat smallint CHECK (csat BETWEEN 1 AND 5)
  )`,
  sql`CREATE INDEX handoffs_ended_at ON handoffs_ended (ended_at)`,

  // Notifications to send (email, SMS), written in the same transaction as what caused them.
  sql`CREATE TABLE outbox (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_reference text REFERENCES cases (reference) ON DELETE SET NULL,
    channel text NOT NULL CHECK (channel IN ('email', 'sms')),
    recipient text NOT NULL,
    template text NOT NULL,
    language text NOT NULL,
    payload jsonb NOT NULL DEFAULT '{}',
    status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    sent_at timestamptz,
    last_error text,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  sql`CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status = 'pending'`,
  sql`CREATE INDEX outbox_case ON outbox (case_reference)`,

  sql`CREATE TABLE audit_log (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT now(),
    actor text NOT NULL,
    action text NOT NULL,
    case_reference text,
    detail jsonb,
    address text
  )`,
  sql`CREATE INDEX audit_log_case ON audit_log (case_reference, id)`,
  sql`CREATE INDEX audit_log_actor ON audit_log (actor, id)`,
  sql`CREATE INDEX audit_log_at ON audit_log (at)`,
  // Append-only: no row of the audit log is ever changed or deleted, whoever asks.
  sql`CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_log is append-only';
    END
  $$`,
  sql`CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`,
];

const DOWN = [
  sql`DROP TABLE audit_log`,
  sql`DROP FUNCTION audit_log_append_only`,
  sql`DROP TABLE outbox`,
  sql`DROP TABLE handoffs_ended`,
  sql`DROP TABLE callbacks`,
  sql`DROP TABLE case_events`,
  sql`DROP TABLE cases`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await statement.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of DOWN) await statement.execute(db);
}
