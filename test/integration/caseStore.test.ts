import { randomBytes, randomInt } from 'node:crypto';
import { sql } from 'kysely';
import { CardVault } from '../../src/cases/cardVault';
import { InvalidCursorError, type CaseRecord, type CaseService } from '../../src/cases/caseService';
import { InvalidTransitionError } from '../../src/cases/lifecycle';
import { OwnerCases } from '../../src/cases/ownerCases';
import { MemoryKeyValue } from '../../src/channels/wechat/keyValue';
import { parseReference } from '../../src/cases/reference';
import type { Database } from '../../src/db/database';
import { application, caseService, cardEndingIn } from '../helpers/cases';
import { DRIVERS } from '../helpers/databases';

// The case store's contract, on both ways to run the system of record.
describe.each(DRIVERS)('cases on $name', (driver) => {
  const key = randomBytes(32);
  let database: Database;
  let dispose: () => Promise<void>;
  let service: CaseService;

  beforeAll(async () => {
    ({ database, dispose } = await driver.open());
    service = caseService(database, { key, now: () => new Date('2026-11-24T02:00:00Z') });
  });
  afterAll(() => dispose());

  it('submits with a reference, a decision window of 2-5 business days, the card sealed and never in the clear', async () => {
    const card = cardEndingIn('5670');
    const { record, outcome } = await service.submit(application({ cardNumber: card, owner: { userId: 'u1', channelId: 'directline', conversation: { id: 'c1' } } }));
    expect(outcome).toBe('created');
    expect(parseReference(record.reference)).toBe(record.reference);
    expect(record).toMatchObject({ status: 'submitted', createdAt: '2026-11-24T02:00:00.000Z', decision: { earliest: '2026-11-26', latest: '2026-12-01' }, receivedOn: '2026-10-01' });
    expect(record.applicant.cardLast4).toBe('5670');
    expect(new CardVault(key).decrypt(record.cardSealed!)).toBe(card);
    expect(record.events).toEqual([{ at: '2026-11-24T02:00:00.000Z', by: 'user:u1', type: 'submitted' }]);
    expect(await service.get(record.reference)).toEqual(record);
    expect((await service.forUser('u1')).map((c) => c.reference)).toEqual([record.reference]);
    expect(await service.forUser('someone-else')).toEqual([]);
    const db = await database.db();
    const row = await db.selectFrom('cases').selectAll().where('reference', '=', record.reference).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(card);
    expect(row.card_fingerprint).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('returns the same case to a retried attempt, also to retries racing each other', async () => {
    const attempt = application();
    const results = await Promise.all([service.submit(attempt), service.submit(attempt), service.submit(attempt)]);
    expect(new Set(results.map((r) => r.record.reference)).size).toBe(1);
    expect(results.map((r) => r.outcome).sort()).toEqual(['created', 'retried', 'retried']);
    const again = await service.submit(attempt);
    expect(again).toMatchObject({ outcome: 'retried', record: { reference: results[0].record.reference } });
    const db = await database.db();
    expect(await db.selectFrom('cases').select('reference').where('pos_serial', '=', attempt.posSerial).execute()).toHaveLength(1);
  });

  it('gives a second application for an open terminal (same serial) the open case, and shows it on that case; another terminal on the same card is a case of its own', async () => {
    const first = await service.submit(application());
    const sameSerial = await service.submit(application({ posSerial: first.record.applicant.posSerial }));
    expect(sameSerial).toMatchObject({ outcome: 'open_case', record: { reference: first.record.reference }, applicantsOwn: true });
    // The same serial typed by someone else, with another card: not theirs to be shown.
    const stranger = await service.submit(application({ posSerial: first.record.applicant.posSerial, cardNumber: cardEndingIn('0005'), owner: { userId: 'stranger', channelId: 'test', conversation: {} } }));
    expect(stranger).toMatchObject({ outcome: 'open_case', applicantsOwn: false });
    expect(stranger.record.events.map((e) => e.type)).toEqual(['submitted', 'repeat_application', 'repeat_application']);

    const card = cardEndingIn('4242');
    const withCard = await service.submit(application({ cardNumber: card }));
    const sameCard = await service.submit(application({ cardNumber: card, owner: { userId: 'another device', channelId: 'test', conversation: {} } }));
    expect(sameCard.outcome).toBe('created');
    expect(sameCard.record.reference).not.toBe(withCard.record.reference);
    // Its serial again, from another device with the same card: theirs, so its reference is shown.
    const again = await service.submit(application({ cardNumber: card, posSerial: withCard.record.applicant.posSerial, owner: { userId: 'a third device', channelId: 'test', conversation: {} } }));
    expect(again).toMatchObject({ outcome: 'open_case', record: { reference: withCard.record.reference }, applicantsOwn: true });

    // Once the case is withdrawn the terminal may be applied for again.
    await service.transition(first.record.reference, 'withdrawn', 'backoffice:ops');
    const anew = await service.submit(application({ posSerial: first.record.applicant.posSerial }));
    expect(anew.outcome).toBe('created');
    expect(anew.record.reference).not.toBe(first.record.reference);
  });

  it('keeps one open case per serial number even when applications race', async () => {
    const posSerial = application().posSerial;
    const results = await Promise.all(Array.from({ length: 5 }, () => service.submit(application({ posSerial }))));
    expect(new Set(results.map((r) => r.record.reference)).size).toBe(1);
    expect(results.filter((r) => r.outcome === 'created')).toHaveLength(1);
  });

  it('records every transition, refuses steps outside the life cycle, and deletes the card when the case closes', async () => {
    const { record } = await service.submit(application());
    await expect(service.transition(record.reference, 'refund_paid', 'backoffice:alice')).rejects.toThrow(InvalidTransitionError);
    await service.transition(record.reference, 'under_review', 'backoffice:alice');
    await service.addNote(record.reference, 'backoffice:alice', 'called the merchant');
    const withdrawn = await service.transition(record.reference, 'withdrawn', 'backoffice:alice');
    expect(withdrawn.cardSealed).toBeUndefined();
    const stored = await service.get(record.reference);
    expect(stored?.cardSealed).toBeUndefined();
    expect(stored?.events.map((e) => `${e.type} by ${e.by}`)).toEqual(['submitted by user:owner', 'under_review by backoffice:alice', 'note by backoffice:alice', 'withdrawn by backoffice:alice']);
    expect((await service.search({ status: 'withdrawn' })).cases.map((c) => c.reference)).toContain(record.reference);
  });

  it('lets exactly one of two reviewers acting at once win; the other is told the allowed steps', async () => {
    const { record } = await service.submit(application());
    await service.transition(record.reference, 'under_review', 'backoffice:alice');
    const outcomes = await Promise.allSettled([
      service.transition(record.reference, 'approved', 'backoffice:alice', { amount: 99, method: 'original_card' }),
      service.transition(record.reference, 'approved', 'backoffice:bob', { amount: 120, method: 'cash' }),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const [refused] = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(refused.reason).toBeInstanceOf(InvalidTransitionError);
    expect((refused.reason as InvalidTransitionError).from).toBe('approved');
    const stored = await service.get(record.reference);
    expect(stored?.events.filter((e) => e.type === 'approved')).toHaveLength(1);
  });

  it('finds cases by status, overdue, refund not confirmed, creation day and search, page by page', async () => {
    let clock = new Date('2026-10-05T03:00:00Z');
    const timed = caseService(database, { key, now: () => clock });
    const mobile = `139${randomInt(10 ** 7, 10 ** 8)}`;
    const made: CaseRecord[] = [];
    for (let day = 0; day < 7; day++) {
      clock = new Date(Date.UTC(2026, 9, 5 + day, 3));
      made.push((await timed.submit(application({ mobile, cardNumber: cardEndingIn(day === 4 ? '8642' : '1111') }))).record);
    }
    const references = (found: { cases: CaseRecord[] }) => found.cases.map((c) => c.reference);
    const newestFirst = made.map((c) => c.reference).reverse();
    expect(references(await timed.search({ search: mobile }))).toEqual(newestFirst);

    // Pages of 3: none repeats, none is missed, the last has no next cursor.
    const pages: string[][] = [];
    for (let cursor: string | undefined, i = 0; i === 0 || cursor; i++) {
      const page: { cases: CaseRecord[]; nextCursor?: string } = await timed.search({ search: mobile, limit: 3, cursor });
      pages.push(references(page));
      cursor = page.nextCursor;
    }
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(pages.flat()).toEqual(newestFirst);
    await expect(timed.search({ cursor: 'not-a-cursor' })).rejects.toThrow(InvalidCursorError);

    expect(references(await timed.search({ search: mobile, createdFrom: '2026-10-06', createdTo: '2026-10-08' }))).toEqual(newestFirst.slice(3, 6));
    expect(references(await timed.search({ search: made[3].applicant.posSerial.toLowerCase() }))).toEqual([made[3].reference]);
    expect(references(await timed.search({ search: made[2].reference.replace(/-/g, ' ').toLowerCase() }))).toEqual([made[2].reference]);
    expect(references(await timed.search({ search: '8642' }))).toEqual([made[4].reference]);
    expect(references(await timed.search({ search: 'nothing like a case' }))).toEqual([]);

    await timed.transition(made[0].reference, 'under_review', 'backoffice:ops');
    await timed.transition(made[1].reference, 'under_review', 'backoffice:ops');
    await timed.transition(made[1].reference, 'approved', 'backoffice:ops', { amount: 99, method: 'cash' });
    expect(references(await timed.search({ search: mobile, status: 'under_review' }))).toEqual([made[0].reference]);
    expect(references(await timed.search({ search: mobile, refundUnconfirmed: true }))).toEqual([made[1].reference]);
    clock = new Date('2026-10-14T03:00:00Z');
    const overdue = made.filter((c) => c.reference !== made[1].reference && c.decision.latest < '2026-10-14').map((c) => c.reference).reverse();
    expect(overdue.length).toBeGreaterThan(0);
    expect(references(await timed.search({ search: mobile, overdue: true }))).toEqual(overdue);

    const counts = await timed.countByStatus();
    const db = await database.db();
    const total = await db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(total.n);
    expect(counts.approved).toBeGreaterThanOrEqual(1);
  });

  it('erases an applicant down to reference, status, dates and amounts, and finds nothing of them afterwards', async () => {
    const mobile = `137${randomInt(10 ** 7, 10 ** 8)}`;
    const { record } = await service.submit(application({ mobile }));
    await service.transition(record.reference, 'under_review', 'backoffice:ops');
    await service.transition(record.reference, 'approved', 'backoffice:ops', { amount: 88.5, method: 'cash' });
    await service.addNote(record.reference, 'backoffice:ops', `called ${mobile}`);
    expect((await service.forMobile(mobile)).map((c) => c.reference)).toEqual([record.reference]);

    expect(await service.eraseSubject(mobile, 'backoffice:admin')).toEqual([record.reference]);
    expect(await service.forMobile(mobile)).toEqual([]);
    const kept = (await service.get(record.reference))!;
    expect(kept).toMatchObject({ reference: record.reference, status: 'approved', createdAt: record.createdAt, decision: record.decision, receivedOn: record.receivedOn, erasedAt: expect.any(String) });
    expect(kept.applicant).toEqual({ fullName: '', mobile: '', posSerial: '', cardLast4: '' });
    expect(kept.cardSealed).toBeUndefined();
    expect(JSON.stringify(kept)).not.toContain(mobile);
    expect(kept.events.map((e) => e.type)).toEqual(['submitted', 'under_review', 'approved', 'note', 'erased']);
    const db = await database.db();
    const row = await db.selectFrom('cases').select(['refund_amount', 'card_fingerprint', 'owner_user_id']).where('reference', '=', record.reference).executeTakeFirstOrThrow();
    expect(row).toEqual({ refund_amount: 88.5, card_fingerprint: null, owner_user_id: null });
  });

  it('anonymizes cases closed longer ago than the retention period, and only those', async () => {
    let clock = new Date('2025-01-10T03:00:00Z');
    const timed = caseService(database, { key, now: () => clock });
    const old = (await timed.submit(application())).record;
    await timed.transition(old.reference, 'withdrawn', 'backoffice:ops');
    clock = new Date('2025-12-01T03:00:00Z');
    const recent = (await timed.submit(application())).record;
    await timed.transition(recent.reference, 'withdrawn', 'backoffice:ops');
    const open = (await timed.submit(application())).record;

    clock = new Date('2026-01-20T03:00:00Z');
    expect(await timed.anonymizeClosedBefore(365)).toBeGreaterThanOrEqual(1);
    expect((await timed.get(old.reference))?.erasedAt).toBeDefined();
    expect((await timed.get(recent.reference))?.erasedAt).toBeUndefined();
    expect((await timed.get(open.reference))?.applicant.mobile).toBe(open.applicant.mobile);
    expect(await timed.anonymizeClosedBefore(365)).toBe(0);
  });

  it("keeps each merchant's cases between messages, and every change on one instance reaches another's on its next read", async () => {
    let clock = new Date('2025-03-03T03:00:00Z');
    // Two instances: each its own cached lists, one place for the versions (Redis in production).
    const versions = new MemoryKeyValue();
    const instance = () => caseService(database, { key, now: () => clock, owners: new OwnerCases(versions, (err) => { throw err; }) });
    const [a, b] = [instance(), instance()];
    const userId = `cached-${randomInt(10 ** 9)}`;
    const mobile = `136${randomInt(10 ** 7, 10 ** 8)}`;
    const statuses = async () => (await b.forUser(userId)).map((c) => `${c.status}:${c.events.length}`);

    expect(await statuses()).toEqual([]);
    const { record } = await a.submit(application({ mobile, owner: { userId, channelId: 'directline', conversation: { conversation: { id: 'c1' } } } }));
    expect(await statuses()).toEqual(['submitted:1']);
    // Cached: the same list until something changes.
    expect(await b.forUser(userId)).toBe(await b.forUser(userId));
    await a.transition(record.reference, 'under_review', 'backoffice:ops');
    expect(await statuses()).toEqual(['under_review:2']);
    await a.addNote(record.reference, 'backoffice:ops', 'called');
    expect(await statuses()).toEqual(['under_review:3']);
    await a.followConversation([record.reference], { conversation: { id: 'c2' } });
    expect((await b.forUser(userId))[0].owner.latestConversation).toEqual({ conversation: { id: 'c2' } });
    await a.transition(record.reference, 'withdrawn', 'backoffice:ops');
    clock = new Date('2026-06-01T03:00:00Z');
    await a.anonymizeClosedBefore(30);
    expect(await statuses()).toEqual([]);

    const second = (await a.submit(application({ mobile, owner: { userId, channelId: 'directline', conversation: {} } }))).record;
    expect(await statuses()).toEqual(['submitted:1']);
    expect(await a.eraseSubject(mobile, 'backoffice:admin')).toContain(second.reference);
    expect(await statuses()).toEqual([]);
  });

  // PGlite is one connection in one process: only a server has other instances to keep out.
  (driver.name === 'postgres' ? it : it.skip)('runs the retention job on one instance at a time', async () => {
    const db = await database.db();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const holding = new Promise<void>((resolve) => (locked = resolve));
    const other = db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(7340012)`.execute(trx);
      locked();
      await held;
    });
    await holding;
    expect(await service.anonymizeClosedBefore(0)).toBeUndefined();
    release();
    await other;
    expect(await service.anonymizeClosedBefore(0)).toEqual(expect.any(Number));
  });
});
