import type { Logger } from '../log/logger';
import type { CaseService } from './caseService';

/**
 * Anonymizes cases closed more than CASE_RETENTION_DAYS ago, soon after start-up and then every
 * `intervalMs`, on every instance; the database lets only one of them work at a time.
 */
export class RetentionJob {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly cases: CaseService,
    private readonly retentionDays: number,
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  async runOnce(): Promise<number | undefined> {
    const anonymized = await this.cases.anonymizeClosedBefore(this.retentionDays);
    if (anonymized) this.logger.info({ anonymized, retentionDays: this.retentionDays }, 'closed cases anonymized');
    return anonymized;
  }

  start(): void {
    const run = () => void this.runOnce().catch((err: unknown) => this.logger.warn({ err }, 'retention run failed'));
    this.timer = setInterval(run, this.intervalMs).unref();
    setTimeout(run, 1000).unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
