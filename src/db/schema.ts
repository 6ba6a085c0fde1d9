import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { CaseStatus } from '../cases/lifecycle';

/** The tables, as kysely sees them (migrations in ./migrations create them). Dates are 'YYYY-MM-DD' strings. */
export interface Tables {
  cases: CasesTable;
  case_events: CaseEventsTable;
  callbacks: CallbacksTable;
  handoffs_ended: HandoffsEndedTable;
  outbox: OutboxTable;
  audit_log: AuditLogTable;
  staff_accounts: StaffAccountsTable;
  unanswered: UnansweredTable;
  corpus_additions: CorpusAdditionsTable;
  conversation_days: ConversationDaysTable;
  turn_counts: TurnCountsTable;
  answer_versions: AnswerVersionsTable;
  attachments: AttachmentsTable;
  nlu_models: NluModelsTable;
  applications: ApplicationsTable;
}

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string, string>;

export interface CasesTable {
  reference: string;
  status: CaseStatus;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Set when the case closes or is withdrawn; the retention period counts from it. */
  closed_at: Date | null;
  language: string;
  /** Personal data: null once erased or anonymized. */
  full_name: string | null;
  mobile: string | null;
  email: string | null;
  pos_serial: string | null;
  card_last4: string | null;
  /** HMAC-SHA256 of the card number under a key derived from PII_ENCRYPTION_KEY: finds the same card, reveals nothing. */
  card_fingerprint: string | null;
  /** AES-256-GCM sealed card number; deleted when the case closes or is withdrawn. */
  card_sealed: string | null;
  reason_code: string;
  reason_detail: string | null;
  received_on: string;
  decision_earliest: string;
  decision_latest: string;
  refund_amount: number | null;
  owner_user_id: string | null;
  owner_channel_id: string;
  owner_conversation: Json | null;
  /** The conversation the merchant last wrote in, when not owner_conversation: where updates go. */
  latest_conversation: Json | null;
  /** One per application attempt (kept in the dialog state): a retried submission finds its case. */
  idempotency_key: string;
  erased_at: Date | null;
}

export interface CaseEventsTable {
  id: Generated<number>;
  case_reference: string;
  at: Timestamp;
  actor: string;
  type: string;
  data: Json | null;
}

export interface CallbacksTable {
  /** The handoff request's id. */
  id: string;
  case_reference: string | null;
  user_id: string | null;
  language: string;
  mobile: string | null;
  message: string | null;
  status: ColumnType<'waiting' | 'ended', 'waiting' | 'ended' | undefined, 'waiting' | 'ended'>;
  created_at: Timestamp;
  ended_at: Date | null;
}

export interface HandoffsEndedTable {
  id: string;
  kind: 'chat' | 'callback';
  agent: string | null;
  case_reference: string | null;
  language: string;
  end_reason: string;
  enqueued_at: Timestamp;
  first_claimed_at: Date | null;
  claimed_at: Date | null;
  ended_at: Timestamp;
  csat: number | null;
}

export interface OutboxTable {
  id: Generated<number>;
  case_reference: string | null;
  channel: 'email' | 'sms';
  recipient: string;
  template: string;
  language: string;
  payload: Json;
  status: ColumnType<OutboxStatus, OutboxStatus | undefined, OutboxStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Timestamp;
  sent_at: Date | null;
  last_error: string | null;
  /** The SMTP message id or the SMS provider's id, once sent. */
  provider_id: string | null;
  created_at: Timestamp;
}

/** pending → sent, or → retrying (after a failed attempt) → … → sent | failed; skipped: opted out or no contact by then. */
export type OutboxStatus = 'pending' | 'retrying' | 'sent' | 'failed' | 'skipped';

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  /** "backoffice:<name>", "agent:<name>", "system". */
  actor: string;
  action: string;
  case_reference: string | null;
  detail: Json | null;
  address: string | null;
}

export interface StaffAccountsTable {
  name: string;
  roles: string[];
  password_hash: string;
  disabled: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
  updated_by: string;
}

export interface UnansweredTable {
  id: Generated<number>;
  at: Timestamp;
  language: string;
  /** Card and phone numbers masked before it is stored. */
  text: string;
  group_key: string;
  outcome: 'none' | 'low' | 'clarify' | 'handoff';
  guessed_intent: string;
  /** Null for the question asked before a handoff (its score was not kept). */
  score: number | null;
  status: ColumnType<'open' | 'assigned' | 'dismissed', 'open' | 'assigned' | 'dismissed' | undefined, 'open' | 'assigned' | 'dismissed'>;
  decided_by: string | null;
  decided_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface CorpusAdditionsTable {
  version: Generated<number>;
  at: Timestamp;
  language: string;
  text: string;
  intent: string;
  added_by: string;
}

export interface NluModelsTable {
  /** The newest corpus addition the model was trained with. */
  corpus_version: number;
  /** Fingerprint of the locales/ corpus the additions were added to. */
  base: string;
  model: Json;
  /** The additions trained on ({text, intent}[]): each answered with its intent outright. */
  additions: Json;
  trained_at: Timestamp;
}

export interface ApplicationsTable {
  conversation_id: string;
  language: string;
  started_at: Timestamp;
  /** Bit i set: the conversation reached FUNNEL_STEPS[i]. */
  steps: number;
}

/** The conversations active on each day (Asia/Shanghai). */
export interface ConversationDaysTable {
  day: string;
  conversation_id: string;
  language: string;
}

/** Message turns per day, language and the intent answered (never the text). */
export interface TurnCountsTable {
  day: string;
  language: string;
  intent: string;
  turns: number;
}

export interface AnswerVersionsTable {
  id: Generated<number>;
  answer: string;
  language: 'zh-CN' | 'en';
  /** Null: back to the locales/ default. */
  text: string | null;
  saved_by: string;
  saved_at: Timestamp;
  published_by: string | null;
  published_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface AttachmentsTable {
  id: string;
  conversation_id: string;
  user_id: string;
  /** As the browser sent it (UTF-8), card numbers masked. */
  name: string;
  content_type: string;
  size: number;
  bytes: Buffer;
  created_at: Timestamp;
  case_reference: ColumnType<string | null, string | null | undefined, string | null>;
}

export type CaseRow = Selectable<CasesTable>;
export type NewCaseRow = Insertable<CasesTable>;
export type CaseEventRow = Selectable<CaseEventsTable>;
