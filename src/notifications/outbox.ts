import type { Kysely, Selectable } from 'kysely';
import type { CaseRecord } from '../cases/caseService';
import type { Database } from '../db/database';
import type { OutboxStatus, OutboxTable, Tables } from '../db/schema';
import { kindForEvent, type Channel } from './kinds';
import { notificationLanguage } from './render';
import type { NotificationSender } from './sender';

export type OutboxRow = Selectable<OutboxTable>;

/** What became of one attempt. */
export type AttemptResult =
  | { status: 'sent'; providerId: string }
  | { status: 'skipped'; reason: string }
  | { status: 'retrying' | 'failed'; error: string; nextAttemptAt: Date };

export interface OutboxFilter {
  status?: OutboxStatus;
  caseReference?: string;
  limit: number;
}

/**
 * The notification outbox in the system of record. Rows are written in the transaction that changes
 * the case, so a notification exists exactly when the change does; workers on any number of instances
 * claim due rows with FOR UPDATE SKIP LOCKED, so each row has one sender at a time.
 */
export class Outbox {
  constructor(
    private readonly database: Database,
    private readonly sender: NotificationSender,
    /** The business clock, the workers' too: a row is due from the moment it is queued, and counts on the dashboard's day it was. */
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Queues what the event just written to the case's log sends, if anything: one row per channel the
   * merchant gets it on, in the caller's transaction.
   */
  async queue(trx: Kysely<Tables>, record: CaseRecord, event: string): Promise<void> {
    const kind = kindForEvent(event);
    if (!kind) return;
    const now = this.now();
    const rows = this.sender.channelsFor(kind, record).map((channel) => ({
      case_reference: record.reference,
      channel,
      recipient: recipientOf(record, channel),
      template: kind,
      language: notificationLanguage(record),
      payload: '{}',
      created_at: now,
      next_attempt_at: now,
    }));
    if (rows.length) await trx.insertInto('outbox').values(rows).execute();
  }

  /**
   * Takes up to `limit` due rows for this worker: counts the attempt and moves their next attempt to
   * `leaseUntil`, so a worker that dies mid-send leaves them to another once the lease is over.
   */
  async claim(limit: number, now: Date, leaseUntil: Date): Promise<OutboxRow[]> {
    const db = await this.database.db();
    return db
      .updateTable('outbox')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), next_attempt_at: leaseUntil }))
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('outbox')
          .select('id')
          .where('status', 'in', ['pending', 'retrying'])
          .where('next_attempt_at', '<=', now)
          .orderBy('next_attempt_at')
          .orderBy('id')
          .limit(limit)
          .forUpdate()
          .skipLocked(),
      )
      .returningAll()
      .execute();
  }

  /** Records the attempt's result; false when the claim was lost meanwhile (the lease ran out and another worker took the row). */
  async record(row: OutboxRow, result: AttemptResult, now: Date): Promise<boolean> {
    const db = await this.database.db();
    const changes =
      result.status === 'sent'
        ? { status: result.status, sent_at: now, provider_id: result.providerId, last_error: null }
        : result.status === 'skipped'
          ? { status: result.status, last_error: result.reason }
          : { status: result.status, last_error: result.error.slice(0, 500), next_attempt_at: result.nextAttemptAt };
    const updated = await db
      .updateTable('outbox')
      .set(changes)
      .where('id', '=', row.id)
      .where('attempts', '=', row.attempts)
      .where('status', 'in', ['pending', 'retrying'])
      .executeTakeFirst();
    return Number(updated.numUpdatedRows) === 1;
  }

  /** Newest first, for the back office. */
  async list(filter: OutboxFilter): Promise<OutboxRow[]> {
    const db = await this.database.db();
    let query = db.selectFrom('outbox').selectAll().orderBy('id', 'desc').limit(filter.limit);
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.caseReference) query = query.where('case_reference', '=', filter.caseReference);
    return query.execute();
  }
}

function recipientOf(record: CaseRecord, channel: Channel): string {
  return (channel === 'email' ? record.applicant.email : record.applicant.mobile) ?? '';
}
