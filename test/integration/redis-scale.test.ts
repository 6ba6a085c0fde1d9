import WebSocket from 'ws';
import { ConversationState, MemoryStorage, TurnContext, TestAdapter, type Storage } from 'botbuilder';
import { createLogger } from '../../src/log/logger';
import { connectRedis, type RedisConnection } from '../../src/state/redisConnection';
import { RedisStorage } from '../../src/state/redisStorage';
import { RedisTurnLock } from '../../src/state/turnLock';
import { startApp, type RunningApp } from '../helpers/app';
import { DirectLineHttp } from '../helpers/directLine';
import { waitReady } from '../helpers/process';
import { startRedis, type RedisServer } from '../helpers/redis';

const SECRET = 'scale-out-secret-'.padEnd(48, 's');
const logger = createLogger('silent');

interface Activity {
  id: string;
  type: string;
  text?: string;
  from: { role?: string };
  suggestedActions?: { actions: { title: string }[] };
}

async function botTexts(dl: DirectLineHttp, conversationId: string, token: string, after = 0): Promise<Activity[]> {
  const page = await dl.call('GET', `/conversations/${conversationId}/activities?watermark=${after}`, token);
  return (page.body.activities as Activity[]).filter((a) => a.from.role === 'bot' && a.type === 'message');
}

async function ready(client: RedisConnection): Promise<void> {
  for (let i = 0; i < 100 && !client.isReady; i++) await new Promise((r) => setTimeout(r, 50));
}

