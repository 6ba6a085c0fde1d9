import { randomBytes } from 'node:crypto';
import { CardFingerprints } from '../../src/cases/cardFingerprint';
import { CardVault } from '../../src/cases/cardVault';
import { CaseService, type CaseRecord } from '../../src/cases/caseService';
import { CaseFollowUps } from '../../src/cases/followUps';
import type { FollowUpStep } from '../../src/cases/pending';
import { Database } from '../../src/db/database';
import { createLogger } from '../../src/log/logger';
import { application } from '../helpers/cases';
import { createDatabase, type ScratchDatabase } from '../helpers/database';

const silent = createLogger('silent');
const RULES = { acceptReminderBusinessDays: 2, paymentBusinessDays: 3, reminderBusinessDays: 3, escalateBusinessDays: 7, holidays: new Set<string>() };
const DAY = 86_400_000;

/**
 * The follow-up job on two instances (each its own connection pool) of one real PostgreSQL, run at the
 * same moment: every reminder and every hand-over happens once, on one of them.
 */
describe('the follow-up job on two instances at once', () => {
  let scratch: ScratchDatabase;
  let databases: Database[];
  // Monday 2026-11-23, 10:00 in Shanghai.
  let clock = new Date('2026-11-23T02:00:00Z');

  beforeAll(async () => {
    scratch = await createDatabase();
    databases = [1, 2].map(() => new Database({ url: scratch.url, dataDir: 'unused', statementTimeoutMs: 5000, poolSize: 5 }, silent));
  });
  afterAll(async () => {
    await Promise.all(databases.map((d) => d.close()));
    await scratch.drop();
  });

  it('reminds, brings up the offer and escalates each case once, whichever instance gets there first', async () => {
    const key = randomBytes(32);
    const cases = databases.map((d) => new CaseService(d, new CardVault(key), new CardFingerprints(key), { holidays: new Set(), now: () => clock }));
    const acted: { step: FollowUpStep; reference: string }[] = [];
    const action = (step: FollowUpStep) => async (record: CaseRecord) => void acted.push({ step, reference: record.reference });
    const instances = cases.map(
      (service) => new CaseFollowUps(service, RULES, { acceptRemind: action('acceptRemind'), remind: action('remind'), escalate: action('escalate') }, silent, () => clock),
    );
    const [first] = cases;
    const paid: string[] = [];
    const approved: string[] = [];
    for (let i = 0; i < 8; i++) {
      const { record } = await first.submit(application());
      await first.transition(record.reference, 'under_review', 'backoffice:alice');
      await first.transition(record.reference, 'approved', 'backoffice:alice', { amount: 100, method: 'cash' });
      if (i % 2) {
        approved.push(record.reference);
        continue;
      }
      await first.transition(record.reference, 'refund_agreed', 'user:owner');
      await first.transition(record.reference, 'refund_paid', 'backoffice:alice');
      paid.push(record.reference);
    }
    const runBoth = async () => {
      const results = await Promise.all(instances.map((i) => i.run()));
      return results.flatMap((r) => Object.entries(r));
    };

    // Thursday: 3 business days after Monday.
    clock = new Date(clock.getTime() + 3 * DAY);
    const reminded = await runBoth();
    expect(reminded.map(([reference]) => reference).sort()).toEqual([...paid, ...approved].sort());
    expect(Object.fromEntries(reminded)).toEqual(Object.fromEntries([...paid.map((r) => [r, 'remind']), ...approved.map((r) => [r, 'acceptRemind'])]));
    expect(await runBoth()).toEqual([]);

    // The Wednesday after: 7 business days.
    clock = new Date(clock.getTime() + 6 * DAY);
    const escalated = await runBoth();
    expect(escalated.map(([reference, step]) => [reference, step]).sort()).toEqual(paid.map((r) => [r, 'escalate']).sort());
    expect(await runBoth()).toEqual([]);

    // What was acted on is what was recorded: once per case and step, on one instance.
    expect(acted).toHaveLength(paid.length * 2 + approved.length);
    for (const reference of paid) {
      const types = (await first.get(reference))!.events.map((e) => e.type);
      expect(types.filter((t) => t === 'refund_reminded')).toHaveLength(1);
      expect(types.filter((t) => t === 'refund_escalated')).toHaveLength(1);
    }
    for (const reference of approved) {
      expect((await first.get(reference))!.events.filter((e) => e.type === 'accept_reminded')).toHaveLength(1);
    }
  });
});
