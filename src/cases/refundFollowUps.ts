import type { Logger } from '../log/logger';
import type { CaseRecord, CaseService } from './caseService';
import { localDate } from './dates';
import { refundFollowUp, type RefundFollowUpRules } from './pending';

export interface FollowUpActions {
  /** Asks the merchant again whether the refund arrived. */
  remind(record: CaseRecord): Promise<void>;
  /** Hands the unconfirmed refund to a person. */
  escalate(record: CaseRecord): Promise<void>;
}

/**
 * The periodic job behind "refund not yet arrived": every paid refund nobody confirmed is reminded
 * about, then escalated, once each; the step is written to the case's event log before it is acted on.
 */
export class RefundFollowUps {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly cases: CaseService,
    private readonly rules: RefundFollowUpRules,
    private readonly actions: FollowUpActions,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** One pass; returns what it did, by reference. */
  async run(): Promise<Record<string, 'remind' | 'escalate'>> {
    const today = localDate(this.now());
    const done: Record<string, 'remind' | 'escalate'> = {};
    for await (const record of this.paidRefunds()) {
      const step = refundFollowUp(record, today, this.rules);
      if (!step) continue;
      try {
        const updated = await this.cases.addEvent(record.reference, 'system', step === 'remind' ? 'refund_reminded' : 'refund_escalated');
        await (step === 'remind' ? this.actions.remind(updated) : this.actions.escalate(updated));
        done[record.reference] = step;
      } catch (err) {
        this.logger.warn({ err, reference: record.reference, step }, 'refund follow-up failed');
      }
    }
    return done;
  }

  /** Every case whose refund is paid and not yet confirmed, page by page. */
  private async *paidRefunds(): AsyncGenerator<CaseRecord> {
    let cursor: string | undefined;
    do {
      const page = await this.cases.search({ status: 'refund_paid', cursor, limit: 100 });
      yield* page.cases;
      cursor = page.nextCursor;
    } while (cursor);
  }

  start(intervalMs: number): void {
    this.timer = setInterval(() => void this.run(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
