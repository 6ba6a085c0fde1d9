import { loadConfig, loadDotEnv } from '../config';
import { Database } from '../db/database';
import { databaseSettings } from '../db/settings';
import { createLogger } from '../log/logger';
import { DEV_SET, LOCALES_DIR } from '../paths';
import { exportAdditionsToLocales } from './corpusExport';
import { loadExcludedTexts, UnansweredService } from './unansweredService';

/** Opens the configured database (DATABASE_URL or DATA_DIR), merges its corpus additions into locales/, prints the files written. */
export async function exportCorpusToLocales(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  const database = new Database(databaseSettings(config), createLogger(config.LOG_LEVEL));
  try {
    const excluded = loadExcludedTexts(DEV_SET);
    const service = new UnansweredService(database);
    const written = await exportAdditionsToLocales(LOCALES_DIR, () => service.additions(), excluded);
    for (const file of written) process.stdout.write(`${file}\n`);
  } finally {
    await database.close();
  }
}
