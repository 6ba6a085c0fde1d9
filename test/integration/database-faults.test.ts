import { Client } from 'pg';
import { startApp, type RunningApp } from '../helpers/app';
import { cardEndingIn } from '../helpers/cases';
import { cuttableProxy } from '../helpers/cuttableProxy';
import { testDatabaseUrl } from '../helpers/database';
import { DirectLineHttp } from '../helpers/directLine';

interface Activity {
  type: string;
  text?: string;
  from: { role?: string };
}

const MOBILE = '13500005555';
const ANSWERS = ['I would like to cancel the POS terminal you sent me', 'yes', 'last month', '1', 'Wu Yi', cardEndingIn('3333'), 'ABC55550001', MOBILE, 'skip', 'All correct'];

async function casesOf(mobile: string): Promise<number> {
  const client = new Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  try {
    const exists = (await client.query(`SELECT to_regclass('public.cases') AS t`)).rows[0].t;
    return exists ? Number((await client.query('SELECT count(*) FROM cases WHERE mobile = $1', [mobile])).rows[0].count) : 0;
  } finally {
    await client.end();
  }
}

describe('the database going away', () => {
  let proxy: Awaited<ReturnType<typeof cuttableProxy>>;
  let running: RunningApp;

  beforeAll(async () => {
    const real = new URL(testDatabaseUrl());
    proxy = await cuttableProxy({ host: real.hostname, port: Number(real.port || 5432) });
    proxy.cut();
    const proxied = new URL(real);
    proxied.port = String(proxy.port);
    running = await startApp({ DATABASE_URL: proxied.toString(), DATABASE_STATEMENT_TIMEOUT_MS: '1000' });
  });
  afterAll(async () => {
    await running.stop();
    await proxy.close();
  });

  it('starts without it and recovers by itself; a submission while it is gone is answered "try again", written once when sent again', async () => {
    const ready = async () => (await fetch(`${running.url}/readyz`)).json() as Promise<{ ready: boolean; checks: Record<string, boolean> }>;
    const readyAgain = async () => {
      for (let i = 0; i < 100 && !(await ready()).ready; i++) await new Promise((r) => setTimeout(r, 200));
      expect(await ready()).toMatchObject({ ready: true, checks: { database: true } });
    };
    expect(await ready()).toMatchObject({ ready: false, checks: { database: false } });
    proxy.restore();
    await readyAgain();

    const dl = new DirectLineHttp(running.url);
    const { token, conversationId } = await dl.widgetToken('en');
    await dl.call('POST', '/conversations', token, {});
    const say = (text: string) => dl.call('POST', `/conversations/${conversationId}/activities`, token, { type: 'message', text, locale: 'en' });
    const lastBot = async () => {
      const page = await dl.call('GET', `/conversations/${conversationId}/activities`, token);
      return (page.body.activities as Activity[]).filter((a) => a.from.role === 'bot' && a.type === 'message').at(-1)!;
    };
    for (const text of ANSWERS) await say(text);
    expect((await lastBot()).text).toMatch(/type your name "Wu Yi"/);

    // The database goes away as the merchant signs.
    proxy.cut();
    await say('Wu Yi');
    expect((await lastBot()).text).toMatch(/something went wrong on our side[\s\S]*send it again/);
    expect(await casesOf(MOBILE)).toBe(0);

    proxy.restore();
    await readyAgain();
    // The dialog stayed at the signature: sending it again submits, once.
    await say('Wu Yi');
    expect((await lastBot()).text).toMatch(/reference number is \*\*PC-\d{4}-[0-9A-Z]{6}/);
    expect(await casesOf(MOBILE)).toBe(1);
  });
});
