import { sql } from 'kysely';
import type { Database } from '../db/database';
import type { Language } from '../i18n/language';
import type { Logger } from '../log/logger';
import { FUNNEL_STEPS, type ApplicationFunnel, type FunnelStep } from './funnel';

/** Keeps the steps each conversation's application reached (one row, a bit a step), for the dashboard's funnel; never holds up a turn. */
export class FunnelStats implements ApplicationFunnel {
  constructor(private readonly database: Database, private readonly logger: Logger) {}

  reached(conversationId: string, language: Language, step: FunnelStep): void {
    this.write(conversationId, language, step).catch((err: unknown) => this.logger.warn({ err, step }, 'application step not counted for the dashboard'));
  }

  private async write(conversationId: string, language: Language, step: FunnelStep): Promise<void> {
    const db = await this.database.db();
    const bit = 1 << FUNNEL_STEPS.indexOf(step);
    // The row comes with the first step: a later start in the same conversation keeps the first start's time.
    if (step === 'started') {
      await db.insertInto('applications').values({ conversation_id: conversationId, language, steps: bit }).onConflict((oc) => oc.column('conversation_id').doNothing()).execute();
    } else {
      await db.updateTable('applications').set({ steps: sql`steps | ${bit}` }).where('conversation_id', '=', conversationId).execute();
    }
  }
}
