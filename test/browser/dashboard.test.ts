import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { hashPassword } from '../../src/agentConsole/passwords';
import { addDays, clockAhead, localDate } from '../../src/cases/dates';
import { startApp, type RunningApp } from '../helpers/app';
import { ARTIFACTS, launchChromium } from '../helpers/browser';
import { DirectLineHttp } from '../helpers/directLine';
import { readUntil } from '../helpers/eventually';
import { submittedCase } from '../helpers/journey';

const PASSWORD = 'dashboard-browser-password';
const TOKEN = 'dashboard-api-token-'.padEnd(40, 'd');
/** The business clock 3 days ahead, as CLOCK_OFFSET_DAYS=3 sets it: the dashboard's days follow it, not the real ones. */
const now = clockAhead(3);

describe('the dashboard shows what a seeded run produced', () => {
  let running: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    running = await startApp({ STAFF_ACCOUNTS: `rita:reviewer:${await hashPassword(PASSWORD)}`, BACKOFFICE_TOKENS: `bi:${TOKEN}` }, now);
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
    // Two applications in Chinese: one submitted, one left after the name.
    await submittedCase(running.url);
    const { token, conversationId } = await dl.widgetToken('zh-CN');
    await dl.call('POST', '/conversations', token, {});
    for (const text of ['我要注销POS机', '开始办理', '上个月', '设备故障', '张三']) await dl.call('POST', `/conversations/${conversationId}/activities`, token, { type: 'message', text, locale: 'zh-CN' });
  });
  afterAll(async () => {
    await browser?.close();
    await running?.stop();
  });

  const api = async (query = '') => (await fetch(`${running.url}/backoffice/dashboard${query}`, { headers: { authorization: `Bearer ${TOKEN}` } })).json();

  it('the API aggregates the run', async () => {
    // Turns and steps are counted behind the turns (written every half second): wait for the last ones.
    const counted = (r: { funnel: { conversations: number }[]; conversationsPerDay: { conversations: number }[] }) =>
      r.funnel.at(-1)!.conversations >= 1 && r.funnel[3].conversations >= 2 && r.conversationsPerDay.reduce((sum, d) => sum + d.conversations, 0) >= 5;
    const report = await readUntil(api, counted);
    // By default the last 7 days of the business clock, the conversations counted on its today (as the case is).
    const today = localDate(now());
    expect(report.filter).toEqual({ from: addDays(today, -6), to: today });
    expect(report.conversationsPerDay).toEqual([{ day: today, conversations: 5 }]);
    expect(report.funnel.map((f: { step: string; conversations: number; dropOff: number }) => [f.step, f.conversations, f.dropOff])).toEqual([
      ['started', 2, 0],
      ['receivedOn', 2, 0],
      ['reason', 2, 0],
      ['fullName', 2, 0],
      ['cardNumber', 1, 1],
      ['posSerial', 1, 0],
      ['mobile', 1, 0],
      ['email', 1, 0],
      ['reviewed', 1, 0],
      ['signed', 1, 0],
      ['submitted', 1, 0],
    ]);
    expect(report.cases).toEqual([{ status: 'submitted', age: 'inWindow', count: 1 }]);
    const english = await api('?lang=en');
    expect(english.answers).toEqual({ faq: 2, outOfScope: 1 });
    expect(english.topUnanswered.map((g: { count: number }) => g.count)).toEqual([1]);
    expect(english.funnel[0].conversations).toBe(0);
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
    await page.getByTestId('caption-conversations').filter({ hasText: '共 5 个会话' }).waitFor();
    const report = await api();
    // The range the server chose by the business clock, not the browser's.
    expect([await page.getByTestId('dash-from').inputValue(), await page.getByTestId('dash-to').inputValue()]).toEqual([report.filter.from, report.filter.to]);
    expect(report.filter.to).toBe(localDate(now()));
    const { faq = 0, outOfScope = 0, handoff = 0, other = 0 } = report.answers;
    expect(await page.getByTestId('caption-answers').textContent()).toBe(`回答常见问题 ${faq}、超出服务范围 ${outOfScope}、要求转人工 ${handoff}、其他 ${other}`);
    expect(await page.getByTestId('caption-funnel').textContent()).toBe(
      '开始申请 2、收到日期 2、注销原因 2、姓名 2、银行卡号 1、机身序列号 1、手机号 1、邮箱 1、核对信息 1、签名 1、提交 1；开始 2 个，提交 1 个',
    );
    for (const chart of ['conversations', 'funnel', 'answers', 'unanswered', 'handoffs', 'cases', 'notifications']) {
      expect(await page.getByTestId(`chart-${chart}`).locator('canvas').count()).toBe(1);
    }
    await page.screenshot({ path: join(ARTIFACTS, 'staff-dashboard.png'), fullPage: true });

    await page.getByTestId('dash-lang').selectOption('en');
    await page.getByTestId('caption-conversations').filter({ hasText: '共 2 个会话' }).waitFor();
    expect(await page.getByTestId('caption-answers').textContent()).toContain('超出服务范围 1');
    expect(await page.getByTestId('caption-funnel').textContent()).toContain('开始 0 个，提交 0 个');

    // A 768-wide tablet: the charts stack and still draw.
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.getByTestId('dash-lang').selectOption('');
    await page.getByTestId('caption-conversations').filter({ hasText: '共 5 个会话' }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'staff-dashboard-768.png'), fullPage: true });
    expect(errors).toEqual([]);
  });
});
