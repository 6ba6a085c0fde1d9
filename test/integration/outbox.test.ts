import type { Kysely } from 'kysely';
import { randomBytes } from 'node:crypto';
import { CardFingerprints } from '../../src/cases/cardFingerprint';
import { CardVault } from '../../src/cases/cardVault';
import { loadConfig } from '../../src/config';
import { CaseService, type CaseRecord } from '../../src/cases/caseService';
import { Database } from '../../src/db/database';
import type { Tables } from '../../src/db/schema';
import { localizerFor } from '../../src/app';
import { createLogger } from '../../src/log/logger';
import { SmtpEmailSender } from '../../src/notifications/email';
import { OPT_OUT_EVENT } from '../../src/notifications/optOut';
import { Outbox } from '../../src/notifications/outbox';
import { NotificationSender } from '../../src/notifications/sender';
import { LogSmsProvider } from '../../src/notifications/sms/log';
import { OutboxWorker, retryDelayMs, type OutboxWorkerOptions } from '../../src/notifications/worker';
import { caseRecord } from '../helpers/caseRecord';
import { createDatabase } from '../helpers/database';
import { DRIVERS } from '../helpers/databases';
import { startSmtpServer, type LoopbackSmtp } from '../helpers/smtpServer';

const localizer = localizerFor(loadConfig({}));
const silent = createLogger('silent');
const MINUTE = 60_000;

/** A clock the test moves: retries become due when the test says so, not after real waiting. */
class Clock {
  private at = Date.now();
  now = () => new Date(this.at);
  advance(ms: number) {
    this.at += ms;
  }
}

let serial = 0;
function newCase(email: string): CaseRecord {
  const record = caseRecord('');
  serial += 1;
  record.reference = `PC-2611-${String(serial).padStart(6, '0')}`;
  record.applicant = { ...record.applicant, email, posSerial: `LKL${String(serial).padStart(8, '0')}` };
  return record;
}

/** The case row and its notifications in one transaction, as a case transition writes them. */
async function submitWithNotifications(db: Kysely<Tables>, outbox: Outbox, record: CaseRecord, fail = false): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('cases')
      .values({
        reference: record.reference,
        status: record.status,
        language: record.language,
        email: record.applicant.email,
        mobile: record.applicant.mobile,
        pos_serial: record.applicant.posSerial,
        reason_code: record.reason.code,
        received_on: record.receivedOn,
        decision_earliest: record.decision.earliest,
        decision_latest: record.decision.latest,
        owner_channel_id: 'test',
        idempotency_key: record.reference,
      })
      .execute();
    await outbox.queue(trx, record, 'submitted');
    if (fail) throw new Error('the transition failed after queueing');
  });
}

function setUp(database: Database, smtpUrl: string, options: Partial<OutboxWorkerOptions> = {}) {
  const email = new SmtpEmailSender(smtpUrl, 'no-reply@pos.example.com', 3000);
  // SMS only where a template is configured: none here, so these tests are about email.
  const sender = new NotificationSender(localizer, { email, sms: new LogSmsProvider(silent, 'test'), smsTemplate: () => undefined });
  const clock = new Clock();
  const outbox = new Outbox(database, sender, clock.now);
  const cases = new Map<string, CaseRecord>();
  const worker = (extra: Partial<OutboxWorkerOptions> = {}) =>
    new OutboxWorker(outbox, sender, async (reference) => cases.get(reference), { maxAttempts: 5, retryBaseMs: MINUTE, retryMaxMs: 60 * MINUTE, pollMs: 50, batch: 10, leaseMs: 5 * MINUTE, now: clock.now, ...options, ...extra }, silent);
  return { email, outbox, cases, clock, worker };
}

describe('exponential backoff', () => {
  it('doubles the wait after each failure, up to the cap', () => {
    expect([1, 2, 3, 4, 5, 10].map((n) => retryDelayMs(n, 30_000, 300_000))).toEqual([30_000, 60_000, 120_000, 240_000, 300_000, 300_000]);
  });
});

