import { businessDaysBetween, decisionClock, matchesCaseQuery } from '../../src/cases/caseQuery';
import type { CaseRecord } from '../../src/cases/caseService';
import { caseRecord } from '../helpers/caseRecord';

const NONE = new Set<string>();
// The fixture: submitted 2026-11-24 (a Tuesday), decision due by 2026-12-01.
const submitted = (changes: Partial<CaseRecord> = {}): CaseRecord => ({ ...caseRecord('x'), ...changes });

describe('case queries', () => {
  it('counts business days both ways, skipping weekends and holidays', () => {
    expect(businessDaysBetween('2026-11-27', '2026-12-01', NONE)).toBe(2); // Fri → Tue: Mon, Tue
    expect(businessDaysBetween('2026-12-01', '2026-11-27', NONE)).toBe(-2);
    expect(businessDaysBetween('2026-11-27', '2026-12-01', new Set(['2026-11-30']))).toBe(1);
    expect(businessDaysBetween('2026-12-01', '2026-12-01', NONE)).toBe(0);
  });

  it('runs the decision clock while undecided and calls it overdue after the last day', () => {
    expect(decisionClock(submitted(), '2026-11-27', NONE)).toEqual({ due: '2026-12-01', businessDaysLeft: 2, overdue: false });
    expect(decisionClock(submitted(), '2026-12-01', NONE)).toEqual({ due: '2026-12-01', businessDaysLeft: 0, overdue: false });
    expect(decisionClock(submitted({ status: 'under_review' }), '2026-12-03', NONE)).toEqual({ due: '2026-12-01', businessDaysLeft: -2, overdue: true });
    expect(decisionClock(submitted({ status: 'approved' }), '2026-12-03', NONE)).toBeUndefined();
  });

  it('filters by status, overdue and refund not confirmed', () => {
    const late = '2026-12-02';
    expect(matchesCaseQuery(submitted(), { overdue: true }, late)).toBe(true);
    expect(matchesCaseQuery(submitted(), { overdue: true }, '2026-12-01')).toBe(false);
    expect(matchesCaseQuery(submitted({ status: 'rejected' }), { overdue: true }, late)).toBe(false);
    expect(matchesCaseQuery(submitted({ status: 'refund_paid' }), { refundUnconfirmed: true }, late)).toBe(true);
    expect(matchesCaseQuery(submitted({ status: 'verified' }), { refundUnconfirmed: true }, late)).toBe(false);
    expect(matchesCaseQuery(submitted(), { status: 'under_review' }, late)).toBe(false);
  });

  it('finds a case by reference, mobile, serial number or card last 4, ignoring spaces, dashes and case', () => {
    const today = '2026-11-25';
    for (const search of ['PC-2611-00000A', 'pc2611 00000a', '13800138000', '0013800', 'lkl12345678', '5670']) {
      expect([search, matchesCaseQuery(submitted(), { search }, today)]).toEqual([search, true]);
    }
    for (const search of ['PC-2611-99999Z', '13900000000', '9999']) {
      expect([search, matchesCaseQuery(submitted(), { search }, today)]).toEqual([search, false]);
    }
  });
});
