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

  const scripts = {
    'zh-CN': {
      welcome: 'POS 机服务助手',
      steps: [
        ['tap', '注销我的POS机', '现在开始填写申请吗'],
        ['tap', '开始办理', '什么时候收到'],
        ['say', '上个月', '注销的原因是'],
        ['tap', '设备故障', '姓名'],
        ['say', '张三', '结算银行卡号'],
        ['say', '6212 2602 0001 2345 670', '机身号'],
        ['say', 'LKL12345678', '手机号'],
        ['say', '13800138000', '邮箱'],
        ['say', '跳过', '请核对您的申请信息'],
        ['tap', '确认无误', '电子签名'],
        ['say', '张三', '申请已提交'],
      ],
      approved: '已审核通过',
      accept: ['接受退款方案', '已记录您对退款方案的确认'],
      paid: '请问收到了吗',
      arrived: ['已经收到', '办结'],
    },
    en: {
      welcome: 'POS terminal assistant',
      steps: [
        ['tap', 'Cancel my POS terminal', 'Shall we start'],
        ['tap', 'Start now', 'When did you receive'],
        ['say', '3 weeks ago', 'Why would you like to cancel'],
        ['tap', 'Business change', 'full name'],
        ['say', 'Li Na', 'settlement bank card number'],
        ['say', '4111 1111 1111 1111', 'serial number'],
        ['say', 'ABC12345678', 'mobile number'],
        ['say', '13900001111', 'email'],
        ['say', 'skip', 'Please check your application'],
        ['tap', 'All correct', 'electronic signature'],
        ['say', 'Li Na', 'has been submitted'],
      ],
      approved: 'has been approved',
      accept: ['Accept the refund', 'acceptance of the refund has been recorded'],
      paid: 'Has it arrived',
      arrived: ['It has arrived', 'is complete'],
    },
  } as const;

  it.each(Object.keys(scripts) as (keyof typeof scripts)[])('%s: apply, get approved, accept, get paid, confirm', async (locale) => {
    const script = scripts[locale];
    const context = await browser.newContext({ locale: locale === 'en' ? 'en-US' : 'zh-CN', viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(running.url);
    await page.click('#posbot-launcher');
    await botSays(page, script.welcome);
    for (const [how, text, reply] of script.steps) await (how === 'tap' ? tap(page, text, reply) : say(page, text, reply));
    const transcript = await page.locator('#posbot-chat').innerText();
    const reference = /PC-\d{4}-[0-9A-Z]{6}/.exec(transcript)![0];
    // The bot's summary shows the card masked (the stored transcript is masked too: see the journey test).
    expect(transcript).toMatch(/\*\*\*\* \*\*\*\* \*\*\*\* (5670|1111)/);
    await page.screenshot({ path: join(ARTIFACTS, `journey-submitted-${locale}.png`) });

    await backoffice(`${reference}/review`);
    await backoffice(`${reference}/approve`, { amount: 99, method: 'original_card' });
    await botSays(page, script.approved);
    await tap(page, script.accept[0], script.accept[1]);
    await backoffice(`${reference}/paid`);
    await botSays(page, script.paid);
    await tap(page, script.arrived[0], script.arrived[1]);
    await page.screenshot({ path: join(ARTIFACTS, `journey-closed-${locale}.png`) });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('back in a new tab while the review runs: welcomed with where the case stands; a second terminal reuses the details', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1200, height: 900 } });
    const first = await context.newPage();
    await first.goto(running.url);
    await first.click('#posbot-launcher');
    await botSays(first, scripts['zh-CN'].welcome);
    for (const [how, text, reply] of scripts['zh-CN'].steps) await (how === 'tap' ? tap(first, text, reply) : say(first, text, reply));
    const reference = /PC-\d{4}-[0-9A-Z]{6}/.exec(await first.locator('#posbot-chat').innerText())![0];
    await backoffice(`${reference}/review`);
    await first.close();

    // The same visitor (kept by the browser) in a new tab: a new conversation.
    const page = await context.newPage();
    await page.goto(running.url);
    await page.click('#posbot-launcher');
    await botSays(page, '欢迎回来');
    await botSays(page, new RegExp(`${reference}[\\s\\S]*审核中`));
    await page.screenshot({ path: join(ARTIFACTS, 'journey-back-zh-CN.png') });

    await say(page, '我还有一台要注销', '什么时候收到');
    await say(page, '上周', '注销的原因是');
    await tap(page, '经营变更', '沿用');
    await tap(page, '沿用这些信息', '机身号');
    await say(page, 'LKL87654321', '请核对您的申请信息');
    const summary = await page.locator('#posbot-chat .webchat__render-markdown').filter({ hasText: '请核对您的申请信息' }).last().innerText();
    expect(summary).toMatch(/张三[\s\S]*5670[\s\S]*LKL87654321[\s\S]*13800138000/);
    await page.screenshot({ path: join(ARTIFACTS, 'journey-second-terminal-zh-CN.png') });
    await context.close();
  });
});
