/**
 * The server's entry (`npm start` runs it through src/start.ts, `node dist/src/index.js` runs it as is):
 * configuration, then the server (src/app.ts, the composition root). The embedded database's thread
 * starts before the server's modules load (about two thousand of them, half of a start), so that
 * PGlite opens meanwhile. The bench's server (bench/servers/ours.ts) runs
 * `main` of this file too, so that it measures what `npm start` runs (the bundle, scripts/bundle.js).
 */
import { clockAhead } from './cases/dates';
import { ConfigError, loadConfig, loadDotEnv, type Config } from './config';
import { embeddedDatabase } from './db/pgliteClient';
import { createLogger } from './log/logger';
import { limitHeapGrowth } from './server/v8Flags';

/** Starts the server; resolves to the URL it listens on. */
export async function main(): Promise<string> {
  limitHeapGrowth();
  loadDotEnv();
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\nSee .env.example for every variable.\n`);
    process.exit(1);
  }
  if (!config.DATABASE_URL) embeddedDatabase(config.DATA_DIR);
  const { createApp } = require('./app') as typeof import('./app');
  const logger = createLogger(config.LOG_LEVEL);
  if (config.directLineSecretGenerated) {
    logger.warn('DIRECTLINE_SECRET is not set: using a random one for this process; set it when running several instances');
  }
  if (!config.PII_ENCRYPTION_KEY) {
    logger.warn('PII_ENCRYPTION_KEY is not set: cards sealed by this process cannot be read after a restart, and repeat applications by card are not recognized across restarts');
  }
  if (config.CLOCK_OFFSET_DAYS) logger.warn({ days: config.CLOCK_OFFSET_DAYS }, 'CLOCK_OFFSET_DAYS is set: the business clock runs ahead of the real one');
  const app = createApp(config, logger, clockAhead(config.CLOCK_OFFSET_DAYS));
  const url = await app.start();
  const state = config.REDIS_CLUSTER_NODES ? 'redis-cluster' : config.REDIS_URL ? 'redis' : 'memory';
  const database = config.DATABASE_URL ? 'postgres' : 'pglite';
  logger.info({ url, locale: config.DEFAULT_LOCALE, state, database, authenticated: Boolean(config.MicrosoftAppId) }, 'bot listening');

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    app.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  return url;
}

/** Runs `main` as the process's entry: a start that fails is reported and ends the process; `ready` runs once it listens. */
export function run(ready: () => void = () => undefined): void {
  main().then(ready, (err: unknown) => {
    process.stderr.write(`Start-up failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}

if (require.main === module) run();