describe.each(DRIVERS)('the notification outbox on $name', (driver) => {
  let database: Database;
  let dispose: () => Promise<void>;
  let smtp: LoopbackSmtp;

  beforeAll(async () => {
    ({ database, dispose } = await driver.open());
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await smtp.close();
    await dispose();
  });

  it('sends an email queued with the case change through the SMTP server, once, and records it', async () => {
    const { email, outbox, cases, worker } = setUp(database, smtp.url);
    const record = newCase('first@example.com');
    cases.set(record.reference, record);
    await submitWithNotifications(await database.db(), outbox, record);
    const before = smtp.received.length;
    expect(await worker().runOnce()).toBe(1);
    const [mail] = (await smtp.arrived(before + 1)).slice(before);
    expect(mail.to).toEqual(['first@example.com']);
    expect(mail.parsed.subject).toContain(record.reference);
    expect(await worker().runOnce()).toBe(0);
    const [row] = await outbox.list({ caseReference: record.reference, limit: 10 });
    expect(row).toMatchObject({ channel: 'email', template: 'submitted', status: 'sent', attempts: 1, last_error: null, provider_id: mail.parsed.messageId });
    email.close();
  });

  it('queues nothing when the case change is rolled back', async () => {
    const { email, outbox } = setUp(database, smtp.url);
    const record = newCase('rolled-back@example.com');
    await expect(submitWithNotifications(await database.db(), outbox, record, true)).rejects.toThrow(/transition failed/);
    expect(await outbox.list({ caseReference: record.reference, limit: 10 })).toEqual([]);
    email.close();
  });

  it('skips a notification whose merchant opted out after it was queued', async () => {
    const { email, outbox, cases, worker } = setUp(database, smtp.url);
    const record = newCase('changed-mind@example.com');
    await submitWithNotifications(await database.db(), outbox, record);
    cases.set(record.reference, { ...record, events: [...record.events, { at: new Date().toISOString(), by: 'user:u', type: OPT_OUT_EVENT, data: { channel: 'email' } }] });
    const before = smtp.received.length;
    await worker().runOnce();
    expect(smtp.received.length).toBe(before);
    expect(await outbox.list({ caseReference: record.reference, limit: 1 })).toEqual([expect.objectContaining({ status: 'skipped', last_error: 'opted_out' })]);
    email.close();
  });

  it('is written by the case service in the transaction of each event that notifies, and only those', async () => {
    const { email, outbox } = setUp(database, smtp.url);
    const key = randomBytes(32);
    const cases = new CaseService(database, new CardVault(key), new CardFingerprints(key), { holidays: new Set(), onChange: (trx, record, event) => outbox.queue(trx, record, event) });
    const { record } = await cases.submit({
      fullName: '王五',
      cardNumber: '4111111111111111',
      posSerial: `LKL${randomBytes(4).toString('hex')}`,
      mobile: '13900001111',
      email: 'wang@example.com',
      reason: { code: 'business_change' },
      receivedOn: '2026-10-01',
      language: 'zh-CN',
      owner: { userId: 'u', channelId: 'test', conversation: {} },
      idempotencyKey: randomBytes(8).toString('hex'),
    });
    const kinds = async () => (await outbox.list({ caseReference: record.reference, limit: 20 })).map((row) => row.template).reverse();
    await cases.transition(record.reference, 'under_review', 'backoffice:li');
    await cases.addNote(record.reference, 'backoffice:li', 'called the merchant');
    await cases.transition(record.reference, 'approved', 'backoffice:li', { amount: 10, method: 'cash' });
    await expect(cases.transition(record.reference, 'closed', 'backoffice:li')).rejects.toThrow(/cannot become closed/);
    await cases.addEvent(record.reference, 'system', 'accept_reminded');
    expect(await kinds()).toEqual(['submitted', 'approved', 'accept_reminder']);
    // Not for the workers of the tests that follow.
    await (await database.db()).deleteFrom('outbox').where('case_reference', '=', record.reference).execute();
    email.close();
  });

  it('retries with a growing wait and sends once the server is back', async () => {
    // A port that had a server a moment ago and has none now.
    const gone = await startSmtpServer();
    await gone.close();
    const { email, outbox, cases, clock, worker } = setUp(database, gone.url);
    const record = newCase('patient@example.com');
    cases.set(record.reference, record);
    await submitWithNotifications(await database.db(), outbox, record);
    const row = async () => (await outbox.list({ caseReference: record.reference, limit: 1 }))[0];

    expect(await worker().runOnce()).toBe(1);
    expect(await row()).toMatchObject({ status: 'retrying', attempts: 1, last_error: expect.stringMatching(/ECONNREFUSED/) });
    expect((await row()).next_attempt_at.getTime()).toBe(clock.now().getTime() + MINUTE);
    // Not due yet.
    clock.advance(MINUTE - 1000);
    expect(await worker().runOnce()).toBe(0);
    clock.advance(1000);
    expect(await worker().runOnce()).toBe(1);
    expect(await row()).toMatchObject({ status: 'retrying', attempts: 2 });
    expect((await row()).next_attempt_at.getTime()).toBe(clock.now().getTime() + 2 * MINUTE);

    const back = await startSmtpServer(gone.port);
    try {
      clock.advance(2 * MINUTE);
      expect(await worker().runOnce()).toBe(1);
      expect((await back.arrived(1)).map((m) => m.to)).toEqual([['patient@example.com']]);
      expect(await row()).toMatchObject({ status: 'sent', attempts: 3, last_error: null });
      clock.advance(60 * MINUTE);
      expect(await worker().runOnce()).toBe(0);
      expect(back.received).toHaveLength(1);
    } finally {
      email.close();
      await back.close();
    }
  });

  it('gives up after the last attempt and says why', async () => {
    const gone = await startSmtpServer();
    await gone.close();
    const { email, outbox, cases, clock, worker } = setUp(database, gone.url, { maxAttempts: 2 });
    const record = newCase('unlucky@example.com');
    cases.set(record.reference, record);
    await submitWithNotifications(await database.db(), outbox, record);
    await worker().runOnce();
    clock.advance(MINUTE);
    await worker().runOnce();
    clock.advance(24 * 60 * MINUTE);
    expect(await worker().runOnce()).toBe(0);
    expect(await outbox.list({ caseReference: record.reference, limit: 1 })).toEqual([expect.objectContaining({ status: 'failed', attempts: 2, last_error: expect.stringMatching(/ECONNREFUSED/) })]);
    email.close();
  });
});

