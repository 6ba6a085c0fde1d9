import type { Page } from 'playwright-core';
import { appAndBrowser } from '../helpers/browser';

/** Short enough that a token not refreshed expires during a test, long enough to outlast Web Chat loading on a busy machine. */
const TOKEN_TTL_SECONDS = 20;

describe('widget connection: the conversation the widget started, handed to Web Chat', () => {
  const app = appAndBrowser({ DIRECTLINE_TOKEN_TTL_SECONDS: String(TOKEN_TTL_SECONDS) });

  async function open(page: Page, timeout = 30_000): Promise<void> {
    await page.goto(app.running.url);
    await page.click('#posbot-launcher');
    await page.getByText('POS 机服务助手。').first().waitFor({ timeout });
  }

  async function askAndAnswer(page: Page): Promise<void> {
    const input = page.locator('#posbot-chat input[type="text"], #posbot-chat textarea').first();
    await input.fill('审核要几天？');
    await input.press('Enter');
    await page.getByText('2-5 个工作日').first().waitFor({ timeout: 15_000 });
  }

  it('connects to the stream without asking to resume first, and still chats after the first token expired', async () => {
    const context = await app.browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(`${request.method()} ${new URL(request.url()).pathname}`));
    await open(page);
    expect(requests.filter((r) => /^GET \/v3\/directline\/conversations\/[^/]+$/.test(r))).toEqual([]);
    await page.waitForTimeout((TOKEN_TTL_SECONDS + 2) * 1000);
    expect(requests).toContain('POST /v3/directline/tokens/refresh');
    await askAndAnswer(page);
    await context.close();
  }, 120_000);

  it('polls when the WebSocket cannot connect', async () => {
    const context = await app.browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    // A proxy that closes every WebSocket as soon as it opens.
    await page.routeWebSocket(/\/stream/, (ws) => ws.close());
    // The widget waits 10 s for the stream before it polls.
    await open(page, 60_000);
    await askAndAnswer(page);
    await context.close();
  }, 120_000);
});
