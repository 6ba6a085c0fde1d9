import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/database';
import type { CaseRow, Tables } from '../db/schema';
import type { CardFingerprints } from './cardFingerprint';
import type { CardVault } from './cardVault';
import { recordOf } from './caseRows';
import { AWAITING_DECISION, REFUND_UNCONFIRMED, searchTerms, type CaseQuery } from './caseQuery';
import { addBusinessDays, addDays, localDate, startOfLocalDay } from './dates';
import { assertTransition, FINAL_STATUSES, InvalidTransitionError, isFinal, REAPPLICABLE, STATUSES, type CaseStatus } from './lifecycle';
import type { OwnerCases } from './ownerCases';
import { newReference } from './reference';

export const REASONS = ['account_anomaly', 'device_fault', 'business_change', 'other'] as const;
export type ReasonCode = (typeof REASONS)[number];

export interface CaseEvent {
  at: string;
  /** "user:<id>", "backoffice:<name>" or "system". */
  by: string;
  type: string;
  data?: Record<string, unknown>;
}

export interface CaseRecord {
  reference: string;
  status: CaseStatus;
  createdAt: string;
  language: string;
  applicant: { fullName: string; mobile: string; email?: string; posSerial: string; cardLast4: string };
  /** AES-256-GCM sealed card number; removed when the case closes or is withdrawn. */
  cardSealed?: string;
  reason: { code: ReasonCode; detail?: string };
  receivedOn: string;
  decision: { earliest: string; latest: string };
  /** `latestConversation`: the conversation its merchant last wrote in, when not the one they applied in. */
  owner: { userId: string; channelId: string; conversation: unknown; latestConversation?: unknown };
  events: CaseEvent[];
  /** When the applicant's personal data was erased (the case's minimum record remains). */
  erasedAt?: string;
}

/** Where a case's news goes: the conversation its merchant last wrote in, else the one they applied in. */
export function newsConversation(record: CaseRecord): { conversation?: { id?: string } } & Record<string, unknown> {
  return (record.owner.latestConversation ?? record.owner.conversation) as { conversation?: { id?: string } } & Record<string, unknown>;
}

export interface Application {
  fullName: string;
  cardNumber: string;
  posSerial: string;
  mobile: string;
  email?: string;
  reason: { code: ReasonCode; detail?: string };
  receivedOn: string;
  language: string;
  owner: CaseRecord['owner'];
  /** One per application attempt: submitting it again returns the case it made. */
  idempotencyKey: string;
}

/**
 * `created`: a new case. `retried`: this attempt had already made it. `open_case`: the terminal (its
 * serial number) already has an open case, which is returned instead.
 */
export interface Submitted {
  record: CaseRecord;
  outcome: 'created' | 'retried' | 'open_case';
  /**
   * For an open case: whether it is the applicant's own (theirs, or on the card they just typed), so
   * that its reference and progress may be shown to them; a serial typed by someone else shows nothing.
   */
  applicantsOwn?: boolean;
}

export interface CaseServiceOptions {
  holidays: ReadonlySet<string>;
  now?: () => Date;
  /**
   * Writes what follows from an event of a case (its submission, a status change, a reminder) in the
   * transaction that records it (the notification outbox), so it exists exactly when the event does.
   */
  onChange?: (trx: Transaction<Tables>, record: CaseRecord, event: string) => Promise<void>;
  /** Each merchant's cases kept between messages (see OwnerCases); without it every `forUser` is a query. */
  owners?: OwnerCases;
}

export class CaseNotFoundError extends Error {
  constructor(reference: string) {
    super(`no case ${reference}`);
    this.name = 'CaseNotFoundError';
  }
}

type Tx = Transaction<Tables>;

/** The advisory lock that keeps the retention job to one instance at a time. */
const RETENTION_LOCK = 7_340_012;

export class InvalidCursorError extends Error {
  constructor() {
    super('cursor: not one this server gave');
    this.name = 'InvalidCursorError';
  }
}

const encodeCursor = (at: Date, reference: string) => Buffer.from(JSON.stringify([at.toISOString(), reference])).toString('base64url');

function decodeCursor(cursor: string): [Date, string] {
  try {
    const [at, reference] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const date = new Date(at);
    if (typeof reference === 'string' && !Number.isNaN(date.getTime())) return [date, reference];
  } catch {
    // not JSON: refused below
  }
  throw new InvalidCursorError();
}

/** PostgreSQL's unique_violation, with the constraint it hit. */
function uniqueViolation(err: unknown): string | undefined {
  const e = err as { code?: string; constraint?: string; message?: string };
  if (e?.code !== '23505') return undefined;
  return e.constraint ?? /"([^"]+)"/.exec(e.message ?? '')?.[1] ?? '';
}

