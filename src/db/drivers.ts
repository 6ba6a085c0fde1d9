import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type * as Pglite from '@electric-sql/pglite';
import type { PGlite, PGliteOptions } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import type * as PgliteDialect from 'kysely-pglite-dialect';
import type * as Pg from 'pg';
import { PROJECT_ROOT } from '../paths';
import type { Tables } from './schema';

export interface DatabaseSettings {
  /** postgres:// URL of a server; without it an embedded PGlite under dataDir. */
  url?: string;
  dataDir: string;
  statementTimeoutMs: number;
  poolSize: number;
}

/** Both drivers return the same JavaScript values: dates as 'YYYY-MM-DD', counts and amounts as numbers. */
const OID = { int8: 20, numeric: 1700, date: 1082 } as const;
const PARSERS: Record<number, (value: string) => unknown> = {
  [OID.int8]: Number,
  [OID.numeric]: Number,
  [OID.date]: (value) => value,
};

/**
 * A kysely instance over a `pg` pool (TLS as the URL's sslmode asks) or over PGlite persisted under
 * DATA_DIR/pglite. Neither connects here: PGlite opens in the background and the pool on first use.
 */
export function createKysely(settings: DatabaseSettings): { kysely: Kysely<Tables>; driver: 'postgres' | 'pglite' } {
  // Each driver is required only when used: PGlite's module alone is a tenth of a start with DATABASE_URL.
  if (settings.url) {
    const { Pool, types } = require('pg') as typeof Pg;
    const pool = new Pool({
      connectionString: settings.url,
      max: settings.poolSize,
      statement_timeout: settings.statementTimeoutMs,
      connectionTimeoutMillis: settings.statementTimeoutMs,
      types: { getTypeParser: ((oid: number, format?: string) => PARSERS[oid] ?? types.getTypeParser(oid, format as 'text')) as typeof types.getTypeParser },
    });
    // A connection lost to a server going away fails its query (which reports it); the event that
    // also comes, on the pool for an idle client and on the client for one in use, must not crash the
    // process. The pool replaces lost clients.
    pool.on('error', () => undefined);
    pool.on('connect', (client) => client.on('error', () => undefined));
    return { kysely: new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) }), driver: 'postgres' };
  }
  const { PGlite } = require('@electric-sql/pglite') as typeof Pglite;
  const { PGliteDialect } = require('kysely-pglite-dialect') as typeof PgliteDialect;
  const dataDir = resolve(settings.dataDir);
  mkdirSync(dataDir, { recursive: true });
  // PostgreSQL's 128 MB of shared buffers, all touched at start inside PGlite's WebAssembly memory, were
  // 120 MB of the server's resident memory and a third of its opening time; an embedded database of
  // cases needs far less.
  const options = { parsers: PARSERS, startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'] };
  let opening: Promise<PGlite> | undefined;
  const pglite = () =>
    (opening ??= openPglite(join(dataDir, 'pglite'), options).catch((err: unknown) => {
      opening = undefined;
      throw err;
    }));
  void pglite().catch(() => undefined);
  // The dialect only queries and closes; both wait for the opening.
  const client = {
    query: async (sql: string, params?: unknown[]) => (await pglite()).query(sql, params),
    close: async () => (await pglite()).close(),
  };
  return { kysely: new Kysely<Tables>({ dialect: new PGliteDialect(client as unknown as PGlite) }), driver: 'pglite' };
}

/** The compiled script (tests run the sources, but `npm run build` and the test setup compile it). */
const CREATE_DATA_DIR = join(PROJECT_ROOT, 'dist', 'src', 'db', 'createDataDir.js');

/**
 * PGlite over `path`. Creating a data directory (initdb) grows PGlite's WebAssembly memory to about
 * 600 MB, which a WebAssembly memory never gives back: so a new directory is created by a child
 * process, and the instance kept opens the existing directory (about 150 MB). A worker thread did the
 * same but left about 130 MB of the server's resident memory behind when it ended.
 */
async function openPglite(path: string, options: PGliteOptions & { startParams: string[] }): Promise<PGlite> {
  if (!existsSync(join(path, 'PG_VERSION'))) {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, [CREATE_DATA_DIR, path, JSON.stringify(options.startParams)], { stdio: ['ignore', 'ignore', 'inherit'] });
      child.once('error', reject);
      child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`creating the PGlite data directory exited with code ${code}`))));
    });
  }
  const { PGlite } = require('@electric-sql/pglite') as typeof Pglite;
  return PGlite.create(path, options);
}
