import { sql } from 'kysely';
import { TIME_ZONE } from '../cases/dates';
import type { Database } from '../db/database';

/** Counts each message turn for the dashboard (conversation active that day, turns by language and intent; never the text). */
export class TurnStats {
  constructor(private readonly database: Database) {}

  async record(conversationId: string, language: 'zh-CN' | 'en', intent: string): Promise<void> {
    const db = await this.database.db();
    const today = sql<string>`(now() AT TIME ZONE ${sql.lit(TIME_ZONE)})::date`;
    await Promise.all([
      db.insertInto('conversation_days').values({ day: today, conversation_id: conversationId, language }).onConflict((oc) => oc.doNothing()).execute(),
      db
        .insertInto('turn_counts')
        .values({ day: today, language, intent, turns: 1 })
        .onConflict((oc) => oc.columns(['day', 'language', 'intent']).doUpdateSet({ turns: sql`turn_counts.turns + 1` }))
        .execute(),
    ]);
  }
}
