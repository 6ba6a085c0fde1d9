import type { CaseRecord } from './caseService';
import { addBusinessDays, localDate } from './dates';
import { isFinal } from './lifecycle';

/** What a case waits for from the merchant: accepting the refund offer, or saying the refund arrived. */
export type PendingAction = 'accept_offer' | 'confirm_arrival';

export function pendingAction(record: CaseRecord): PendingAction | undefined {
  if (record.status === 'approved') return 'accept_offer';
  if (record.status === 'refund_paid') return 'confirm_arrival';
  return undefined;
}

/** The newest open case among these, with what it waits for from the merchant (if anything). */
export function currentCase(records: readonly CaseRecord[]): { record: CaseRecord; action?: PendingAction } | undefined {
  const open = [...records].filter((r) => !isFinal(r.status) && r.status !== 'rejected').sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const record = open.find((r) => pendingAction(r)) ?? open.at(-1);
  return record && { record, action: pendingAction(record) };
}

export interface RefundFollowUpRules {
  /** Business days after payment at which the merchant is asked again. */
  reminderBusinessDays: number;
  /** Business days after payment at which a person takes it over. */
  escalateBusinessDays: number;
  holidays: ReadonlySet<string>;
}

/** The day (Asia/Shanghai) the refund was marked paid. */
export function paidOn(record: CaseRecord): string | undefined {
  const paid = record.events.findLast((e) => e.type === 'refund_paid');
  return paid && localDate(new Date(paid.at));
}

/**
 * By when the merchant should see the refund: the reminder day, or once that has passed the day a
 * person takes it over.
 */
export function refundExpectedBy(record: CaseRecord, rules: RefundFollowUpRules, today: string): string | undefined {
  const paid = paidOn(record);
  if (!paid) return undefined;
  const reminder = addBusinessDays(paid, rules.reminderBusinessDays, rules.holidays);
  return today < reminder ? reminder : addBusinessDays(paid, rules.escalateBusinessDays, rules.holidays);
}

/**
 * What the periodic follow-up does now for a paid refund nobody has confirmed: remind the merchant
 * once after the reminder days, hand it to a person once after the escalation days.
 */
export function refundFollowUp(record: CaseRecord, today: string, rules: RefundFollowUpRules): 'remind' | 'escalate' | undefined {
  const paid = paidOn(record);
  if (record.status !== 'refund_paid' || !paid) return undefined;
  const done = (type: string) => record.events.some((e) => e.type === type);
  if (!done('refund_escalated') && today >= addBusinessDays(paid, rules.escalateBusinessDays, rules.holidays)) return 'escalate';
  if (!done('refund_reminded') && !done('refund_escalated') && today >= addBusinessDays(paid, rules.reminderBusinessDays, rules.holidays)) return 'remind';
  return undefined;
}
