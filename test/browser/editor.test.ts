import { join } from 'node:path';
import { Client } from 'pg';
import type { Browser } from 'playwright-core';
import { hashPassword } from '../../src/agentConsole/passwords';
import { startApp, type RunningApp } from '../helpers/app';
import { ARTIFACTS, launchChromium } from '../helpers/browser';
import { testDatabaseUrl } from '../helpers/database';
import { DirectLineHttp } from '../helpers/directLine';

const PASSWORD = 'editor-browser-password';
const FEES_ANSWER = "POS fees and rates aren't fixed";

interface Activity {
  type: string;
  text?: string;
  from: { role?: string };
}

/** A merchant chatting in English on one instance; `say` returns the bot's replies to that message. */
async function merchant(url: string) {
  const dl = new DirectLineHttp(url);
  const { token, conversationId } = await dl.widgetToken('en');
  await dl.call('POST', '/conversations', token, {});
  let watermark = '';
  const replies = async () => {
    const page = await dl.call('GET', `/conversations/${conversationId}/activities${watermark ? `?watermark=${watermark}` : ''}`, token);
    watermark = page.body.watermark;
    return (page.body.activities as Activity[]).filter((a) => a.from.role === 'bot' && a.type === 'message').map((a) => a.text ?? '');
  };
  await replies();
  return {
    say: async (text: string) => {
      expect((await dl.call('POST', `/conversations/${conversationId}/activities`, token, { type: 'message', text, locale: 'en' })).status).toBe(200);
      return (await replies()).join('\n');
    },
  };
}

describe('an editor teaches the bot what it missed', () => {
  let a: RunningApp;
  let b: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    const env = { STAFF_ACCOUNTS: `eddie:editor:${await hashPassword(PASSWORD)}` };
    // Two instances on one database: what is taught on A is answered on B without a restart.
    [a, b] = await Promise.all([startApp(env), startApp(env)]);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it('collects the missed messages masked and grouped; the editor assigns one to an intent and every instance answers it so', async () => {
    const first = await merchant(a.url);
    expect(await first.say('zorblax wibble quux plim?')).not.toContain(FEES_ANSWER);
    await first.say('Plim quux ZORBLAX wibble');
    await first.say('plonk 4111 1111 1111 1111 frobnicate 13800138000');

    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })).newPage();
    await page.goto(`${a.url}/staff/`);
    await page.getByTestId('login-name').fill('eddie');
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-password').press('Enter');
    const group = page.getByTestId('unanswered-row').filter({ hasText: 'zorblax wibble quux plim?' });
    await group.waitFor();
    expect(await group.getByTestId('group-count').textContent()).toBe('2');
    const masked = page.getByTestId('unanswered-row').filter({ hasText: 'plonk' });
    expect(await masked.locator('.utterance').textContent()).toBe('plonk **** **** **** 1111 frobnicate 138****8000');
    await page.screenshot({ path: join(ARTIFACTS, 'staff-editor-unanswered.png') });

    await group.getByTestId('assign-intent').selectOption('faq_fees');
    await group.getByTestId('assign').click();
    await page.getByTestId('notice').filter({ hasText: '已指定' }).waitFor();
    await group.waitFor({ state: 'detached' });

    // The corpus addition is versioned in the database.
    const client = new Client({ connectionString: testDatabaseUrl() });
    await client.connect();
    const { rows } = await client.query('SELECT language, text, intent, added_by FROM corpus_additions');
    await client.end();
    expect(rows).toEqual([{ language: 'en', text: 'zorblax wibble quux plim?', intent: 'faq_fees', added_by: 'staff:eddie' }]);

    // On A at once; on B after its next poll, with no restart.
    expect(await (await merchant(a.url)).say('Zorblax wibble, quux plim')).toContain(FEES_ANSWER);
    const onB = await merchant(b.url);
    let answer = '';
    for (let i = 0; i < 40 && !answer.includes(FEES_ANSWER); i++) {
      answer = await onB.say('zorblax wibble quux plim');
      if (!answer.includes(FEES_ANSWER)) await new Promise((r) => setTimeout(r, 500));
    }
    expect(answer).toContain(FEES_ANSWER);
  });

  it('the API: another role gets 403, a bad intent 400, a decided group 404', async () => {
    const token = 'editor-machine-token-'.padEnd(40, 'm');
    const c = await startApp({ BACKOFFICE_TOKENS: `nlu:${token}:editor,ops:${'ops-token-'.padEnd(40, 'o')}:reviewer` });
    try {
      const call = (path: string, bearer: string, body?: unknown) =>
        fetch(`${c.url}/backoffice/unanswered${path}`, { method: body ? 'POST' : 'GET', headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      expect((await call('', 'ops-token-'.padEnd(40, 'o'))).status).toBe(403);
      const { groups, intents } = await (await call('', token)).json();
      expect(intents).toContain('None');
      const open = groups.find((g: { text: string }) => g.text.startsWith('plonk'));
      expect((await call(`/${open.id}/assign`, token, { intent: 'faq_nonsense' })).status).toBe(400);
      expect((await call(`/${open.id}/assign`, token, { intent: 'None' })).status).toBe(200);
      expect((await call(`/${open.id}/assign`, token, { intent: 'None' })).status).toBe(404);
    } finally {
      await c.stop();
    }
  });
});
