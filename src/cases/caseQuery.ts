import type { CaseRecord } from './caseService';
import { addDays, isWeekend } from './dates';
import type { CaseStatus } from './lifecycle';

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

export interface CaseQuery {
  status?: CaseStatus;
  overdue?: boolean;
  refundUnconfirmed?: boolean;
  /** A reference, mobile number, terminal serial number or the card's last 4 digits. */
  search?: string;
}

const compact = (text: string) => text.replace(/[\s-]/g, '').toUpperCase();

function matchesSearch(record: CaseRecord, search: string): boolean {
  const wanted = compact(search);
  if (!wanted) return true;
  const { applicant } = record;
  return (
    compact(record.reference).includes(wanted) ||
    compact(applicant.posSerial).includes(wanted) ||
    (/^\d{4,}$/.test(wanted) && applicant.mobile.includes(wanted)) ||
    applicant.cardLast4 === wanted
  );
}

export function matchesCaseQuery(record: CaseRecord, query: CaseQuery, today: string): boolean {
  if (query.status && record.status !== query.status) return false;
  if (query.overdue && !isOverdue(record, today)) return false;
  if (query.refundUnconfirmed && !REFUND_UNCONFIRMED.includes(record.status)) return false;
  return !query.search || matchesSearch(record, query.search);
}
