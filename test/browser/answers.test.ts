import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOCALES_DIR } from '../../src/paths';
import type { Browser } from 'playwright-core';
import { hashPassword } from '../../src/agentConsole/passwords';
import { readAnswers, writeAnswers } from '../../src/answers/spreadsheet';
import { FAQ_INTENTS } from '../../src/nlu/intents';
import { startApp, type RunningApp } from '../helpers/app';
import { ARTIFACTS, launchChromium } from '../helpers/browser';
import { DirectLineHttp } from '../helpers/directLine';

const PASSWORD = 'answers-browser-password';
const TOKEN = 'answers-api-token-'.padEnd(40, 'a');
const NEW_TEXT = 'Fees depend on your plan. See {{website}} or call {{hotline}} for the exact rates.';
const CANNED_EN = JSON.parse(readFileSync(join(LOCALES_DIR, 'en', 'agent.json'), 'utf8')).canned as string[];

/** Asks the bot about fees in a new English conversation; returns its answer. */
async function askFees(url: string): Promise<string> {
  const dl = new DirectLineHttp(url);
  const { token, conversationId } = await dl.widgetToken('en');
  await dl.call('POST', '/conversations', token, {});
  await dl.call('POST', `/conversations/${conversationId}/activities`, token, { type: 'message', text: 'how much are the fees', locale: 'en' });
  const page = await dl.call('GET', `/conversations/${conversationId}/activities`, token);
  return (page.body.activities as { from: { role?: string }; text?: string }[]).filter((a) => a.from.role === 'bot').map((a) => a.text ?? '').join('\n');
}

