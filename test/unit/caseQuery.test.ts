import { businessDaysBetween, decisionClock, searchTerms } from '../../src/cases/caseQuery';
import type { CaseRecord } from '../../src/cases/caseService';
import { newReference } from '../../src/cases/reference';
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

  it('reads a search as a reference, mobile number, serial number or card last 4, however it was typed', () => {
    const reference = newReference('2611');
    expect(searchTerms(reference.replace(/-/g, ' ').toLowerCase())).toEqual({ reference, posSerial: reference.replace(/-/g, '') });
    expect(searchTerms('+86 138 0013 8000')).toEqual({ mobile: '13800138000' });
    expect(searchTerms('13800138000')).toEqual({ mobile: '13800138000', posSerial: '13800138000' });
    expect(searchTerms('lkl-1234 5678')).toEqual({ posSerial: 'LKL12345678' });
    expect(searchTerms('5670')).toEqual({ cardLast4: '5670' });
    expect(searchTerms('张三')).toEqual({});
  });
});
