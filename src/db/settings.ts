import type { Config } from '../config';
import type { DatabaseSettings } from './drivers';

export function databaseSettings(config: Config): DatabaseSettings {
  return { url: config.DATABASE_URL, dataDir: config.DATA_DIR, statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS, poolSize: config.DATABASE_POOL_SIZE };
}
