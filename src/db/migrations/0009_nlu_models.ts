import { sql, type Kysely } from 'kysely';

/**
 * Models retrained on the corpus with the editors' additions: one per corpus version (the newest
 * addition it includes) and base corpus (the fingerprint of locales/ it started from, so a deploy with
 * a changed corpus retrains instead of loading a model of the old one), with the additions it was
 * trained on. Each instance loads the newest. `json`, not `jsonb`: the model's feature index is the
 * order of its keys, which jsonb would sort.
 * The inbox also collects the questions that ended in a handoff (their score is not known).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE nlu_models (
    corpus_version bigint NOT NULL,
    base text NOT NULL,
    model json NOT NULL,
    additions jsonb NOT NULL,
    trained_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (base, corpus_version)
  )`.execute(db);
  await sql`ALTER TABLE unanswered DROP CONSTRAINT unanswered_outcome_check`.execute(db);
  await sql`ALTER TABLE unanswered ADD CONSTRAINT unanswered_outcome_check CHECK (outcome IN ('none', 'low', 'clarify', 'handoff'))`.execute(db);
  await sql`ALTER TABLE unanswered ALTER COLUMN score DROP NOT NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DELETE FROM unanswered WHERE outcome = 'handoff'`.execute(db);
  await sql`ALTER TABLE unanswered ALTER COLUMN score SET NOT NULL`.execute(db);
  await sql`ALTER TABLE unanswered DROP CONSTRAINT unanswered_outcome_check`.execute(db);
  await sql`ALTER TABLE unanswered ADD CONSTRAINT unanswered_outcome_check CHECK (outcome IN ('none', 'low', 'clarify'))`.execute(db);
  await sql`DROP TABLE nlu_models`.execute(db);
}
