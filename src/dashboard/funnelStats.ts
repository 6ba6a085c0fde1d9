import type { Database } from '../db/database';
import type { Language } from '../i18n/language';
import type { Logger } from '../log/logger';
import type { ApplicationFunnel, FunnelStep } from './funnel';

/** Keeps the first time each conversation reaches each application step, for the dashboard's funnel; never holds up a turn. */
export class FunnelStats implements ApplicationFunnel {
  constructor(private readonly database: Database, private readonly logger: Logger) {}

  reached(conversationId: string, language: Language, step: FunnelStep): void {
    this.write(conversationId, language, step).catch((err: unknown) => this.logger.warn({ err, step }, 'application step not counted for the dashboard'));
  }

  private async write(conversationId: string, language: Language, step: FunnelStep): Promise<void> {
    const db = await this.database.db();
    await db
      .insertInto('funnel_steps')
      .values({ conversation_id: conversationId, language, step })
      .onConflict((oc) => oc.columns(['conversation_id', 'step']).doNothing())
      .execute();
  }
}
