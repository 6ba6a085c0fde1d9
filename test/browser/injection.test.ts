import type { Browser } from 'playwright-core';
import { renderApplication } from '../../src/application/page';
import type { CaseRecord } from '../../src/cases/caseService';
import { loadConfig } from '../../src/config';
import { localizerFor } from '../../src/index';
import { startApp, type RunningApp } from '../helpers/app';
import { launchChromium } from '../helpers/browser';

const PAYLOADS = ['<img src=x onerror="window.__pwned=1">', '<script>window.__pwned=2</script>', '[点我](javascript:window.__pwned=3)'];

/** User text shown back to people must stay text: no script may run, no element may appear. */
describe('injection in what users type', () => {
  let running: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    running = await startApp();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await running?.stop();
  });

  it('Web Chat shows markup typed by the user as text and runs nothing', async () => {
    const page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await page.goto(running.url);
    await page.click('#posbot-launcher');
    const input = page.locator('#posbot-chat input[type="text"], #posbot-chat textarea').first();
    await input.waitFor({ timeout: 20_000 });
    for (const payload of PAYLOADS) {
      await input.fill(payload);
      await input.press('Enter');
      // The bot answers each (out of scope), so the user's message has been rendered by then.
      await page.locator('#posbot-chat .webchat__bubble__content').filter({ hasText: payload.slice(0, 12) }).first().waitFor({ timeout: 15_000 });
    }
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('#posbot-chat img[src="x"], #posbot-chat script, #posbot-chat a[href^="javascript:"]').count()).toBe(0);
  });

  it('the printable application shows a hostile reason as text in the browser', async () => {
    const record: CaseRecord = {
      reference: 'PC-2611-00000A',
      status: 'submitted',
      createdAt: '2026-11-24T02:00:00.000Z',
      language: 'zh-CN',
      applicant: { fullName: '张三', mobile: '13800138000', posSerial: 'LKL12345678', cardLast4: '5670' },
      reason: { code: 'other', detail: PAYLOADS.join(' ') },
      receivedOn: '2026-10-01',
      decision: { earliest: '2026-11-26', latest: '2026-12-01' },
      owner: { userId: 'u', channelId: 'directline', conversation: {} },
      events: [],
    };
    const page = await (await browser.newContext()).newPage();
    await page.setContent(renderApplication(record, localizerFor(loadConfig({}))));
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('img[src="x"], script, a[href^="javascript:"]').count()).toBe(0);
    expect(await page.textContent('body')).toContain('<img src=x onerror="window.__pwned=1">');
  });
});
