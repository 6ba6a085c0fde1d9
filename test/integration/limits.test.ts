import { spawnSync } from 'node:child_process';
import { hashPassword } from '../../src/agentConsole/passwords';
import { startApp, type RunningApp } from '../helpers/app';
import { DirectLineHttp } from '../helpers/directLine';
import { waitReady } from '../helpers/process';
import { startRedis, type RedisServer } from '../helpers/redis';

const SECRET = 'limits-test-secret-'.padEnd(48, 'l');
const TOKEN = 'limits-reviewer-'.padEnd(40, 'r');

async function expectTooMany(res: Response): Promise<void> {
  expect(res.status).toBe(429);
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  const body = await res.json();
  expect(body.error.code).toBe('TooManyRequests');
  expect(body.error.message).toMatch(/try again in \d+ s/);
}

describe('limits against floods and guessing (two instances, one Redis)', () => {
  let redis: RedisServer;
  let a: RunningApp;
  let b: RunningApp;

  beforeAll(async () => {
    redis = await startRedis();
    const env = {
      REDIS_URL: redis.url,
      DIRECTLINE_SECRET: SECRET,
      MAX_MESSAGE_CHARS: '500',
      RATE_LIMIT_MESSAGES_PER_MINUTE: '6',
      RATE_LIMIT_TOKENS_PER_MINUTE: '4',
      LOGIN_MAX_FAILURES: '3',
      // One proxy in front: the last X-Forwarded-For entry is the client (tests set it to act from several addresses).
      TRUST_PROXY: '1',
      BACKOFFICE_TOKENS: `ops:${TOKEN}`,
      HANDOFF_AGENTS: `alice:${await hashPassword('alice-password-1')},bob:${await hashPassword('bob-password-22')}`,
    };
    [a, b] = await Promise.all([startApp(env), startApp(env)]);
    await Promise.all([a, b].map((app) => waitReady(app.url)));
  });
  // Each test starts with fresh counters.
  beforeEach(() => {
    spawnSync('redis-cli', ['-p', String(redis.port), 'EVAL', "for _, k in ipairs(redis.call('KEYS', ARGV[1])) do redis.call('DEL', k) end", '0', 'posbot:rate:*']);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await redis?.stop();
  });

  it('tokens per address are counted in Redis: both instances together allow the limit once, then 429 with Retry-After', async () => {
    const token = (url: string) => fetch(`${url}/api/widget/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"locale":"en"}' });
    const statuses: number[] = [];
    for (const url of [a.url, b.url, a.url, b.url]) statuses.push((await token(url)).status);
    expect(statuses).toEqual([200, 200, 200, 200]);
    await expectTooMany(await token(a.url));
    await expectTooMany(await token(b.url));
    // The Direct Line token and start endpoints share the budget.
    await expectTooMany(await fetch(`${a.url}/v3/directline/tokens/generate`, { method: 'POST', headers: { Authorization: `Bearer ${SECRET}`, 'Content-Type': 'application/json' }, body: '{}' }));
  });

  it('messages per conversation: 429 beyond the limit on any instance, another conversation unaffected', async () => {
    const dlA = new DirectLineHttp(a.url);
    const dlB = new DirectLineHttp(b.url);
    const first = await dlA.widgetToken('zh-CN');
    const second = await dlA.widgetToken('zh-CN');
    const post = (dl: DirectLineHttp, c: { token: string; conversationId: string }, text: string) =>
      fetch(`${dl.base}/v3/directline/conversations/${c.conversationId}/activities`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${c.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ type: 'message', text, locale: 'zh-CN' }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await post(i % 2 ? dlB : dlA, first, `你好 ${i}`)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
    await expectTooMany(await post(dlB, first, '还在吗'));
    expect((await post(dlA, second, '审核要几天')).status).toBe(200);
  });

  it('typing indicators (Web Chat sends one before each typed message) do not use up the messages', async () => {
    const dl = new DirectLineHttp(a.url);
    const chat = await dl.widgetToken('zh-CN');
    const post = (activity: object) =>
      fetch(`${dl.base}/v3/directline/conversations/${chat.conversationId}/activities`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${chat.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ ...activity, locale: 'zh-CN' }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await post({ type: 'typing' })).status);
      statuses.push((await post({ type: 'message', text: `你好 ${i}` })).status);
    }
    expect(statuses).toEqual(Array(12).fill(200));
    // Each budget still holds on its own.
    await expectTooMany(await post({ type: 'message', text: '还在吗' }));
    for (let i = 0; i < 6; i++) expect((await post({ type: 'typing' })).status).toBe(200);
    await expectTooMany(await post({ type: 'typing' }));
  });

  it('an overlong message gets a localized "too long" answer, and the conversation goes on', async () => {
    const dl = new DirectLineHttp(a.url);
    for (const [locale, long, reply] of [
      ['zh-CN', '我'.repeat(501), /太长了（超过 500 个字）/],
      ['en', 'word '.repeat(101), /too long \(over 500 characters\)/],
    ] as const) {
      const { token, conversationId } = await dl.widgetToken(locale);
      const posted = await dl.call('POST', `/conversations/${conversationId}/activities`, token, { type: 'message', text: long, locale });
      expect(posted.status).toBe(200);
      const page = await dl.call('GET', `/conversations/${conversationId}/activities?watermark=0`, token);
      const texts = (page.body.activities as { from: { role: string }; text?: string }[]).filter((x) => x.from.role === 'bot').map((x) => x.text ?? '');
      expect(texts.at(-1)).toMatch(reply);
      await dl.call('POST', `/conversations/${conversationId}/activities`, token, { type: 'message', text: locale === 'en' ? 'how long is the review' : '审核要几天', locale });
      const after = await dl.call('GET', `/conversations/${conversationId}/activities?watermark=${page.body.watermark}`, token);
      expect(JSON.stringify(after.body.activities)).toMatch(/工作日|business days/);
    }
  });

  const login = (url: string, name: string, password: string, from: string) =>
    fetch(`${url}/staff/api/login`, { method: 'POST', headers: { origin: url, 'Content-Type': 'application/json', 'X-Forwarded-For': from }, body: JSON.stringify({ name, password }) });

  it('staff sign-ins lock out the address after repeated failures, even with the right password; the right password from another address still works', async () => {
    const statuses: number[] = [];
    for (const url of [a.url, b.url, a.url]) statuses.push((await login(url, 'alice', 'guess', '203.0.113.1')).status);
    expect(statuses).toEqual([401, 401, 401]);
    await expectTooMany(await login(b.url, 'alice', 'alice-password-1', '203.0.113.1'));
    expect((await login(a.url, 'alice', 'alice-password-1', '203.0.113.2')).status).toBe(200);
    expect((await login(a.url, 'bob', 'bob-password-22', '203.0.113.2')).status).toBe(200);
  });

  it('sign-ins with ever new names lock out their address', async () => {
    for (let i = 0; i < 3; i++) expect((await login(a.url, `nobody-${i}`, 'guess', '203.0.113.3')).status).toBe(401);
    await expectTooMany(await login(b.url, 'nobody-9', 'guess', '203.0.113.3'));
    expect((await login(b.url, 'bob', 'bob-password-22', '203.0.113.4')).status).toBe(200);
  });

  const list = (token: string | undefined, from: string) =>
    fetch(`${a.url}/backoffice/cases`, { headers: { 'X-Forwarded-For': from, ...(token ? { Authorization: `Bearer ${token}` } : {}) } });

  it('back-office tokens lock out after repeated wrong tokens from one address; a request without a token is no guess', async () => {
    expect((await list(undefined, '198.51.100.1')).status).toBe(401);
    for (let i = 0; i < 2; i++) expect((await list(`wrong-token-${i}`.padEnd(40, 'x'), '198.51.100.1')).status).toBe(401);
    expect((await list(TOKEN, '198.51.100.1')).status).toBe(200);
    expect((await list('wrong-token-3'.padEnd(40, 'x'), '198.51.100.1')).status).toBe(401);
    await expectTooMany(await list(TOKEN, '198.51.100.1'));
    // The reviewer at another address is not locked out by someone else's guesses.
    expect((await list(TOKEN, '198.51.100.2')).status).toBe(200);
  });

  it('behind one proxy, only the address the proxy appended counts: a client-set X-Forwarded-For neither escapes nor frames anyone', async () => {
    // Rotating the client-written first entry does not escape the limit.
    for (let i = 0; i < 3; i++) expect((await list(`wrong-token-${i}`.padEnd(40, 'x'), `10.9.9.${i}, 198.51.100.7`)).status).toBe(401);
    await expectTooMany(await list(TOKEN, '10.9.9.99, 198.51.100.7'));
    // Forging a reviewer's address as the first entry locks out nobody else.
    for (let i = 0; i < 3; i++) await list(`wrong-token-${i}`.padEnd(40, 'x'), `198.51.100.8, 198.51.100.9`);
    expect((await list(TOKEN, '198.51.100.8')).status).toBe(200);
  });

  it('no page can be framed (clickjacking): CSP frame-ancestors none and X-Frame-Options DENY', async () => {
    for (const path of ['/', '/staff/', '/staff/api/me', '/backoffice/cases', '/healthz']) {
      const res = await fetch(`${a.url}${path}`);
      expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
      expect(res.headers.get('x-frame-options')).toBe('DENY');
    }
  });
});
