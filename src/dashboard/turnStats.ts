import type { Database } from '../db/database';

/** Writes one row per message turn (conversation, language, intent; never the text) for the dashboard. */
export class TurnStats {
  constructor(private readonly database: Database) {}

  async record(conversationId: string, language: 'zh-CN' | 'en', intent: string): Promise<void> {
    const db = await this.database.db();
    await db.insertInto('turn_stats').values({ conversation_id: conversationId, language, intent }).execute();
  }
}
