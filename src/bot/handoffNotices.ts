import { ActivityTypes, MessageFactory, type Activity, type ConversationReference, type TurnContext } from 'botbuilder';
import type { Replies } from '../../dialogs/shared/replies';
import type { TurnLanguage } from '../../dialogs/shared/turnLanguage';
import type { UserNotifier } from '../handoff/handoffService';
import type { HandoffRecord } from '../handoff/types';
import { normalizeLocale, type Language } from '../i18n/language';
import type { Localizer } from '../i18n/localizer';
import type { DomainEvents } from './domainEvents';
import type { ProactiveTurn } from './proactiveTurn';

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
    private readonly language: TurnLanguage,
  ) {}

  position(record: HandoffRecord, position: number, waitMinutes: number): Promise<void> {
    return this.send(record, (lang) =>
      MessageFactory.suggestedActions([this.localizer.t(lang, 'handoff:stopWaiting')], this.localizer.t(lang, 'handoff:position', { position, minutes: waitMinutes })),
    );
  }

  joined(record: HandoffRecord): Promise<void> {
    return this.send(record, (lang) => this.replies.text(lang, 'handoff:joined', { agent: record.agent }));
  }

  agentMessage(record: HandoffRecord, text: string): Promise<void> {
    // Plain text: what an agent types is shown as typed, never interpreted as markdown.
    return this.send(record, { type: ActivityTypes.Message, text, textFormat: 'plain', channelData: { agent: record.agent } });
  }

  agentTyping(record: HandoffRecord): Promise<void> {
    return this.send(record, { type: ActivityTypes.Typing });
  }

  requeued(record: HandoffRecord): Promise<void> {
    return this.send(record, (lang) => this.replies.text(lang, 'handoff:requeued'));
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
   * The bot's own words are said in the user's language of the moment (a switch on the page while
   * waiting counts), else the one the handoff began in.
   */
  private send(record: HandoffRecord, activity: Partial<Activity> | ((lang: Language) => Partial<Activity>)): Promise<void> {
    return this.deliver(
      referenceOf(record),
      async (context) => {
        if (typeof activity !== 'function') return void (await context.sendActivity(activity));
        context.activity.locale = languageOf(record);
        await context.sendActivity(activity(await this.language.of(context)));
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
