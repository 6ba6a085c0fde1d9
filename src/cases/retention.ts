import type { Logger } from '../log/logger';

/** One rule of what is kept how long: `run` removes what has outlived it and says how much (undefined: another instance is at it). */
export interface RetentionRule {
  /** The log line when something went, e.g. "closed cases anonymized". */
  what: string;
  run(): Promise<number | undefined>;
}

/**
 * Applies the retention rules (cases closed more than CASE_RETENTION_DAYS ago anonymized, uploads of
 * no case gone with their conversation) soon after start-up and then every `intervalMs`, on every instance.
 */
export class RetentionJob {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly rules: RetentionRule[],
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  async runOnce(): Promise<void> {
    for (const rule of this.rules) {
      const count = await rule.run().catch((err: unknown) => void this.logger.warn({ err, rule: rule.what }, 'retention run failed'));
      if (count) this.logger.info({ count }, rule.what);
    }
  }

  start(): void {
    const run = () => void this.runOnce();
    this.timer = setInterval(run, this.intervalMs).unref();
    setTimeout(run, 1000).unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
