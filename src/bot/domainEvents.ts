import type { ConversationReference, TurnContext } from 'botbuilder';
import type { Deliver } from './handoffNotices';
import { proactiveTurnOf } from './proactiveTurn';

/** The follow-up: the offer brought up again, the refund asked about again, or a person took the refund over. */
export type CaseFollowUp = 'acceptReminder' | 'reminder' | 'escalated';

/** What the server itself tells a conversation: a change of the user's case, or how their handoff ended. */
export type DomainEvent =
  | { kind: 'caseUpdated'; reference: string; followUp?: CaseFollowUp }
  | { kind: 'handoffEnded'; handoffId: string }
  | { kind: 'handoffUnanswered'; handoffId: string };

/** The domain event this turn was opened for, if any (only `DomainEvents.raise` opens such turns). */
export function domainEventOf(context: TurnContext): DomainEvent | undefined {
  return proactiveTurnOf(context)?.event;
}

/**
 * The one door for domain events: a proactive turn into the conversation the case or handoff holds,
 * run by the bot in turn order with the user's own messages. Activities from channels (whatever their
 * name or value) are only ever what the user did.
 */
export class DomainEvents {
  constructor(
    private readonly deliver: Deliver,
    private readonly runBot: (context: TurnContext) => Promise<void>,
  ) {}

  raise(reference: Partial<ConversationReference>, event: DomainEvent, locale: string): Promise<void> {
    return this.deliver({ ...reference, locale }, this.runBot, { inTurnOrder: true, event });
  }
}