describe('two instances on one Redis', () => {
  let redis: RedisServer;
  let a: RunningApp;
  let b: RunningApp;

  beforeAll(async () => {
    redis = await startRedis();
    const env = { REDIS_URL: redis.url, DIRECTLINE_SECRET: SECRET };
    [a, b] = await Promise.all([startApp(env), startApp(env)]);
    await Promise.all([a, b].map((app) => waitReady(app.url)));
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await redis?.stop();
  });

  it('serve one conversation interchangeably, request by request, through a multi-step dialog', async () => {
    const dlA = new DirectLineHttp(a.url);
    const dlB = new DirectLineHttp(b.url);
    const { token, conversationId } = await dlA.widgetToken('zh-CN');
    expect((await dlB.call('POST', '/conversations', token, {})).status).toBe(201);
    // Step 1 on A: the cancellation starts with its overview and a question.
    await dlA.call('POST', `/conversations/${conversationId}/activities`, token, { type: 'message', text: '我要注销我的POS机', locale: 'zh-CN' });
    const overview = (await botTexts(dlB, conversationId, token)).at(-1)!
    expect(overview.suggestedActions!.actions.map((x) => x.title)).toContain('开始办理');
    // Step 2 on B: the answer moves the dialog to the next question.
    await dlB.call('POST', `/conversations/${conversationId}/activities`, token, { type: 'message', text: '开始办理', locale: 'zh-CN' });
    expect((await botTexts(dlA, conversationId, token)).at(-1)!.text).toMatch(/什么时候收到/);
    // Step 3 on A: an FAQ in the middle is answered and the question asked again.
    await dlA.call('POST', `/conversations/${conversationId}/activities`, token, { type: 'message', text: '你们的客服热线号码是几号', locale: 'zh-CN' });
    const [answer, again] = (await botTexts(dlB, conversationId, token)).slice(-2);
    expect(answer.text).toContain('95016');
    expect(again.text).toMatch(/什么时候收到/);
    // Step 4 on B: the answer to the question that A asked again goes on to the next step.
    await dlB.call('POST', `/conversations/${conversationId}/activities`, token, { type: 'message', text: '上个月', locale: 'zh-CN' });
    expect((await botTexts(dlA, conversationId, token)).at(-1)!.text).toMatch(/原因/);
  });

  it('delivers a proactive message sent by B to a WebSocket connected to A', async () => {
    const dlA = new DirectLineHttp(a.url);
    const { token, conversationId, userId } = await dlA.widgetToken('en');
    const started = await dlA.call('POST', '/conversations', token, {});
    const received = new Promise<Activity>((resolve, reject) => {
      const ws = new WebSocket(started.body.streamUrl);
      const timer = setTimeout(() => reject(new Error('no proactive message on the stream')), 5000);
      ws.on('message', (data) => {
        const found = (JSON.parse(String(data)).activities as Activity[]).find((x) => x.text === 'Your case has an update');
        if (found) {
          clearTimeout(timer);
          ws.close();
          resolve(found);
        }
      });
    });
    await new Promise((r) => setTimeout(r, 200));
    await b.app.continueConversation(
      { serviceUrl: 'https://embedded.directline.invalid/', channelId: 'directline', conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' }, user: { id: userId, name: '' }, bot: { id: 'bot', name: 'bot' } },
      async (context) => void (await context.sendActivity('Your case has an update')),
    );
    expect((await received).from.role).toBe('bot');
  });

  it('readiness reports Redis and the database', async () => {
    const report = await (await fetch(`${a.url}/readyz`)).json();
    expect(report).toEqual({ ready: true, checks: { accepting: true, redis: true, database: true } });
  });
});

describe('turn lock across instances', () => {
  let redis: RedisServer;
  let clients: RedisConnection[];
  beforeAll(async () => {
    redis = await startRedis();
    clients = [0, 1].map(() => connectRedis({ url: redis.url, commandTimeoutMs: 2000 }, logger, 'test'));
    await Promise.all(clients.map(ready));
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.quit()));
    await redis.stop();
  });

  /** A turn the way BotState does it: read, change, write back with eTag "*". */
  async function turn(storage: Storage, adapter: TestAdapter, n: number): Promise<void> {
    const state = new ConversationState(storage);
    const counter = state.createProperty<number[]>('turns');
    const context = new TurnContext(adapter, { type: 'message', text: String(n), channelId: 'test', conversation: { id: 'c1', isGroup: false, conversationType: '', name: '' } });
    const seen = await counter.get(context, []);
    await new Promise((r) => setTimeout(r, Math.random() * 3));
    await counter.set(context, [...seen, n]);
    await state.saveChanges(context, true);
  }

  it('200 pairs of simultaneous turns on two instances: every turn is in the final state', async () => {
    const storages = clients.map((c) => new RedisStorage(c, { prefix: 'lock-test:', ttlSeconds: () => 60, timeoutMs: 2000 }));
    const locks = clients.map((c) => new RedisTurnLock(c, { prefix: 'lock-test:', leaseMs: 5000, waitMs: 10_000, timeoutMs: 2000, readsWithRequest: true }));
    const adapter = new TestAdapter(async () => undefined);
    for (let i = 0; i < 200; i++) {
      await Promise.all([0, 1].map((k) => locks[k].run('c1', () => turn(storages[k], adapter, 2 * i + k))));
    }
    const state = new ConversationState(storages[0]);
    const context = new TurnContext(adapter, { type: 'message', channelId: 'test', conversation: { id: 'c1', isGroup: false, conversationType: '', name: '' } });
    const turns = await state.createProperty<number[]>('turns').get(context, []);
    expect(turns).toHaveLength(400);
    expect(new Set(turns).size).toBe(400);
  });

  it('without the lock the same race loses updates (why the lock exists)', async () => {
    const storage: Storage = new MemoryStorage();
    const adapter = new TestAdapter(async () => undefined);
    await Promise.all(Array.from({ length: 20 }, (_, n) => turn(storage, adapter, n)));
    const context = new TurnContext(adapter, { type: 'message', channelId: 'test', conversation: { id: 'c1', isGroup: false, conversationType: '', name: '' } });
    const turns = await new ConversationState(storage).createProperty<number[]>('turns').get(context, []);
    expect(turns.length).toBeLessThan(20);
  });
});
