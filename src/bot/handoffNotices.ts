import { ActivityTypes, MessageFactory, type Activity, type ConversationReference, type TurnContext } from 'botbuilder';
import type { Replies } from '../../dialogs/shared/replies';
import type { UserNotifier } from '../handoff/handoffService';
import type { HandoffRecord } from '../handoff/types';
import { normalizeLocale, type Language } from '../i18n/language';
import type { Localizer } from '../i18n/localizer';
import type { DomainEvents } from './domainEvents';
import type { ProactiveTurn } from './proactiveTurn';
import { NOT_RECORDED } from './transcriptRecorder';

/** Sends into a conversation proactively, through the channel it came from and the turn pipeline; in turn order unless told otherwise. */
export type Deliver = (reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>, turn?: ProactiveTurn) => Promise<void>;

/**
 * Tells the user what happens with their handoff. Plain notices are sent as they are; the end of a
 * chat and a chat nobody took are domain events the bot handles, which asks for a rating or offers to
 * leave a message.
 */
export class HandoffNotices implements UserNotifier {
  constructor(
    private readonly localizer: Localizer,
    private readonly replies: Replies,
    private readonly deliver: Deliver,
    private readonly events: DomainEvents,
  ) {}

  position(record: HandoffRecord, position: number, waitMinutes: number): Promise<void> {
    const lang = languageOf(record);
    const text = this.localizer.t(lang, 'handoff:position', { position, minutes: waitMinutes });
    return this.send(record, MessageFactory.suggestedActions([this.localizer.t(lang, 'handoff:stopWaiting')], text));
  }

  joined(record: HandoffRecord): Promise<void> {
    return this.send(record, this.replies.text(languageOf(record), 'handoff:joined', { agent: record.agent }));
  }

  agentMessage(record: HandoffRecord, text: string): Promise<void> {
    // Plain text: what an agent types is shown as typed, never interpreted as markdown.
    return this.send(record, { type: ActivityTypes.Message, text, textFormat: 'plain', channelData: { agent: record.agent } });
  }

  agentTyping(record: HandoffRecord): Promise<void> {
    return this.send(record, { type: ActivityTypes.Typing });
  }

  requeued(record: HandoffRecord): Promise<void> {
    return this.send(record, this.replies.text(languageOf(record), 'handoff:requeued'));
  }

  unanswered(record: HandoffRecord): Promise<void> {
    return this.events.raise(referenceOf(record), { kind: 'handoffUnanswered', handoffId: record.id }, languageOf(record));
  }

  ended(record: HandoffRecord): Promise<void> {
    return this.events.raise(referenceOf(record), { kind: 'handoffEnded', handoffId: record.id }, languageOf(record));
  }

  /**
   * Plain notices touch no bot state and the bot is silent meanwhile, so they skip the turn lock (an
   * agent's message is sent while HandoffService holds it, to keep its place in the transcript's order).
   */
  private send(record: HandoffRecord, activity: Partial<Activity>): Promise<void> {
    return this.deliver(
      referenceOf(record),
      async (context) => {
        context.turnState.set(NOT_RECORDED, true);
        await context.sendActivity(activity);
      },
      { inTurnOrder: false },
    );
  }
}

function referenceOf(record: HandoffRecord): Partial<ConversationReference> {
  return JSON.parse(record.reference) as Partial<ConversationReference>;
}

function languageOf(record: HandoffRecord): Language {
  return normalizeLocale(record.context.language) ?? 'zh-CN';
}
