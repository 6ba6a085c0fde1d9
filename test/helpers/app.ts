import { createApp, type App } from '../../src/app';
import { loadConfig } from '../../src/config';
import { testDatabaseUrl } from './database';
import { waitReady } from './process';

/** A fixed card-encryption key for tests (several instances must share one, like in production). */
export const TEST_PII_KEY = Buffer.alloc(32, 42).toString('base64');

/** Tests open many conversations from one address quickly; the limits have tests of their own. */
export const GENEROUS_LIMITS = { RATE_LIMIT_MESSAGES_PER_MINUTE: '100000', RATE_LIMIT_TOKENS_PER_MINUTE: '100000' };

export interface RunningApp {
  app: App;
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the real server on a free loopback port with the given environment on top of the defaults (the
 * test file's database, and a case clock), and waits until it is ready: on a loaded machine Redis or the
 * database may connect after the port opens. Tests of a server that starts with something down pass
 * `{ ready: false }`.
 */
export async function startApp(env: Record<string, string> = {}, now?: () => Date, { ready = true } = {}): Promise<RunningApp> {
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', PII_ENCRYPTION_KEY: TEST_PII_KEY, ...GENEROUS_LIMITS, DATABASE_URL: env.DATABASE_URL ?? testDatabaseUrl(), ...env });
  const app = createApp(config, undefined, now);
  const url = await app.start();
  if (ready) await waitReady(url, 30_000);
  return { app, url, stop: () => app.stop() };
}
