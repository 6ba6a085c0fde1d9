import type { Logger } from '../log/logger';
import type { CaseRecord, CaseService } from './caseService';
import { localDate } from './dates';
import { FOLLOW_UP_EVENTS, followUp, type FollowUpRules, type FollowUpStep } from './pending';

/** What each step of the follow-up does once it is recorded on the case. */
export type FollowUpActions = Record<FollowUpStep, (record: CaseRecord) => Promise<void>>;

/** The statuses in which a case waits for the merchant. */
const WAITING = ['approved', 'refund_paid'] as const;

/**
 * The periodic job behind what a case waits for from the merchant: an offer not accepted is brought up
 * again, a paid refund nobody confirmed is reminded about and then handed to a person, once each. The
 * step is written to the case's log (under the case's row lock, so of several instances running at
 * once exactly one takes it) before it is acted on.
 */
export class CaseFollowUps {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly cases: CaseService,
    private readonly rules: FollowUpRules,
    private readonly actions: FollowUpActions,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** One pass; returns what this instance did, by reference. */
  async run(): Promise<Record<string, FollowUpStep>> {
    const today = localDate(this.now());
    const done: Record<string, FollowUpStep> = {};
    for await (const record of this.waiting()) {
      const step = followUp(record, today, this.rules);
      if (!step) continue;
      try {
        // Checked again on the locked row: another instance may have taken this step meanwhile.
        const updated = await this.cases.addEventIf(record.reference, 'system', FOLLOW_UP_EVENTS[step], (current) => followUp(current, today, this.rules) === step);
        if (!updated) continue;
        await this.actions[step](updated);
        done[record.reference] = step;
      } catch (err) {
        this.logger.warn({ err, reference: record.reference, step }, 'case follow-up failed');
      }
    }
    return done;
  }

  /** Every case waiting for the merchant, page by page. */
  private async *waiting(): AsyncGenerator<CaseRecord> {
    for (const status of WAITING) {
      let cursor: string | undefined;
      do {
        const page = await this.cases.search({ status, cursor, limit: 100 });
        yield* page.cases;
        cursor = page.nextCursor;
      } while (cursor);
    }
  }

  start(intervalMs: number): void {
    this.timer = setInterval(() => void this.run(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
