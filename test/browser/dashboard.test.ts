import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { hashPassword } from '../../src/agentConsole/passwords';
import { startApp, type RunningApp } from '../helpers/app';
import { ARTIFACTS, launchChromium } from '../helpers/browser';
import { DirectLineHttp } from '../helpers/directLine';

const PASSWORD = 'dashboard-browser-password';
const TOKEN = 'dashboard-api-token-'.padEnd(40, 'd');

describe('the dashboard shows what a seeded run produced', () => {
  let running: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    running = await startApp({ STAFF_ACCOUNTS: `rita:reviewer:${await hashPassword(PASSWORD)}`, BACKOFFICE_TOKENS: `bi:${TOKEN}` });
    browser = await launchChromium();
    // Seed: two English conversations and one Chinese, with FAQ answers and questions the bot cannot place.
    const dl = new DirectLineHttp(running.url);
    for (const [locale, texts] of [
      ['en', ['how long does the review take', 'zorblax quux plim']],
      ['en', ['how much are the fees']],
      ['zh-CN', ['审核要几天', '弗洛布尼克斯']],
    ] as const) {
      const { token, conversationId } = await dl.widgetToken(locale);
      await dl.call('POST', '/conversations', token, {});
      for (const text of texts) await dl.call('POST', `/conversations/${conversationId}/activities`, token, { type: 'message', text, locale });
    }
  });
  afterAll(async () => {
    await browser?.close();
    await running?.stop();
  });

  const api = async (query = '') => (await fetch(`${running.url}/backoffice/dashboard${query}`, { headers: { authorization: `Bearer ${TOKEN}` } })).json();

  it('the API aggregates the run', async () => {
    const report = await api();
    expect(report.conversationsPerDay.reduce((sum: number, d: { conversations: number }) => sum + d.conversations, 0)).toBe(3);
    expect(report.answers).toEqual({ faq: 3, outOfScope: 2 });
    expect(report.topUnanswered.map((g: { count: number }) => g.count)).toEqual([1, 1]);
    expect((await api('?lang=en')).answers).toEqual({ faq: 2, outOfScope: 1 });
    expect((await fetch(`${running.url}/backoffice/dashboard?from=2026-12-01&to=2026-11-01`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(400);
  });

  it('draws each chart with the numbers the API gives, and follows the language filter', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })).newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(`${running.url}/staff/`);
    await page.getByTestId('login-name').fill('rita');
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-password').press('Enter');
    await page.getByTestId('nav-dashboard').click();
    await page.getByTestId('caption-conversations').filter({ hasText: '共 3 个会话' }).waitFor();
    expect(await page.getByTestId('caption-answers').textContent()).toBe('回答常见问题 3、超出服务范围 2、要求转人工 0、其他 0');
    expect(await page.getByTestId('chart-answers').locator('canvas').count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'staff-dashboard.png'), fullPage: true });

    await page.getByTestId('dash-lang').selectOption('en');
    await page.getByTestId('caption-conversations').filter({ hasText: '共 2 个会话' }).waitFor();
    expect(await page.getByTestId('caption-answers').textContent()).toContain('超出服务范围 1');
    expect(errors).toEqual([]);
  });
});
