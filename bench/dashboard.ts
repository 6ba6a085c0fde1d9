/**
 * The dashboard's queries on a real PostgreSQL server (TEST_DATABASE_URL, a scratch database dropped
 * afterwards) with 100,000 seeded conversations (their days and turns, applications, missed questions,
 * handoffs, notifications) and 100,000 cases over 90 days: each chart's p95 over the whole 90 days and
 * over the default week, all languages and one, beside a bare round trip from the same run. The target
 * is 200 ms per chart.
 */
import { sql } from 'kysely';
import { CHART_NAMES, DashboardService, type ChartName, type DashboardFilter } from '../src/dashboard/dashboardService';
import { addDays, localDate } from '../src/cases/dates';
import { Database } from '../src/db/database';
import { createLogger } from '../src/log/logger';
import { createDatabase } from '../test/helpers/database';
import { p95, seedCases, timed } from './cases';

export interface DashboardBench {
  conversations: number;
  /** p95 ms of each chart, the worst of the filters measured. */
  chartP95Ms: Record<ChartName, number>;
  roundTripP95Ms: number;
}

export async function benchDashboard(quick: boolean, conversations = 100_000): Promise<DashboardBench> {
  const scratch = await createDatabase('bench');
  const database = new Database({ url: scratch.url, dataDir: 'unused', statementTimeoutMs: 120_000, poolSize: 10 }, createLogger('silent'));
  try {
    const db = await database.db();
    const days = 90;
    // Conversation g starts (g mod 90) days ago; a third are English.
    const conversationsCte = sql`SELECT g, 'c' || g AS id, now() - make_interval(days => g % ${days}, secs => g % 86400) AS at,
      CASE WHEN g % 3 = 0 THEN 'en' ELSE 'zh-CN' END AS language FROM generate_series(1, ${conversations}) g`;
    const intents = sql.raw(`ARRAY['faq_fees','faq_review_time','None','cancel_pos','check_status','human_agent','greeting','faq_materials']`);
    // Four turns each: the conversation is active on its day, and its turns counted by day, language and intent.
    await sql`INSERT INTO conversation_days (day, conversation_id, language) SELECT (at AT TIME ZONE 'Asia/Shanghai')::date, id, language FROM (${conversationsCte}) c`.execute(db);
    await sql`INSERT INTO turn_counts (day, language, intent, turns)
      SELECT (c.at AT TIME ZONE 'Asia/Shanghai')::date, c.language, (${intents})[1 + (c.g * 7 + t) % 8], count(*)
      FROM (${conversationsCte}) c CROSS JOIN generate_series(0, 3) t GROUP BY 1, 2, 3`.execute(db);
    // Two in five start an application; each gets some way through its 11 steps.
    await sql`INSERT INTO applications (conversation_id, language, started_at, steps)
      SELECT id, language, at, (1 << (11 - (g % 11) / 2)) - 1 FROM (${conversationsCte}) c WHERE g % 5 < 2`.execute(db);
    // One missed question in three conversations, in 2,000 groups.
    await sql`INSERT INTO unanswered (at, language, text, group_key, outcome, guessed_intent, score)
      SELECT c.at, CASE WHEN c.language = 'en' THEN 'en' ELSE 'zh' END, 'question ' || (c.g % 2000), 'question ' || (c.g % 2000), 'none', 'None', 0.1
      FROM (${conversationsCte}) c WHERE c.g % 3 = 1`.execute(db);
    // One handoff in ten conversations.
    const reasons = sql.raw(`ARRAY['completed','cancelled','timeout','failed']`);
    await sql`INSERT INTO handoffs_ended (id, kind, agent, language, end_reason, enqueued_at, first_claimed_at, claimed_at, ended_at, csat)
      SELECT 'h' || c.g, 'chat', 'agent', c.language, (${reasons})[1 + c.g % 4], c.at, c.at + interval '40 seconds', c.at + interval '40 seconds', c.at + interval '6 minutes',
        CASE WHEN c.g % 20 = 0 THEN 1 + c.g % 5 END
      FROM (${conversationsCte}) c WHERE c.g % 10 = 0`.execute(db);
    await seedCases(db, conversations);
    // Cases spread over the same 90 days, and one notification each.
    await sql`UPDATE cases SET created_at = now() - make_interval(days => (substr(reference, 9)::int) % ${days}), language = CASE WHEN substr(reference, 9)::int % 3 = 0 THEN 'en' ELSE 'zh-CN' END`.execute(db);
    const statuses = sql.raw(`ARRAY['pending','sent','sent','sent','failed']`);
    await sql`INSERT INTO outbox (case_reference, channel, recipient, template, language, status, created_at)
      SELECT reference, CASE WHEN substr(reference, 9)::int % 2 = 0 THEN 'sms' ELSE 'email' END, 'r', 'submitted', language, (${statuses})[1 + substr(reference, 9)::int % 5], created_at
      FROM cases`.execute(db);
    await sql`VACUUM ANALYZE`.execute(db);

    const dashboard = new DashboardService(database);
    const today = localDate(new Date());
    const filters: DashboardFilter[] = [
      { from: addDays(today, -(days - 1)), to: today },
      { from: addDays(today, -(days - 1)), to: today, language: 'en' },
      { from: addDays(today, -6), to: today },
    ];
    const iterations = quick ? 10 : 40;
    const chartP95Ms = {} as Record<ChartName, number>;
    for (const name of CHART_NAMES) {
      let worst = 0;
      for (const filter of filters) {
        await dashboard.chart(name, filter);
        worst = Math.max(worst, p95(await timed(() => dashboard.chart(name, filter), iterations)));
      }
      chartP95Ms[name] = worst;
    }
    const roundTripP95Ms = p95(await timed(() => sql`SELECT 1`.execute(db), iterations));
    return { conversations, chartP95Ms, roundTripP95Ms };
  } finally {
    await database.close();
    await scratch.drop();
  }
}

if (require.main === module) {
  benchDashboard(process.argv.includes('--quick')).then((r) => process.stdout.write(`${JSON.stringify(r)}\n`));
}
