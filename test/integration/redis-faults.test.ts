import { startApp, type RunningApp } from '../helpers/app';
import { DirectLineHttp } from '../helpers/directLine';
import { freePort, spawnBot, waitReady } from '../helpers/process';
import { startRedis, type RedisServer } from '../helpers/redis';

const SECRET = 'fault-test-secret-'.padEnd(48, 'f');
const AMBIGUOUS = '退款是怎么退给我的，到账了怎么核对';
const PERSISTENT = ['--appendonly', 'yes', '--appendfsync', 'always'];

interface Activity {
  type: string;
  text?: string;
  from: { role?: string };
}

async function lastBotText(dl: DirectLineHttp, conversationId: string, token: string): Promise<string | undefined> {
  const page = await dl.call('GET', `/conversations/${conversationId}/activities`, token);
  return (page.body.activities as Activity[]).filter((a) => a.from.role === 'bot' && a.type === 'message').at(-1)?.text;
}

/** A message to /api/messages that wants its replies in the HTTP response; returns the reply messages. */
async function expectReplies(base: string, fields: { text: string; conversation: string; id?: string }): Promise<Activity[]> {
  const res = await fetch(`${base}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      type: 'message',
      id: fields.id,
      text: fields.text,
      locale: 'zh-CN',
      deliveryMode: 'expectReplies',
      channelId: 'test',
      serviceUrl: 'http://127.0.0.1:9/',
      conversation: { id: fields.conversation },
      from: { id: 'u1' },
      recipient: { id: 'bot' },
    }),
  });
  return ((await res.json()).activities as Activity[]).filter((a) => a.type === 'message');
}

async function until(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('condition not met in time');
}

/** A conversation waiting at the clarification step (a dialog prompt stored in conversation state). */
async function atPrompt(dl: DirectLineHttp) {
  const { token, conversationId } = await dl.widgetToken('zh-CN');
  await dl.call('POST', '/conversations', token, {});
  await dl.call('POST', `/conversations/${conversationId}/activities`, token, { type: 'message', text: AMBIGUOUS, locale: 'zh-CN' });
  expect(await lastBotText(dl, conversationId, token)).toMatch(/哪一个/);
  return { token, conversationId };
}

describe('a bot process killed mid-dialog (SIGKILL)', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(() => redis.stop());

  it('a restarted instance continues the dialog at the step it was on', async () => {
    const env = { REDIS_URL: redis.url, DIRECTLINE_SECRET: SECRET, NLU_ASK_MARGIN: '1' };
    const first = spawnBot({ ...env, PORT: String(await freePort()) });
    await waitReady(first.url);
    const { token, conversationId } = await atPrompt(new DirectLineHttp(first.url));
    first.child.kill('SIGKILL');
    await first.exited;

    const second = spawnBot({ ...env, PORT: String(await freePort()) });
    try {
      await waitReady(second.url);
      const dl = new DirectLineHttp(second.url);
      expect((await dl.call('POST', `/conversations/${conversationId}/activities`, token, { type: 'message', text: '2', locale: 'zh-CN' })).status).toBe(200);
      const answer = await lastBotText(dl, conversationId, token);
      expect(answer).not.toMatch(/哪一个/);
      expect(answer).toMatch(/退款|入账/);
    } finally {
      second.child.kill('SIGKILL');
    }
  });
});

describe('Redis failing under a running bot', () => {
  let redis: RedisServer;
  let running: RunningApp;
  let dl: DirectLineHttp;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    redis = await startRedis(undefined, PERSISTENT);
    running = await startApp({ REDIS_URL: redis.url, DIRECTLINE_SECRET: SECRET, NLU_ASK_MARGIN: '1' });
    dl = new DirectLineHttp(running.url);
    await until(async () => (await fetch(`${running.url}/readyz`)).status === 200);
  });
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    await running?.stop();
    await redis?.stop();
  });

  const readyStatus = async () => (await fetch(`${running.url}/readyz`)).status;

  async function apiMessage(text: string) {
    const started = Date.now();
    const replies = await expectReplies(running.url, { text, conversation: 'fault-conversation' });
    return { ms: Date.now() - started, texts: replies.map((a) => a.text) };
  }

  async function expectApologies() {
    const { ms, texts } = await apiMessage('审核一般要等几天');
    expect(ms).toBeLessThan(5000);
    expect(texts).toEqual([expect.stringMatching(/请稍后再发一次/)]);
  }

  it('killed: a localized apology within 5 s, /readyz red, and the conversation resumes when Redis is back', async () => {
    const { token, conversationId } = await atPrompt(dl);
    await redis.stop();
    await until(async () => (await readyStatus()) === 503, 5000);
    await expectApologies();
    const started = Date.now();
    const post = await dl.call('POST', `/conversations/${conversationId}/activities`, token, { type: 'message', text: '2' });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(post.status).toBe(503);
    expect(post.body.error.code).toBe('ServiceUnavailable');

    redis = await redis.restart();
    await until(async () => (await readyStatus()) === 200);
    await dl.call('POST', `/conversations/${conversationId}/activities`, token, { type: 'message', text: '2' });
    const answer = await lastBotText(dl, conversationId, token);
    expect(answer).not.toMatch(/哪一个/);
    expect(answer).toMatch(/退款|入账/);
  });

  it('frozen (SIGSTOP): apologies within 5 s, /readyz red, and after SIGCONT the conversation goes on', async () => {
    const { token, conversationId } = await atPrompt(dl);
    redis.process.kill('SIGSTOP');
    try {
      // The connection still looks fine; a PING tells, and /readyz answers 503 without waiting for the socket timeout.
      const ready = await fetch(`${running.url}/readyz`, { signal: AbortSignal.timeout(3000) });
      expect(ready.status).toBe(503);
      expect((await ready.json()).checks.redis).toBe(false);
      await expectApologies();
      const started = Date.now();
      const post = await dl.call('POST', `/conversations/${conversationId}/activities`, token, { type: 'message', text: '2' });
      expect(Date.now() - started).toBeLessThan(5000);
      expect(post.status).toBe(503);
      await until(async () => (await readyStatus()) === 503, 8000);
    } finally {
      redis.process.kill('SIGCONT');
    }
    await until(async () => (await readyStatus()) === 200);
    await dl.call('POST', `/conversations/${conversationId}/activities`, token, { type: 'message', text: '2' });
    expect(await lastBotText(dl, conversationId, token)).toMatch(/退款|入账/);
  });

  it('raised no unhandled promise rejection', () => {
    expect(unhandled).toEqual([]);
  });
});

describe('Redis down at start-up', () => {
  it('starts anyway, not ready, and becomes ready when Redis comes up', async () => {
    const port = await freePort();
    const running = await startApp({ REDIS_URL: `redis://127.0.0.1:${port}`, DIRECTLINE_SECRET: SECRET }, undefined, { ready: false });
    let redis: RedisServer | undefined;
    try {
      const report = await (await fetch(`${running.url}/readyz`)).json();
      // (The embedded database may still be opening too: only Redis is this test's business.)
      expect(report).toMatchObject({ ready: false, checks: { accepting: true, redis: false } });
      expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
      // The widget asks for a token: a clear 503, not a hang.
      const token = await fetch(`${running.url}/api/widget/token`, { method: 'POST' });
      expect(token.status).toBe(503);
      redis = await startRedis(port);
      await until(async () => (await fetch(`${running.url}/readyz`)).status === 200);
      expect((await fetch(`${running.url}/api/widget/token`, { method: 'POST' })).status).toBe(200);
    } finally {
      await running.stop();
      await redis?.stop();
    }
  });
});

describe('an activity delivered twice', () => {
  it('runs once (memory and Redis alike)', async () => {
    const redis = await startRedis();
    const apps = await Promise.all([startApp(), startApp({ REDIS_URL: redis.url, DIRECTLINE_SECRET: SECRET })]);
    try {
      for (const running of apps) {
        await until(async () => (await fetch(`${running.url}/readyz`)).status === 200);
        const send = () => expectReplies(running.url, { text: '审核一般要等几天', conversation: 'dup-conversation', id: 'retry-1' });
        expect(await send()).toHaveLength(1);
        expect(await send()).toHaveLength(0);
      }
    } finally {
      await Promise.all(apps.map((a) => a.stop()));
      await redis.stop();
    }
  });
});
