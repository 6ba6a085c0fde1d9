import { sql } from 'kysely';
import { AWAITING_DECISION } from '../cases/caseQuery';
import { localDate, TIME_ZONE } from '../cases/dates';
import type { Database } from '../db/database';

export interface DashboardFilter {
  /** First and last day (YYYY-MM-DD, Asia/Shanghai), both included. */
  from: string;
  to: string;
  language?: 'zh-CN' | 'en';
}

const dayStart = (day: string) => new Date(`${day}T00:00:00+08:00`);
const nextDay = (day: string) => new Date(dayStart(day).getTime() + 24 * 3600 * 1000);
/** unanswered stores the corpus codes. */
const corpusCode = (language: string) => (language === 'zh-CN' ? 'zh' : language);

/** Every chart's data, aggregated in PostgreSQL over the filter's days and language. */
export class DashboardService {
  constructor(private readonly database: Database, private readonly now: () => Date = () => new Date()) {}

  async report(filter: DashboardFilter) {
    const db = await this.database.db();
    const start = dayStart(filter.from);
    const end = nextDay(filter.to);
    const lang = filter.language ?? null;
    const today = localDate(this.now());
    const awaiting = sql.join(AWAITING_DECISION.map((status) => sql.lit(status)));
    const zone = sql.lit(TIME_ZONE);

    const [conversations, answers, unanswered, handoffs, handoffMeans, cases, notifications] = await Promise.all([
      sql<{ day: string; conversations: string }>`
        SELECT to_char(at AT TIME ZONE ${zone}, 'YYYY-MM-DD') AS day, count(DISTINCT conversation_id) AS conversations
        FROM turn_stats WHERE at >= ${start} AND at < ${end} AND (${lang}::text IS NULL OR language = ${lang})
        GROUP BY 1 ORDER BY 1`.execute(db),
      sql<{ kind: string; turns: string }>`
        SELECT CASE WHEN intent LIKE 'faq\\_%' THEN 'faq' WHEN intent = 'None' THEN 'outOfScope' WHEN intent = 'human_agent' THEN 'handoff' ELSE 'other' END AS kind,
               count(*) AS turns
        FROM turn_stats WHERE at >= ${start} AND at < ${end} AND (${lang}::text IS NULL OR language = ${lang})
        GROUP BY 1`.execute(db),
      sql<{ text: string; count: string }>`
        SELECT min(text) AS text, count(*) AS count
        FROM unanswered WHERE at >= ${start} AND at < ${end} AND (${lang}::text IS NULL OR language = ${lang === null ? null : corpusCode(lang)})
        GROUP BY group_key ORDER BY 2 DESC, 1 LIMIT 10`.execute(db),
      sql<{ end_reason: string; count: string }>`
        SELECT end_reason, count(*) AS count
        FROM handoffs_ended WHERE ended_at >= ${start} AND ended_at < ${end} AND (${lang}::text IS NULL OR language = ${lang})
        GROUP BY 1 ORDER BY 1`.execute(db),
      // Waiting until the first agent took it; handling from the last claim to the end; CSAT of the rated ones.
      sql<{ wait_s: string | null; handle_s: string | null; csat: string | null; rated: string }>`
        SELECT avg(extract(epoch FROM first_claimed_at - enqueued_at)) AS wait_s,
               avg(extract(epoch FROM ended_at - claimed_at)) AS handle_s,
               avg(csat) AS csat, count(csat) AS rated
        FROM handoffs_ended WHERE ended_at >= ${start} AND ended_at < ${end} AND (${lang}::text IS NULL OR language = ${lang})`.execute(db),
      sql<{ status: string; age: string; count: string }>`
        SELECT status,
               CASE WHEN status NOT IN (${awaiting}) THEN 'decided' WHEN decision_latest < ${today}::date THEN 'overdue' ELSE 'inWindow' END AS age,
               count(*) AS count
        FROM cases WHERE created_at >= ${start} AND created_at < ${end} AND (${lang}::text IS NULL OR language = ${lang})
        GROUP BY 1, 2 ORDER BY 1, 2`.execute(db),
      sql<{ channel: string; status: string; count: string }>`
        SELECT channel, status, count(*) AS count
        FROM outbox WHERE created_at >= ${start} AND created_at < ${end} AND (${lang}::text IS NULL OR language = ${lang})
        GROUP BY 1, 2 ORDER BY 1, 2`.execute(db),
    ]);

    const num = (value: string | null) => (value === null ? null : Number(value));
    const means = handoffMeans.rows[0];
    return {
      filter,
      conversationsPerDay: conversations.rows.map((r) => ({ day: r.day, conversations: Number(r.conversations) })),
      answers: Object.fromEntries(answers.rows.map((r) => [r.kind, Number(r.turns)])) as Partial<Record<'faq' | 'outOfScope' | 'handoff' | 'other', number>>,
      topUnanswered: unanswered.rows.map((r) => ({ text: r.text, count: Number(r.count) })),
      handoffs: {
        byOutcome: Object.fromEntries(handoffs.rows.map((r) => [r.end_reason, Number(r.count)])),
        meanWaitSeconds: num(means.wait_s),
        meanHandleSeconds: num(means.handle_s),
        meanCsat: num(means.csat),
        rated: Number(means.rated),
      },
      cases: cases.rows.map((r) => ({ status: r.status, age: r.age, count: Number(r.count) })),
      notifications: notifications.rows.map((r) => ({ channel: r.channel, status: r.status, count: Number(r.count) })),
    };
  }
}

export type DashboardReport = Awaited<ReturnType<DashboardService['report']>>;
