import type { CaseRecord } from './caseService';
import { addDays, isWeekend } from './dates';
import { parseMobile, posSerialOf } from './inputs';
import type { CaseStatus } from './lifecycle';
import { parseReference } from './reference';

/** Statuses in which the merchant waits for the 2-5 business-day decision. */
export const AWAITING_DECISION: readonly CaseStatus[] = ['submitted', 'under_review'];
/** Approved, but the merchant has not yet confirmed the refund arrived. */
export const REFUND_UNCONFIRMED: readonly CaseStatus[] = ['approved', 'refund_agreed', 'refund_paid'];

export interface DecisionClock {
  /** The last day of the promised window (YYYY-MM-DD). */
  due: string;
  /** Business days from today to `due`: 0 on the day itself, negative once overdue. */
  businessDaysLeft: number;
  overdue: boolean;
}

/** Signed count of business days from `from` to `to` (weekends and holidays skipped). */
export function businessDaysBetween(from: string, to: string, holidays: ReadonlySet<string>): number {
  const sign = to >= from ? 1 : -1;
  let count = 0;
  for (let day = from; day !== to; ) {
    day = addDays(day, sign);
    if (!isWeekend(day) && !holidays.has(day)) count += sign;
  }
  return count;
}

/** Still undecided after the last day of the 2-5 business-day window. */
export const isOverdue = (record: CaseRecord, today: string): boolean => AWAITING_DECISION.includes(record.status) && today > record.decision.latest;

/** Where a case stands against the decision promise; undefined once it has been decided. */
export function decisionClock(record: CaseRecord, today: string, holidays: ReadonlySet<string>): DecisionClock | undefined {
  if (!AWAITING_DECISION.includes(record.status)) return undefined;
  const due = record.decision.latest;
  return { due, businessDaysLeft: businessDaysBetween(today, due, holidays), overdue: isOverdue(record, today) };
}

/** What the back office filters and searches cases by (CaseService.search runs it in SQL). */
export interface CaseQuery {
  status?: CaseStatus;
  overdue?: boolean;
  refundUnconfirmed?: boolean;
  /** Created on or after / on or before these days (YYYY-MM-DD, Asia/Shanghai). */
  createdFrom?: string;
  createdTo?: string;
  /** A reference, mobile number, terminal serial number or the card's last 4 digits, as typed. */
  search?: string;
  /** From a previous page's `nextCursor`. */
  cursor?: string;
  limit?: number;
}

/** What a search text can mean, each normalized as stored; empty when it can mean nothing. */
export function searchTerms(text: string): { reference?: string; mobile?: string; posSerial?: string; cardLast4?: string } {
  const reference = parseReference(text);
  const mobile = parseMobile(text);
  // Serials kept before mobile-like ones were refused are still found.
  const serial = posSerialOf(text);
  const digits = text.normalize('NFKC').trim();
  return {
    ...(reference ? { reference } : {}),
    ...(mobile.ok ? { mobile: mobile.value } : {}),
    ...(serial ? { posSerial: serial } : {}),
    ...(/^\d{4}$/.test(digits) ? { cardLast4: digits } : {}),
  };
}
