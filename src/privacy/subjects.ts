import type { CaseRecord, CaseService } from '../cases/caseService';
import type { HandoffService } from '../handoff/handoffService';

/** The conversation id in a case's saved conversation reference, when it has one. */
const conversationOf = (record: CaseRecord): string | undefined => (record.owner.conversation as { conversation?: { id?: unknown } } | undefined)?.conversation?.id as string | undefined;

/**
 * A data subject's rights over what is held about them (PIPL arts. 45 and 47), found by their mobile
 * number: everything in one document, or erased down to the record the business must keep.
 */
export class SubjectData {
  constructor(
    private readonly cases: CaseService,
    private readonly handoffs: HandoffService,
  ) {}

  async export(mobile: string) {
    const records = await this.cases.forMobile(mobile);
    const references = records.map((r) => r.reference);
    const conversations = [...new Set(records.map(conversationOf).filter((id): id is string => Boolean(id)))];
    return {
      mobile,
      references,
      // The sealed card stays sealed: the export shows its last 4 digits, like every other view.
      cases: records.map(({ cardSealed: _sealed, ...record }) => record),
      callbacks: await this.handoffs.callbacksOf(mobile, references),
      conversations: await Promise.all(conversations.map(async (id) => ({ conversationId: id, transcript: await this.handoffs.transcript(id) }))),
    };
  }

  /** Erases what the system of record holds about the subject; returns the references of the cases it kept minimal. */
  erase(mobile: string, by: string): Promise<string[]> {
    return this.cases.eraseSubject(mobile, by);
  }
}
