import { DEFAULT_MIGRATION_TABLE, Migrator, type Kysely } from 'kysely';
import { MIGRATIONS } from './migrations';

/** Applies every migration not applied yet (kysely's Migrator locks, so concurrent instances take turns). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the Migrator works on any schema
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  if (await allApplied(db)) return [];
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * Whether the database has every migration already, as on most starts: one query, where the Migrator
 * takes its lock and reads its tables in about ten (each a hop to PGlite's thread, or a round trip to
 * the server). A migration is listed only once its transaction committed.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the Migrator's own table
async function allApplied(db: Kysely<any>): Promise<boolean> {
  try {
    const rows: { name: string }[] = await db.selectFrom(DEFAULT_MIGRATION_TABLE).select('name').execute();
    const applied = new Set(rows.map((row) => row.name));
    return Object.keys(MIGRATIONS).every((name) => applied.has(name));
  } catch {
    return false; // a new database: no table yet
  }
}
