import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { PROJECT_ROOT } from '../../src/paths';
import { startApp, type RunningApp } from './app';

export const ARTIFACTS = join(PROJECT_ROOT, 'test', 'artifacts');

/** Debian's Chromium, headless, with the flags that keep it off the (closed) network. */
export async function launchChromium(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const executablePath = execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** The app and Chromium for one test file: started before its tests, closed after them. */
export function appAndBrowser(env?: Record<string, string>): { readonly running: RunningApp; readonly browser: Browser } {
  const held = {} as { running: RunningApp; browser: Browser };
  beforeAll(async () => {
    held.running = await startApp(env);
    held.browser = await launchChromium();
  });
  afterAll(async () => {
    await held.browser?.close();
    await held.running?.stop();
  });
  return held;
}
