/**
 * The widget as a merchant on a phone meets it: Chromium at 390×844 with the DevTools protocol's
 * network emulation (9 Mbit/s down, 3 up, 40 ms round trip), a cold cache, the demo page, a click on
 * the launcher, and the time until the bot's first bubble shows, with every byte on the wire counted
 * (HTTP bodies and headers as received, WebSocket frames) from the page's first request until then.
 */
import type { Browser } from 'playwright-core';

export const PHONE_NETWORK = { offline: false, latency: 40, downloadThroughput: (9e6 / 8) | 0, uploadThroughput: (3e6 / 8) | 0 };
export const PHONE_VIEWPORT = { width: 390, height: 844 };

export interface WidgetRun {
  /** Launcher click → first bot bubble, measured in the page. */
  clickToGreetingMs: number;
  /** Everything received and sent from the page's first request until the greeting showed. */
  bytes: number;
  responses: { url: string; status: number; headers: Record<string, string>; encodedBytes: number }[];
}

export interface WidgetOptions {
  /** `identity` asks the server for uncompressed responses (the baseline). */
  acceptEncoding?: 'identity';
  /**
   * `idle`: the user clicks once the page is idle and the widget has loaded Web Chat without a click (a
   * widget that does not prefetch never gets there); `at-once`: as soon as the launcher shows.
   */
  click: 'idle' | 'at-once';
}

/** Runs in the page before its own scripts: the click's and the first bot bubble's times. */
const RECORDER = `
  addEventListener('click', (e) => { if (e.target && e.target.id === 'posbot-launcher' && !window.__clickAt) window.__clickAt = performance.now(); }, true);
  new MutationObserver((_, observer) => {
    if (document.querySelector('#posbot-chat .webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content')) {
      window.__greetedAt = performance.now();
      observer.disconnect();
    }
  }).observe(document, { subtree: true, childList: true });
`;

export async function runWidget(browser: Browser, url: string, options: WidgetOptions): Promise<WidgetRun> {
  const context = await browser.newContext({ viewport: PHONE_VIEWPORT, locale: 'zh-CN' });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
    await cdp.send('Network.emulateNetworkConditions', PHONE_NETWORK);
    if (options.acceptEncoding) await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': options.acceptEncoding } });
    let bytes = 0;
    const pending = new Map<string, WidgetRun['responses'][number]>();
    const responses: WidgetRun['responses'] = [];
    cdp.on('Network.responseReceived', ({ requestId, response }) => {
      pending.set(requestId, { url: response.url, status: response.status, headers: Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [k.toLowerCase(), String(v)])), encodedBytes: 0 });
    });
    cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
      bytes += encodedDataLength;
      const response = pending.get(requestId);
      if (response) responses.push({ ...response, encodedBytes: encodedDataLength });
    });
    cdp.on('Network.webSocketFrameReceived', ({ response }) => (bytes += Buffer.byteLength(response.payloadData)));
    cdp.on('Network.webSocketFrameSent', ({ response }) => (bytes += Buffer.byteLength(response.payloadData)));
    await page.addInitScript(RECORDER);
    await page.goto(url, { waitUntil: 'load' });
    const launcher = page.locator('#posbot-launcher');
    await launcher.waitFor();
    if (options.click === 'idle') {
      await page.waitForFunction(() => 'WebChat' in window, undefined, { timeout: 60_000 });
      await page.waitForLoadState('networkidle');
    }
    await launcher.click();
    await page.waitForFunction(() => (window as unknown as { __greetedAt?: number }).__greetedAt, undefined, { timeout: 60_000, polling: 50 });
    const clickToGreetingMs = await page.evaluate(() => {
      const w = window as unknown as { __greetedAt: number; __clickAt: number };
      return w.__greetedAt - w.__clickAt;
    });
    return { clickToGreetingMs, bytes, responses };
  } finally {
    await context.close();
  }
}
