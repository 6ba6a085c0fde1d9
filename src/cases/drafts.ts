import type { ReasonCode } from './caseService';
import { localDate } from './dates';

/** The application as collected; the card number only ever sealed. */
export interface Draft {
  receivedOn?: string;
  /** The merchant's words for it when they named no day ("上个月"): the summary shows those, not a day they never said. */
  receivedSaid?: string;
  reason?: ReasonCode;
  reasonDetail?: string;
  fullName?: string;
  cardSealed?: string;
  cardLast4?: string;
  posSerial?: string;
  mobile?: string;
  email?: string | null;
  /** This application attempt's key (CaseService.submit): a retried submission returns the case it made. */
  idempotencyKey?: string;
  /** The conversation the application began in: its steps count there (the dashboard's funnel), also when finished in a later one. */
  startedIn?: string;
}

export interface SavedDraft {
  draft: Draft;
  /** When it last changed (ISO); it is kept DRAFT_TTL_DAYS after that. */
  savedAt: string;
}

/** True once a draft saved at `savedAt` has been kept for `ttlDays`. */
export function isExpired(savedAt: string, now: Date, ttlDays: number): boolean {
  return now.getTime() - Date.parse(savedAt) >= ttlDays * 86_400_000;
}

/** The last day (Asia/Shanghai) a draft saved at `savedAt` is kept. */
export function keptUntil(savedAt: string, ttlDays: number): string {
  return localDate(new Date(Date.parse(savedAt) + ttlDays * 86_400_000));
}
