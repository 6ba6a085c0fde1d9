import { Database } from '../../src/db/database';
import { createLogger } from '../../src/log/logger';
import { startApp, type RunningApp } from '../helpers/app';
import { testDatabaseUrl } from '../helpers/database';

const TOKEN = 'outbox-test-token-0123456789abcdef';

describe('GET /backoffice/outbox', () => {
  let running: RunningApp;
  let database: Database;

  beforeAll(async () => {
    running = await startApp({ BACKOFFICE_TOKENS: `ops:${TOKEN}` });
    database = new Database({ url: testDatabaseUrl(), dataDir: 'unused', statementTimeoutMs: 5000, poolSize: 2 }, createLogger('silent'));
    const db = await database.db();
    await db
      .insertInto('cases')
      .values({ reference: 'PC-2611-00000K', status: 'approved', language: 'zh-CN', reason_code: 'other', received_on: '2026-10-01', decision_earliest: '2026-11-26', decision_latest: '2026-12-01', owner_channel_id: 'test', idempotency_key: 'k1' })
      .execute();
    // The app's own worker runs meanwhile: neither row is due for it.
    const row = { case_reference: 'PC-2611-00000K', template: 'approved', language: 'zh-CN', payload: '{}' };
    await db
      .insertInto('outbox')
      .values([
        { ...row, channel: 'email', recipient: 'merchant@example.com', status: 'sent', attempts: 1, sent_at: new Date('2026-11-26T03:00:00Z'), provider_id: '<m1@pos>' },
        { ...row, channel: 'sms', recipient: '13800138000', status: 'retrying', attempts: 2, last_error: 'isv.BUSINESS_LIMIT_CONTROL', next_attempt_at: new Date('2099-01-01T00:00:00Z') },
      ])
      .execute();
  });
  afterAll(async () => {
    await database.close();
    await running.stop();
  });

  const get = (query = '', token = TOKEN) => fetch(`${running.url}/backoffice/outbox${query}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });

  it('lists what became of each notification, newest first, recipients masked', async () => {
    const res = await get('?case=pc-2611-00000k');
    expect(res.status).toBe(200);
    const { notifications } = await res.json();
    expect(notifications).toEqual([
      expect.objectContaining({ caseReference: 'PC-2611-00000K', kind: 'approved', channel: 'sms', recipient: '138****8000', status: 'retrying', attempts: 2, lastError: 'isv.BUSINESS_LIMIT_CONTROL', nextAttemptAt: '2099-01-01T00:00:00.000Z', sentAt: null }),
      expect.objectContaining({ channel: 'email', recipient: 'm***@example.com', status: 'sent', sentAt: '2026-11-26T03:00:00.000Z', nextAttemptAt: null }),
    ]);
    expect(JSON.stringify(notifications)).not.toMatch(/13800138000|merchant@/);
  });

  it('filters by status', async () => {
    const { notifications } = await (await get('?status=retrying')).json();
    expect(notifications.map((n: { status: string }) => n.status)).toEqual(['retrying']);
  });

  it('answers a bad filter with a JSON 400 and a missing token with 401', async () => {
    const bad = await get('?status=lost');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/status/);
    expect((await get('?case=nope')).status).toBe(400);
    expect((await get('', '')).status).toBe(401);
  });
});
