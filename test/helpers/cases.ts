import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { CardFingerprints } from '../../src/cases/cardFingerprint';
import { CardVault } from '../../src/cases/cardVault';
import { CaseService, type Application, type CaseRecord } from '../../src/cases/caseService';
import type { OwnerCases } from '../../src/cases/ownerCases';
import type { Database } from '../../src/db/database';
import { luhnValid } from '../../src/pii/cardNumbers';
import { testDatabase } from './database';

/** A valid card number (Luhn) ending in `last4`, different each time. */
export function cardEndingIn(last4: string): string {
  const middle = Array.from({ length: 7 }, () => randomInt(10)).join('');
  for (let d = 0; d < 10; d++) {
    const card = `4${middle}${d}${'0'.repeat(3)}${last4}`.slice(0, 16);
    if (luhnValid(card)) return card;
  }
  throw new Error('unreachable: one digit always completes a Luhn number');
}

/** An application for a terminal of its own (serial and card), unless `overrides` say otherwise. */
export function application(overrides: Partial<Application> = {}): Application {
  return {
    fullName: '王五',
    cardNumber: cardEndingIn('1111'),
    posSerial: `LKL${randomInt(10 ** 9, 10 ** 10)}`,
    mobile: '13900001111',
    reason: { code: 'business_change' },
    receivedOn: '2026-10-01',
    language: 'zh-CN',
    owner: { userId: 'owner', channelId: 'test', conversation: {} },
    idempotencyKey: randomUUID(),
    ...overrides,
  };
}

export function caseService(database: Database = testDatabase(), options: { key?: Buffer; now?: () => Date; owners?: OwnerCases } = {}): CaseService {
  const key = options.key ?? randomBytes(32);
  return new CaseService(database, new CardVault(key), new CardFingerprints(key), { holidays: new Set(), now: options.now, owners: options.owners });
}

/** Submits a case on this test file's database, as the cancellation dialog would. */
export async function submitCase(overrides: Partial<Application> = {}): Promise<CaseRecord> {
  return (await caseService().submit(application(overrides))).record;
}
