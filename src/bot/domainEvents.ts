import type { ConversationReference, TurnContext } from 'botbuilder';
import type { Deliver } from './handoffNotices';

/** The follow-up: the offer brought up again, the refund asked about again, or a person took the refund over. */
export type CaseFollowUp = 'acceptReminder' | 'reminder' | 'escalated';

/** What the server itself tells a conversation: a change of the user's case, or how their handoff ended. */
export type DomainEvent =
  | { kind: 'caseUpdated'; reference: string; followUp?: CaseFollowUp }
  | { kind: 'handoffEnded'; handoffId: string }
  | { kind: 'handoffUnanswered'; handoffId: string };

/** Turn state, never an activity field: nothing a channel delivers can carry it. */
const DOMAIN_EVENT = Symbol('domainEvent');

/** The domain event this turn was opened for, if any (only `DomainEvents.raise` opens such turns). */
export function domainEventOf(context: TurnContext): DomainEvent | undefined {
  return context.turnState.get(DOMAIN_EVENT) as DomainEvent | undefined;
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
    return this.deliver(reference, async (context) => {
      // A turn of its own, not a reply to whatever the user said last.
      context.activity.id = undefined as unknown as string;
      context.activity.locale = locale;
      context.turnState.set(DOMAIN_EVENT, event);
      await this.runBot(context);
    });
  }
}
