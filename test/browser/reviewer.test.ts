import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { hashPassword } from '../../src/agentConsole/passwords';
import { startApp, type RunningApp } from '../helpers/app';
import { ARTIFACTS, launchChromium } from '../helpers/browser';
import { DirectLineHttp } from '../helpers/directLine';
import { readUntil } from '../helpers/eventually';

const PASSWORD = 'reviewer-browser-password';
const TOKEN = 'reviewer-browser-api-'.padEnd(40, 'r');
const DAY = 24 * 3600 * 1000;

interface Activity {
  type: string;
  text?: string;
  from: { role?: string };
}

describe('a reviewer works cases in the staff app', () => {
  let running: RunningApp;
  let browser: Browser;
  let dl: DirectLineHttp;
  // The cases' business clock: applications are made "two weeks ago", then reviewed today.
  let offset = 0;

  beforeAll(async () => {
    running = await startApp({ STAFF_ACCOUNTS: `rita:reviewer:${await hashPassword(PASSWORD)}`, BACKOFFICE_TOKENS: `api:${TOKEN}:reviewer` }, () => new Date(Date.now() + offset));
    dl = new DirectLineHttp(running.url);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await running?.stop();
  });

  /** A merchant applies in English chat (sending `file` just after, as supporting material); returns the reference and a reader of the bot's messages. */
  async function apply(name: string, card: string, serial: string, mobile: string, file?: { name: string; text: string }) {
    const { token, conversationId } = await dl.widgetToken('en');
    await dl.call('POST', '/conversations', token, {});
    const botMessages = async () => {
      const page = await dl.call('GET', `/conversations/${conversationId}/activities`, token);
      return (page.body.activities as Activity[]).filter((a) => a.from.role === 'bot' && a.type === 'message').map((a) => a.text ?? '');
    };
    const say = async (text: string) => expect((await dl.call('POST', `/conversations/${conversationId}/activities`, token, { type: 'message', text, locale: 'en' })).status).toBe(200);
    for (const text of ['I would like to cancel the POS terminal you sent me', 'yes', 'last month', 'device fault', name, card, serial, mobile, 'skip', 'All correct', name]) await say(text);
    const reference = /PC-\d{4}-[0-9A-Z]{6}/.exec((await botMessages()).at(-1) ?? '')![0];
    if (file) {
      const form = new FormData();
      form.append('file', new Blob([file.text], { type: 'text/plain' }), file.name);
      const uploaded = await fetch(`${running.url}/v3/directline/conversations/${conversationId}/upload`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
      expect(uploaded.status).toBe(200);
    }
    return { reference, botMessages, say };
  }

  async function signIn(): Promise<Page> {
    // A reviewer abroad: times still show on the business's clock, like everything the merchant sees.
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'America/New_York' })).newPage();
    await page.goto(`${running.url}/staff/`);
    await page.getByTestId('login-name').fill('rita');
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-password').press('Enter');
    await page.getByTestId('cases').waitFor();
    return page;
  }

  it('finds the overdue case, approves it with amount and method, and the merchant is told in chat', async () => {
    offset = -14 * DAY;
    const late = await apply('Li Lei', '4111 1111 1111 1111', 'ABC12345678', '13900001111', { name: 'business-licence.txt', text: 'licence no. 42' });
    offset = 0;
    const recent = await apply('Han Meimei', '5555 5555 5555 4444', 'XYZ87654321', '13700002222');

    const page = await signIn();
    const rows = page.getByTestId('case-row');
    await rows.nth(1).waitFor();
    expect(await rows.count()).toBe(2);

    // Only the overdue one, with its clock in red.
    await page.getByTestId('filter-overdue').check();
    await page.getByTestId('case-count').filter({ hasText: '共 1 件' }).waitFor();
    const row = page.locator(`[data-testid="case-row"][data-reference="${late.reference}"]`);
    expect(await row.getByTestId('clock').getAttribute('class')).toContain('clock-danger');
    expect(await row.getByTestId('clock').textContent()).toMatch(/已超期 \d+ 个工作日/);
    await page.screenshot({ path: join(ARTIFACTS, 'staff-reviewer-overdue.png') });

    // Search works on its own too: by the card's last 4 and by the mobile number.
    await page.getByTestId('filter-overdue').uncheck();
    await page.keyboard.press('/');
    await page.keyboard.type('4444');
    await page.keyboard.press('Enter');
    await page.locator(`[data-testid="case-row"][data-reference="${recent.reference}"]`).waitFor();
    await page.getByTestId('case-count').filter({ hasText: '共 1 件' }).waitFor();
    await page.getByTestId('filter-search').fill('139 0000 1111');
    await page.getByTestId('filter-search').press('Enter');
    await row.waitFor();

    // Open it with the keyboard; the application shows the card masked.
    await row.locator('a').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('application').filter({ hasText: '**** **** **** 1111' }).waitFor();
    expect(await page.getByTestId('application').textContent()).not.toContain('4111 1111');
    // The file the merchant sent for this case, downloadable with the reviewer's session.
    const file = page.getByTestId('attachment');
    expect(await file.count()).toBe(1);
    expect(await file.locator('a').textContent()).toBe('business-licence.txt');
    const download = await page.request.get(`${running.url}${await file.locator('a').getAttribute('href')}`);
    expect(await download.text()).toBe('licence no. 42');
    // Buttons for exactly the steps the life cycle allows: a submitted case is reviewed first.
    const actions = page.getByTestId('actions').locator('button');
    const shown = () => actions.evaluateAll((buttons) => buttons.map((b) => b.dataset.testid));
    expect(await shown()).toEqual(['action-review', 'action-withdraw']);
    await page.getByTestId('action-review').click();
    await page.getByTestId('case-status').filter({ hasText: '审核中' }).waitFor();
    expect(await shown()).toEqual(['action-approve', 'action-reject', 'action-withdraw']);

    await page.getByTestId('action-approve').click();
    await page.getByTestId('approve-amount').fill('99.5');
    await page.getByTestId('approve-method').selectOption('bank_transfer');
    await page.getByTestId('approve-submit').press('Enter');
    await page.getByTestId('case-status').filter({ hasText: '已通过' }).waitFor();
    await page.locator('[data-testid="event"][data-type="approved"]').filter({ hasText: '退款 99.50 元，银行转账' }).waitFor();
    expect(await page.locator('[data-testid="event"][data-type="approved"]').textContent()).toContain('rita');
    // After approval the merchant accepts in chat; the reviewer may record an acceptance given by phone.
    expect(await shown()).toEqual(['action-accepted', 'action-withdraw']);
    // A note for colleagues; the case page keeps its materials through every change.
    await page.getByTestId('note-text').fill('licence checked against the shop sign');
    await page.getByTestId('note-add').click();
    await page.locator('[data-testid="event"][data-type="note"]').filter({ hasText: 'licence checked against the shop sign' }).waitFor();
    expect(await page.getByTestId('attachment').locator('a').textContent()).toBe('business-licence.txt');
    const events = (await (await page.request.get(`${running.url}/backoffice/cases/${late.reference}`)).json()).events as { type: string; at: string }[];
    const noteAt = new Date(events.find((event) => event.type === 'note')!.at);
    const shanghai = new Intl.DateTimeFormat('zh-CN', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Asia/Shanghai' }).format(noteAt);
    expect(await page.locator('[data-testid="event"][data-type="note"] time').textContent()).toBe(shanghai);
    await page.screenshot({ path: join(ARTIFACTS, 'staff-reviewer-case.png') });
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.screenshot({ path: join(ARTIFACTS, 'staff-reviewer-case-768.png'), fullPage: true });

    const approved = (texts: string[]) => texts.some((text) => text.includes('has been approved'));
    const told = (await readUntil(late.botMessages, approved, { tries: 50, ms: 100 })).find((text) => text.includes('has been approved'));
    expect(told).toContain(late.reference);
    expect(told).toContain('CNY 99.50');
    expect(told).toContain('bank transfer');

    // The merchant accepts on the phone instead: the reviewer confirms and it is recorded as by phone, in their name.
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByTestId('action-accepted').click();
    await page.getByTestId('case-status').filter({ hasText: '商户已接受退款' }).waitFor();
    const byPhone = page.locator('[data-testid="event"][data-type="refund_agreed"]');
    await byPhone.filter({ hasText: '商户在电话中确认' }).waitFor();
    expect(await byPhone.textContent()).toContain('rita');
    expect(await shown()).toEqual(['action-paid']);
  });

  it("shows in the case's log what the merchant said of the refund: the amount is wrong", async () => {
    const { reference, botMessages, say } = await apply('Zhou Xun', '5105 1051 0510 5100', 'DEF22223333', '13600004444');
    const backoffice = async (step: string, body: object = {}) =>
      expect((await fetch(`${running.url}/backoffice/cases/${reference}/${step}`, { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).status).toBe(200);
    await backoffice('review');
    await backoffice('approve', { amount: 88, method: 'original_card' });
    await say('I accept');
    await backoffice('paid');
    await readUntil(botMessages, (texts) => texts.some((text) => text.includes('Has it arrived?')), { tries: 50, ms: 100 });
    await say('received it but the amount is wrong');
    const page = await signIn();
    await page.goto(`${running.url}/staff/#/cases/${reference}`);
    const disputed = page.locator('[data-testid="event"][data-type="refund_amount_disputed"]');
    await disputed.waitFor();
    expect(await disputed.textContent()).toContain('商户表示到账金额不对');
    await page.getByTestId('case-status').filter({ hasText: '已退款' }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'reviewer-amount-disputed.png') });
  });

  it('rejects with a reason from the list in the merchant\'s language plus free text', async () => {
    const { reference, botMessages } = await apply('Wang Wu', '4012 8888 8888 1881', 'QRS11112222', '13600003333');
    const page = await signIn();
    await page.goto(`${running.url}/staff/#/cases/${reference}`);
    await page.getByTestId('action-review').click();
    await page.getByTestId('action-reject').click();
    await page.getByTestId('reject-code').selectOption('documents_missing');
    await page.getByTestId('reject-detail').fill('the business licence photo is blurred');
    await page.getByTestId('reject-preview').filter({ hasText: 'The required documents are missing or unreadable: the business licence photo is blurred' }).waitFor();
    await page.getByTestId('reject-submit').click();
    await page.getByTestId('case-status').filter({ hasText: '未通过' }).waitFor();
    const told = await readUntil(botMessages, (texts) => texts.some((text) => text.includes('blurred')), { tries: 50, ms: 100 });
    expect(told.find((text) => text.includes('was not approved'))).toContain('Reason: The required documents are missing or unreadable: the business licence photo is blurred');
  });
});
