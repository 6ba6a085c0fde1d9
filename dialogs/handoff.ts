import { EventFactory, MessageFactory, TurnContext, type Activity } from 'botbuilder';
import type { DialogTurnResult, PromptOptions, WaterfallStepContext } from 'botbuilder-dialogs';
import { ComponentDialog, WaterfallDialog } from './shared/dialogClasses';
import type { CaseRecord, CaseService } from '../src/cases/caseService';
import { localDate } from '../src/cases/dates';
import { parseCallbackNumber, parseMobile } from '../src/cases/inputs';
import { dayRuns, isOpen, type BusinessHours } from '../src/handoff/businessHours';
import type { HandoffService } from '../src/handoff/handoffService';
import type { HandoffContext, NewEntry, TranscriptEntry } from '../src/handoff/types';
import { LANGUAGES, type Language } from '../src/i18n/language';
import { formatDate } from '../src/i18n/format';
import type { Localizer } from '../src/i18n/localizer';
import { maskCard } from '../src/pii/cardNumbers';
import { maskMobile, maskPii } from '../src/pii/mask';
import { foundIn, parseField, takesKnown } from './shared/answers';
import { asksSomething, mentions, negatedBeside, wordsIn, yesNo } from './shared/words';
import { FormPrompt, type FormPromptOptions } from './shared/formPrompt';
import type { TurnLanguage } from './shared/turnLanguage';

export const HANDOFF_DIALOG = 'handoff';
/**
 * Set in the turn's state by the handoff relay when the user's message took them out of the queue for
 * a person: the bot says so and offers what the merchant left waiting (their unfinished application).
 */
export const LEFT_QUEUE = Symbol('leftQueue');
/** Sent into the conversation when nobody took the chat in time or the contact centre failed it. */
const STEPS = 'handoff.steps';
const CHOICE = 'handoff.choice';
/** A reply to "leave a message?" this long or longer that is no yes or no is the message itself. */
const MESSAGE_TYPED_AT_ONCE = 10;
const MESSAGE = 'handoff.message';
/** A message to pass on that begins "never mind" is given up in this many words at most; a longer one is the message. */
const DROP_MESSAGE_WORDS = 6;
const MOBILE = 'handoff.mobile';
/** How many of the user's recent intents the agent sees. */
const INTENT_HISTORY = 8;

/** The message to leave, said with the request for a person. */
interface Typed {
  typed: string;
}

/** What the dialog ends with: `queued` when a person is about to take the conversation. */
export interface HandoffResult {
  queued?: boolean;
}

/** What the conversation holds of what was said so far, this turn's message included (masked). */
export type SaidSoFar = (context: TurnContext) => Promise<NewEntry[]>;

export interface HandoffOptions {
  /** Set when the bot comes back after a chat nobody took: go straight to leaving a message. */
  unanswered?: boolean;
}

/**
 * "Talk to a person". In business hours with an agent online: queue the chat (the agent sees the
 * transcript, begun now from what was said so far, and what the bot knows) and announce it to the
 * channel with `handoff.initiate`.
 * Otherwise, or when nobody took the chat in time: say so, give the hotline, and offer to leave a
 * message, which becomes a callback request in the agents' queue tied to the user's latest case.
 */
export class HandoffDialog extends ComponentDialog {
  constructor(
    private readonly localizer: Localizer,
    private readonly language: TurnLanguage,
    private readonly handoffs: HandoffService,
    private readonly cases: CaseService,
    private readonly hours: BusinessHours,
    private readonly said: SaidSoFar,
    /** The business clock (opening hours and holidays are read on it). */
    private readonly now: () => Date = () => new Date(),
  ) {
    super(HANDOFF_DIALOG);
    // No person is offered at these questions: nobody could take the chat, which is why they are asked.
    this.addDialog(new FormPrompt(CHOICE, async (p) => this.choice(p.recognized.value ?? '') !== undefined, localizer, language, undefined, false));
    this.addDialog(new FormPrompt(MESSAGE, async (p) => (p.recognized.value ?? '').trim().length > 0, localizer, language, undefined, false));
    // A mobile in a sentence ("my number is 138…"), a landline with its area code, or the application's mobile.
    this.addDialog(new FormPrompt(MOBILE, async (p) => (await this.numberGiven(p.context, p.recognized.value ?? '')) !== undefined, localizer, language, 'handoff:mobileRetry', false));
    this.addDialog(new WaterfallDialog(STEPS, [this.offer.bind(this), this.askMessage.bind(this), this.askMobile.bind(this), this.save.bind(this)]));
    this.initialDialogId = STEPS;
  }

