import type { StoreItems } from 'botbuilder';
import type { AttachmentService } from '../attachments/attachmentService';
import type { CaseRecord, CaseService } from '../cases/caseService';
import type { DirectLineService } from '../channels/directline/service';
import type { HandoffService } from '../handoff/handoffService';
import type { TranscriptService } from '../handoff/transcriptService';
import type { SavedState, StateAddress } from '../state/savedState';

/** Where each part of a subject's conversations is kept; each service reads and erases its own. */
export interface ConversationStores {
  cases: CaseService;
  handoffs: Pick<HandoffService, 'callbacksOf'>;
  transcripts: Pick<TranscriptService, 'read' | 'forget'>;
  directLine: Pick<DirectLineService, 'log' | 'forget'>;
  state: SavedState;
  attachments: Pick<AttachmentService, 'inConversation' | 'forgetConversation'>;
  /** A saved conversation state as the subject reads it (what the bot said spelled out, not kept as keys). */
  readable: (conversation: StoreItems) => StoreItems;
}

type Reference = { channelId?: string; conversation?: { id?: unknown }; user?: { id?: unknown } } | undefined;

/** The conversations a subject's cases know of (where they applied, and where they last wrote), once each. */
function conversationsOf(records: CaseRecord[]): StateAddress[] {
  const found = new Map<string, StateAddress>();
  for (const record of records) {
    for (const reference of [record.owner.conversation, record.owner.latestConversation] as Reference[]) {
      const conversationId = reference?.conversation?.id;
      if (typeof conversationId !== 'string' || found.has(conversationId)) continue;
      const userId = typeof reference?.user?.id === 'string' ? reference.user.id : record.owner.userId;
      found.set(conversationId, { channelId: reference?.channelId ?? record.owner.channelId, conversationId, ...(userId ? { userId } : {}) });
    }
  }
  return [...found.values()];
}

/** A sealed card stays sealed and out of an export: it shows the last 4 digits, like every other view. */
const withoutSealedCards = <T>(value: T): T => JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'cardSealed' ? undefined : v)) ?? 'null') as T;

/**
 * A data subject's rights over what is held about them (PIPL arts. 45 and 47), found by their mobile
 * number: everything in one document (the system of record, and what Redis still holds of their
 * conversations), or erased down to the record the business must keep.
 */
export class SubjectData {
  constructor(private readonly stores: ConversationStores) {}

  async export(mobile: string) {
    const { cases, handoffs, transcripts, directLine, state, attachments, readable } = this.stores;
    const records = await cases.forMobile(mobile);
    const references = records.map((r) => r.reference);
    const conversations = await Promise.all(
      conversationsOf(records).map(async (address) => ({
        ...address,
        activities: await directLine.log(address.conversationId),
        transcript: await transcripts.read(address.conversationId),
        state: await state.of(address).then(({ conversation, user }) => ({ conversation: conversation && readable(conversation), user })),
        uploads: await attachments.inConversation(address.conversationId),
      })),
    );
    return withoutSealedCards({ mobile, references, cases: records, callbacks: await handoffs.callbacksOf(mobile, references), conversations });
  }

  /**
   * Erases the subject's conversations wherever they are kept, then their cases down to the minimum
   * record. In that order: were the cases' erasure to fail, a retry still finds the conversations
   * through them. Returns the references of the cases kept minimal and the conversations erased.
   */
  async erase(mobile: string, by: string): Promise<{ references: string[]; conversations: string[] }> {
    const { cases, transcripts, directLine, state, attachments } = this.stores;
    const conversations = conversationsOf(await cases.forMobile(mobile));
    await Promise.all(
      conversations.map((address) =>
        Promise.all([directLine.forget(address.conversationId), transcripts.forget(address.conversationId), state.forget(address), attachments.forgetConversation(address.conversationId)]),
      ),
    );
    return { references: await cases.eraseSubject(mobile, by), conversations: conversations.map((c) => c.conversationId) };
  }
}
