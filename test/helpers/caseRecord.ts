import type { CaseRecord } from '../../src/cases/caseService';

/** A submitted case as stored, for tests that render or inspect one; `reasonDetail` is what the user typed. */
export function caseRecord(reasonDetail: string): CaseRecord {
  return {
    reference: 'PC-2611-00000A',
    status: 'submitted',
    createdAt: '2026-11-24T02:00:00.000Z',
    language: 'zh-CN',
    applicant: { fullName: '张三', mobile: '13800138000', posSerial: 'LKL12345678', cardLast4: '5670' },
    reason: { code: 'other', detail: reasonDetail },
    receivedOn: '2026-10-01',
    decision: { earliest: '2026-11-26', latest: '2026-12-01' },
    owner: { userId: 'u', channelId: 'directline', conversation: {} },
    events: [{ at: '2026-11-24T02:00:00.000Z', by: 'user:u', type: 'submitted' }],
  };
}