  /** "昨天留言了怎么没人回电话": the merchant's message still waiting for its call back, when there is one, said. */
  async tellWaitingCallback(context: TurnContext): Promise<boolean> {
    // Out of reach, the question is answered as any other.
    const waiting = await this.handoffs.waitingCallbackOf(context.activity.from.id).catch(() => undefined);
    if (!waiting) return false;
    const lang = await this.language.of(context);
    const date = formatDate(localDate(new Date(waiting.createdAt)), lang);
    await context.sendActivity(MessageFactory.text(this.localizer.t(lang, 'handoff:callbackWaiting', { date, mobile: maskMobile(waiting.mobile ?? '') })));
    return true;
  }

  /** The reply to "leave a message?": yes, no, or the message itself, typed straight away. */
  private choice(text: string): 'leave' | 'skip' | 'message' | undefined {
    const said = text.trim().toLowerCase();
    for (const lang of LANGUAGES) {
      if (said === this.localizer.t(lang, 'handoff:leave').toLowerCase()) return 'leave';
      if (said === this.localizer.t(lang, 'handoff:skip').toLowerCase()) return 'skip';
    }
    const yes = yesNo(text, this.localizer);
    if (yes !== undefined) return yes ? 'leave' : 'skip';
    // "no thanks, I will call tomorrow", "不用了我自己打电话", "nah its ok i will call hotline myself": a no in a sentence
    // (not in a question: "钱怎么还没到账" asks something else).
    if ((negatedBeside(text, this.localizer, ['handoff:words.leave']) && !asksSomething(text, this.localizer)) || mentions(this.localizer, 'declineMessage', text, 'handoff')) return 'skip';
    if (mentions(this.localizer, 'leave', text, 'handoff')) return 'leave';
    // "13800138000" alone: the number to call back on, what it is about still to ask.
    const number = this.callbackNumber(text);
    if (number !== undefined && lengthRead(said.replace(/[\d\s+()-]/g, '')) < MESSAGE_TYPED_AT_ONCE) return 'leave';
    // "审核超时了 请尽快处理 电话138…": what they would have left; a question is asked again.
    return lengthRead(said) >= MESSAGE_TYPED_AT_ONCE && !asksSomething(text, this.localizer) ? 'message' : undefined;
  }

