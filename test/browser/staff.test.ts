import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { hashPassword } from '../../src/agentConsole/passwords';
import { startApp, type RunningApp } from '../helpers/app';
import { ARTIFACTS, launchChromium } from '../helpers/browser';

const PASSWORD = 'staff-browser-password';

describe('the staff app in Chromium', () => {
  let running: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    const hash = await hashPassword(PASSWORD);
    running = await startApp({ HANDOFF_AGENTS: `ann:${hash}`, STAFF_ACCOUNTS: `rita:reviewer:${hash},ada:admin:${hash}` });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await running?.stop();
  });

  async function signIn(name: string, viewport = { width: 1280, height: 800 }, locale = 'zh-CN'): Promise<Page> {
    const page = await (await browser.newContext({ viewport, locale })).newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(`${running.url}/staff/`);
    await page.getByTestId('login-name').fill(name);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').press('Enter');
    await page.getByTestId('agent-name').filter({ hasText: name }).waitFor();
    await page.getByTestId('nav').locator('a').first().waitFor();
    page.on('close', () => expect(errors).toEqual([]));
    return page;
  }

  const navLinks = (page: Page) => page.getByTestId('nav').locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));

  it('shows each role only its own pages, and a page of another role only as refused', async () => {
    const admin = await signIn('ada');
    expect(await navLinks(admin)).toEqual(['#/accounts', '#/dashboard']);
    await admin.getByTestId('account').filter({ hasText: 'rita' }).waitFor();
    expect(await admin.getByTestId('account').filter({ hasText: 'ann' }).textContent()).toContain('客服');

    // The admin creates a reviewer account in the page; it signs in at once with only that role.
    await admin.getByTestId('new-name').fill('dora');
    await admin.getByTestId('new-password').fill(PASSWORD);
    await admin.getByTestId('new-role-reviewer').check();
    await admin.getByTestId('new-submit').click();
    await admin.locator('[data-testid="account"][data-name="dora"]').waitFor();
    await admin.screenshot({ path: join(ARTIFACTS, 'staff-admin-accounts.png') });
    const dora = await signIn('dora');
    expect(await navLinks(dora)).toEqual(['#/cases', '#/dashboard']);
    await dora.close();

    await admin.goto(`${running.url}/staff/#/chats`);
    await admin.getByTestId('page-message').filter({ hasText: '无权' }).waitFor();

    const agent = await signIn('ann');
    expect(await navLinks(agent)).toEqual(['#/chats', '#/dashboard']);
    await agent.getByTestId('queue').waitFor();
    await agent.goto(`${running.url}/staff/#/accounts`);
    await agent.getByTestId('page-message').filter({ hasText: '无权' }).waitFor();
    await Promise.all([admin.close(), agent.close()]);
  });

  it('fits a 768-wide tablet, switches language, and signs out', async () => {
    const agent = await signIn('ann', { width: 768, height: 1024 }, 'en');
    await agent.getByTestId('nav-chats').filter({ hasText: 'Chats' }).waitFor();
    expect(await agent.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
    await agent.screenshot({ path: join(ARTIFACTS, 'staff-tablet-chats.png') });
    await agent.getByTestId('lang-toggle').click();
    await agent.getByTestId('nav-chats').filter({ hasText: '在线会话' }).waitFor();
    await agent.getByTestId('logout').click();
    await agent.getByTestId('login-form').waitFor();
    await agent.goto(`${running.url}/staff/#/chats`);
    await agent.getByTestId('login-form').waitFor();
    await agent.close();
  });
});
