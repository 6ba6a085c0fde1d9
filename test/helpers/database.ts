import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { Database } from '../../src/db/database';
import { createLogger } from '../../src/log/logger';
import { PROJECT_ROOT } from '../../src/paths';

/** The PostgreSQL server tests make their databases on (the local one on a development machine and in CI). */
export const TEST_SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function urlOf(name: string): string {
  const url = new URL(TEST_SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

async function onServer(statement: string): Promise<void> {
  const client = new Client({ connectionString: TEST_SERVER_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A new empty database with a random name on the test server. */
export async function createDatabase(prefix = 'test'): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await onServer(`CREATE DATABASE ${name}`);
  return { url: urlOf(name), drop: () => onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

let fileDatabase: string | undefined;

/**
 * This test file's database (jest gives every file its own modules), made on first use and dropped
 * after the file (test/setup.ts). Made synchronously, by a child process, so harnesses that build a
 * bot synchronously can use it.
 */
export function testDatabaseUrl(): string {
  if (!fileDatabase) {
    const name = `test_${randomBytes(6).toString('hex')}`;
    const script = `const { Client } = require('pg'); const c = new Client({ connectionString: process.argv[1] });
      c.connect().then(() => c.query('CREATE DATABASE ${name}')).then(() => c.end(), (e) => { console.error(e.message); process.exit(1); });`;
    execFileSync(process.execPath, ['-e', script, TEST_SERVER_URL], { cwd: PROJECT_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    fileDatabase = name;
  }
  return urlOf(fileDatabase);
}

let shared: Database | undefined;

/** The system of record on this file's database, shared by every harness of the file. */
export function testDatabase(): Database {
  shared ??= new Database({ url: testDatabaseUrl(), dataDir: 'unused', statementTimeoutMs: 5000, poolSize: 5 }, createLogger('silent'));
  return shared;
}

export async function dropTestDatabase(): Promise<void> {
  await shared?.close();
  shared = undefined;
  if (!fileDatabase) return;
  const name = fileDatabase;
  fileDatabase = undefined;
  await onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
