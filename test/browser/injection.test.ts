import { renderApplication } from '../../src/application/page';
import { loadConfig } from '../../src/config';
import { localizerFor } from '../../src/app';
import { appAndBrowser } from '../helpers/browser';
import { caseRecord } from '../helpers/caseRecord';

const PAYLOADS = ['<img src=x onerror="window.__pwned=1">', '<script>window.__pwned=2</script>', '[点我](javascript:window.__pwned=3)'];

/** User text shown back to people must stay text: no script may run, no element may appear. */
describe('injection in what users type', () => {
  const app = appAndBrowser();

  it('Web Chat shows markup typed by the user as text and runs nothing', async () => {
    const page = await (await app.browser.newContext({ locale: 'zh-CN' })).newPage();
    await page.goto(app.running.url);
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
    const record = caseRecord(PAYLOADS.join(' '));
    const page = await (await app.browser.newContext()).newPage();
    await page.setContent(renderApplication(record, localizerFor(loadConfig({}))));
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('img[src="x"], script, a[href^="javascript:"]').count()).toBe(0);
    expect(await page.textContent('body')).toContain('<img src=x onerror="window.__pwned=1">');
  });
});
