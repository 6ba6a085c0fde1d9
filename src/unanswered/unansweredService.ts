import { existsSync, readFileSync } from 'node:fs';
import { sql } from 'kysely';
import type { Database } from '../db/database';
import { NONE, type Label } from '../nlu/intents';
import { phraseKey } from '../nlu/phraseKey';
import { maskPii } from '../pii/mask';

/** How a message was answered badly: nothing (None), an intent with a low score, "which did you mean?", or a person had to take over. */
export type Outcome = 'none' | 'low' | 'clarify' | 'handoff';

/** An intent answered with less than this score counts as low confidence (twice the None cut-off). */
export const lowScoreFor = (minScore: number) => 2 * minScore;

export function outcomeOf(recognized: { intent: string; score: number; alternatives?: unknown; bareValue?: unknown }, lowScore: number): Outcome | undefined {
  // Only a phone, ID or card number: not a question anyone missed, and not to be kept.
  if (recognized.bareValue) return undefined;
  if (recognized.alternatives) return 'clarify';
  if (recognized.intent === NONE) return 'none';
  return recognized.score < lowScore ? 'low' : undefined;
}

const MOBILE = /(?<!\d)(1[3-9]\d)[ -]?(\d{4})[ -]?(\d{4})(?!\d)/g;

/** Card numbers, secrets and mainland mobile numbers masked; nothing else changes. */
export function maskPersonalNumbers(text: string): string {
  return maskPii(text).replace(MOBILE, (_, head: string, _mid: string, tail: string) => `${head}****${tail}`);
}

/** The texts of the development set, which must never reach locales/ (it measures the classifier); read by the export only. */
export function loadExcludedTexts(path: string): Set<string> {
  if (!existsSync(path)) return new Set();
  const keys = readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => phraseKey(String((JSON.parse(line) as { text?: unknown }).text ?? '')));
  return new Set(keys);
}

export interface UnansweredGroup {
  /** The oldest message of the group; assign and dismiss act on the whole group. */
  id: number;
  text: string;
  language: string;
  outcome: Outcome;
  guessedIntent: string;
  count: number;
  lastAt: string;
}

export class UnansweredNotFound extends Error {}

/** Collects what the bot did not answer well and turns an editor's decision into corpus additions. */
export class UnansweredService {
  /** `corpusChanged` runs after an assignment commits (the model retrains); `now` is the business clock the dashboard counts days on. */
  constructor(
    private readonly database: Database,
    private readonly corpusChanged: () => void = () => undefined,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** `score`: the classifier's, when the message itself was classified (not for the question before a handoff). */
  async record(message: { language: string; text: string; outcome: Outcome; intent: string; score?: number }): Promise<void> {
    const text = maskPersonalNumbers(message.text.trim()).slice(0, 500);
    const key = phraseKey(text);
    if (!key) return;
    const db = await this.database.db();
    await db
      .insertInto('unanswered')
      .values({ language: message.language, text, group_key: key, outcome: message.outcome, guessed_intent: message.intent, score: message.score ?? null, at: this.now() })
      .execute();
  }

  /** Open groups, the most frequent first. */
  async groups(limit = 200): Promise<UnansweredGroup[]> {
    const db = await this.database.db();
    const rows = await db
      .selectFrom('unanswered')
      .where('status', '=', 'open')
      .groupBy('group_key')
      .select((eb) => [eb.fn.min<number>('id').as('id'), eb.fn.countAll<string>().as('count'), eb.fn.max('at').as('lastAt')])
      .orderBy(sql`count(*)`, 'desc')
      .orderBy(sql`max(at)`, 'desc')
      .limit(limit)
      .execute();
    if (!rows.length) return [];
    const firsts = await db.selectFrom('unanswered').selectAll().where('id', 'in', rows.map((r) => Number(r.id))).execute();
    const byId = new Map(firsts.map((row) => [Number(row.id), row]));
    return rows.map((r) => {
      const first = byId.get(Number(r.id))!;
      return {
        id: Number(r.id),
        text: first.text,
        language: first.language,
        outcome: first.outcome,
        guessedIntent: first.guessed_intent,
        count: Number(r.count),
        lastAt: new Date(r.lastAt as Date).toISOString(),
      };
    });
  }

  /**
   * Assigns the group of message `id` to an intent (None: out of scope): it joins the corpus additions
   * and is answered with that intent from now on. `undefined` dismisses the group.
   */
  async decide(id: number, intent: Label | undefined, by: string): Promise<void> {
    const db = await this.database.db();
    await db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('unanswered').selectAll().where('id', '=', id).where('status', '=', 'open').forUpdate().executeTakeFirst();
      if (!row) throw new UnansweredNotFound(`no open message ${id}`);
      await trx
        .updateTable('unanswered')
        .set({ status: intent ? 'assigned' : 'dismissed', decided_by: by, decided_at: this.now() })
        .where('group_key', '=', row.group_key)
        .where('status', '=', 'open')
        .execute();
      if (intent) {
        await trx.insertInto('corpus_additions').values({ language: row.language, text: row.text, intent, added_by: by }).execute();
      }
    });
    if (intent) this.corpusChanged();
  }

  /** The corpus additions as they stand: the latest decision per text, with its version (the corpus version is the newest). */
  async additions(): Promise<{ version: number; language: string; text: string; intent: Label }[]> {
    const db = await this.database.db();
    const rows = await db.selectFrom('corpus_additions').selectAll().orderBy('version').execute();
    const latest = new Map(rows.map((r) => [`${r.language}\u0000${r.text}`, r]));
    return [...latest.values()].map((r) => ({ version: Number(r.version), language: r.language, text: r.text, intent: r.intent as Label }));
  }
}