/** The open case of a terminal: one per terminal; a merchant's second terminal, paid out to the same card, is a case of its own. */
function openCaseQuery(db: Kysely<Tables>, posSerial: string) {
  return db
    .selectFrom('cases')
    .select(['reference', 'idempotency_key', 'owner_user_id', 'card_fingerprint'])
    .where('status', 'not in', REAPPLICABLE)
    .where('pos_serial', '=', posSerial)
    .orderBy('created_at');
}

/** An open case is the applicant's own when they made it, or it pays out to the card they typed. */
function isApplicantsOwn(open: { owner_user_id: string | null; card_fingerprint: string | null }, userId: string, fingerprint: string | undefined): boolean {
  return open.owner_user_id === userId || (fingerprint !== undefined && open.card_fingerprint === fingerprint);
}

/**
 * Creates, finds and moves cases in the system of record. A case is a row plus its append-only event
 * log; every change writes both in one transaction.
 */
export class CaseService {
  private readonly now: () => Date;

  constructor(
    private readonly database: Database,
    private readonly vault: CardVault,
    private readonly fingerprints: CardFingerprints,
    private readonly options: CaseServiceOptions,
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /**
   * One transaction: the case row and its first event, under the application's idempotency key. A
   * retried attempt gets its case back; a terminal that already has an open case gets that case.
   */
  async submit(application: Application): Promise<Submitted> {
    const db = await this.database.db();
    const fingerprint = this.fingerprints.of(application.cardNumber);
    for (let attempt = 0; ; attempt++) {
      try {
        const submitted = await db.transaction().execute((trx) => this.submitIn(trx, application, fingerprint));
        if (submitted.outcome !== 'retried') await this.touched([submitted.record.owner.userId]);
        return submitted;
      } catch (err) {
        // A concurrent submission won a unique constraint (the key, the open serial, a reference):
        // the next pass finds what it made.
        if (uniqueViolation(err) === undefined || attempt >= 3) throw err;
      }
    }
  }

  private async submitIn(trx: Tx, application: Application, fingerprint: string): Promise<Submitted> {
    const retried = await trx.selectFrom('cases').select('reference').where('idempotency_key', '=', application.idempotencyKey).executeTakeFirst();
    if (retried) return { record: await this.load(trx, retried.reference), outcome: 'retried' };

    const open = await openCaseQuery(trx, application.posSerial).executeTakeFirst();
    const now = this.now();
    const by = `user:${application.owner.userId}`;
    // This very attempt, committed by a concurrent retry since the lookup above.
    if (open?.idempotency_key === application.idempotencyKey) return { record: await this.load(trx, open.reference), outcome: 'retried' };
    if (open) {
      // The reviewer sees the second application on the case it repeats.
      await this.insertEvent(trx, open.reference, now, by, 'repeat_application', { posSerial: application.posSerial, cardLast4: application.cardNumber.slice(-4) });
      return { record: await this.load(trx, open.reference), outcome: 'open_case', applicantsOwn: isApplicantsOwn(open, application.owner.userId, fingerprint) };
    }

    const today = localDate(now);
    const reference = newReference(today.slice(2, 4) + today.slice(5, 7));
    await trx
      .insertInto('cases')
      .values({
        reference,
        status: 'submitted',
        created_at: now,
        updated_at: now,
        language: application.language,
        full_name: application.fullName,
        mobile: application.mobile,
        email: application.email ?? null,
        pos_serial: application.posSerial,
        card_last4: application.cardNumber.slice(-4),
        card_fingerprint: fingerprint,
        card_sealed: this.vault.encrypt(application.cardNumber),
        reason_code: application.reason.code,
        reason_detail: application.reason.detail ?? null,
        received_on: application.receivedOn,
        // The review takes 2 to 5 business days.
        decision_earliest: addBusinessDays(today, 2, this.options.holidays),
        decision_latest: addBusinessDays(today, 5, this.options.holidays),
        owner_user_id: application.owner.userId,
        owner_channel_id: application.owner.channelId,
        owner_conversation: JSON.stringify(application.owner.conversation ?? {}),
        idempotency_key: application.idempotencyKey,
      })
      .execute();
    await this.insertEvent(trx, reference, now, by, 'submitted');
    return { record: await this.changed(trx, reference, 'submitted'), outcome: 'created' };
  }

  /**
   * Moves a case along its life cycle and records who did it, as `UPDATE … WHERE status = expected`
   * with its event in one transaction: of two reviewers acting at once, one wins and the other gets
   * InvalidTransitionError from the status the winner left. The card is deleted when the case closes.
   */
  async transition(reference: string, to: CaseStatus, by: string, data?: Record<string, unknown>): Promise<CaseRecord> {
    const db = await this.database.db();
    const record = await db.transaction().execute(async (trx) => {
      const from = await this.statusOf(trx, reference);
      assertTransition(from, to);
      const now = this.now();
      const amount = to === 'approved' && typeof data?.amount === 'number' ? data.amount : undefined;
      const moved = await trx
        .updateTable('cases')
        .set({ status: to, updated_at: now, ...(isFinal(to) ? { card_sealed: null, closed_at: now } : {}), ...(amount !== undefined ? { refund_amount: amount } : {}) })
        .where('reference', '=', reference)
        .where('status', '=', from)
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) === 0) throw new InvalidTransitionError(await this.statusOf(trx, reference), to);
      await this.insertEvent(trx, reference, now, by, to, data);
      return this.changed(trx, reference, to);
    });
    await this.touched([record.owner.userId]);
    return record;
  }

  async addNote(reference: string, by: string, text: string): Promise<CaseRecord> {
    return this.addEvent(reference, by, 'note', { text });
  }

  /** Records something that happened to the case without changing its status (a note, an opt-out). */
  async addEvent(reference: string, by: string, type: string, data?: Record<string, unknown>): Promise<CaseRecord> {
    return (await this.addEventIf(reference, by, type, () => true, data))!;
  }

  /**
   * Records the event only if the case, locked for the check (SELECT … FOR UPDATE), still calls for
   * it: of two instances doing the same step at once, one writes it and the other gets undefined.
   */
  async addEventIf(reference: string, by: string, type: string, due: (record: CaseRecord) => boolean, data?: Record<string, unknown>): Promise<CaseRecord | undefined> {
    const db = await this.database.db();
    const record = await db.transaction().execute(async (trx) => {
      const locked = await trx.selectFrom('cases').select('reference').where('reference', '=', reference).forUpdate().executeTakeFirst();
      if (!locked) throw new CaseNotFoundError(reference);
      if (!due(await this.load(trx, reference))) return undefined;
      const now = this.now();
      await trx.updateTable('cases').set({ updated_at: now }).where('reference', '=', reference).execute();
      await this.insertEvent(trx, reference, now, by, type, data);
      return this.changed(trx, reference, type);
    });
    if (record) await this.touched([record.owner.userId]);
    return record;
  }

  /**
   * The conversation the merchant of these cases last wrote in: proactive messages (case updates,
   * reminders) about the open ones go there rather than to the one they applied in. Written only when
   * it changed; cases already known to be closed or to follow it cost no round trip (most messages).
   */
  async followConversation(cases: readonly (string | CaseRecord)[], conversation: Record<string, unknown>): Promise<void> {
    const id = (conversation.conversation as { id?: string } | undefined)?.id;
    const references = cases
      .filter((c) => typeof c === 'string' || (!isFinal(c.status) && newsConversation(c).conversation?.id !== id))
      .map((c) => (typeof c === 'string' ? c : c.reference));
    if (!references.length || !id) return;
    const db = await this.database.db();
    const moved = await db
      .updateTable('cases')
      .set({ latest_conversation: JSON.stringify(conversation) })
      .where('reference', 'in', references)
      .where('status', 'not in', FINAL_STATUSES)
      .where(sql<boolean>`coalesce(latest_conversation, owner_conversation) -> 'conversation' ->> 'id' IS DISTINCT FROM ${id}`)
      .returning('owner_user_id')
      .execute();
    await this.touched(moved.map((row) => row.owner_user_id));
  }

  /**
   * The open case of a terminal, asked while its serial number is typed (before submitting would find
   * it), and whether it is the applicant's own: theirs, or on the card they typed, when they have.
   */
  async openCaseOf(posSerial: string, applicant: { userId: string; cardNumber?: string }): Promise<{ record: CaseRecord; applicantsOwn: boolean } | undefined> {
    const db = await this.database.db();
    const open = await openCaseQuery(db, posSerial).executeTakeFirst();
    if (!open) return undefined;
    const fingerprint = applicant.cardNumber === undefined ? undefined : this.fingerprints.of(applicant.cardNumber);
    return { record: (await this.get(open.reference))!, applicantsOwn: isApplicantsOwn(open, applicant.userId, fingerprint) };
  }

  async get(reference: string): Promise<CaseRecord | undefined> {
    const db = await this.database.db();
    const row = await db.selectFrom('cases').selectAll().where('reference', '=', reference).executeTakeFirst();
    if (!row) return undefined;
    const events = await db.selectFrom('case_events').selectAll().where('case_reference', '=', reference).orderBy('id').execute();
    return recordOf(row, events);
  }

  /** The user's cases, oldest first. */
  async forUser(userId: string): Promise<readonly CaseRecord[]> {
    return this.forUserLater(userId)();
  }

  /** `forUser`, with what it asks the shared store first (the cached list's version) asked now. */
  forUserLater(userId: string): () => Promise<readonly CaseRecord[]> {
    const { owners } = this.options;
    return owners ? owners.reading(userId, () => this.queryForUser(userId)) : () => this.queryForUser(userId);
  }

  private async queryForUser(userId: string): Promise<CaseRecord[]> {
    const db = await this.database.db();
    // Every message the bot routes asks this. Sorted here, not by ORDER BY: the sort doubled the
    // query's CPU on the embedded database (1.7 -> 0.9 ms), for the handful of rows a user has.
    const rows = await db.selectFrom('cases').selectAll().where('owner_user_id', '=', userId).execute();
    rows.sort((a, b) => a.created_at.getTime() - b.created_at.getTime());
    return this.withEvents(rows);
  }

  /**
   * One page of the cases a query finds, newest first, and the cursor of the next page (keyset
   * pagination on created_at and reference, so pages hold still while cases are added).
   */
  async search(query: CaseQuery): Promise<{ cases: CaseRecord[]; nextCursor?: string }> {
    const db = await this.database.db();
    const limit = query.limit ?? 50;
    let select = db.selectFrom('cases').selectAll();
    if (query.status) select = select.where('status', '=', query.status);
    if (query.overdue) select = select.where('status', 'in', AWAITING_DECISION).where('decision_latest', '<', localDate(this.now()));
    if (query.refundUnconfirmed) select = select.where('status', 'in', REFUND_UNCONFIRMED);
    if (query.createdFrom) select = select.where('created_at', '>=', startOfLocalDay(query.createdFrom));
    if (query.createdTo) select = select.where('created_at', '<', startOfLocalDay(addDays(query.createdTo, 1)));
    if (query.search !== undefined) {
      const terms = searchTerms(query.search);
      const column = { reference: 'reference', mobile: 'mobile', posSerial: 'pos_serial', cardLast4: 'card_last4' } as const;
      const matches = Object.entries(terms).map(([term, value]) => [column[term as keyof typeof terms], value] as const);
      if (!matches.length) return { cases: [] };
      select = select.where((eb) => eb.or(matches.map(([name, value]) => eb(name, '=', value))));
    }
    if (query.cursor) {
      const [at, reference] = decodeCursor(query.cursor);
      select = select.where((eb) => eb(eb.refTuple('created_at', 'reference'), '<', eb.tuple(at, reference)));
    }
    const rows = await select.orderBy('created_at', 'desc').orderBy('reference', 'desc').limit(limit + 1).execute();
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return { cases: await this.withEvents(page), ...(rows.length > limit && last ? { nextCursor: encodeCursor(last.created_at, last.reference) } : {}) };
  }

  /** How many cases are in each status (every status, zeros included). */
  async countByStatus(): Promise<Record<CaseStatus, number>> {
    const db = await this.database.db();
    const rows = await db.selectFrom('cases').select((eb) => ['status', eb.fn.countAll<number>().as('count')]).groupBy('status').execute();
    return Object.fromEntries(STATUSES.map((status) => [status, rows.find((r) => r.status === status)?.count ?? 0])) as Record<CaseStatus, number>;
  }

  /** Every case of the applicant with this mobile number, oldest first (for an export of their data). */
  async forMobile(mobile: string): Promise<CaseRecord[]> {
    const db = await this.database.db();
    return this.withEvents(await db.selectFrom('cases').selectAll().where('mobile', '=', mobile).orderBy('created_at').execute());
  }

  /**
   * Erases the personal data of the applicant with this mobile number: their cases keep only what the
   * business must keep (reference, status, dates, amounts); event details, callback requests and
   * queued notifications go. Returns the references of the cases erased.
   */
  async eraseSubject(mobile: string, by: string): Promise<string[]> {
    const db = await this.database.db();
    const rows = await db.transaction().execute(async (trx) => {
      const found = await trx.selectFrom('cases').select(['reference', 'owner_user_id']).where('mobile', '=', mobile).execute();
      await trx.deleteFrom('callbacks').where('mobile', '=', mobile).execute();
      await this.erase(trx, found.map((r) => r.reference), by, 'erased');
      return found;
    });
    await this.touched(rows.map((r) => r.owner_user_id));
    return rows.map((r) => r.reference);
  }

  /**
   * Anonymizes the cases closed or withdrawn more than `days` ago, as one instance at a time (a
   * transaction-scoped advisory lock: another instance running it meanwhile skips). Returns how many,
   * or undefined when another instance held the lock.
   */
  /** The newest case this user submitted in this conversation that nobody has begun to review. */
  async submittedIn(conversationId: string, userId: string): Promise<string | undefined> {
    const db = await this.database.db();
    const row = await db
      .selectFrom('cases')
      .select('reference')
      .where('owner_user_id', '=', userId)
      .where('status', '=', 'submitted')
      .where(sql<boolean>`owner_conversation -> 'conversation' ->> 'id' = ${conversationId}`)
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    return row?.reference;
  }

  async anonymizeClosedBefore(days: number): Promise<number | undefined> {
    const db = await this.database.db();
    const cutoff = new Date(this.now().getTime() - days * 86_400_000);
    const rows = await db.transaction().execute(async (trx) => {
      const { locked } = await sql<{ locked: boolean }>`SELECT pg_try_advisory_xact_lock(${RETENTION_LOCK}) AS locked`.execute(trx).then((r) => r.rows[0]);
      if (!locked) return undefined;
      const found = await trx.selectFrom('cases').select(['reference', 'owner_user_id']).where('closed_at', '<', cutoff).where('erased_at', 'is', null).execute();
      await this.erase(trx, found.map((r) => r.reference), 'system', 'anonymized');
      return found;
    });
    if (!rows) return undefined;
    await this.touched(rows.map((r) => r.owner_user_id));
    return rows.length;
  }

  private async erase(trx: Tx, references: string[], by: string, type: 'erased' | 'anonymized'): Promise<void> {
    if (!references.length) return;
    const now = this.now();
    await trx
      .updateTable('cases')
      .set({
        full_name: null,
        mobile: null,
        email: null,
        pos_serial: null,
        card_last4: null,
        card_fingerprint: null,
        card_sealed: null,
        reason_detail: null,
        owner_user_id: null,
        owner_conversation: null,
        latest_conversation: null,
        erased_at: now,
        updated_at: now,
      })
      .where('reference', 'in', references)
      .execute();
    // Notes, reasons and what the merchant typed live in the events' details.
    await trx.updateTable('case_events').set({ data: null }).where('case_reference', 'in', references).execute();
    await trx.deleteFrom('callbacks').where('case_reference', 'in', references).execute();
    await trx.deleteFrom('outbox').where('case_reference', 'in', references).execute();
    for (const reference of references) await this.insertEvent(trx, reference, now, by, type);
  }

  /** After a commit: these merchants' cached lists of cases are out of date. */
  private async touched(userIds: (string | null)[]): Promise<void> {
    await this.options.owners?.changed(userIds.filter((id): id is string => Boolean(id)));
  }

  /** The rows as records, with the events of all of them read in one query. */
  private async withEvents(rows: CaseRow[]): Promise<CaseRecord[]> {
    if (!rows.length) return [];
    const db = await this.database.db();
    const events = await db.selectFrom('case_events').selectAll().where('case_reference', 'in', rows.map((r) => r.reference)).orderBy('id').execute();
    const byCase = new Map<string, typeof events>();
    for (const event of events) byCase.set(event.case_reference, [...(byCase.get(event.case_reference) ?? []), event]);
    return rows.map((row) => recordOf(row, byCase.get(row.reference) ?? []));
  }

  private async statusOf(trx: Tx, reference: string): Promise<CaseStatus> {
    const row = await trx.selectFrom('cases').select('status').where('reference', '=', reference).executeTakeFirst();
    if (!row) throw new CaseNotFoundError(reference);
    return row.status;
  }

  private async insertEvent(trx: Tx, reference: string, at: Date, actor: string, type: string, data?: Record<string, unknown>): Promise<void> {
    await trx
      .insertInto('case_events')
      .values({ case_reference: reference, at, actor, type, data: data ? JSON.stringify(data) : null })
      .execute();
  }

  /** The case as the event left it, after what follows from the event is written. */
  private async changed(trx: Tx, reference: string, event: string): Promise<CaseRecord> {
    const record = await this.load(trx, reference);
    await this.options.onChange?.(trx, record, event);
    return record;
  }

  private async load(trx: Tx, reference: string): Promise<CaseRecord> {
    const row = await trx.selectFrom('cases').selectAll().where('reference', '=', reference).executeTakeFirstOrThrow();
    const events = await trx.selectFrom('case_events').selectAll().where('case_reference', '=', reference).orderBy('id').execute();
    return recordOf(row, events);
  }
}
