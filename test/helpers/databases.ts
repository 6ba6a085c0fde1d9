import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../../src/db/database';
import { createLogger } from '../../src/log/logger';
import { createDatabase } from './database';

export interface DriverUnderTest {
  name: 'pglite' | 'postgres';
  open(): Promise<{ database: Database; dispose(): Promise<void> }>;
}

const settings = { statementTimeoutMs: 5000, poolSize: 5 };

/** The two ways to run the system of record: embedded PGlite in a temporary directory, and a fresh database on the test server. */
export const DRIVERS: DriverUnderTest[] = [
  {
    name: 'pglite',
    async open() {
      const dataDir = mkdtempSync(join(tmpdir(), 'pglite-test-'));
      const database = new Database({ ...settings, dataDir }, createLogger('silent'));
      return {
        database,
        dispose: async () => {
          await database.close();
          rmSync(dataDir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'postgres',
    async open() {
      const scratch = await createDatabase();
      const database = new Database({ ...settings, url: scratch.url, dataDir: 'unused' }, createLogger('silent'));
      return {
        database,
        dispose: async () => {
          await database.close();
          await scratch.drop();
        },
      };
    },
  },
];