describe('two instances sending from one PostgreSQL outbox', () => {
  it('sends every message exactly once', async () => {
    const scratch = await createDatabase();
    // Two instances: each its own connection pool to the same database.
    const [first, second] = [1, 2].map(() => new Database({ url: scratch.url, dataDir: 'unused', statementTimeoutMs: 5000, poolSize: 5 }, silent));
    const smtp = await startSmtpServer();
    const a = setUp(first, smtp.url, { batch: 3 });
    const b = setUp(second, smtp.url, { batch: 3 });
    try {
      const count = 30;
      for (let i = 0; i < count; i++) {
        const record = newCase(`merchant${i}@example.com`);
        a.cases.set(record.reference, record);
        b.cases.set(record.reference, record);
        await submitWithNotifications(await first.db(), a.outbox, record);
      }
      // Both drain the outbox at the same time, in small batches.
      const drain = async (worker: OutboxWorker) => {
        let total = 0;
        for (let n; (n = await worker.runOnce()) > 0; ) total += n;
        return total;
      };
      const [byA, byB] = await Promise.all([drain(a.worker()), drain(b.worker())]);
      expect(byA + byB).toBe(count);
      expect(byA).toBeGreaterThan(0);
      expect(byB).toBeGreaterThan(0);
      const recipients = (await smtp.arrived(count)).map((m) => m.to[0]).sort();
      expect(recipients).toEqual(Array.from({ length: count }, (_, i) => `merchant${i}@example.com`).sort());
      const rows = await a.outbox.list({ limit: 100 });
      expect(rows.map((r) => [r.status, r.attempts])).toEqual(Array.from({ length: count }, () => ['sent', 1]));
    } finally {
      a.email.close();
      b.email.close();
      await Promise.all([first.close(), second.close()]);
      await smtp.close();
      await scratch.drop();
    }
  });
});
