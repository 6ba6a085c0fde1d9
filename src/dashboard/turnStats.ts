import { sql } from 'kysely';
import { localDate } from '../cases/dates';
import type { Database } from '../db/database';
import type { Logger } from '../log/logger';
import { WriteBehind } from './writeBehind';

type Language = 'zh-CN' | 'en';

/**
 * Counts each message turn for the dashboard (conversation active that day, turns by language and
 * intent; never the text), written behind the turns (see WriteBehind).
 */
export class TurnStats {
  /** (day, conversation) -> the language of its first turn that day. */
  private readonly days: WriteBehind<string, { day: string; conversationId: string; language: Language }>;
  /** (day, language, intent) -> turns. */
  private readonly counts: WriteBehind<string, { day: string; language: Language; intent: string; turns: number }>;

  /** `now`: the business clock, so that a conversation counts on the day its cases do. */
  constructor(database: Database, logger: Logger, private readonly now: () => Date) {
    const failed = (err: unknown) => logger.warn({ err }, 'turns not counted for the dashboard');
    this.days = new WriteBehind(async (batch) => {
      const db = await database.db();
      const rows = [...batch.values()].map((d) => ({ day: d.day, conversation_id: d.conversationId, language: d.language }));
      await db.insertInto('conversation_days').values(rows).onConflict((oc) => oc.doNothing()).execute();
    }, failed);
    this.counts = new WriteBehind(async (batch) => {
      const db = await database.db();
      await db
        .insertInto('turn_counts')
        .values([...batch.values()])
        .onConflict((oc) => oc.columns(['day', 'language', 'intent']).doUpdateSet({ turns: sql`turn_counts.turns + excluded.turns` }))
        .execute();
    }, failed);
  }

  record(conversationId: string, language: Language, intent: string): void {
    const day = localDate(this.now());
    this.days.update(`${day}\t${conversationId}`, (pending) => pending ?? { day, conversationId, language });
    this.counts.update(`${day}\t${language}\t${intent}`, (pending) => ({ day, language, intent, turns: (pending?.turns ?? 0) + 1 }));
  }

  /** Writes the pending counts (at shutdown). */
  async flush(): Promise<void> {
    await Promise.all([this.days.flush(), this.counts.flush()]);
  }
}
