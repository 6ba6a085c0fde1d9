import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** What the classifier made of a message: answered with an intent, asked "which did you mean?", or nothing. */
export type ClassifierOutcome = 'intent' | 'clarify' | 'none';

/**
 * The Prometheus metrics of one instance (prom-client): turns and their latency, classifier outcomes,
 * the handoff queue length (read when scraped), and Redis and database errors.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly turns = new Counter({ name: 'posbot_turns_total', help: 'Turns handled, by channel', labelNames: ['channel'] as const, registers: [this.registry] });
  private readonly latency = new Histogram({
    name: 'posbot_turn_duration_seconds',
    help: 'Time from an activity reaching the bot to its turn finishing',
    labelNames: ['channel'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly outcomes = new Counter({
    name: 'posbot_classifier_outcomes_total',
    help: 'Messages classified, by outcome and intent',
    labelNames: ['outcome', 'intent'] as const,
    registers: [this.registry],
  });
  private readonly redisErrors = new Counter({ name: 'posbot_redis_errors_total', help: 'Redis connection errors, by connection', labelNames: ['connection'] as const, registers: [this.registry] });
  private readonly databaseErrors = new Counter({ name: 'posbot_database_errors_total', help: 'Database open and ping failures', registers: [this.registry] });

  constructor(queueLength: () => Promise<number>) {
    collectDefaultMetrics({ register: this.registry, prefix: 'posbot_' });
    new Gauge({
      name: 'posbot_handoff_queue_length',
      help: 'Chats and callback requests waiting for an agent',
      registers: [this.registry],
      // With its store down the length is unknown (NaN); the error counters tell why.
      async collect() {
        this.set(await queueLength().catch(() => NaN));
      },
    });
  }

  /** Starts timing a turn; call the result when it ends. */
  turnStarted(channel: string): () => void {
    const end = this.latency.startTimer({ channel });
    return () => {
      end();
      this.turns.inc({ channel });
    };
  }

  classified(outcome: ClassifierOutcome, intent: string): void {
    this.outcomes.inc({ outcome, intent });
  }

  redisError(connection: string): void {
    this.redisErrors.inc({ connection });
  }

  databaseError(): void {
    this.databaseErrors.inc();
  }
}
