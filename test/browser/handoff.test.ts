import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { hashPassword } from '../../src/agentConsole/passwords';
import { startApp, type RunningApp } from '../helpers/app';
import { ARTIFACTS, launchChromium } from '../helpers/browser';

const PASSWORD = 'alice-console-password';

describe('a merchant in the widget and an agent in the console', () => {
  let running: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    running = await startApp({ BUSINESS_HOURS: '00:00-24:00', BUSINESS_DAYS: '1-7', HANDOFF_AGENTS: `alice:${await hashPassword(PASSWORD)}` });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await running?.stop();
  });

  /** Any message bubble in the widget with this text (bot answers are markdown, agent messages plain text). */
  const widgetShows = (page: Page, text: string | RegExp) =>
    page.locator('#posbot-chat .webchat__bubble__content').filter({ hasText: text }).last().waitFor({ timeout: 15_000 });

  async function userSays(page: Page, text: string): Promise<void> {
    const input = page.locator('#posbot-chat input[type="text"], #posbot-chat textarea').first();
    await input.fill(text);
    await input.press('Enter');
  }

  it('asks for a person, chats both ways, and is back with the bot after rating', async () => {
    const agent = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })).newPage();
    const user = await (await browser.newContext({ viewport: { width: 1100, height: 800 }, locale: 'zh-CN' })).newPage();
    const agentErrors: string[] = [];
    agent.on('pageerror', (err) => agentErrors.push(err.message));

    // The agent logs in (a wrong password first).
    await agent.goto(`${running.url}/agent`); // the old address leads into the staff app
    await agent.getByTestId('login-name').fill('alice');
    await agent.getByTestId('login-password').fill('wrong password');
    await agent.getByTestId('login-submit').click();
    await agent.getByTestId('login-error').filter({ hasText: /不正确/ }).waitFor();
    await agent.getByTestId('login-password').fill(PASSWORD);
    await agent.getByTestId('login-submit').click();
    await agent.getByTestId('agent-name').filter({ hasText: 'alice' }).waitFor();
    const cookies = await agent.context().cookies();
    expect(cookies.find((c) => c.name === 'staff_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });

    // The merchant opens the widget and asks for a person.
    await user.goto(running.url);
    await user.click('#posbot-launcher');
    await userSays(user, '我的卡号是 4111 1111 1111 1111，退款一直没到');
    await widgetShows(user, /./);
    await userSays(user, '转人工');
    await widgetShows(user, '正在为您转接人工客服');
    await widgetShows(user, /排在第 1 位/);

    // The console shows the waiting merchant; the agent claims.
    const item = agent.getByTestId('queue-item').first();
    await item.waitFor();
    await agent.screenshot({ path: join(ARTIFACTS, 'handoff-console-queue.png') });
    await item.getByTestId('claim').click();
    const conversation = agent.getByTestId('conversation').first();
    await conversation.waitFor();
    await widgetShows(user, 'alice 已接入');
    // The bot part of the conversation is there, with the card masked.
    await conversation.getByTestId('entry').filter({ hasText: '**** **** **** 1111' }).first().waitFor();
    expect(await conversation.getByTestId('transcript').textContent()).not.toMatch(/4111 1111 1111 1111/);

    // Both ways; what the merchant types is shown as text, never run as HTML.
    await userSays(user, '请问我的退款什么时候到账？');
    await conversation.locator('[data-testid="entry"][data-from="user"]').filter({ hasText: '什么时候到账' }).waitFor();
    await userSays(user, '<img src=x onerror="window.__pwned=1"> [点我](http://evil.example)');
    await conversation.locator('[data-testid="entry"][data-from="user"]').filter({ hasText: '<img src=x' }).waitFor();
    expect(await agent.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await conversation.getByTestId('transcript').locator('img, a').count()).toBe(0);

    await conversation.getByTestId('composer').fill('您好，我是客服小李。退款一般在审核通过后 3-5 个工作日到账。');
    await conversation.getByTestId('composer').press('Enter');
    await widgetShows(user, '我是客服小李');
    await conversation.locator('[data-testid="entry"][data-from="agent"]').filter({ hasText: '我是客服小李' }).waitFor();
    await user.screenshot({ path: join(ARTIFACTS, 'handoff-widget-agent.png') });
    await agent.screenshot({ path: join(ARTIFACTS, 'handoff-console-chat.png') });

    // The agent ends; the merchant rates and is back with the bot.
    await conversation.getByTestId('end').click();
    await widgetShows(user, '打个分');
    await user.locator('#posbot-chat').getByRole('button', { name: '5 非常满意', exact: true }).last().click();
    await widgetShows(user, '感谢您的评价');
    await userSays(user, '审核要几天');
    await widgetShows(user, /工作日/);
    await user.screenshot({ path: join(ARTIFACTS, 'handoff-widget-rated.png') });
    expect(agentErrors).toEqual([]);
  });
});
