import type { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import type * as PgliteDialect from 'kysely-pglite-dialect';
import type * as Pg from 'pg';
import { PARSERS } from './parsers';
import { embeddedDatabase } from './pgliteClient';
import type { Tables } from './schema';

export interface DatabaseSettings {
  /** postgres:// URL of a server; without it an embedded PGlite under dataDir. */
  url?: string;
  dataDir: string;
  statementTimeoutMs: number;
  poolSize: number;
}

/**
 * A kysely instance over a `pg` pool (TLS as the URL's sslmode asks) or over PGlite persisted under
 * DATA_DIR/pglite. Neither connects here: PGlite opens in its worker thread and the pool on first use.
 */
export function createKysely(settings: DatabaseSettings): { kysely: Kysely<Tables>; driver: 'postgres' | 'pglite' } {
  // Each driver is required only when used: PGlite's module alone is a tenth of a start with DATABASE_URL
  // (and the main thread never loads it: the worker does).
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
  const { PGliteDialect } = require('kysely-pglite-dialect') as typeof PgliteDialect;
  // The dialect only queries and closes; a worker thread opens the database meanwhile.
  const client = embeddedDatabase(settings.dataDir);
  return { kysely: new Kysely<Tables>({ dialect: new PGliteDialect(client as unknown as PGlite) }), driver: 'pglite' };
}
