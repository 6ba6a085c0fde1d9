/** The life of a cancellation case, from submission to closing. */
export const STATUSES = ['submitted', 'under_review', 'approved', 'rejected', 'refund_agreed', 'refund_paid', 'verified', 'closed', 'withdrawn'] as const;
export type CaseStatus = (typeof STATUSES)[number];

const NEXT: Record<CaseStatus, readonly CaseStatus[]> = {
  submitted: ['under_review', 'withdrawn'],
  under_review: ['approved', 'rejected', 'withdrawn'],
  approved: ['refund_agreed', 'withdrawn'],
  rejected: ['closed'],
  refund_agreed: ['refund_paid'],
  refund_paid: ['verified'],
  verified: ['closed'],
  closed: [],
  withdrawn: [],
};

export function allowedTransitions(from: CaseStatus): readonly CaseStatus[] {
  return NEXT[from];
}

export class InvalidTransitionError extends Error {
  constructor(readonly from: CaseStatus, readonly to: CaseStatus) {
    super(`a case that is ${from} cannot become ${to}; allowed: ${NEXT[from].join(', ') || 'none'}`);
    this.name = 'InvalidTransitionError';
  }
}

/** Throws InvalidTransitionError unless `from → to` is a step of the life cycle. */
export function assertTransition(from: CaseStatus, to: CaseStatus): void {
  if (!NEXT[from].includes(to)) throw new InvalidTransitionError(from, to);
}

/** Statuses after which the card number is no longer needed and is deleted. */
export const FINAL_STATUSES: readonly CaseStatus[] = ['closed', 'withdrawn'];

export function isFinal(status: CaseStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

/** Submitted or being reviewed: the decision is still to come (its 2-5 business-day window applies). */
export function awaitsDecision(status: CaseStatus): boolean {
  return status === 'submitted' || status === 'under_review';
}

/** Statuses that leave the terminal free for a new application; any other status is an open case. */
export const REAPPLICABLE: readonly CaseStatus[] = ['rejected', 'closed', 'withdrawn'];
