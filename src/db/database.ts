import type { Kysely } from 'kysely';
import type { Logger } from '../log/logger';
import { createKysely, type DatabaseSettings } from './drivers';
import { migrateToLatest } from './migrate';
import type { Tables } from './schema';

export type { DatabaseSettings } from './drivers';
export type Db = Kysely<Tables>;

/**
 * The system of record. Opening (and migrating) starts at once and runs while the rest of start-up
 * does; every query waits for it through `db()`. When the database is unreachable `db()` rejects and
 * the next call tries again, so a server started without its database recovers by itself.
 */
export class Database {
  readonly driver: 'postgres' | 'pglite';
  private readonly kysely: Db;
  private opening?: Promise<Db>;
  private up = false;
  private watcher?: NodeJS.Timeout;

  /** `onError` counts failed opens and pings (for /metrics). */
  constructor(settings: DatabaseSettings, private readonly logger: Logger, private readonly onError: () => void = () => undefined) {
    ({ kysely: this.kysely, driver: this.driver } = createKysely(settings));
  }

  /** Starts opening now without waiting (and keeps /readyz honest: a ping every `watchMs`). */
  open(watchMs = 5000): void {
    this.db().catch(() => undefined);
    this.watcher ??= setInterval(() => void this.ping(), watchMs).unref();
  }

  /** The query builder once the schema is current. */
  db(): Promise<Db> {
    this.opening ??= migrateToLatest(this.kysely).then(
      (applied) => {
        if (applied.length) this.logger.info({ applied, driver: this.driver }, 'database migrated');
        this.up = true;
        return this.kysely;
      },
      (err: unknown) => {
        this.opening = undefined;
        this.up = false;
        this.onError();
        this.logger.warn({ err, driver: this.driver }, 'database unavailable');
        throw err;
      },
    );
    return this.opening;
  }

  /** For /readyz: open, migrated and answering the last ping. */
  get ready(): boolean {
    return this.up;
  }

  private async ping(): Promise<void> {
    try {
      const db = await this.db(); // a failed open is counted where it fails
      await db.selectNoFrom((eb) => eb.lit(1).as('one')).execute().catch((err: unknown) => {
        this.onError();
        throw err;
      });
      this.up = true;
    } catch {
      this.up = false;
    }
  }

  async close(): Promise<void> {
    clearInterval(this.watcher);
    await this.opening?.catch(() => undefined);
    await this.kysely.destroy();
  }
}
