import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import { Pool, types } from 'pg';
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
  if (settings.url) {
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
  const dataDir = resolve(settings.dataDir);
  mkdirSync(dataDir, { recursive: true });
  // PostgreSQL's 128 MB of shared buffers, all touched at start inside PGlite's WebAssembly memory, were
  // 120 MB of the server's resident memory and a third of its opening time; an embedded database of
  // cases needs far less.
  const pglite = new PGlite(join(dataDir, 'pglite'), { parsers: PARSERS, startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'] });
  return { kysely: new Kysely<Tables>({ dialect: new PGliteDialect(pglite) }), driver: 'pglite' };
}
