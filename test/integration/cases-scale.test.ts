import { randomInt } from 'node:crypto';
import { Client } from 'pg';
import { startApp, type RunningApp } from '../helpers/app';
import { cardEndingIn } from '../helpers/cases';
import { cuttableProxy } from '../helpers/cuttableProxy';
import { testDatabaseUrl } from '../helpers/database';
import { openChat, type ChatActivity } from '../helpers/directLine';
import { startRedis, type RedisServer } from '../helpers/redis';

const SECRET = 'cases-scale-secret-'.padEnd(48, 'c');
const TOKEN = 'cases-scale-reviewer-'.padEnd(40, 'r');
const MERCHANTS = 40;
const REFERENCE = /PC-\d{4}-[0-9A-Z]{6}/;
const TRY_AGAIN = /something went wrong on our side[\s\S]*send it again/;

interface Merchant {
  name: string;
  serial: string;
  say(text: string): Promise<unknown>;
  lastBot(): Promise<ChatActivity>;
}

/** Two instances on one Redis and one PostgreSQL (reached at `databaseUrl`), ready to serve. */
async function twoInstances(redis: RedisServer, databaseUrl: string, extra: Record<string, string> = {}): Promise<RunningApp[]> {
  const env = { REDIS_URL: redis.url, DIRECTLINE_SECRET: SECRET, BACKOFFICE_TOKENS: `ops:${TOKEN}`, DATABASE_URL: databaseUrl, ...extra };
  const apps = await Promise.all([startApp(env), startApp(env)]);
  await Promise.all(apps.map(ready));
  return apps;
}

async function ready(app: RunningApp): Promise<void> {
  for (let i = 0; i < 300 && (await fetch(`${app.url}/readyz`)).status !== 200; i++) await new Promise((r) => setTimeout(r, 50));
  expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
}

/** 40 merchants, each at the signature of a complete application; each conversation's messages alternate between both instances. */
function merchantsAtSignature(apps: RunningApp[], prefix: string): Promise<Merchant[]> {
  const serials = Array.from({ length: MERCHANTS }, (_, i) => `${prefix}${String(i).padStart(2, '0')}${randomInt(10 ** 7, 10 ** 8)}`);
  return Promise.all(
    serials.map(async (serial, i) => {
      const { say, lastBot } = await openChat([apps[i % 2].url, apps[(i + 1) % 2].url]);
      const name = `Merchant ${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + Math.floor(i / 26))}`;
      for (const text of ['I would like to cancel the POS terminal you sent me', 'yes', 'last month', '1', name, cardEndingIn(String(1000 + i)), serial, `139${randomInt(10 ** 7, 10 ** 8)}`, 'skip', 'All correct']) {
        await say(text);
      }
      return { name, serial, say, lastBot };
    }),
  );
}

/** Every reference the back-office list shows for these merchants' terminals, page after page. */
async function listed(app: RunningApp, merchants: Merchant[]): Promise<string[]> {
  const serials = new Set(merchants.map((m) => m.serial));
  const references: string[] = [];
  for (let cursor: string | undefined, page = 0; page === 0 || cursor; page++) {
    const res = await fetch(`${app.url}/backoffice/cases?limit=25${cursor ? `&cursor=${cursor}` : ''}`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    const body = (await res.json()) as { cases: { reference: string; applicant: { posSerial: string } }[]; nextCursor?: string };
    references.push(...body.cases.filter((c) => serials.has(c.applicant.posSerial)).map((c) => c.reference));
    cursor = body.nextCursor;
  }
  return references.sort();
}

describe('40 merchants signing at the same moment, over two instances on one Redis and one PostgreSQL', () => {
  let redis: RedisServer;
  let apps: RunningApp[];

  beforeAll(async () => {
    redis = await startRedis();
    apps = await twoInstances(redis, testDatabaseUrl());
  });
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.stop()));
    await redis.stop();
  });

  it('makes 40 cases, each listed once, each merchant told their own reference', async () => {
    const merchants = await merchantsAtSignature(apps, 'SC');
    await Promise.all(merchants.map((m) => m.say(m.name)));
    const told = await Promise.all(merchants.map(async (m) => REFERENCE.exec((await m.lastBot()).text ?? '')?.[0]));
    expect(told.filter(Boolean)).toHaveLength(MERCHANTS);
    expect(new Set(told).size).toBe(MERCHANTS);
    expect(await listed(apps[1], merchants)).toEqual([...told].sort());
  }, 180_000);
});

