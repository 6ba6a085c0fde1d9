import { hashPassword } from '../../src/agentConsole/passwords';
import { startApp, type RunningApp } from '../helpers/app';
import { DirectLineHttp } from '../helpers/directLine';
import { startRedis, type RedisServer } from '../helpers/redis';

const PASSWORD = 'order-agent-password';
const REPLIES = 40;

/** Stream-style ids ("ms-seq") in the order they were given out. */
const byEntryId = (a: string, b: string) => {
  const [am, as] = a.split('-').map(Number);
  const [bm, bs] = b.split('-').map(Number);
  return am - bm || as - bs;
};

/**
 * Found in the security review: of 40 replies sent at once into one conversation, 2 reached the
 * merchant's Direct Line log in another order than they were accepted in (the order the agent's
 * transcript shows). The widget must show them in that one order, with one instance or two on one Redis.
 */
describe.each([['one instance in memory', 1], ['two instances on one Redis', 2]])('simultaneous replies into one conversation (%s)', (_mode, instances) => {
  let redis: RedisServer | undefined;
  let apps: RunningApp[] = [];
  let running: RunningApp;

  beforeAll(async () => {
    redis = instances > 1 ? await startRedis() : undefined;
    const env = {
      HANDOFF_AGENTS: `alice:${await hashPassword(PASSWORD)}`,
      BUSINESS_HOURS: '00:00-24:00',
      BUSINESS_DAYS: '1-7',
      ...(redis ? { REDIS_URL: redis.url } : {}),
    };
    apps = await Promise.all(Array.from({ length: instances }, () => startApp(env)));
    running = apps[0];
  });
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.stop()));
    await redis?.stop();
  });

  it(`${REPLIES} agent replies sent at once reach the merchant's log in the order the transcript accepted them`, async () => {
    const staff = (path: string, cookie: string, body?: unknown, url = running.url) =>
      fetch(`${url}/staff/api${path}`, {
        method: 'POST',
        headers: { origin: url, cookie, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const login = await staff('/login', '', { name: 'alice', password: PASSWORD });
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    // Online: the console's live feed is open.
    const feed = new AbortController();
    const events = await fetch(`${running.url}/staff/api/chats/events`, { headers: { cookie }, signal: feed.signal });
    let seen = '';
    const reading = events.body!.pipeTo(new WritableStream({ write: (chunk) => void (seen += Buffer.from(chunk).toString('utf8')) })).catch(() => undefined);
    try {
      for (let i = 0; i < 100 && !/event: queue/.test(seen); i++) await new Promise((r) => setTimeout(r, 50));
      const dl = new DirectLineHttp(running.url);
      const { token, conversationId } = await dl.widgetToken('en');
      await dl.call('POST', `/conversations/${conversationId}/activities`, token, { type: 'message', text: 'I want to talk to a person', locale: 'en' });
      for (let i = 0; i < 100 && !/"kind":"chat"/.test(seen); i++) await new Promise((r) => setTimeout(r, 50));
      const queued = [...seen.matchAll(/event: queue\ndata: (.*)/g)].flatMap((m) => (JSON.parse(m[1]) as { items: { id: string; kind: string }[] }).items);
      const id = queued.find((item) => item.kind === 'chat')!.id;
      expect((await staff(`/chats/${id}/claim`, cookie)).status).toBe(200);

      const sent = await Promise.all(
        Array.from({ length: REPLIES }, async (_, i) => {
          // Each instance takes every other reply.
          const res = await staff(`/chats/${id}/messages`, cookie, { text: `reply ${i}`, clientId: `reply-order-${i}` }, apps[i % apps.length].url);
          expect(res.status).toBe(200);
          return { text: `reply ${i}`, entryId: ((await res.json()) as { entryId: string }).entryId };
        }),
      );
      const accepted = [...sent].sort((a, b) => byEntryId(a.entryId, b.entryId)).map((s) => s.text);
      const log = (await dl.call('GET', `/conversations/${conversationId}/activities?watermark=0`, token)).body.activities as { type: string; text?: string }[];
      const shown = log.filter((a) => a.type === 'message' && /^reply \d+$/.test(a.text ?? '')).map((a) => a.text);
      expect(shown).toEqual(accepted);
    } finally {
      feed.abort();
      await reading;
    }
  }, 60_000);
});
