import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, appAndBrowser } from '../helpers/browser';

describe('web widget in headless Chromium', () => {
  const app = appAndBrowser();

  async function openChat(locale: string): Promise<{ page: Page; errors: string[] }> {
    const context = await app.browser.newContext({ locale, viewport: { width: 1200, height: 800 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(msg.text());
    });
    await page.goto(app.running.url);
    await page.click('#posbot-launcher');
    await page.locator('#posbot-chat input[type="text"], #posbot-chat textarea').first().waitFor({ timeout: 20_000 });
    return { page, errors };
  }

  async function say(page: Page, text: string): Promise<void> {
    const input = page.locator('#posbot-chat input[type="text"], #posbot-chat textarea').first();
    await input.fill(text);
    await input.press('Enter');
  }

  it('chats in Chinese: launcher, welcome, a question and its answer', async () => {
    const { page, errors } = await openChat('zh-CN');
    expect(await page.textContent('#posbot-launcher')).toBe('在线客服');
    await page.getByText('POS 机服务助手。').first().waitFor({ timeout: 15_000 });
    // The bot's Markdown is rendered: the welcome's list shows as a list.
    await page.locator('#posbot-chat .webchat__render-markdown li').filter({ hasText: '查询注销申请和退款进度' }).waitFor({ timeout: 5_000 });
    await say(page, '审核要几天？');
    await page.getByText('2-5 个工作日').first().waitFor({ timeout: 15_000 });
    // The user's own message is shown as sent (echoed), not pending or failed.
    await expect(page.locator('#posbot-chat').getByText('审核要几天？', { exact: true }).count()).resolves.toBeGreaterThan(0);
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(ARTIFACTS, 'widget-zh-CN.png') });
    expect(errors).toEqual([]);
  });

  it('keeps the conversation across a page reload (same tab)', async () => {
    const { page, errors } = await openChat('zh-CN');
    await page.getByText('POS 机服务助手。').first().waitFor({ timeout: 15_000 });
    await say(page, '退款会退到哪里？');
    await page.locator('#posbot-chat .webchat__render-markdown').filter({ hasText: '退款' }).last().waitFor({ timeout: 15_000 });
    await page.reload();
    await page.click('#posbot-launcher');
    // The earlier exchange is replayed from the conversation's log, and the bot has not greeted twice.
    await page.locator('#posbot-chat').getByText('退款会退到哪里？', { exact: true }).first().waitFor({ timeout: 15_000 });
    await expect(page.locator('#posbot-chat .webchat__render-markdown').filter({ hasText: 'POS 机服务助手。' }).count()).resolves.toBe(1);
    expect(errors).toEqual([]);
  });

  it('chats in English, and the language switch changes the bot language', async () => {
    const { page, errors } = await openChat('en-US');
    expect(await page.textContent('#posbot-launcher')).toBe('Chat with us');
    await page.getByText('Lakala POS terminal assistant').first().waitFor({ timeout: 15_000 });
    await say(page, 'what do I have to prepare for the application?');
    await page.getByText('bank card number').first().waitFor({ timeout: 15_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'widget-en.png') });
    await page.click('#posbot-header button[data-lang="zh-CN"]');
    await page.getByText('接下来我用中文为您服务').first().waitFor({ timeout: 15_000 });
    expect(await page.textContent('#posbot-launcher')).toBe('在线客服');
    await page.screenshot({ path: join(ARTIFACTS, 'widget-switch-zh-CN.png') });
    expect(errors).toEqual([]);
  });

  it('follows a language switch typed into the chat', async () => {
    const { page, errors } = await openChat('zh-CN');
    await page.getByText('POS 机服务助手。').first().waitFor({ timeout: 15_000 });
    await say(page, 'English');
    await page.getByText('continue in English').first().waitFor({ timeout: 15_000 });
    await page.waitForFunction(() => document.querySelector('#posbot-launcher')?.textContent === 'Chat with us', undefined, { timeout: 15_000 });
    expect(await page.textContent('#posbot-close')).toBe('×');
    expect(await page.getAttribute('#posbot-close', 'aria-label')).toBe('Close');
    expect(errors).toEqual([]);
  });

  it('on the Chinese page, a question written in English is answered in English and the page follows', async () => {
    const { page, errors } = await openChat('zh-CN');
    await page.getByText('POS 机服务助手。').first().waitFor({ timeout: 15_000 });
    await say(page, 'How long does the review take?');
    await page.getByText('2-5 business days').first().waitFor({ timeout: 15_000 });
    await page.waitForFunction(() => document.querySelector('#posbot-launcher')?.textContent === 'Chat with us', undefined, { timeout: 15_000 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(ARTIFACTS, 'widget-written-en.png') });
    expect(errors).toEqual([]);
  });

  it('a message while the panel is closed: an unread badge on the launcher and the page title flashing, both gone on opening', async () => {
    const { page, errors } = await openChat('zh-CN');
    await page.getByText('POS 机服务助手。').first().waitFor({ timeout: 15_000 });
    const title = await page.title();
    await page.click('#posbot-close');
    const session = JSON.parse((await page.evaluate(() => Object.entries(sessionStorage).find(([key]) => key.startsWith('posbot:'))?.[1])) ?? '{}') as { conversationId: string; userId: string };
    await app.running.app.continueConversation(
      { serviceUrl: 'https://embedded.directline.invalid/', channelId: 'directline', conversation: { id: session.conversationId, isGroup: false, conversationType: 'personal', name: '' }, user: { id: session.userId, name: '' }, bot: { id: 'bot', name: 'bot' } },
      async (context) => void (await context.sendActivity('您的注销申请已进入审核。')),
    );
    const badge = page.locator('#posbot-badge');
    await badge.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await badge.textContent()).toBe('1');
    await page.waitForFunction(() => document.title === '1 条新消息', undefined, { timeout: 5000 });
    await page.screenshot({ path: join(ARTIFACTS, 'widget-unread-badge.png') });
    await page.click('#posbot-launcher');
    await badge.waitFor({ state: 'hidden', timeout: 5000 });
    expect(await page.title()).toBe(title);
    await page.getByText('您的注销申请已进入审核。').first().waitFor({ timeout: 15_000 });
    expect(errors).toEqual([]);
  });
});
