import { caseRecord } from '../helpers/caseRecord';
import { currentCase, followUp, pendingAction, pendingActionFor, refundDisputed, refundExpectedBy } from '../../src/cases/pending';
import type { CaseRecord } from '../../src/cases/caseService';

const RULES = { acceptReminderBusinessDays: 2, paymentBusinessDays: 3, reminderBusinessDays: 3, escalateBusinessDays: 7, holidays: new Set<string>() };

/** A case paid on Thursday 2026-11-26 (Shanghai), with the given later events. */
function paid(...later: string[]): CaseRecord {
  const base = caseRecord('detail');
  return {
    ...base,
    status: 'refund_paid',
    events: [
      { at: '2026-11-20T02:00:00Z', by: 'user:u', type: 'submitted' },
      { at: '2026-11-26T02:00:00Z', by: 'backoffice:alice', type: 'refund_paid' },
      ...later.map((type) => ({ at: '2026-12-01T02:00:00Z', by: 'system', type })),
    ],
  };
}

describe('what a case waits for from the merchant', () => {
  it('an offer to accept, a refund to confirm, nothing otherwise', () => {
    const base = caseRecord('detail');
    expect(pendingAction({ ...base, status: 'approved' })).toBe('accept_offer');
    expect(pendingAction({ ...base, status: 'refund_paid' })).toBe('confirm_arrival');
    expect(pendingAction({ ...base, status: 'refund_agreed' })).toBeUndefined();
    expect(pendingAction({ ...base, status: 'submitted' })).toBeUndefined();
  });

  it('the open case that waits for the merchant comes before a newer one that does not; closed cases never', () => {
    const base = caseRecord('detail');
    const waiting = { ...base, reference: 'A', status: 'approved' as const, createdAt: '2026-11-01T00:00:00Z' };
    const newer = { ...base, reference: 'B', status: 'submitted' as const, createdAt: '2026-11-20T00:00:00Z' };
    const closed = { ...base, reference: 'C', status: 'closed' as const, createdAt: '2026-11-25T00:00:00Z' };
    const owner = base.owner.userId;
    expect(currentCase([waiting, newer, closed], owner)).toEqual({ record: waiting, action: 'accept_offer' });
    expect(currentCase([newer, closed], owner)).toEqual({ record: newer, action: undefined });
    expect(currentCase([closed], owner)).toBeUndefined();
  });

  it('only the applicant answers what a case waits for: to someone who proved it, the newest open case, waiting for nothing', () => {
    const base = caseRecord('detail');
    const waiting = { ...base, reference: 'A', status: 'approved' as const, createdAt: '2026-11-01T00:00:00Z' };
    const newer = { ...base, reference: 'B', status: 'submitted' as const, createdAt: '2026-11-20T00:00:00Z' };
    expect(pendingActionFor(waiting, base.owner.userId)).toBe('accept_offer');
    expect(pendingActionFor(waiting, 'someone else')).toBeUndefined();
    expect(currentCase([waiting, newer], 'someone else')).toEqual({ record: newer, action: undefined });
  });
});

describe('the refund follow-up (business days after payment)', () => {
  it('nothing before the reminder day; the reminder once; the hand-over once, even without a reminder', () => {
    // Paid Thu 26 Nov: 3 business days → Tue 1 Dec; 7 → Mon 7 Dec.
    expect(followUp(paid(), '2026-11-30', RULES)).toBeUndefined();
    expect(followUp(paid(), '2026-12-01', RULES)).toBe('remind');
    expect(followUp(paid('refund_reminded'), '2026-12-04', RULES)).toBeUndefined();
    expect(followUp(paid('refund_reminded'), '2026-12-07', RULES)).toBe('escalate');
    expect(followUp(paid(), '2026-12-07', RULES)).toBe('escalate');
    expect(followUp(paid('refund_reminded', 'refund_escalated'), '2026-12-20', RULES)).toBeUndefined();
    expect(followUp({ ...paid(), status: 'closed' }, '2026-12-20', RULES)).toBeUndefined();
  });

  it('a refund the merchant said is short waits for a person: no "has it arrived?", no reminder, the hand-over still', () => {
    const disputed = paid('refund_amount_disputed');
    expect(refundDisputed(disputed)).toBe(true);
    expect(pendingAction(disputed)).toBeUndefined();
    expect(followUp(disputed, '2026-12-01', RULES)).toBeUndefined();
    expect(followUp(disputed, '2026-12-07', RULES)).toBe('escalate');
  });

  it('holidays are not business days', () => {
    expect(followUp(paid(), '2026-12-01', { ...RULES, holidays: new Set(['2026-11-27']) })).toBeUndefined();
  });

  it('an offer not accepted is brought up once, the acceptance reminder days after approval', () => {
    // Approved Thu 26 Nov: 2 business days → Mon 30 Nov.
    const approved = (...later: string[]): CaseRecord => ({
      ...paid(),
      status: 'approved',
      events: [
        { at: '2026-11-26T02:00:00Z', by: 'backoffice:alice', type: 'approved' },
        ...later.map((type) => ({ at: '2026-11-30T02:00:00Z', by: 'system', type })),
      ],
    });
    expect(followUp(approved(), '2026-11-27', RULES)).toBeUndefined();
    expect(followUp(approved(), '2026-11-30', RULES)).toBe('acceptRemind');
    expect(followUp(approved('accept_reminded'), '2026-12-20', RULES)).toBeUndefined();
    expect(followUp({ ...approved(), status: 'refund_agreed' }, '2026-12-20', RULES)).toBeUndefined();
  });

  it('by when to expect it: the reminder day, whenever asked', () => {
    expect(refundExpectedBy(paid(), RULES)).toBe('2026-12-01');
    expect(refundExpectedBy({ ...paid(), events: [] }, RULES)).toBeUndefined();
  });
});