describe('the same, with the database killed mid-way', () => {
  let redis: RedisServer;
  let proxy: Awaited<ReturnType<typeof cuttableProxy>>;
  let apps: RunningApp[];
  let direct: Client;

  beforeAll(async () => {
    redis = await startRedis();
    // Both instances reach PostgreSQL through one proxy: cutting it is the database going away for
    // them (every connection dropped, new ones refused), while the test still reads the database directly.
    const real = new URL(testDatabaseUrl());
    proxy = await cuttableProxy({ host: real.hostname, port: Number(real.port || 5432) });
    const proxied = new URL(real);
    proxied.port = String(proxy.port);
    // A short statement timeout: a query on a connection the database lost fails in a second, not five.
    apps = await twoInstances(redis, proxied.toString(), { DATABASE_STATEMENT_TIMEOUT_MS: '1000' });
    direct = new Client({ connectionString: testDatabaseUrl() });
    await direct.connect();
  });
  afterAll(async () => {
    await direct.end();
    await Promise.all(apps.map((app) => app.stop()));
    await proxy.close();
    await redis.stop();
  });

  /** The references of the cases written for these terminals, by serial number (every one, duplicates too). */
  const written = async (merchants: Merchant[]) => {
    const { rows } = await direct.query<{ pos_serial: string; reference: string }>('SELECT pos_serial, reference FROM cases WHERE pos_serial = ANY($1)', [merchants.map((m) => m.serial)]);
    const bySerial = new Map<string, string[]>();
    for (const row of rows) bySerial.set(row.pos_serial, [...(bySerial.get(row.pos_serial) ?? []), row.reference]);
    return bySerial;
  };

  it('every merchant has a listed case or was told to try again; the retry gives the same reference; no duplicate', async () => {
    const merchants = await merchantsAtSignature(apps, 'SK');
    let answered = 0;
    const signing = Promise.all(merchants.map(async (m) => {
      await m.say(m.name);
      answered++;
    }));
    // Killed once the first merchant has an answer, while the other signatures are on their way (the
    // first case written is too early on a loaded machine: nobody would have been told yet).
    while (answered === 0) await new Promise((r) => setTimeout(r, 5));
    proxy.cut();
    await signing;

    const replies = await Promise.all(merchants.map(async (m) => (await m.lastBot()).text ?? ''));
    const toldReference = merchants.filter((_, i) => REFERENCE.test(replies[i]));
    const toldToRetry = merchants.filter((_, i) => TRY_AGAIN.test(replies[i]));
    // Nobody was left with anything else, and the kill did fall mid-way.
    expect(toldReference.length + toldToRetry.length).toBe(MERCHANTS);
    expect(toldReference.length).toBeGreaterThan(0);
    expect(toldToRetry.length).toBeGreaterThan(0);
    const beforeRetry = await written(merchants);

    // The database comes back; both instances find it again by themselves.
    proxy.restore();
    await Promise.all(apps.map(ready));
    const references = new Map(merchants.map((m, i) => [m.serial, REFERENCE.exec(replies[i])?.[0]]));
    for (const m of toldReference) expect(beforeRetry.get(m.serial)).toEqual([references.get(m.serial)]);
    await Promise.all(toldToRetry.map((m) => m.say(m.name)));
    for (const m of toldToRetry) {
      const reference = REFERENCE.exec((await m.lastBot()).text ?? '')?.[0];
      expect(reference).toBeDefined();
      // A case written before the merchant heard of it (the kill fell after its commit) is the one the retry gives.
      if (beforeRetry.has(m.serial)) expect(beforeRetry.get(m.serial)).toEqual([reference]);
      references.set(m.serial, reference);
    }

    const after = await written(merchants);
    for (const m of merchants) expect(after.get(m.serial)).toEqual([references.get(m.serial)]);
    expect(await listed(apps[0], merchants)).toEqual([...references.values()].sort());
  }, 240_000);
});
