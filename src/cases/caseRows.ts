import type { CaseEventRow, CaseRow } from '../db/schema';
import type { CaseEvent, CaseRecord, ReasonCode } from './caseService';

/** A case as the rest of the code knows it, from its row and its events (in order). */
export function recordOf(row: CaseRow, events: CaseEventRow[]): CaseRecord {
  return {
    reference: row.reference,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    language: row.language,
    applicant: {
      fullName: row.full_name ?? '',
      mobile: row.mobile ?? '',
      ...(row.email ? { email: row.email } : {}),
      posSerial: row.pos_serial ?? '',
      cardLast4: row.card_last4 ?? '',
    },
    ...(row.card_sealed ? { cardSealed: row.card_sealed } : {}),
    reason: { code: row.reason_code as ReasonCode, ...(row.reason_detail ? { detail: row.reason_detail } : {}) },
    receivedOn: row.received_on,
    decision: { earliest: row.decision_earliest, latest: row.decision_latest },
    owner: { userId: row.owner_user_id ?? '', channelId: row.owner_channel_id, conversation: row.owner_conversation ?? {}, ...(row.latest_conversation ? { latestConversation: row.latest_conversation } : {}) },
    events: events.map(eventOf),
    ...(row.erased_at ? { erasedAt: row.erased_at.toISOString() } : {}),
  };
}

export function eventOf(row: CaseEventRow): CaseEvent {
  return { at: row.at.toISOString(), by: row.actor, type: row.type, ...(row.data ? { data: row.data as Record<string, unknown> } : {}) };
}