describe('an editor changes an answer and the bot uses it', () => {
  let running: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    const hash = await hashPassword(PASSWORD);
    running = await startApp({ STAFF_ACCOUNTS: `eddie:editor:${hash},ann:agent:${hash}`, BACKOFFICE_TOKENS: `cms:${TOKEN}:editor` });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await running?.stop();
  });

  const api = (method: string, path: string, body?: unknown) =>
    fetch(`${running.url}/backoffice/answers${path}`, { method, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });

  it('drafts, publishes (the bot answers with it), refuses a written-out hotline, and rolls back to the built-in text', async () => {
    expect(await askFees(running.url)).toContain("POS fees and rates aren't fixed");
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en' })).newPage();
    await page.goto(`${running.url}/staff/#/answers`);
    await page.getByTestId('login-name').fill('eddie');
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-password').press('Enter');
    const fees = page.locator('[data-testid="answer"][data-answer="faq_fees"]');
    // The preview shows it as the chat window will (Web Chat's Markdown, placeholders filled) before anything is saved.
    await fees.getByTestId('answer-en').fill('**Fees** depend on your plan: see {{website}} or call {{hotline}}.');
    await fees.getByTestId('preview-en').locator('strong').filter({ hasText: 'Fees' }).waitFor();
    expect(await fees.getByTestId('preview-en').locator('a').getAttribute('href')).toBe('https://www.lakala.com');
    expect(await fees.getByTestId('preview-en').textContent()).toContain('or call 95016.');
    expect(await fees.getByTestId('preview-en').textContent()).not.toContain('{{');
    await fees.screenshot({ path: join(ARTIFACTS, 'staff-editor-preview.png') });
    await fees.getByTestId('answer-en').fill('Fees depend on your plan: see {{website}} or call 95016.');
    await fees.getByTestId('preview-en').getByTestId('preview-problem').filter({ hasText: 'write the hotline placeholder instead of the number' }).waitFor();
    await fees.getByTestId('answer-en').fill('Fees depend on your plan. See {{website}} or call 95016 for the exact rates.');
    await fees.getByTestId('save-en').click();
    await page.getByTestId('notice').filter({ hasText: 'write the hotline placeholder instead of the number' }).waitFor();
    await fees.getByTestId('answer-en').fill(NEW_TEXT);
    await fees.getByTestId('save-en').click();
    await fees.getByTestId('state-en').filter({ hasText: /^Draft v\d+ by staff:eddie/ }).waitFor();
    // A draft changes nothing for merchants.
    expect(await askFees(running.url)).toContain("POS fees and rates aren't fixed");
    await fees.getByTestId('publish-en').click();
    await fees.getByTestId('state-en').filter({ hasText: /^Published v\d+ by staff:eddie/ }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'staff-editor-answers.png') });
    expect(await askFees(running.url)).toContain('Fees depend on your plan. See https://www.lakala.com or call 95016 for the exact rates.');

    // History, then back to the built-in text.
    await fees.getByTestId('history-en').click();
    await fees.getByTestId('version').nth(1).waitFor();
    expect(await fees.getByTestId('version').count()).toBe(2); // the draft and its publication
    expect((await api('POST', '/faq_fees/en/rollback', { version: 0 })).status).toBe(200);
    expect(await askFees(running.url)).toContain("POS fees and rates aren't fixed");
    // The Chinese answer was never touched.
    const listed = (await (await api('GET', '')).json()).answers.find((a: { answer: string }) => a.answer === 'faq_fees');
    expect(listed.languages['zh-CN'].published).toBeUndefined();
    expect(listed.languages.en.published.text).toBeNull();

    // A sheet imported in the page becomes drafts.
    const sheet = await writeAnswers([{ answer: 'faq_materials', language: 'en', text: 'Bring your ID card and the terminal.' }], 'csv');
    await page.getByTestId('import-file').setInputFiles({ name: 'answers.csv', mimeType: 'text/csv', buffer: sheet });
    await page.getByTestId('notice').filter({ hasText: '1 drafts saved.' }).waitFor();
    await page.locator('[data-testid="answer"][data-answer="faq_materials"]').getByTestId('state-en').filter({ hasText: /^Draft v\d+ by staff:eddie/ }).waitFor();
  });

  it('canned agent replies are edited, versioned and published like answers, and the agents\' Chats page uses the published ones', async () => {
    const page = await (await browser.newContext({ viewport: { width: 768, height: 1024 }, locale: 'en' })).newPage();
    await page.goto(`${running.url}/staff/#/answers`);
    await page.getByTestId('login-name').fill('eddie');
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-password').press('Enter');
    const greeting = page.locator('[data-testid="answer"][data-answer="canned_1"]');
    expect(await greeting.locator('h2').textContent()).toBe('Canned agent reply 1');
    expect(await greeting.getByTestId('answer-en').inputValue()).toBe(CANNED_EN[0]);
    await greeting.getByTestId('answer-en').fill('Hello from the {{brand}} service team. What can I do for you?');
    await greeting.getByTestId('save-en').click();
    await greeting.getByTestId('state-en').filter({ hasText: /^Draft v\d+/ }).waitFor();
    await greeting.getByTestId('publish-en').click();
    await greeting.getByTestId('state-en').filter({ hasText: /^Published v\d+/ }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'staff-editor-canned-768.png'), fullPage: true });

    // The agent's canned replies: the published one in English, the rest (and Chinese) as in locales/.
    const login = await fetch(`${running.url}/staff/api/login`, { method: 'POST', headers: { origin: running.url, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'ann', password: PASSWORD }) });
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const canned = async () => (await (await fetch(`${running.url}/staff/api/chats/canned`, { headers: { cookie } })).json()).canned;
    const { en, 'zh-CN': zh } = await canned();
    expect(en).toEqual(['Hello from the Lakala service team. What can I do for you?', ...CANNED_EN.slice(1)]);
    expect(zh[0]).toBe(JSON.parse(readFileSync(join(LOCALES_DIR, 'zh-CN', 'agent.json'), 'utf8')).canned[0]);
    expect((await api('POST', '/canned_1/en/rollback', { version: 0 })).status).toBe(200);
    expect((await canned()).en).toEqual(CANNED_EN);
    expect((await api('PUT', `/canned_${CANNED_EN.length + 1}/en/draft`, { text: 'x' })).status).toBe(404);
  });

  it('checks placeholders on save and answers 409 when there is nothing to publish', async () => {
    const draft = (text: string) => api('PUT', '/faq_hotline/zh-CN/draft', { text });
    expect(await (await draft('请拨打 {{phone}}')).json()).toMatchObject({ error: { code: 'BadPlaceholder', problem: 'unknown', placeholder: 'phone' } });
    expect(await (await draft('请咨询拉卡拉客服')).json()).toMatchObject({ error: { code: 'BadPlaceholder' } });
    expect((await api('POST', '/faq_hotline/en/publish')).status).toBe(409);
    expect((await api('PUT', '/faq_nonsense/en/draft', { text: 'x' })).status).toBe(404);
  });

  it('exports the texts in use as XLSX and CSV, and imports a sheet as drafts, reporting the rows it refused', async () => {
    for (const format of ['xlsx', 'csv'] as const) {
      const res = await fetch(`${running.url}/backoffice/answers/export?format=${format}`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(res.status).toBe(200);
      const rows = await readAnswers(Buffer.from(await res.arrayBuffer()), format);
      expect(rows).toHaveLength((FAQ_INTENTS.length + CANNED_EN.length) * 2); // every FAQ answer and canned reply in two languages
      expect(rows.find((r) => r.answer === 'canned_2' && r.language === 'en')?.text).toBe(CANNED_EN[1]);
      expect(rows.find((r) => r.answer === 'faq_fees' && r.language === 'en')?.text).toContain("POS fees and rates aren't fixed");
    }
    const sheet = await writeAnswers(
      [
        { answer: 'faq_deadline', language: 'en', text: 'Apply within the period on {{website}}; questions: {{hotline}}.' },
        { answer: 'faq_deadline', language: 'zh-CN', text: '请拨打 95016' },
        { answer: 'faq_unknown', language: 'en', text: 'x' },
      ],
      'csv',
    );
    const imported = await fetch(`${running.url}/backoffice/answers/import`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/csv' }, body: new Uint8Array(sheet) });
    expect(await imported.json()).toEqual({ drafts: 1, errors: [{ row: 3, problem: 'hotline' }, { row: 4, problem: 'unknownAnswer' }] });
    const listed = (await (await api('GET', '')).json()).answers.find((a: { answer: string }) => a.answer === 'faq_deadline');
    expect(listed.languages.en.draft.text).toBe('Apply within the period on {{website}}; questions: {{hotline}}.');
    expect((await fetch(`${running.url}/backoffice/answers/import`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/pdf' }, body: 'x' })).status).toBe(415);
  });
});
