import { Client } from 'pg';
import { startApp, type RunningApp } from '../helpers/app';
import { cardEndingIn } from '../helpers/cases';
import { cuttableProxy } from '../helpers/cuttableProxy';
import { testDatabaseUrl } from '../helpers/database';
import { openChat } from '../helpers/directLine';

const MOBILE = '13500005555';
const TRY_AGAIN = /something went wrong on our side[\s\S]*send it again/;
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
    running = await startApp({ DATABASE_URL: proxied.toString(), DATABASE_STATEMENT_TIMEOUT_MS: '1000' }, undefined, { ready: false });
  });
  afterAll(async () => {
    await running.stop();
    await proxy.close();
  });

  const ready = async () => (await fetch(`${running.url}/readyz`)).json() as Promise<{ ready: boolean; checks: Record<string, boolean> }>;
  const readyAgain = async () => {
    for (let i = 0; i < 100 && !(await ready()).ready; i++) await new Promise((r) => setTimeout(r, 200));
    expect(await ready()).toMatchObject({ ready: true, checks: { database: true } });
  };

  it('starts without it and recovers by itself; a submission while it is gone is answered "try again", written once when sent again', async () => {
    expect(await ready()).toMatchObject({ ready: false, checks: { database: false } });
    proxy.restore();
    await readyAgain();

    const { say, lastBot } = await openChat(running.url);
    for (const text of ANSWERS) await say(text);
    expect((await lastBot()).text).toMatch(/type your name "Wu Yi"/);

    // The database goes away as the merchant signs.
    proxy.cut();
    await say('Wu Yi');
    expect((await lastBot()).text).toMatch(TRY_AGAIN);
    expect(await casesOf(MOBILE)).toBe(0);

    proxy.restore();
    await readyAgain();
    // The dialog stayed at the signature: sending it again submits, once.
    await say('Wu Yi');
    expect((await lastBot()).text).toMatch(/reference number is \*\*PC-\d{4}-[0-9A-Z]{6}/);
    expect(await casesOf(MOBILE)).toBe(1);
  });

  it('while it is gone, what needs no case is still answered and only what needs one is "try again"', async () => {
    proxy.cut();
    const { answer, lastBot } = await openChat(running.url);
    expect((await lastBot()).text).toMatch(/^Hello! I'm the .*I can help you/s);
    expect(await answer('hello')).toMatch(/How can I help you today/);
    expect(await answer('how long is the review')).toMatch(/2-5 business days/);
    // No agent is on duty here: the offer to leave a message, which needs no case either.
    expect(await answer('I want to talk to a person')).toMatch(/leave us a message/i);
    expect(await answer('no')).not.toMatch(TRY_AGAIN);
    // Where an application stands is in the database.
    expect(await answer('where is my application up to?')).toMatch(TRY_AGAIN);

    proxy.restore();
    await readyAgain();
    expect(await answer('where is my application up to?')).not.toMatch(TRY_AGAIN);
  });
});
