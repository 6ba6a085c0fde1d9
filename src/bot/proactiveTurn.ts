import type { ConversationReference, TurnContext } from 'botbuilder';
import type { DomainEvent } from './domainEvents';

/** What a turn the server starts itself (never a channel) tells the turn pipeline's middleware. */
export interface ProactiveTurn {
  /** Under the conversation's turn lock, in order with the user's own turns (false: sends that touch no bot state). */
  inTurnOrder: boolean;
  /** The domain event the turn was opened for. */
  event?: DomainEvent;
}

const PROACTIVE = Symbol('proactiveTurn');

/**
 * The reference to continue a conversation with. botbuilder hands the reference object itself to the
 * middleware as the continuation activity's `relatesTo`, and a symbol is nothing JSON from a channel
 * can carry: no activity a channel delivers passes for a proactive turn or a domain event.
 */
export function proactiveReference(reference: Partial<ConversationReference>, turn: ProactiveTurn): Partial<ConversationReference> {
  return { ...reference, [PROACTIVE]: turn } as Partial<ConversationReference>;
}

/** Set on turns the server started itself; undefined on everything a channel delivered. */
export function proactiveTurnOf(context: TurnContext): ProactiveTurn | undefined {
  const relatesTo = context.activity.relatesTo as { [PROACTIVE]?: ProactiveTurn } | undefined;
  return relatesTo?.[PROACTIVE];
}
