import { sql, type Kysely } from 'kysely';
import { AWAITING_DECISION } from '../cases/caseQuery';
import { localDate } from '../cases/dates';
import type { Database } from '../db/database';
import type { Tables } from '../db/schema';
import { FUNNEL_STEPS } from './funnel';

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
const num = (value: string | null) => (value === null ? null : Number(value));

interface Range {
  /** The filter's days, and the instants they start and end at. */
  from: string;
  to: string;
  start: Date;
  end: Date;
  lang: string | null;
  today: string;
}

/** One query per chart, each aggregated in PostgreSQL over the filter's days and language. */
const CHARTS = {
  conversationsPerDay: async (db: Kysely<Tables>, { from, to, lang }: Range) => {
    const { rows } = await sql<{ day: string; conversations: string }>`
      SELECT to_char(day, 'YYYY-MM-DD') AS day, count(*) AS conversations
      FROM conversation_days WHERE day >= ${from}::date AND day <= ${to}::date AND (${lang}::text IS NULL OR language = ${lang})
      GROUP BY 1 ORDER BY 1`.execute(db);
    return rows.map((r) => ({ day: r.day, conversations: Number(r.conversations) }));
  },
  /** Of the conversations that started an application in the range: how many reached each step, and how many stopped just before it. */
  funnel: async (db: Kysely<Tables>, { start, end, lang }: Range) => {
    const reached = sql.join(FUNNEL_STEPS.map((_, i) => sql.raw(`count(*) FILTER (WHERE steps & ${1 << i} <> 0) AS s${i}`)));
    const { rows } = await sql<Record<string, string>>`
      SELECT ${reached} FROM applications
      WHERE started_at >= ${start} AND started_at < ${end} AND (${lang}::text IS NULL OR language = ${lang})`.execute(db);
    const counts = FUNNEL_STEPS.map((_, i) => Number(rows[0][`s${i}`]));
    return FUNNEL_STEPS.map((step, i) => ({ step, conversations: counts[i], dropOff: i === 0 ? 0 : Math.max(0, counts[i - 1] - counts[i]) }));
  },
  answers: async (db: Kysely<Tables>, { from, to, lang }: Range) => {
    const { rows } = await sql<{ kind: string; turns: string }>`
      SELECT CASE WHEN intent LIKE 'faq\\_%' THEN 'faq' WHEN intent = 'None' THEN 'outOfScope' WHEN intent = 'human_agent' THEN 'handoff' ELSE 'other' END AS kind,
             sum(turns) AS turns
      FROM turn_counts WHERE day >= ${from}::date AND day <= ${to}::date AND (${lang}::text IS NULL OR language = ${lang})
      GROUP BY 1`.execute(db);
    return Object.fromEntries(rows.map((r) => [r.kind, Number(r.turns)])) as Partial<Record<'faq' | 'outOfScope' | 'handoff' | 'other', number>>;
  },
  topUnanswered: async (db: Kysely<Tables>, { start, end, lang }: Range) => {
    const { rows } = await sql<{ text: string; count: string }>`
      SELECT min(text) AS text, count(*) AS count
      FROM unanswered WHERE at >= ${start} AND at < ${end} AND (${lang}::text IS NULL OR language = ${lang === null ? null : corpusCode(lang)})
      GROUP BY group_key ORDER BY 2 DESC, 1 LIMIT 10`.execute(db);
    return rows.map((r) => ({ text: r.text, count: Number(r.count) }));
  },
  handoffs: async (db: Kysely<Tables>, { start, end, lang }: Range) => {
    const where = sql`ended_at >= ${start} AND ended_at < ${end} AND (${lang}::text IS NULL OR language = ${lang})`;
    const [outcomes, means] = await Promise.all([
      sql<{ end_reason: string; count: string }>`SELECT end_reason, count(*) AS count FROM handoffs_ended WHERE ${where} GROUP BY 1 ORDER BY 1`.execute(db),
      // Waiting until the first agent took it; handling from the last claim to the end; CSAT of the rated ones.
      sql<{ wait_s: string | null; handle_s: string | null; csat: string | null; rated: string }>`
        SELECT avg(extract(epoch FROM first_claimed_at - enqueued_at)) AS wait_s,
               avg(extract(epoch FROM ended_at - claimed_at)) AS handle_s,
               avg(csat) AS csat, count(csat) AS rated
        FROM handoffs_ended WHERE ${where}`.execute(db),
    ]);
    const m = means.rows[0];
    return {
      byOutcome: Object.fromEntries(outcomes.rows.map((r) => [r.end_reason, Number(r.count)])),
      meanWaitSeconds: num(m.wait_s),
      meanHandleSeconds: num(m.handle_s),
      meanCsat: num(m.csat),
      rated: Number(m.rated),
    };
  },
  cases: async (db: Kysely<Tables>, { start, end, lang, today }: Range) => {
    const { rows } = await sql<{ status: string; age: string; count: string }>`
      SELECT status,
             CASE WHEN status NOT IN (${sql.join(AWAITING_DECISION.map((status) => sql.lit(status)))}) THEN 'decided' WHEN decision_latest < ${today}::date THEN 'overdue' ELSE 'inWindow' END AS age,
             count(*) AS count
      FROM cases WHERE created_at >= ${start} AND created_at < ${end} AND (${lang}::text IS NULL OR language = ${lang})
      GROUP BY 1, 2 ORDER BY 1, 2`.execute(db);
    return rows.map((r) => ({ status: r.status, age: r.age, count: Number(r.count) }));
  },
  notifications: async (db: Kysely<Tables>, { start, end, lang }: Range) => {
    const { rows } = await sql<{ channel: string; status: string; count: string }>`
      SELECT channel, status, count(*) AS count
      FROM outbox WHERE created_at >= ${start} AND created_at < ${end} AND (${lang}::text IS NULL OR language = ${lang})
      GROUP BY 1, 2 ORDER BY 1, 2`.execute(db);
    return rows.map((r) => ({ channel: r.channel, status: r.status, count: Number(r.count) }));
  },
};

export type ChartName = keyof typeof CHARTS;
export const CHART_NAMES = Object.keys(CHARTS) as ChartName[];
type ChartData = { [name in ChartName]: Awaited<ReturnType<(typeof CHARTS)[name]>> };

/** Every chart's data, aggregated in PostgreSQL over the filter's days and language. */
export class DashboardService {
  constructor(private readonly database: Database, private readonly now: () => Date = () => new Date()) {}

  /** One chart's data (the bench times them one by one). */
  async chart<Name extends ChartName>(name: Name, filter: DashboardFilter): Promise<ChartData[Name]> {
    const db = await this.database.db();
    const range: Range = { from: filter.from, to: filter.to, start: dayStart(filter.from), end: nextDay(filter.to), lang: filter.language ?? null, today: localDate(this.now()) };
    return (await CHARTS[name](db, range)) as ChartData[Name];
  }

  async report(filter: DashboardFilter): Promise<{ filter: DashboardFilter } & ChartData> {
    const data = await Promise.all(CHART_NAMES.map(async (name) => [name, await this.chart(name, filter)] as const));
    return { filter, ...(Object.fromEntries(data) as ChartData) };
  }
}

export type DashboardReport = Awaited<ReturnType<DashboardService['report']>>;
