import type { CardVault } from './cardVault';
import { appendToList, type DocumentStore } from './documentStore';
import { addBusinessDays, localDate } from './dates';
import { assertTransition, isFinal, type CaseStatus } from './lifecycle';
import { newReference } from './reference';

export const REASONS = ['account_anomaly', 'device_fault', 'business_change', 'other'] as const;
export type ReasonCode = (typeof REASONS)[number];

export interface CaseEvent {
  at: string;
  /** "user:<id>", "backoffice:<name>" or "system". */
  by: string;
  type: string;
  data?: Record<string, unknown>;
}

export interface CaseRecord {
  reference: string;
  status: CaseStatus;
  createdAt: string;
  language: string;
  applicant: { fullName: string; mobile: string; email?: string; posSerial: string; cardLast4: string };
  /** AES-256-GCM sealed card number; removed when the case closes or is withdrawn. */
  cardSealed?: string;
  reason: { code: ReasonCode; detail?: string };
  receivedOn: string;
  decision: { earliest: string; latest: string };
  owner: { userId: string; channelId: string; conversation: unknown };
  events: CaseEvent[];
}

export interface Application {
  fullName: string;
  cardNumber: string;
  posSerial: string;
  mobile: string;
  email?: string;
  reason: { code: ReasonCode; detail?: string };
  receivedOn: string;
  language: string;
  owner: CaseRecord['owner'];
}

export interface CaseServiceOptions {
  holidays: ReadonlySet<string>;
  now?: () => Date;
}

const caseKey = (reference: string) => `cases/${reference}`;
const userKey = (userId: string) => `cases/by-user/${userId}`;
const ALL = 'cases/all';

export class CaseNotFoundError extends Error {
  constructor(reference: string) {
    super(`no case ${reference}`);
    this.name = 'CaseNotFoundError';
  }
}

/** Creates and finds cases; a case is a record plus its append-only event log. */
export class CaseService {
  private readonly now: () => Date;

  constructor(private readonly store: DocumentStore, private readonly vault: CardVault, private readonly options: CaseServiceOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async submit(application: Application): Promise<CaseRecord> {
    const now = this.now();
    const today = localDate(now);
    const record: CaseRecord = {
      reference: await this.unusedReference(today),
      status: 'submitted',
      createdAt: now.toISOString(),
      language: application.language,
      applicant: {
        fullName: application.fullName,
        mobile: application.mobile,
        email: application.email,
        posSerial: application.posSerial,
        cardLast4: application.cardNumber.slice(-4),
      },
      cardSealed: this.vault.encrypt(application.cardNumber),
      reason: application.reason,
      receivedOn: application.receivedOn,
      // The review takes 2 to 5 business days.
      decision: { earliest: addBusinessDays(today, 2, this.options.holidays), latest: addBusinessDays(today, 5, this.options.holidays) },
      owner: application.owner,
      events: [{ at: now.toISOString(), by: `user:${application.owner.userId}`, type: 'submitted' }],
    };
    // No eTag: create only, so two submissions can never share a reference.
    await this.store.write({ [caseKey(record.reference)]: { ...record } });
    await appendToList(this.store, userKey(application.owner.userId), 'references', record.reference);
    await appendToList(this.store, ALL, 'references', record.reference);
    return record;
  }

  /** Every case, newest first, optionally only those with one status. */
  async list(status?: CaseStatus): Promise<CaseRecord[]> {
    const index = (await this.store.read([ALL]))[ALL];
    const cases = await Promise.all(((index?.references as string[] | undefined) ?? []).map((r) => this.get(r)));
    return cases.filter((c): c is CaseRecord => Boolean(c) && (!status || c!.status === status)).reverse();
  }

  /**
   * Moves a case along its life cycle and records who did it; the card number is deleted when the
   * case is closed or withdrawn. Throws InvalidTransitionError for a step the life cycle does not have.
   */
  async transition(reference: string, to: CaseStatus, by: string, data?: Record<string, unknown>): Promise<CaseRecord> {
    return this.change(reference, (record) => {
      assertTransition(record.status, to);
      record.status = to;
      record.events.push({ at: this.now().toISOString(), by, type: to, ...(data ? { data } : {}) });
      if (isFinal(to)) delete record.cardSealed;
      return record;
    });
  }

  async addNote(reference: string, by: string, text: string): Promise<CaseRecord> {
    return this.addEvent(reference, by, 'note', { text });
  }

  /** Records something that happened to the case without changing its status (a note, an opt-out). */
  async addEvent(reference: string, by: string, type: string, data?: Record<string, unknown>): Promise<CaseRecord> {
    return this.change(reference, (record) => {
      record.events.push({ at: this.now().toISOString(), by, type, ...(data ? { data } : {}) });
      return record;
    });
  }

  /** Read, change, write back with the eTag read; retried when someone else changed it meanwhile. */
  private async change(reference: string, apply: (record: CaseRecord) => CaseRecord): Promise<CaseRecord> {
    for (let attempt = 0; ; attempt++) {
      const stored = (await this.store.read([caseKey(reference)]))[caseKey(reference)];
      if (!stored) throw new CaseNotFoundError(reference);
      const { eTag, ...record } = stored;
      const changed = apply(structuredClone(record) as unknown as CaseRecord);
      try {
        await this.store.write({ [caseKey(reference)]: { ...changed, eTag } });
        return changed;
      } catch (err) {
        if (attempt >= 5 || !/eTag conflict/.test((err as Error).message)) throw err;
      }
    }
  }

  async get(reference: string): Promise<CaseRecord | undefined> {
    const found = (await this.store.read([caseKey(reference)]))[caseKey(reference)];
    if (!found) return undefined;
    const { eTag: _eTag, ...record } = found;
    return record as unknown as CaseRecord;
  }

  async forUser(userId: string): Promise<CaseRecord[]> {
    const index = (await this.store.read([userKey(userId)]))[userKey(userId)];
    const references = (index?.references as string[] | undefined) ?? [];
    const cases = await Promise.all(references.map((r) => this.get(r)));
    return cases.filter((c): c is CaseRecord => Boolean(c));
  }

  private async unusedReference(today: string): Promise<string> {
    for (;;) {
      const reference = newReference(today.slice(2, 4) + today.slice(5, 7));
      if (!(await this.get(reference))) return reference;
    }
  }
}
