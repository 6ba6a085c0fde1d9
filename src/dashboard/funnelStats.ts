import { sql } from 'kysely';
import type { Database } from '../db/database';
import type { Language } from '../i18n/language';
import type { Logger } from '../log/logger';
import { FUNNEL_STEPS, type ApplicationFunnel, type FunnelStep } from './funnel';
import { WriteBehind } from './writeBehind';

interface Reached {
  language: Language;
  /** Bits of the steps reached since the last write. */
  steps: number;
  /** When it started, if `started` is among them. */
  startedAt?: Date;
}

/**
 * Keeps the steps each conversation's application reached (one row, a bit a step), for the dashboard's
 * funnel; written behind the turns (see WriteBehind), never holding one up.
 */
export class FunnelStats implements ApplicationFunnel {
  private readonly pending: WriteBehind<string, Reached>;

  /** `now`: the business clock, so that an application counts on the day its case does. */
  constructor(database: Database, logger: Logger, private readonly now: () => Date) {
    this.pending = new WriteBehind(
      async (batch) => {
        const db = await database.db();
        const started = [...batch].filter(([, r]) => r.startedAt);
        const later = [...batch].filter(([, r]) => !r.startedAt);
        // The row comes with the first step: a later start in the same conversation keeps the first start's time.
        if (started.length) {
          await db
            .insertInto('applications')
            .values(started.map(([id, r]) => ({ conversation_id: id, language: r.language, started_at: r.startedAt, steps: r.steps })))
            .onConflict((oc) => oc.column('conversation_id').doUpdateSet({ steps: sql`applications.steps | excluded.steps` }))
            .execute();
        }
        if (later.length) {
          const values = sql.join(later.map(([id, r]) => sql`(${id}::text, ${r.steps}::integer)`));
          await sql`UPDATE applications AS a SET steps = a.steps | v.steps FROM (VALUES ${values}) AS v(id, steps) WHERE a.conversation_id = v.id`.execute(db);
        }
      },
      (err) => logger.warn({ err }, 'application steps not counted for the dashboard'),
    );
  }

  reached(conversationId: string, language: Language, step: FunnelStep): void {
    const bit = 1 << FUNNEL_STEPS.indexOf(step);
    this.pending.update(conversationId, (r) => ({
      language: step === 'started' && !r?.startedAt ? language : (r?.language ?? language),
      steps: (r?.steps ?? 0) | bit,
      startedAt: r?.startedAt ?? (step === 'started' ? this.now() : undefined),
    }));
  }

  /** Writes the pending steps (at shutdown). */
  flush(): Promise<void> {
    return this.pending.flush();
  }
}
