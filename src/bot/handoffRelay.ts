import { ActivityTypes, HandoffEventNames, MessageFactory, type BotState, type Middleware, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import { caseUpdateText } from '../../dialogs/caseUpdate';
import type { MerchantCases } from '../../dialogs/shared/merchantCases';
import { LEFT_QUEUE } from '../../dialogs/handoff';
import { requestedLanguage } from '../../dialogs/main';
import { saysStopWaiting } from '../../dialogs/shared/answers';
import { normalize } from '../../dialogs/shared/words';
import type { IntentRecognizer } from '../../dialogs/shared/recognizer';
import type { TurnLanguage } from '../../dialogs/shared/turnLanguage';
import type { CaseService } from '../cases/caseService';
import type { HandoffService } from '../handoff/handoffService';
import type { HandoffRecord } from '../handoff/types';
import { LANGUAGES } from '../i18n/language';
import type { Localizer } from '../i18n/localizer';
import { domainEventOf } from './domainEvents';
import { proactiveTurnOf } from './proactiveTurn';
import { entryOf } from './transcriptLines';

/** The turn's read of the conversation's open handoff (in the turn's state). */
const ACTIVE = Symbol('activeHandoff');

const handoffStatus = z.object({ state: z.enum(['accepted', 'completed', 'failed']), message: z.string().optional() });

/**
 * While a conversation is handed off, its activities belong to the person: text, card taps and files
 * go into the handoff transcript and the bot says nothing. While still queued, the user can stop
 * waiting (the bot then takes the turn, see LEFT_QUEUE) and is told their place. `handoff.status` from a contact-centre channel moves the handoff on.
 * A change of the user's case is shown to them at once and to the person in the transcript; the
 * question it carries waits until the handoff ends. Middleware of the turn pipeline, under the turn lock.
 */
export class HandoffRelay implements Middleware {
  private readonly stopLabels: Set<string>;

  constructor(
    private readonly service: HandoffService,
    private readonly localizer: Localizer,
    private readonly language: TurnLanguage,
    private readonly recognizer: IntentRecognizer,
    private readonly cases: CaseService,
    private readonly merchantCases: MerchantCases,
    /** Where the user's language choice is kept (saved here: the bot does not run this turn). */
    private readonly userState: BotState,
  ) {
    this.stopLabels = new Set(LANGUAGES.map((lang) => normalize(localizer.t(lang, 'handoff:stopWaiting'))));
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (!(await this.intercept(context))) await next();
  }

  /** Starts asking for the conversation's handoff (see TurnPipeline); the relay waits for it. */
  startReads(context: TurnContext): void {
    this.activeOf(context, true)?.catch(() => undefined);
  }

  /**
   * The conversation's open handoff, asked once a turn (or `afresh`), for the turns the relay looks
   * at: users' messages and events, and the server's domain events (its other sends, notices and an
   * agent's messages, pass).
   */
  private activeOf(context: TurnContext, afresh = false): Promise<HandoffRecord | undefined> | undefined {
    const { type, conversation } = context.activity;
    const proactive = proactiveTurnOf(context);
    if ((proactive && !proactive.event) || (type !== ActivityTypes.Message && type !== ActivityTypes.Event)) return undefined;
    let active = context.turnState.get(ACTIVE) as Promise<HandoffRecord | undefined> | undefined;
    if (!active || afresh) context.turnState.set(ACTIVE, (active = this.service.active(conversation.id)));
    return active;
  }

  /** True when the turn belonged to a handoff and the bot must not answer it. */
  private async intercept(context: TurnContext): Promise<boolean> {
    const activity = context.activity;
    const active = this.activeOf(context);
    if (!active) return false;
    const record = await active;
    if (activity.type === ActivityTypes.Event && activity.name === HandoffEventNames.HandoffStatus) {
      const status = handoffStatus.safeParse(activity.value);
      if (record && status.success) await this.service.externalStatus(record, status.data.state);
      return true;
    }
    if (!record) return false;
    const event = domainEventOf(context);
    if (event?.kind === 'caseUpdated') {
      await this.showCaseUpdate(context, record, event.reference);
      return true;
    }
    // The page's language switch (the page itself follows at once) is kept, silently, for all the bot
    // says from now on: the handoff's notices and, after the person, the rating. Other page events wait.
    if (activity.type === ActivityTypes.Event) {
      const requested = requestedLanguage(activity);
      if (requested) {
        await this.language.choose(context, requested);
        await this.userState.saveChanges(context, false);
      }
      return true;
    }
    if (record.state === 'queued' && this.wantsToStop(context) && (await this.service.cancelByUser(record))) {
      context.turnState.set(LEFT_QUEUE, true);
      return false;
    }
    const lang = await this.language.of(context);
    const { from: _from, at: _at, ...entry } = entryOf(activity, 'user');
    const clientId = (activity.channelData as { clientActivityID?: string } | undefined)?.clientActivityID ?? activity.id;
    const posted = await this.service.fromUser(record, entry, clientId);
    // The handoff ended in the meantime: the bot answers after all.
    if (!posted.ok) return false;
    if (record.state === 'queued' && !posted.duplicate) {
      const position = await this.service.positionOf(record.id);
      await context.sendActivity(
        MessageFactory.suggestedActions([this.localizer.t(lang, 'handoff:stopWaiting')], this.localizer.t(lang, 'handoff:passedOn', { position })),
      );
    }
    return true;
  }

  private async showCaseUpdate(context: TurnContext, handoff: HandoffRecord, reference: string): Promise<void> {
    const record = await this.cases.get(reference);
    // Only the case's merchant here (its owner, or who proved it in this conversation) is shown it.
    const mine = record && (await this.merchantCases.all(context)).some((c) => c.reference === reference);
    const text = record && mine ? caseUpdateText(this.localizer, await this.language.of(context), record) : undefined;
    if (!text) return;
    await context.sendActivity(MessageFactory.text(text));
    await this.service.fromBot(handoff, text);
  }

  private wantsToStop(context: TurnContext): boolean {
    if (this.stopLabels.has(normalize(context.activity.text ?? '')) || saysStopWaiting(context.activity.text ?? '', this.localizer)) return true;
    const { intent, score } = this.recognizer.recognize(context);
    return intent === 'abort' && score >= 0.6;
  }
}
