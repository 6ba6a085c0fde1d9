import { startApp, TEST_PII_KEY, type RunningApp } from '../helpers/app';
import { DirectLineHttp } from '../helpers/directLine';
import { startRedis } from '../helpers/redis';

const TOKEN = 'prometheus-scraper-token-'.padEnd(40, 'p');

/** One sample's value from Prometheus's text format, or undefined when absent. */
function sample(text: string, name: string, labels?: string): number | undefined {
  const prefix = labels ? `${name}{${labels}} ` : `${name} `;
  const line = text.split('\n').find((l) => l.startsWith(prefix));
  return line ? Number(line.slice(prefix.length)) : undefined;
}

describe('/metrics for Prometheus', () => {
  let running: RunningApp | undefined;
  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });

  it('counts turns, their latency and the classifier outcomes, and reads the handoff queue, for loopback callers by default', async () => {
    running = await startApp({ BUSINESS_HOURS: '00:00-24:00', BUSINESS_DAYS: '1-7', });
    const dl = new DirectLineHttp(running.url);
    const { token, conversationId } = await dl.widgetToken('en');
    await dl.call('POST', '/conversations', token, {});
    for (const text of ['how long does the review take', 'qwertyuiop asdfgh']) {
      expect((await dl.call('POST', `/conversations/${conversationId}/activities`, token, { type: 'message', text, locale: 'en' })).status).toBe(200);
    }
    const res = await fetch(`${running.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(sample(text, 'posbot_turns_total', 'channel="directline"')).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'posbot_turn_duration_seconds_count', 'channel="directline"')).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'posbot_classifier_outcomes_total', 'outcome="intent",intent="faq_review_time"')).toBe(1);
    expect(sample(text, 'posbot_classifier_outcomes_total', 'outcome="none",intent="None"')).toBe(1);
    expect(sample(text, 'posbot_handoff_queue_length')).toBe(0);
    expect(sample(text, 'posbot_redis_errors_total')).toBeUndefined(); // no Redis configured: no series yet
    expect(sample(text, 'posbot_database_errors_total')).toBe(0);
    expect(text).toMatch(/^posbot_process_resident_memory_bytes \d+/m);
  });

  it('outside the allow-list only the token opens it', async () => {
    running = await startApp({ METRICS_ALLOW: '10.0.0.0/8,fd00::/8', METRICS_TOKEN: TOKEN });
    const scrape = (token?: string) => fetch(`${running!.url}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    expect((await scrape()).status).toBe(403);
    expect(await (await scrape('wrong-token'.padEnd(40, 'x'))).json()).toEqual({ error: { code: 'Forbidden', message: 'Not allowed to read metrics' } });
    expect((await scrape(TOKEN)).status).toBe(200);
  });

  it('counts Redis connection errors and database failures', async () => {
    const redis = await startRedis();
    running = await startApp({ REDIS_URL: redis.url, PII_ENCRYPTION_KEY: TEST_PII_KEY, DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' }, undefined, { ready: false });
    // Connected first, then the server goes away.
    for (let i = 0; i < 100 && !(await (await fetch(`${running.url}/readyz`)).text()).includes('"redis":true'); i++) await new Promise((r) => setTimeout(r, 50));
    await redis.stop();
    let text = '';
    for (let i = 0; i < 100; i++) {
      text = await (await fetch(`${running.url}/metrics`)).text();
      if ((sample(text, 'posbot_redis_errors_total', 'connection="commands"') ?? 0) > 0 && (sample(text, 'posbot_database_errors_total') ?? 0) > 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(sample(text, 'posbot_redis_errors_total', 'connection="commands"')).toBeGreaterThan(0);
    expect(sample(text, 'posbot_database_errors_total')).toBeGreaterThan(0);
    // The scrape itself still works: the queue length is unknown while Redis is down.
    expect(sample(text, 'posbot_handoff_queue_length')).toBeNaN();
  });
});
