import { runWidget } from '../../bench/widget';
import { appAndBrowser } from '../helpers/browser';

/** The cap for what a phone receives before the greeting. */
const WIRE_CAP_BYTES = 1.2e6;

describe('widget delivery on an emulated phone network (cold cache)', () => {
  const app = appAndBrowser();

  it('prefetches Web Chat compressed with long-lived caching, and greets within the byte cap', async () => {
    // `idle` waits until the page has loaded Web Chat by itself, before any click.
    const run = await runWidget(app.browser, app.running.url, { click: 'idle' });
    const bundle = run.responses.find((r) => r.url.includes('/webchat/webchat.'))!;
    expect(bundle.headers['content-encoding']).toBe('br');
    expect(bundle.headers['cache-control']).toContain('immutable');
    expect(bundle.headers.vary).toBe('Accept-Encoding');
    for (const own of ['/widget.js', '/site.js', '/site.css']) {
      expect(run.responses.find((r) => new URL(r.url).pathname === own)?.headers['content-encoding']).toBe('br');
    }
    expect(run.bytes).toBeLessThan(WIRE_CAP_BYTES);
  });

  it('still greets when the browser accepts no compression (the bundle then exceeds the cap)', async () => {
    const run = await runWidget(app.browser, app.running.url, { click: 'at-once', acceptEncoding: 'identity' });
    expect(run.responses.find((r) => r.url.includes('/webchat/webchat.'))!.headers['content-encoding']).toBeUndefined();
    expect(run.bytes).toBeGreaterThan(WIRE_CAP_BYTES);
  });
});
