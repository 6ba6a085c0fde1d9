import { randomInt } from 'node:crypto';
import { startApp, type RunningApp } from '../helpers/app';
import { cardEndingIn } from '../helpers/cases';
import { DirectLineHttp } from '../helpers/directLine';
import { startRedis, type RedisServer } from '../helpers/redis';

const SECRET = 'cases-scale-secret-'.padEnd(48, 'c');
const TOKEN = 'cases-scale-reviewer-'.padEnd(40, 'r');
const MERCHANTS = 40;

interface Activity {
  type: string;
  text?: string;
  from: { role?: string };
}

describe('40 merchants signing at the same moment, over two instances on one Redis and one PostgreSQL', () => {
  let redis: RedisServer;
  let apps: RunningApp[];

  beforeAll(async () => {
    redis = await startRedis();
    const env = { REDIS_URL: redis.url, DIRECTLINE_SECRET: SECRET, BACKOFFICE_TOKENS: `ops:${TOKEN}` };
    apps = await Promise.all([startApp(env), startApp(env)]);
    for (const app of apps) {
      for (let i = 0; i < 200 && (await fetch(`${app.url}/readyz`)).status !== 200; i++) await new Promise((r) => setTimeout(r, 50));
    }
  });
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.stop()));
    await redis.stop();
  });

  it('makes 40 cases, each listed once, each merchant told their own reference', async () => {
    const serials = Array.from({ length: MERCHANTS }, (_, i) => `SC${String(i).padStart(2, '0')}${randomInt(10 ** 7, 10 ** 8)}`);
    // Each conversation on one instance, its messages alternating between both.
    const merchants = await Promise.all(
      serials.map(async (serial, i) => {
        const { token, conversationId } = await new DirectLineHttp(apps[i % 2].url).widgetToken('en');
        let turn = 0;
        const dl = () => new DirectLineHttp(apps[turn++ % 2].url);
        await dl().call('POST', '/conversations', token, {});
        const say = (text: string) => dl().call('POST', `/conversations/${conversationId}/activities`, token, { type: 'message', text, locale: 'en' });
        const lastBot = async () => {
          const page = await dl().call('GET', `/conversations/${conversationId}/activities`, token);
          return (page.body.activities as Activity[]).filter((a) => a.from.role === 'bot' && a.type === 'message').at(-1)!;
        };
        const name = `Merchant ${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + Math.floor(i / 26))}`;
        for (const text of ['I would like to cancel the POS terminal you sent me', 'yes', 'last month', '1', name, cardEndingIn(String(1000 + i)), serial, `139${randomInt(10 ** 7, 10 ** 8)}`, 'skip', 'All correct']) {
          await say(text);
        }
        return { name, say, lastBot };
      }),
    );
    await Promise.all(merchants.map((m) => m.say(m.name)));
    const told = await Promise.all(merchants.map(async (m) => /PC-\d{4}-[0-9A-Z]{6}/.exec((await m.lastBot()).text ?? '')?.[0]));
    expect(told.filter(Boolean)).toHaveLength(MERCHANTS);
    expect(new Set(told).size).toBe(MERCHANTS);

    const listed: string[] = [];
    for (let cursor: string | undefined, page = 0; page === 0 || cursor; page++) {
      const res = await fetch(`${apps[1].url}/backoffice/cases?limit=25${cursor ? `&cursor=${cursor}` : ''}`, { headers: { Authorization: `Bearer ${TOKEN}` } });
      const body = (await res.json()) as { cases: { reference: string; applicant: { posSerial: string } }[]; nextCursor?: string };
      listed.push(...body.cases.filter((c) => serials.includes(c.applicant.posSerial)).map((c) => c.reference));
      cursor = body.nextCursor;
    }
    expect(listed.sort()).toEqual([...told].sort());
  }, 180_000);
});