  private async offer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const context = step.context;
    const lang = await this.language.of(context);
    const options = (step.options ?? {}) as HandoffOptions;
    let key = options.unanswered ? 'handoff:unanswered' : 'handoff:closed';
    if (!options.unanswered && isOpen(this.now(), this.hours)) {
      if (await this.handoffs.available(context.activity.channelId)) return this.queue(step, lang);
      key = 'handoff:noAgent';
    }
    // "please call me back at 138…, the refund never came": the message to leave, number and all, is already said.
    const said = context.activity.text ?? '';
    if (!options.unanswered && foundIn('mobile', said) && [...said].length >= MESSAGE_TYPED_AT_ONCE) return step.next({ typed: said } satisfies Typed);
    const buttons = ['handoff:leave', 'handoff:skip'];
    const choice: FormPromptOptions = {
      say: { key, vars: { days: this.staffedDays(lang), open: this.hours.open, close: this.hours.close }, buttons },
      validations: { kind: 'choice', labels: LANGUAGES.flatMap((l) => buttons.map((b) => this.localizer.t(l, b))), words: ['handoff:declineMessage'] },
    };
    return step.prompt(CHOICE, choice as PromptOptions);
  }

  /** "客服几点下班", "are you open on sunday": when a person can take the chat (this assistant is always here), with the way to one. */
  staffedHours(lang: Language): Partial<Activity> {
    const text = this.localizer.t(lang, 'handoff:hours', { days: this.staffedDays(lang), open: this.hours.open, close: this.hours.close });
    return MessageFactory.suggestedActions([this.localizer.t(lang, 'faq:labels.human_agent')], text);
  }

  /** The staffed weekdays as said: "工作日", "每天", "周一至周六", "Mon to Fri, Sun". */
  private staffedDays(lang: Language): string {
    const runs = dayRuns(this.hours.days);
    if (this.hours.days.size === 7) return this.localizer.t(lang, 'handoff:days.everyDay');
    if (runs.length === 1 && runs[0][0] === 1 && runs[0][1] === 5) return this.localizer.t(lang, 'handoff:days.weekdays');
    const names = this.localizer.tree(lang, 'handoff:days.names') as string[];
    return runs
      .map(([from, to]) => (from === to ? names[from - 1] : this.localizer.t(lang, 'handoff:days.range', { from: names[from - 1], to: names[to - 1] })))
      .join(this.localizer.t(lang, 'handoff:days.separator'));
  }

  /** Puts the chat in the queue; from now on the user's messages go to the person (src/bot/handoffRelay). */
  private async queue(step: WaterfallStepContext, lang: Language): Promise<DialogTurnResult> {
    const context = step.context;
    const transcript = await this.handoffs.beginTranscript(context.activity.conversation.id, await this.said(context));
    const handoffContext = await this.contextOf(context, lang, transcript);
    const reference = TurnContext.getConversationReference(context.activity);
    const queued = await this.handoffs.request('chat', context.activity.conversation.id, reference, handoffContext);
    if (!queued.ok) {
      await context.sendActivity(MessageFactory.text(this.localizer.t(lang, 'handoff:already')));
      return step.endDialog();
    }
    // The standard announcement, so a contact-centre channel can take the conversation over.
    await context.sendActivity(EventFactory.createHandoffInitiation(context, { handoffId: queued.record.id, ...handoffContext }, { activities: transcript.map(asActivity) as Activity[] }));
    await context.sendActivity(MessageFactory.suggestedActions([this.localizer.t(lang, 'handoff:stopWaiting')], this.localizer.t(lang, 'handoff:connecting')));
    return step.endDialog({ queued: true } satisfies HandoffResult);
  }

  private async contextOf(context: TurnContext, lang: Language, transcript: TranscriptEntry[]): Promise<HandoffContext> {
    const userId = context.activity.from.id;
    // The case only tells the agent which one it is.
    const latest = await this.latestCase(userId);
    const intents = transcript.flatMap((e) => (e.intent ? [e.intent] : [])).slice(-INTENT_HISTORY);
    return {
      language: lang,
      userId,
      intents,
      ...(latest ? { caseReference: latest.reference, cardMasked: maskCard(latest.applicant.cardLast4) } : {}),
    };
  }

  private async askMessage(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const typed = (step.result as Partial<Typed> | undefined)?.typed;
    if (typed !== undefined) return step.next(typed);
    const lang = await this.language.of(step.context);
    const choice = this.choice(step.result as string);
    if (choice === 'skip') {
      await step.context.sendActivity(MessageFactory.text(this.localizer.t(lang, 'handoff:noThanks')));
      return step.endDialog();
    }
    if (choice === 'message') return step.next(step.result);
    // "请给我回电话 13800138000" at "leave a message?": what it is about is still asked, the number is not.
    (step.values as { number?: string }).number = this.callbackNumber(String(step.result));
    return step.prompt(MESSAGE, { say: { key: 'handoff:askMessage' }, validations: { kind: 'free' } } satisfies FormPromptOptions as PromptOptions);
  }

  private callbackNumber(text: string): string | undefined {
    const mobile = parseField('mobile', text, this.localizer);
    if (mobile.ok) return mobile.value;
    const landline = parseCallbackNumber(text);
    return landline.ok ? landline.value : undefined;
  }

  /** The mobile of the merchant's latest application, while it still has one (erased data has none). */
  private async caseMobile(context: TurnContext): Promise<string | undefined> {
    return (await this.latestCase(context.activity.from.id))?.applicant.mobile || undefined;
  }

  /** The user's latest case; without the database, none (a person is still reached). */
  private async latestCase(userId: string): Promise<CaseRecord | undefined> {
    return (await this.cases.forUser(userId).catch(() => [])).at(-1);
  }

  /** The number to call: one typed, or the application's ("就打申请时留的号", its button, a yes) when there is one. */
  private async numberGiven(context: TurnContext, text: string): Promise<string | undefined> {
    const typed = this.callbackNumber(text);
    if (typed) return typed;
    const known = await this.caseMobile(context);
    return known && takesKnown(this.caseMobileButton(), text, this.localizer) ? known : undefined;
  }

  /** The button that takes the application's mobile, in either language. */
  private caseMobileButton(): { labels: string[] } {
    return { labels: LANGUAGES.map((lang) => this.localizer.t(lang, 'handoff:useCaseMobile')) };
  }

  private async askMobile(step: WaterfallStepContext): Promise<DialogTurnResult> {
    // "No thanks", "算了 不留言了", "nevermind, i'll try the bot" when asked what to pass on: nothing is left.
    if (yesNo(String(step.result), this.localizer) === false || dropsMessage(String(step.result), this.localizer)) {
      await step.context.sendActivity(MessageFactory.text(this.localizer.t(await this.language.of(step.context), 'handoff:noThanks')));
      return step.endDialog();
    }
    (step.values as { message?: string }).message = maskPii(String(step.result)).slice(0, 1000);
    // "请给我回电话 13800138000": the number to call is in the message.
    const given = foundIn('mobile', String(step.result));
    if (given && parseMobile(given).ok) return step.next(given);
    const number = (step.values as { number?: string }).number;
    if (number) return step.next(number);
    // A merchant with an application is called on its mobile unless they give another.
    const known = await this.caseMobile(step.context);
    const say = known ? { key: 'handoff:askMobileKnown', vars: { mobile: maskMobile(known) }, buttons: ['handoff:useCaseMobile'] } : { key: 'handoff:askMobile' };
    return step.prompt(MOBILE, { say, validations: { field: 'mobile', help: 'handoff:numberHelp', ...(known ? { known: this.caseMobileButton() } : {}) } } satisfies FormPromptOptions as PromptOptions);
  }

  private async save(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const context = step.context;
    const lang = await this.language.of(context);
    // Typed, or (the prompt took nothing else) the application's.
    const typed = this.callbackNumber(step.result as string);
    const mobile = typed ?? (await this.caseMobile(context))!;
    const handoffContext = await this.contextOf(context, lang, []);
    const message = (step.values as { message: string }).message;
    const reference = TurnContext.getConversationReference(context.activity);
    // The agent who calls back reads the conversation too.
    await this.handoffs.beginTranscript(context.activity.conversation.id, await this.said(context));
    await this.handoffs.request('callback', context.activity.conversation.id, reference, { ...handoffContext, message, mobile });
    const caseNote = handoffContext.caseReference ? this.localizer.t(lang, 'handoff:caseNote', { reference: handoffContext.caseReference }) : '';
    // A number the merchant typed is shown back whole to be checked; the application's stays masked.
    await context.sendActivity(MessageFactory.text(this.localizer.t(lang, 'handoff:saved', { mobile: typed ?? maskMobile(mobile), caseNote })));
    return step.endDialog();
  }
}

/** Transcript lines as the activities `handoff.initiate` carries (texts already masked). */
function asActivity(entry: TranscriptEntry): Partial<Activity> {
  const role = entry.from === 'user' ? 'user' : 'bot';
  return { type: 'message', text: entry.text ?? '', from: { id: role, name: entry.agent ?? role, role }, timestamp: new Date(entry.at) };
}

/** A reply's length as read: a Chinese character says more than a letter ("退款少了30块" is a message, "ok sure" is not). */
function lengthRead(text: string): number {
  return [...text].reduce((length, character) => length + (/\p{Script=Han}/u.test(character) ? 1.5 : 1), 0);
}

/** A message to pass on given up: said so ("不用留言了"), or in a few words ("nevermind, i'll try the bot"). */
function dropsMessage(text: string, localizer: Localizer): boolean {
  return mentions(localizer, 'declineMessage', text, 'handoff') || (mentions(localizer, 'dropMessage', text, 'handoff') && wordsIn(text) <= DROP_MESSAGE_WORDS);
}
