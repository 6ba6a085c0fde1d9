import { loadConfig, loadDotEnv } from '../config';
import { createLogger } from '../log/logger';
import { Database } from './database';
import { databaseSettings } from './settings';

/** `npm run migrate`: applies pending migrations to DATABASE_URL (or the embedded database under DATA_DIR). */
async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  const database = new Database(databaseSettings(config), createLogger(config.LOG_LEVEL));
  try {
    await database.db();
    process.stdout.write(`database is up to date (${database.driver})\n`);
  } finally {
    await database.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`Migration failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
