import type { CaseRecord } from './caseService';
import { addBusinessDays, localDate } from './dates';
import { isFinal, type CaseStatus } from './lifecycle';

/** What a case waits for from the merchant: accepting the refund offer, or saying the refund arrived. */
export type PendingAction = 'accept_offer' | 'confirm_arrival';

export function pendingAction(record: CaseRecord): PendingAction | undefined {
  if (record.status === 'approved') return 'accept_offer';
  if (record.status === 'refund_paid' && !refundDisputed(record)) return 'confirm_arrival';
  return undefined;
}

/**
 * Paid, and the merchant said since that the sum that arrived is not the agreed one: it waits for a
 * person now (who records the outcome), so a later "收到了" closes nothing.
 */
export function refundDisputed(record: CaseRecord): boolean {
  return record.status === 'refund_paid' && record.events.some((e) => e.type === 'refund_amount_disputed');
}

/** What the merchant is told a case's stage is: a status, or a rejected case staff since closed. */
export type Stage = CaseStatus | 'closed_unapproved';

/** A rejected case stays "not approved" once closed: the terminal was never cancelled, whatever the status. */
export function stageOf(record: CaseRecord): Stage {
  return record.status === 'closed' && record.events.some((e) => e.type === 'rejected') ? 'closed_unapproved' : record.status;
}

/** Rejected (closed since or not) or withdrawn: the terminal was never cancelled, so applying again is what the merchant is offered. */
export function endedUndone(record: CaseRecord): boolean {
  return ['rejected', 'withdrawn', 'closed_unapproved'].includes(stageOf(record));
}

/** Refund methods paid to the applicant's settlement card (a transfer goes to it too). */
const TO_THE_CARD = new Set(['original_card', 'bank_transfer']);

/** The refund as the last approval set it: its amount and how it is paid (original_card, bank_transfer, cash). */
export function approvalOf(record: CaseRecord): { amount?: number; method?: string } | undefined {
  return record.events.findLast((e) => e.type === 'approved')?.data as { amount?: number; method?: string } | undefined;
}

/** How the refund is paid, as approved. */
export function refundMethodOf(record: CaseRecord): string | undefined {
  return approvalOf(record)?.method;
}

/** The last 4 digits of the card an approved refund is paid to, from its approval until the case is done. */
export function refundCardOf(record: CaseRecord): string | undefined {
  if (!['approved', 'refund_agreed', 'refund_paid'].includes(record.status)) return undefined;
  const method = refundMethodOf(record);
  return method !== undefined && TO_THE_CARD.has(method) ? record.applicant.cardLast4 : undefined;
}

/** The cases among these still under way (neither done nor rejected), oldest first. */
export function openCases(records: readonly CaseRecord[]): CaseRecord[] {
  return records.filter((r) => !isFinal(r.status) && r.status !== 'rejected').sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/**
 * What the case waits for from this user: only its applicant accepts the offer (a signature) or closes
 * it; someone who proved the case with its reference and card's last digits sees where it stands, no more.
 */
export function pendingActionFor(record: CaseRecord, userId: string): PendingAction | undefined {
  return record.owner.userId === userId ? pendingAction(record) : undefined;
}

/** The newest open case among these, with what it waits for from this user (if anything). */
export function currentCase(records: readonly CaseRecord[], userId: string): { record: CaseRecord; action?: PendingAction } | undefined {
  const open = openCases(records);
  const record = open.find((r) => pendingActionFor(r, userId)) ?? open.at(-1);
  return record && { record, action: pendingActionFor(record, userId) };
}

export interface FollowUpRules {
  /** Business days after approval at which an offer the merchant has not accepted is brought up again. */
  acceptReminderBusinessDays: number;
  /** Business days after the refund is agreed by which it is paid; later, it is late. */
  paymentBusinessDays: number;
  /** Business days after payment at which the merchant is asked again. */
  reminderBusinessDays: number;
  /** Business days after payment at which a person takes it over. */
  escalateBusinessDays: number;
  holidays: ReadonlySet<string>;
}

/** What the periodic follow-up does for a case that waits for the merchant; each is written to the case's log as its event. */
export const FOLLOW_UP_EVENTS = { acceptRemind: 'accept_reminded', remind: 'refund_reminded', escalate: 'refund_escalated' } as const;
export type FollowUpStep = keyof typeof FOLLOW_UP_EVENTS;

/** The day (Asia/Shanghai) of the case's last event of this type. */
function dayOf(record: CaseRecord, type: string): string | undefined {
  const event = record.events.findLast((e) => e.type === type);
  return event && localDate(new Date(event.at));
}

/** The day (Asia/Shanghai) the refund was marked paid. */
export function paidOn(record: CaseRecord): string | undefined {
  return dayOf(record, 'refund_paid');
}

/** By when an agreed refund is paid: from the next day on, it is late. */
export function refundDueBy(record: CaseRecord, rules: FollowUpRules): string | undefined {
  const agreed = dayOf(record, 'refund_agreed');
  return agreed && addBusinessDays(agreed, rules.paymentBusinessDays, rules.holidays);
}

/**
 * By when the merchant should see the refund: the reminder day. Told "not yet" from that day on, it is
 * late, for a person to look into, not a later day to wait for (a date once said is kept).
 */
export function refundExpectedBy(record: CaseRecord, rules: FollowUpRules): string | undefined {
  const paid = paidOn(record);
  return paid && addBusinessDays(paid, rules.reminderBusinessDays, rules.holidays);
}

/**
 * What the periodic follow-up does now for a case that waits for the merchant: an offer not accepted
 * is brought up once after the acceptance reminder days; a paid refund nobody confirmed is reminded
 * about once after the reminder days and handed to a person once after the escalation days.
 */
export function followUp(record: CaseRecord, today: string, rules: FollowUpRules): FollowUpStep | undefined {
  const done = (step: FollowUpStep) => record.events.some((e) => e.type === FOLLOW_UP_EVENTS[step]);
  const due = (since: string | undefined, days: number) => since !== undefined && today >= addBusinessDays(since, days, rules.holidays);
  if (record.status === 'approved') {
    return !done('acceptRemind') && due(dayOf(record, 'approved'), rules.acceptReminderBusinessDays) ? 'acceptRemind' : undefined;
  }
  if (record.status !== 'refund_paid') return undefined;
  const paid = paidOn(record);
  if (!done('escalate') && due(paid, rules.escalateBusinessDays)) return 'escalate';
  // Disputed: asking "has it arrived?" again would not help; only the hand-over to a person is left.
  if (!done('remind') && !done('escalate') && !refundDisputed(record) && due(paid, rules.reminderBusinessDays)) return 'remind';
  return undefined;
}
