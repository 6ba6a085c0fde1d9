import { sql, type Selectable } from 'kysely';
import type { Database } from '../db/database';
import type { CallbacksTable } from '../db/schema';
import type { HandoffContext, HandoffRecord, HandoffStats } from './types';

export interface CallbackRequest {
  id: string;
  createdAt: string;
  userId?: string;
  language: string;
  mobile?: string;
  message?: string;
  caseReference?: string;
}

function callbackOf(r: Selectable<CallbacksTable>): CallbackRequest {
  return {
    id: r.id,
    createdAt: r.created_at.toISOString(),
    ...(r.user_id ? { userId: r.user_id } : {}),
    language: r.language,
    ...(r.mobile ? { mobile: r.mobile } : {}),
    ...(r.message ? { message: r.message } : {}),
    ...(r.case_reference ? { caseReference: r.case_reference } : {}),
  };
}

/**
 * What the system of record keeps of handoffs (the live queue stays in Redis): callback requests,
 * tied to the user's case, and every ended handoff, for reporting.
 */
export class HandoffArchive {
  constructor(
    private readonly database: Database,
    /**
     * How far the business clock runs ahead of the live one the handoff store stamps with (epoch ms): the
     * queue keeps real time (agents' presence, waits, the console's timers) while what is kept here is
     * counted on the business clock's days, like cases.
     */
    private readonly businessAheadMs: () => number = () => 0,
  ) {}

  /** The business time of instants of the live clock; one shift for all of a record's, so its durations stay exact. */
  private businessTimes(): (ms: number) => Date {
    const ahead = this.businessAheadMs();
    return (ms) => new Date(ms + ahead);
  }

  async callbackRequested(id: string, at: number, context: HandoffContext): Promise<void> {
    const business = this.businessTimes();
    const db = await this.database.db();
    await db
      .insertInto('callbacks')
      .values({
        id,
        // A reference the user typed may name no case of ours: keep the request, not the dangling link.
        case_reference: context.caseReference
          ? db.selectFrom('cases').select('reference').where('reference', '=', context.caseReference)
          : null,
        user_id: context.userId,
        language: context.language,
        mobile: context.mobile ?? null,
        message: context.message ?? null,
        created_at: business(at),
      })
      .execute();
  }

  async ended(record: HandoffRecord): Promise<void> {
    const business = this.businessTimes();
    const db = await this.database.db();
    const at = (ms: number | undefined) => (ms === undefined ? null : business(ms));
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('handoffs_ended')
        .values({
          id: record.id,
          kind: record.kind,
          agent: record.agent ?? null,
          case_reference: record.context.caseReference ?? null,
          language: record.context.language,
          end_reason: record.endReason ?? 'unknown',
          enqueued_at: business(record.enqueuedAt),
          first_claimed_at: at(record.firstClaimedAt),
          claimed_at: at(record.claimedAt),
          ended_at: business(record.endedAt ?? record.enqueuedAt),
          csat: record.csat ?? null,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
      if (record.kind === 'callback') await trx.updateTable('callbacks').set({ status: 'ended', ended_at: at(record.endedAt) }).where('id', '=', record.id).execute();
    });
  }

  async rated(id: string, score: number): Promise<void> {
    const db = await this.database.db();
    await db.updateTable('handoffs_ended').set({ csat: score }).where('id', '=', id).execute();
  }

  /** Callback requests nobody has ended yet, oldest first. */
  async waitingCallbacks(): Promise<CallbackRequest[]> {
    const db = await this.database.db();
    return (await db.selectFrom('callbacks').selectAll().where('status', '=', 'waiting').orderBy('created_at').execute()).map(callbackOf);
  }

  /** The user's latest callback request nobody has ended yet, if any. */
  async waitingCallbackOf(userId: string): Promise<CallbackRequest | undefined> {
    const db = await this.database.db();
    const row = await db.selectFrom('callbacks').selectAll().where('user_id', '=', userId).where('status', '=', 'waiting').orderBy('created_at', 'desc').limit(1).executeTakeFirst();
    return row && callbackOf(row);
  }

  /** Every callback request left from this mobile number or about one of these cases. */
  async callbacksOf(mobile: string, references: string[]): Promise<CallbackRequest[]> {
    const db = await this.database.db();
    const rows = await db
      .selectFrom('callbacks')
      .selectAll()
      .where((eb) => eb.or([eb('mobile', '=', mobile), ...(references.length ? [eb('case_reference', 'in', references)] : [])]))
      .orderBy('created_at')
      .execute();
    return rows.map(callbackOf);
  }

  /** Counts and means over the handoffs ended since `sinceMs`, computed by the database. */
  async stats(sinceMs: number): Promise<HandoffStats> {
    const db = await this.database.db();
    const since = new Date(sinceMs);
    const ms = (interval: ReturnType<typeof sql>) => sql<number | null>`avg(extract(epoch from ${interval}) * 1000)::float8`;
    const [totals, reasons] = await Promise.all([
      db
        .selectFrom('handoffs_ended')
        .select((eb) => [
          eb.fn.countAll<number>().as('count'),
          ms(sql`first_claimed_at - enqueued_at`).as('meanWaitMs'),
          ms(sql`ended_at - claimed_at`).as('meanHandleMs'),
          sql<number | null>`avg(csat)::float8`.as('meanCsat'),
          eb.fn.count<number>('csat').as('rated'),
        ])
        .where('ended_at', '>=', since)
        .executeTakeFirstOrThrow(),
      db.selectFrom('handoffs_ended').select((eb) => ['end_reason', eb.fn.countAll<number>().as('count')]).where('ended_at', '>=', since).groupBy('end_reason').execute(),
    ]);
    const defined = <T>(value: T | null) => (value === null ? undefined : value);
    return {
      count: totals.count,
      byReason: Object.fromEntries(reasons.map((r) => [r.end_reason, r.count])),
      meanWaitMs: defined(totals.meanWaitMs),
      meanHandleMs: defined(totals.meanHandleMs),
      meanCsat: defined(totals.meanCsat),
      rated: totals.rated,
    };
  }
}
