import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startApp, type RunningApp } from '../helpers/app';
import { ARTIFACTS, launchChromium } from '../helpers/browser';

const TOKEN = 'browser-reviewer-'.padEnd(40, 'b');

describe('the cancellation journey in the browser widget, with the back office acting', () => {
  let running: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    running = await startApp({ BACKOFFICE_TOKENS: `reviewer:${TOKEN}` });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await running?.stop();
  });

  const backoffice = (path: string, body: unknown = {}) =>
    fetch(`${running.url}/backoffice/cases/${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    }).then((r) => r.json());

  /** Waits until a bot message with this text is shown in the transcript (not only in the screen-reader labels). */
  async function botSays(page: Page, text: string | RegExp): Promise<void> {
    await page.locator('#posbot-chat .webchat__render-markdown').filter({ hasText: text }).last().waitFor({ timeout: 15_000 });
  }

  async function say(page: Page, text: string, expectReply: string | RegExp): Promise<void> {
    const input = page.locator('#posbot-chat input[type="text"], #posbot-chat textarea').first();
    await input.fill(text);
    await input.press('Enter');
    await botSays(page, expectReply);
  }

  async function tap(page: Page, button: string, expectReply: string | RegExp): Promise<void> {
    await page.locator('#posbot-chat').getByRole('button', { name: button, exact: true }).last().click();
    await botSays(page, expectReply);
  }

  it('zh-CN: apply, get approved, accept, get paid, confirm', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(running.url);
    await page.click('#posbot-launcher');
    await botSays(page, 'POS 机服务助手');

    await tap(page, '注销我的POS机', '现在开始填写申请吗');
    await tap(page, '开始办理', '什么时候收到');
    await say(page, '上个月', '注销的原因是');
    await tap(page, '设备故障', '姓名');
    await say(page, '张三', '结算银行卡号');
    await say(page, '6212 2602 0001 2345 670', '机身号');
    await say(page, 'LKL12345678', '手机号');
    await say(page, '13800138000', '邮箱');
    await say(page, '跳过', '请核对您的申请信息');
    await tap(page, '确认无误', '电子签名');
    await say(page, '张三', '申请已提交');
    const transcript = await page.locator('#posbot-chat').innerText();
    const reference = /PC-\d{4}-[0-9A-Z]{6}/.exec(transcript)![0];
    // The bot's summary shows the card masked (the stored transcript is masked too: see the journey test).
    expect(transcript).toContain('**** **** **** 5670');
    await page.screenshot({ path: join(ARTIFACTS, 'journey-submitted-zh-CN.png') });

    await backoffice(`${reference}/review`);
    await backoffice(`${reference}/approve`, { amount: 99, method: 'original_card' });
    await botSays(page, '已审核通过');
    await tap(page, '接受退款方案', '已记录您对退款方案的确认');
    await backoffice(`${reference}/paid`);
    await botSays(page, '请问收到了吗');
    await tap(page, '已经收到', '办结');
    await page.screenshot({ path: join(ARTIFACTS, 'journey-closed-zh-CN.png') });
    expect(errors).toEqual([]);
  });
});
