import { sql } from 'kysely';
import { migrateToLatest } from '../../src/db/migrate';
import type { Database } from '../../src/db/database';
import { DRIVERS } from '../helpers/databases';

describe.each(DRIVERS)('the database on $name', (driver) => {
  let database: Database;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ database, dispose } = await driver.open());
  });
  afterAll(() => dispose());

  it('applies the migrations once, then has nothing left to apply', async () => {
    const db = await database.db();
    expect(database.ready).toBe(true);
    expect(await migrateToLatest(db)).toEqual([]);
    const tables = await sql<{ table_name: string }>`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`.execute(db);
    expect(tables.rows.map((r) => r.table_name)).toEqual(expect.arrayContaining(['audit_log', 'callbacks', 'case_events', 'cases', 'handoffs_ended', 'outbox']));
  });

  it('keeps the audit log append-only', async () => {
    const db = await database.db();
    await db.insertInto('audit_log').values({ actor: 'backoffice:ops', action: 'case.read', case_reference: 'PC-2611-00000A', detail: JSON.stringify({}), address: '127.0.0.1' }).execute();
    await expect(db.updateTable('audit_log').set({ actor: 'someone else' }).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    expect(await db.selectFrom('audit_log').select('actor').execute()).toEqual([{ actor: 'backoffice:ops' }]);
  });

  it('queues notifications in the outbox with their defaults', async () => {
    const db = await database.db();
    const row = await db
      .insertInto('outbox')
      .values({ case_reference: null, channel: 'sms', recipient: '13800138000', template: 'case.approved', language: 'zh-CN', payload: JSON.stringify({ amount: 99 }) })
      .returningAll()
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'pending', attempts: 0, payload: { amount: 99 }, sent_at: null });
    await expect(db.insertInto('outbox').values({ channel: 'fax' as 'sms', recipient: 'x', template: 't', language: 'en', payload: '{}' }).execute()).rejects.toThrow();
  });
});
