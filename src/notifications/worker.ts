import type { CaseRecord } from '../cases/caseService';
import type { Logger } from '../log/logger';
import { maskCardNumbers } from '../pii/cardNumbers';
import type { NotificationKind } from './kinds';
import type { AttemptResult, Outbox, OutboxRow } from './outbox';
import type { NotificationSender } from './sender';

export interface OutboxWorkerOptions {
  /** Attempts in all; after the last failure the row is `failed`. */
  maxAttempts: number;
  /** Wait after the first failure; doubled after each further one, up to `retryMaxMs`. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** How often an idle worker looks for due rows. */
  pollMs: number;
  batch: number;
  /** How long a claimed row stays this worker's (longer than one send may take). */
  leaseMs: number;
  now?: () => Date;
}

/** Exponential backoff: the wait before attempt `failed + 1`. */
export function retryDelayMs(failed: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, failed - 1));
}

/** Sends what the outbox holds: claims due rows, sends each on its channel, records sent, retrying, failed or skipped. */
export class OutboxWorker {
  private readonly now: () => Date;
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopped = false;

  constructor(
    private readonly outbox: Outbox,
    private readonly sender: NotificationSender,
    private readonly loadCase: (reference: string) => Promise<CaseRecord | undefined>,
    private readonly options: OutboxWorkerOptions,
    private readonly logger: Logger,
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** Polls until stopped; a full batch is followed at once by the next. */
  start(): void {
    const tick = async () => {
      let claimed = 0;
      try {
        claimed = await (this.running = this.runOnce());
      } catch (err) {
        this.logger.warn({ err }, 'outbox: could not claim notifications');
      }
      if (!this.stopped) this.timer = setTimeout(() => void tick(), claimed >= this.options.batch ? 0 : this.options.pollMs).unref();
    };
    this.timer = setTimeout(() => void tick(), 0).unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One round: claims a batch and sends it. Resolves with how many rows it claimed. */
  async runOnce(): Promise<number> {
    const now = this.now();
    const rows = await this.outbox.claim(this.options.batch, now, new Date(now.getTime() + this.options.leaseMs));
    for (const row of rows) {
      const result = await this.attempt(row);
      const kept = await this.outbox.record(row, result, this.now());
      const log = { id: row.id, reference: row.case_reference, channel: row.channel, kind: row.template, attempt: row.attempts, status: result.status };
      if (!kept) this.logger.warn(log, 'outbox: claim lost before the result was recorded');
      else if (result.status === 'retrying' || result.status === 'failed') this.logger.warn({ ...log, error: result.error }, 'outbox: notification not sent');
      else this.logger.info(log, 'outbox: notification done');
    }
    return rows.length;
  }

  private async attempt(row: OutboxRow): Promise<AttemptResult> {
    const record = row.case_reference ? await this.loadCase(row.case_reference) : undefined;
    if (!record) return { status: 'skipped', reason: 'case_gone' };
    try {
      const outcome = await this.sender.send(row.template as NotificationKind, row.channel, record);
      return outcome.sent ? { status: 'sent', providerId: outcome.id } : { status: 'skipped', reason: outcome.reason };
    } catch (err) {
      const last = row.attempts >= this.options.maxAttempts;
      const wait = retryDelayMs(row.attempts, this.options.retryBaseMs, this.options.retryMaxMs);
      return {
        status: last ? 'failed' : 'retrying',
        // Server and provider messages may quote what was sent: no card number goes into the log or the table.
        error: maskCardNumbers(err instanceof Error ? err.message : String(err)),
        nextAttemptAt: new Date(this.now().getTime() + wait),
      };
    }
  }
}
