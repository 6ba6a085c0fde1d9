import type { Activity, StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { DialogContext, DialogState, DialogStateManagerConfiguration, DialogTurnResult, PromptOptions, PromptValidatorContext, WaterfallStepContext } from 'botbuilder-dialogs';
import { ComponentDialog, Dialog, DialogSet, DialogTurnStatus, WaterfallDialog } from './shared/dialogClasses';
import { continueActive } from './shared/componentDialog';
import { formatDate } from '../src/i18n/format';
import { normalizeLocale, parseLanguageSwitch, plainlyWrittenIn, type Language } from '../src/i18n/language';
import { isBareName, isUnknownHanName, looksLikeName } from '../src/nlu/bareName';
import { isFaqIntent, NONE, type Label } from '../src/nlu/intents';
import type { CaseRecord } from '../src/cases/caseService';
import { awaitsDecision } from '../src/cases/lifecycle';
import { endedUndone, refundCardOf, stageOf, type PendingAction } from '../src/cases/pending';
import { maskCard } from '../src/pii/cardNumbers';
import { findReference, mentionsReference } from '../src/cases/reference';
import { maskPii } from '../src/pii/mask';
import { containsSecret } from '../src/pii/secrets';
import { parseMobile } from '../src/cases/inputs';
import type { Localizer } from '../src/i18n/localizer';
import { CANCEL_DIALOG, type CancelDialog, type CancelOptions, type CancelResult } from './cancel';
import { domainEventOf } from '../src/bot/domainEvents';
import { HANDOFF_DIALOG, LEFT_QUEUE, type HandoffDialog, type HandoffOptions, type HandoffResult } from './handoff';
import { CASE_UPDATE_DIALOG, type CaseUpdate, type CaseUpdateDialog } from './caseUpdate';
import { CSAT_DIALOG, type CsatDialog, type CsatOptions, type CsatResult } from './csat';
import { RESUME_DRAFT_DIALOG, type ResumeDraftDialog, type ResumeOptions } from './resumeDraft';
import type { DraftChoice } from './shared/draftChoiceDialog';
import { STOP_FORM_DIALOG, type StopFormDialog } from './stopForm';
import { STATUS_DIALOG, type StatusDialog, type StatusOptions, type StatusResult } from './status';
import { answersTogether, serialsIn } from './shared/answersTogether';
import { answers, asksForHelp, asksWhy, EDITABLE, type Editable, type Expectation, foundIn, holdsOn, isComplete, helpKey, introducesName, meantBefore, isGreeting, isOwnReason, isSkip, isThanks, keepsAsIs, OWN_REASON, parseField, REASON_LABELS, receiptDate, SAID_NOT_NOW, SAID_YES, saysContinue, saysGoodbye, saysNoFirst, whyKey } from './shared/answers';
import { ACTION_ANSWERS, answersACase, asksToWithdraw, caseAnswer, checkedStillMissing, queriesOffer, retracts, saysReapply } from './shared/caseAnswers';
import { afterYes, asksSomething, clausesOf, compactLength, composedOf, labelOf, mentions, negatedBeside, normalize, words, wordsIn, yesNo, yesNoOnly } from './shared/words';
import type { Drafts } from './shared/drafts';
import type { CurrentCase, MerchantCases } from './shared/merchantCases';
import { RECOGNIZED, type IntentRecognizer, type Recognized } from './shared/recognizer';
import { labelKey, type Replies } from './shared/replies';
import { APPROXIMATE_DATES, FormPrompt, offeredPerson, render, type FormPromptOptions } from './shared/formPrompt';
import type { TurnLanguage } from './shared/turnLanguage';

export const MAIN_DIALOG = 'main';
const ROUTE = 'main.route';
const CLARIFY = 'main.clarify';
const PICKED = Symbol('picked');
/** What routing decided before ROUTE began (see `routeIdle`): ROUTE's first step begins it. */
const DECIDED = Symbol('decided');
/** Set on a turn whose case news took over from an unfinished application's question. */
const INTERRUPTED_FORM = Symbol('interruptedForm');
/**
 * The event the web page posts when the visitor uses its language switch, and the bot sends back when
 * the visitor switched by typing, so that the page follows.
 */
export const LANGUAGE_EVENT = 'webchat/language';

/** How ROUTE begins when it is not a new message to route. */
interface RouteOptions {
  start?: string;
  startOptions?: object;
  /** A new conversation: the welcome, and what the merchant left waiting. */
  welcome?: boolean;
}
/** "交200块", "付五十": a verb of paying before a sum (a word list cannot say "any sum"). */
const PAY_A_SUM = /(?:交|付|转|给|收(?!到)我?|pay)\s*[\d一二两三四五六七八九十百千]+/iu;
/** Intents after which a merchant whose case waits for them is offered what it waits for. */
const CASE_AWARE = new Set<string>(['greeting', 'check_status', NONE, 'help', 'thanks_bye']);
/** Intents answered the same with or without the merchant's case: while the database is down they still are. */
const WITHOUT_CASE = new Set<string>(['greeting', 'help', 'thanks_bye', 'abort', 'cancel_pos', 'human_agent']);

/** Follow-ups offered with the capability list. */
const HELP_SUGGESTIONS: Label[] = ['faq_cancel_steps', 'faq_materials', 'faq_review_time', 'faq_refund_method', 'faq_deadline', 'human_agent'];
/** How sure the classifier must be before "never mind" ends a dialog that is waiting for an answer. */
const ABORT_CONFIDENCE = 0.6;
/** The same for "a person, please", which also leaves the form: surer, as a mistyped answer can look like it. */
const HANDOFF_CONFIDENCE = 0.9;
/** How sure the classifier must be that a statement at the reason question is a greeting, a request, rather than a reason. */
const OTHER_MEANING_CONFIDENCE = 0.6;
/** How sure the classifier must be that words that would pass for a name ask an FAQ question ("机身号在哪看"). */
const NAME_FAQ_CONFIDENCE = 0.9;
/** Intents a user may ask about in the middle of a dialog: answered, then the dialog's question is asked again. */
const INTERRUPTING = new Set<string>(['help', 'greeting']);
/** How sure the classifier must be that a message in the middle of a question asks an FAQ question (answered, then the question again). */
const FAQ_CONFIDENCE = 0.6;
/** A statement this many words long, without a digit, is no mistyped value at a value's question. */
const STATEMENT_WORDS = 3;
/** The same for a message that asks something while a form waits: a likely answer beats a field's error. */
const QUESTION_FAQ_CONFIDENCE = 0.4;
/** How sure the classifier must be that a message at "shall we start the application?" asks to cancel (a yes). */
const START_CONFIDENCE = 0.6;
/** How sure the classifier must be that a message at a case question asks for the case's progress. */
const STATUS_CONFIDENCE = 0.6;
/** A follow-up to the last answer is short (in characters, or in words for English's longer ones); a longer message says what it is about. */
const FOLLOW_UP_MAX_CHARS = 20;
const FOLLOW_UP_MAX_WORDS = 10;
/** After this many messages in a row the bot did not understand, it offers a person more plainly. */
const MISUNDERSTOOD_BEFORE_OFFER = 2;
/** Where botbuilder's DialogStateManager looks for the turn's memory configuration before building one. */
const MEMORY_CONFIGURATION = 'DialogStateManagerConfiguration';

/** What routing a message (or the welcome) decided to begin next; nothing when it has answered. */
interface Next {
  id: string;
  options?: object;
}

/** Events from outside the conversation (back office, handoff) that take over from whatever was waiting. */

/**
 * The router: every message and event of the user enters here. It recognizes the intent and answers,
 * asks which of two close intents was meant, and lets FAQ questions, help and abort interrupt any
 * dialog that is waiting for an answer.
 */
export class MainDialog extends ComponentDialog {
  private dialogSet?: { accessor: StatePropertyAccessor<DialogState>; set: DialogSet };
  private memoryConfiguration?: DialogStateManagerConfiguration;

  constructor(
    private readonly language: TurnLanguage,
    private readonly replies: Replies,
    private readonly recognizer: IntentRecognizer,
    private readonly localizer: Localizer,
    private readonly misunderstood: StatePropertyAccessor<number>,
    private readonly offered: StatePropertyAccessor<string | undefined>,
    private readonly drafts: Drafts,
    private readonly merchantCases: MerchantCases,
    private readonly cancel: CancelDialog,
    status: StatusDialog,
    caseUpdate: CaseUpdateDialog,
    private readonly handoff: HandoffDialog,
    csat: CsatDialog,
    stopForm: StopFormDialog,
    resumeDraft: ResumeDraftDialog,
  ) {
    super(MAIN_DIALOG);
    this.addDialog(stopForm);
    this.addDialog(resumeDraft);
    this.addDialog(this.handoff);
    this.addDialog(csat);
    this.addDialog(cancel);
    this.addDialog(status);
    this.addDialog(caseUpdate);
    this.addDialog(new FormPrompt(CLARIFY, (prompt) => this.isAlternative(prompt), localizer, language));
    this.addDialog(new WaterfallDialog(ROUTE, [this.route.bind(this), this.followUp.bind(this), this.resumeIfChosen.bind(this)]));
    this.initialDialogId = ROUTE;
  }

  /** Continues the active dialog or starts this one (the BotBuilder samples' `run`). */
  async run(context: TurnContext, accessor: StatePropertyAccessor<DialogState>): Promise<void> {
    // A change of the user's case (back office), the end of a handoff or leaving its queue takes over from whatever was waiting.
    if (domainEventOf(context) || context.turnState.get(LEFT_QUEUE)) {
      const dialogContext = await this.contextFor(context, accessor);
      // A question was waiting with an application unfinished: once the news is told, it is offered again.
      if (dialogContext.stack.length > 0 && (await this.drafts.get(context))) context.turnState.set(INTERRUPTED_FORM, true);
      await dialogContext.cancelAllDialogs();
      await dialogContext.beginDialog(this.id);
      return;
    }
    if (await this.idle(accessor, context)) return this.routeIdle(context, accessor, false);
    const dialogContext = await this.contextFor(context, accessor);
    const results = await continueActive(dialogContext);
    if (results.status === DialogTurnStatus.empty) await dialogContext.beginDialog(this.id);
  }

  /**
   * A new conversation (the user joined): the welcome, with whatever the merchant left waiting offered
   * at once — what their case waits for, else their unfinished application.
   */
  async welcome(context: TurnContext, accessor: StatePropertyAccessor<DialogState>): Promise<void> {
    if (await this.idle(accessor, context)) return this.routeIdle(context, accessor, true);
    const dialogContext = await this.contextFor(context, accessor);
    // Leaving a message for a call back when the chat was reopened: its question again, what was typed kept.
    if (leavingMessage(dialogContext)) {
      await context.sendActivity(this.replies.text(await this.language.of(context), 'welcomeBack'));
      await dialogContext.repromptDialog();
      return;
    }
    await dialogContext.cancelAllDialogs();
    await dialogContext.beginDialog(this.id, { welcome: true } satisfies RouteOptions);
  }

  /** Whether the question waiting asks for a mobile or an email address, or is the summary (where "不用邮箱" is its answer). */
  async asksContact(context: TurnContext, accessor: StatePropertyAccessor<DialogState>): Promise<boolean> {
    if (await this.idle(accessor, context)) return false;
    const expected = expectationOf(innermost(await this.contextFor(context, accessor)));
    // At the summary, "邮箱不要了" takes the email off the application.
    return expected !== undefined && (('field' in expected && (expected.field === 'email' || expected.field === 'mobile')) || 'summary' in expected);
  }

  /** No dialog waits for an answer (a new conversation, or every dialog ended). */
  private async idle(accessor: StatePropertyAccessor<DialogState>, context: TurnContext): Promise<boolean> {
    // Read without a default: a default would be saved, a dialog state for every conversation that never began a dialog.
    return !(await accessor.get(context))?.dialogStack?.length;
  }

  /**
   * Routes a message (or welcomes) with no dialog waiting as ROUTE's first step would, without
   * botbuilder's dialog machinery (dialog contexts with their memory scopes, the waterfall and its step
   * context, for a turn that ends where it began: most of an FAQ turn's dialog CPU); what begins a dialog
   * begins ROUTE, whose first step begins that dialog (the same dialog state as when ROUTE decides).
   */
  private async routeIdle(context: TurnContext, accessor: StatePropertyAccessor<DialogState>, welcome: boolean): Promise<void> {
    const next = welcome ? await this.welcomeBack(context) : await this.decide(context);
    if (!next) return;
    context.turnState.set(DECIDED, next);
    const dialogContext = await this.contextFor(context, accessor);
    await dialogContext.beginDialog(this.id, welcome ? ({ welcome } satisfies RouteOptions) : undefined);
  }

  /**
   * The turn's dialog context over one dialog set and one configuration of dialog memory: botbuilder
   * builds its memory scopes anew for every turn (a service collection, schema checks; about 3% of a
   * turn's CPU) unless the turn already holds them, and they keep nothing of a turn.
   */
  private async contextFor(context: TurnContext, accessor: StatePropertyAccessor<DialogState>): Promise<DialogContext> {
    if (this.dialogSet?.accessor !== accessor) this.dialogSet = { accessor, set: new DialogSet(accessor).add(this) };
    if (this.memoryConfiguration) context.turnState.set(MEMORY_CONFIGURATION, this.memoryConfiguration);
    const dialogContext = await this.dialogSet.set.createContext(context);
    this.memoryConfiguration ??= dialogContext.state.configuration;
    return dialogContext;
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    return (await this.interrupt(innerDc)) ?? super.onContinueDialog(innerDc);
  }

  /** Handles what the user says in the middle of a dialog when it is not an answer to its question. */
  private async interrupt(dc: DialogContext): Promise<DialogTurnResult | undefined> {
    const context = dc.context;
    const waiting = innermost(dc);
    const expected = expectationOf(waiting);
    const clarifying = expected !== undefined && 'kind' in expected && expected.kind === 'clarify';
    const form = clarifying ? undefined : expected;
    // What the merchant's case waits for, when that is the question ("accept the offer?", "has it arrived?").
    const waitsFor = form && 'kind' in form && form.kind === 'pending' ? form.action : undefined;
    const inApplication = dc.activeDialog?.id === CANCEL_DIALOG;
    // An answer given while the application, or the question of a case, waits offers no button that starts one.
    const leavesStart = inApplication || waitsFor !== undefined;
    // In the middle of a question the switch is confirmed in a word and the question asked again in the new language.
    if (await this.switchLanguage(context, expected === undefined)) return this.askAgain(dc);
    const text = context.activity.text;
    // A file sent at a question (the repair record its reason needs): received and where it goes, the question again (never a mistyped answer).
    if (context.activity.type === 'message' && !text?.trim() && context.activity.attachments?.length) return this.askAgain(dc, await this.filesReceived(context, inApplication));
    if (context.activity.type !== 'message' || !text) return undefined;
    // Classified once, when first needed (several checks below may ask).
    let classified: Recognized | undefined;
    // "可以 不过我没有机身号" at a yes-or-no question: what follows the yes is what it asks.
    const asking = form && 'kind' in form && form.kind === 'yesNo' ? afterYes(text, this.localizer) : text;
    const recognize = () => (classified ??= this.duringApplication(this.recognizer.recognize(context, asking), inApplication, text));
    // "my PIN is 4321" at any question: never an answer (it made a serial), warned about, the question again.
    if (containsSecret(text)) return this.askAgain(dc, this.replies.text(await this.language.of(context), 'secretShared'));
    // "somebody calling me asking my sms code, is it you?" at any question: the warning, then the question again.
    if (this.secretAsked(text)) return this.askAgain(dc, this.replies.text(await this.language.of(context), 'scamWarning'));
    // "你们是不是骗子", "is this legit?" at any question: how to tell the official service, then the question again.
    if (this.asksTrust(text)) return this.askAgain(dc, this.replies.text(await this.language.of(context), 'trust'));
    // "注销后还会扣费吗" at any question: what is known of charges once cancelled, then the question again.
    if (this.asksChargesAfter(text)) return this.askAgain(dc, this.replies.text(await this.language.of(context), 'faq:chargesAfter'));
    // The unfinished application expired while its question waited (days without a word): said, and begun afresh.
    // Expired while asked whether to keep or go on with it: said, and the message read as if nothing waited.
    const aboutDraft = dc.activeDialog?.id === STOP_FORM_DIALOG || dc.activeDialog?.id === RESUME_DRAFT_DIALOG;
    if (inApplication || aboutDraft) {
      await this.drafts.get(context);
      if (this.drafts.expiredThisTurn(context)) {
        await dc.cancelAllDialogs();
        await this.tellExpiredDraft(context);
        return dc.beginDialog(ROUTE, inApplication ? ({ start: CANCEL_DIALOG } satisfies RouteOptions) : undefined);
      }
    }
    // "no problem with the amount but i want it in cash", "我接受，能退到别的卡吗": a question about the offer
    // said with a yes is no acceptance: how it was worked out, or another way to pay it, is for a person.
    if (waitsFor === 'accept_offer' && queriesOffer(text, this.localizer)) {
      return this.offerQuery(context, await this.language.of(context));
    }
    // "接受了还能反悔吗" at the offer: what accepting binds (a change after it is a person's), the offer still open.
    if (waitsFor === 'accept_offer' && mentions(this.localizer, ACTION_ANSWERS.accept_offer.yesWords, text, 'case') && mentions(this.localizer, 'undoAsked', text, 'case')) {
      const { yes, no } = ACTION_ANSWERS.accept_offer;
      await context.sendActivity(render(this.localizer, await this.language.of(context), { key: 'case:acceptUndo', buttons: [yes, no] }));
      return Dialog.EndOfTurn;
    }
    // "卡号没错，我查过了" at "has it arrived?", after saying it had not: a person to chase it.
    const chased = waitsFor === 'confirm_arrival' ? (await this.merchantCases.current(context))?.record : undefined;
    if (chased && checkedStillMissing(chased, text, this.localizer)) {
      await dc.cancelAllDialogs();
      return dc.beginDialog(ROUTE, { start: CASE_UPDATE_DIALOG, startOptions: { reference: chased.reference, chase: true } satisfies CaseUpdate } satisfies RouteOptions);
    }
    // "等一下", "hold on", "wait let me find it" at a question of the application or the case: no answer (not even
    // the free reason's), nor a mistyped one; the question waits, its buttons kept. At the signature it goes back to the summary.
    if (form && (inApplication || waitsFor) && !('kind' in form && form.kind === 'signature') && holdsOn(text, this.localizer)) {
      const { buttons } = (waiting.activeDialog?.state.options as FormPromptOptions).say;
      await context.sendActivity(render(this.localizer, await this.language.of(context), { key: 'cancel:holdOn', buttons }));
      return Dialog.EndOfTurn;
    }
    // "啥时候到账" at "accept the offer?" or "has it arrived?": when the refund comes, then the question again.
    const asksWhen = waitsFor ? (await this.merchantCases.current(context))?.record : undefined;
    if (asksWhen && asksRefundWhen(asksWhen, text, this.localizer)) {
      await dc.cancelAllDialogs();
      return dc.beginDialog(ROUTE, { start: CASE_UPDATE_DIALOG, startOptions: { reference: asksWhen.reference, when: true } satisfies CaseUpdate } satisfies RouteOptions);
    }
    const answered = form !== undefined && answers(form, text, this.localizer);
    // A card or a serial said with the answer: answers given together.
    const together = answered && (foundIn('cardNumber', text) !== undefined || foundIn('posSerial', text) !== undefined);
    // Almost any two words make a name, so an answer to the name question is also checked for what else
    // it may say ("never mind", "转人工", "机身号在哪看").
    const name = form !== undefined && 'field' in form && form.field === 'fullName';
    // A valid answer to a closed question (a field, yes/no, a reason, a date) is just that.
    if (answered && !name && !('kind' in form && (form.kind === 'free' || form.kind === 'signature'))) return undefined;
    // "吴 刚刚" at the signature: a name typed (wrongly), which the signature's question says, never stopping ("刚刚").
    if (form && 'kind' in form && form.kind === 'signature' && looksLikeName(text.replace(/(?<=\p{Script=Han})\s+(?=\p{Script=Han})/gu, ''))) return this.answer(context);
    // "不改了", "no keep the old card" at a change asked for at the summary: for the form, which shows the summary again.
    if (form && !answered && 'editing' in form && keepsAsIs(text, this.localizer)) return this.answer(context);
    // "好的" once the bot offered a person after repeated wrong answers: the person, as offered.
    if (form && !answered && offeredPerson(waiting.activeDialog) && yesNo(text, this.localizer) === true) {
      await dc.cancelAllDialogs();
      return dc.beginDialog(ROUTE, { start: HANDOFF_DIALOG } satisfies RouteOptions);
    }
    // "no", "不用了，我自己再试试" to that offer: no person and no stopping, the question again.
    if (form && !answered && offeredPerson(waiting.activeDialog) && (yesNo(text, this.localizer) === false || saysNoFirst(text, this.localizer))) return this.askAgain(dc);
    const lang = await this.language.of(context);
    // "this is ridiculous i want to complain" in the middle of the application: an apology, the way to a person, the question again.
    if (form && !answered && inApplication && this.complains(text) && !this.asksForPerson(text, ['askPerson', 'callMe'])) return this.askAgain(dc, this.replies.text(lang, 'complaintMidForm'));
    // "你们几点下班" at a question: when a person is on duty, then the question again.
    if (form && !answered && mentions(this.localizer, 'hoursAsked', text, 'handoff')) return this.askAgain(dc, this.handoff.staffedHours(lang));
    // "机身号找不到，帮我转人工", "卡号填不对 给我回电话": a person (or a call back) asked for in so many words comes before any help with the question.
    if (form && !answered && this.asksForPerson(text, ['askPerson', 'callMe']) && dc.activeDialog?.id !== HANDOFF_DIALOG) {
      await dc.cancelAllDialogs();
      return dc.beginDialog(ROUTE, { start: HANDOFF_DIALOG } satisfies RouteOptions);
    }
    // "为什么要卡号", "I'd rather not give it": why the field is needed, then the question again; "why do
    // you need my card number?" at another question: why that one is.
    // "why so many questions", "how many more questions": what the application is made of, then the question again.
    if (form && inApplication && mentions(this.localizer, 'whyAll', text)) return this.askAgain(dc, this.replies.text(lang, 'cancel:why.all'));
    const why = form && whyKey(form);
    if (why && asksWhy(text, this.localizer)) {
      const named = EDITABLE.find((item) => `cancel:why.${item}` !== why && mentions(this.localizer, `edit.${item}`, text));
      return this.askAgain(dc, this.replies.text(lang, named ? `cancel:why.${named}` : why));
    }
    // "明天再弄", "brb tomorrow": the application put off, with what was filled in kept if they like.
    // Not at the reason question, where merchants tell what happened ("we will open again later").
    const telling = form !== undefined && 'kind' in form && form.kind === 'reason';
    // "cancel", "退出" or "拜拜" alone there ("好的拜拜" too), the reason's question too: the same (a thank-you is only acknowledged, below).
    const quits = composedOf(normalize(text), [...words(this.localizer, 'quitAlone'), ...words(this.localizer, 'bye')], [...words(this.localizer, 'filler'), ...words(this.localizer, 'yes')]);
    if (!answered && ((!telling && mentions(this.localizer, 'pause', text)) || quits) && inApplication && (await this.drafts.get(context)) !== undefined) {
      await dc.cancelAllDialogs();
      return dc.beginDialog(ROUTE, { start: STOP_FORM_DIALOG } satisfies RouteOptions);
    }
    // "not now, maybe tomorrow", "现在没空 明天再说" at "shall we start?", nothing filled in yet: a no for now (a yes later starts it).
    const startAsked = form !== undefined && 'kind' in form && form.kind === 'yesNo' && inApplication;
    if (startAsked && !answered && (mentions(this.localizer, 'pause', text) || mentions(this.localizer, 'later', text)) && !(await this.drafts.get(context))) {
      context.turnState.set(SAID_NOT_NOW, true);
      return this.answer(context);
    }
    // "不对，名字写错了" at a later question: where it can be changed, then the question again.
    if (form && !answered && !telling && correctsAnother(form, text, this.localizer)) {
      // Changing an answer from the summary, everything else is already filled in: the summary comes back next.
      // "sorry the name should be Zhao Leilei": the new value said with it is kept at once, and said so.
      if (inApplication && (await this.cancel.keepChanges(context, text))) return this.askAgain(dc, this.replies.text(lang, 'cancel:changedNow'));
      const saved = await this.drafts.get(context);
      return this.askAgain(dc, this.replies.text(lang, saved && isComplete(saved.draft) ? 'cancel:finishEditFirst' : 'cancel:correctLater'));
    }
    // "sorry wrong date, it was september 5", "不是9月 是10月" at the reason question: the date put right at once, the
    // reasons asked again (a story there with "wrong" in it that changes nothing is the reason).
    const dateRestated = telling && !answered && inApplication && ((correctsAnother(form, text, this.localizer) && (await this.cancel.keepChanges(context, text))) || (mentions(this.localizer, 'misspoke', text) && (await this.cancel.restateDate(context, text))));
    if (dateRestated) {
      return this.askAgain(dc, this.replies.text(lang, 'cancel:changedNow'));
    }
    // "my name is li ming", "我叫李娜" at another question (the reason's too, where it is no reason): the name
    // kept (changed when it differs from one given before), then that question.
    if (form && !answered && inApplication && restatesName(form, text, this.localizer)) {
      const changed = await this.cancel.restateName(context, text);
      return this.askAgain(dc, this.replies.text(lang, changed ? 'cancel:changedNow' : 'cancel:nameKnown'));
    }
    // "oops sorry i meant Maria L Garcia" at the card question: the answer just given, replaced and said so.
    const meant = form && !answered && inApplication && 'field' in form ? meantBefore(form.field, text, this.localizer) : undefined;
    if (meant) {
      await this.cancel.restate(context, meant.field, meant.value);
      return this.askAgain(dc, this.replies.text(lang, 'cancel:changedNow'));
    }
    const applying = form !== undefined && (!answered || name) && inApplication;
    // "查一下我的进度" in the middle of the application: the cases there are (the status on top of the
    // form, whose question comes back when it ends), or that nothing is submitted yet.
    // Never a value typed at the question (a card, a serial, a date).
    if (applying && !/\d/.test(text) && asksStatus(recognize())) {
      if ((await this.merchantCases.all(context)).length) return dc.beginDialog(STATUS_DIALOG);
      return this.askAgain(dc, this.replies.text(lang, 'cancel:notSubmittedYet'));
    }
    // "重新开始", "start over": what was filled in is dropped and the application begun again.
    if (applying && form && this.saysRestart(text, form)) {
      await this.drafts.clear(context);
      await dc.cancelAllDialogs();
      await context.sendActivity(this.replies.text(lang, 'cancel:restarted'));
      return dc.beginDialog(ROUTE, { start: CANCEL_DIALOG, startOptions: { confirmed: true } satisfies CancelOptions } satisfies RouteOptions);
    }
    // "我还有一台也要注销" there: the other terminal's application, the case's question left for later.
    if (waitsFor && mentions(this.localizer, 'anotherTerminal', text) && !asksSomething(text, this.localizer)) {
      await dc.cancelAllDialogs();
      return dc.beginDialog(ROUTE);
    }
    // "actually i want to keep the terminal, can i stop this?" at the offer: the question left for the withdrawal, which a person makes.
    if (waitsFor && asksToWithdraw(text, this.localizer)) {
      await dc.cancelAllDialogs();
      return dc.beginDialog(ROUTE);
    }
    // "审核通过了 然后呢" there: what it waits for is the answer.
    if (waitsFor && mentions(this.localizer, 'whatNext', text, 'case')) return this.askAgain(dc);
    // "thanks bye", "我先考虑考虑" while the case waits for an answer: it waits for later, said so, and the chat left in peace.
    if (waitsFor && (saysGoodbye(text, this.localizer) || this.answersLater(waitsFor, text))) {
      await dc.cancelAllDialogs();
      await context.sendActivity(this.replies.text(lang, `case:answerLater.${waitsFor}`));
      return { status: DialogTurnStatus.cancelled };
    }
    // "Where do I find the serial number?" at that question, a thank-you or a greeting: answered, then the question again.
    const help = form && helpKey(form);
    const thanks = form && !answered && isThanks(text, this.localizer);
    const greeted = form && !answered && isGreeting(text, this.localizer);
    // "继续" (which the classifier, taught many a "不继续了", reads as stopping): the question again.
    const goOn = form && !answered && saysContinue(text, this.localizer);
    // "好", "ok" at the date's or a number's question (after "两台要分别申请", say): heard, and the question again,
    // no "cannot read that" (the name's question says a yes is no name; the reason's shows its buttons again).
    const acked = form && !answered && ('field' in form ? !form.known && form.field !== 'fullName' : form.kind === 'date') && yesNo(text, this.localizer) === true;
    // "继续" at "shall we start?" is the yes (after the six steps, "go on").
    if (goOn && 'kind' in form && form.kind === 'yesNo' && inApplication) {
      context.turnState.set(SAID_YES, true);
      return this.answer(context);
    }
    // At the name question "机身号在哪看" asks about another field: the FAQ answers it below.
    const asked = form && askedOf(form);
    // "where do I find the serial?" at the date question: the help of the answer it names.
    const other = asked && asksForHelp(text, this.localizer) ? EDITABLE.find((f) => f !== asked && mentions(this.localizer, `edit.${f}`, text)) : undefined;
    // "营业执照上的名字可以吗" at the name question: a question about the answer asked for is its help.
    const aboutThis = asked !== undefined && asksSomething(text, this.localizer) && mentions(this.localizer, `edit.${asked}`, text);
    // "客服电话多少" at the mobile question names its word, but surely asks an FAQ.
    const helpAsked = help && (asksForHelp(text, this.localizer) || aboutThis) && !((name || aboutThis) && surelyFaq(recognize()));
    // "信用卡可以吗", "can I use another card?" at the card question, "wait, what card do you mean?" at a
    // later one: which card it must be.
    const whichCard = !answered && mentions(this.localizer, 'whichCard', text) && (asked === 'cardNumber' || (asked !== undefined && asksSomething(text, this.localizer)));
    // "卡号怎么只显示后四位", "why are there stars in my card number?": why it is masked, not where to find it.
    // Only where the form shows the masked card, or of the card ("why do stars twinkle?" at the offer is no such question).
    const masked = form !== undefined && !answered && asksSomething(text, this.localizer) && mentions(this.localizer, 'maskAsked', text) && (inApplication || mentions(this.localizer, 'edit.cardNumber', text));
    // "设备故障" tapped again on the reason's buttons at a later question: kept already, and where it is changed.
    const reasonAgain = asked !== undefined && asked !== 'reason' && !answered && labelOf(this.localizer, REASON_LABELS, text) !== undefined;
    // "找不到", "the label is worn off", "skip", "stolen, don't know the SN" at the serial question: where
    // to find it, with the way to a person (who finds it by the registered mobile) as its button; the
    // question still waits, unasked again (its prompt has no buttons, which would hide that one).
    const stolen = mentions(this.localizer, 'stolen', text);
    // "i use alipay" at the card question: no app takes the refund, only the settlement card, with a person for takings that never reached one.
    if (asked === 'cardNumber' && !answered && mentions(this.localizer, 'wallets', text)) {
      await context.sendActivity(this.replies.withSuggestions(lang, 'cancel:help.wallet', ['human_agent']));
      return Dialog.EndOfTurn;
    }
    // "i dont have a chinese number" at the mobile question: what a foreign number gets, with a person to apply otherwise.
    if (asked === 'mobile' && !answered && mentions(this.localizer, 'noLocalMobile', text)) {
      await context.sendActivity(this.replies.withSuggestions(lang, 'cancel:help.noLocalMobile', ['human_agent']));
      return Dialog.EndOfTurn;
    }
    // "can i use my wifes number" at the mobile question: whose number it may be.
    if (asked === 'mobile' && !answered && mentions(this.localizer, 'someoneElse', text)) return this.askAgain(dc, this.replies.text(lang, 'cancel:help.othersMobile'));
    // "我的结算卡已经注销了" at the card question: the refund goes to that card, so a person agrees another way (or a new settlement card).
    if (asked === 'cardNumber' && !answered && mentions(this.localizer, 'cardGone', text)) {
      await context.sendActivity(this.replies.withSuggestions(lang, 'cancel:help.cardGone', ['human_agent']));
      return Dialog.EndOfTurn;
    }
    // "工行那张", "the one from ICBC" at the card question: which card it is, said by its bank; its number is what is asked.
    if (asked === 'cardNumber' && !answered && !/\d/.test(text) && mentions(this.localizer, 'bankNamed', text)) return this.askAgain(dc, this.replies.text(lang, 'cancel:help.bankNamed'));
    // "same number as my login", "和注册的一样" at a field's question: nothing else is seen from here, so the value itself.
    if (asked && asked !== 'reason' && asked !== 'receivedOn' && !answered && !/\d/.test(text) && mentions(this.localizer, 'sameAs', text)) {
      return this.askAgain(dc, this.replies.text(lang, 'cancel:help.sameAs', { item: this.localizer.t(lang, `cancel:itemNames.${asked}`) }));
    }
    // Told where it is once already, "那怎么办", "still can't find it": who finds it (by the registered mobile).
    const serialHelp = asked === 'posSerial' ? (waiting.activeDialog?.state.state as { helped?: boolean } | undefined) : undefined;
    const stillStuck = serialHelp?.helped === true && !answered && (mentions(this.localizer, 'followUp.faq_find_serial', text, 'faq') || mentions(this.localizer, 'whatNow', text, 'case'));
    if (serialHelp && !answered && (helpAsked || stolen || isSkip(text, this.localizer) || stillStuck)) {
      if (stolen) await context.sendActivity(this.replies.text(lang, 'cancel:stolenReport'));
      await context.sendActivity(this.replies.withSuggestions(lang, serialHelp.helped ? 'cancel:help.posSerialStill' : 'cancel:help.posSerial', ['human_agent']));
      serialHelp.helped = true;
      return Dialog.EndOfTurn;
    }
    // "还没收到机器呢" at the date question: no date to give yet; what to do, and the way to a person, the question still waiting.
    if (form && 'kind' in form && form.kind === 'date' && !answered && mentions(this.localizer, 'notReceivedYet', text)) {
      await context.sendActivity(this.replies.withSuggestions(lang, 'cancel:notReceivedYet', ['human_agent']));
      return Dialog.EndOfTurn;
    }
    // "不记得了", "roughly" at the date question: a rough answer is enough, offered as buttons, with a person for those who can't say.
    if (form && 'kind' in form && form.kind === 'date' && !answered && !other && (helpAsked || mentions(this.localizer, 'unsureDate', text))) {
      await context.sendActivity(render(this.localizer, lang, APPROXIMATE_DATES));
      return Dialog.EndOfTurn;
    }
    // "在吗", "hi im back" days after "stop here?" was asked: back to fill it in, where it stopped.
    if (greeted && dc.activeDialog?.id === STOP_FORM_DIALOG) {
      await context.sendActivity(this.replies.text(lang, 'cancel:greetingAck'));
      await dc.cancelAllDialogs();
      return dc.beginDialog(ROUTE, { start: CANCEL_DIALOG, startOptions: { resume: true } satisfies CancelOptions } satisfies RouteOptions);
    }
    if (masked || reasonAgain || other || whichCard || helpAsked || thanks || greeted || goOn || acked) {
      const ack = masked ? 'cancel:help.masked' : reasonAgain ? 'cancel:reasonKept' : other ? `cancel:help.${other}` : whichCard ? 'cancel:help.whichCard' : thanks ? 'cancel:thanksAck' : greeted ? 'cancel:greetingAck' : goOn || acked ? 'cancel:continueAck' : help!;
      return this.askAgain(dc, this.replies.text(lang, ack));
    }
    // The summary's "确认无误" tapped while another question waits (a change asked for, the offer): that question again.
    if (form && !('summary' in form) && labelOf(this.localizer, ['cancel:confirm'], text)) return this.askAgain(dc);
    const recognized = recognize();
    await context.sendActivity(this.replies.trace(recognized));
    // "我要注销POS机" at "leave a message?" (nobody could take the chat): the offer is left and the
    // message routed as any other, rather than taken for the message or asked again.
    if (form && 'kind' in form && form.kind === 'choice' && dc.activeDialog?.id === HANDOFF_DIALOG && this.asksForProcess(text, recognized)) {
      await dc.cancelAllDialogs();
      return dc.beginDialog(ROUTE);
    }
    // "Never mind" always works, whatever the question was; in the application it asks whether to keep what was filled in.
    // "继续" at another question (the reference of a status check), with an unfinished application: on with it.
    if (saysContinue(text, this.localizer) && dc.activeDialog?.id !== CANCEL_DIALOG && (await this.drafts.get(context))) {
      await dc.cancelAllDialogs();
      return dc.beginDialog(ROUTE, { start: CANCEL_DIALOG, startOptions: { resume: true } satisfies CancelOptions } satisfies RouteOptions);
    }
    // "我要注销POS机" at a question of the application: that is what is being done; on with it. (At the
    // reason question it is no reason, which its retry says with the reasons' buttons.)
    const asksField = form !== undefined && ('field' in form || form.kind === 'date');
    // ("Name: Zhao Lei, Card: 6222…, SN: LKL…" reads as cancelling too: answers given together are none.)
    if (asksField && inApplication && !together && this.asksToCancel(text, recognized)) {
      return this.askAgain(dc, this.replies.text(lang, 'cancel:continueAck'));
    }
    // "no", "不对" at the summary: something in it is wrong, which it asks for; no stopping ("算了" still stops).
    if (form && 'summary' in form && composedOf(normalize(text), words(this.localizer, 'summaryWrong'), words(this.localizer, 'filler'))) return this.answer(context);
    // "不想说", "rather not say" asked for the reason in a few words: the answer (the reviewer reads it), not stopping.
    const detailAsked = form !== undefined && 'kind' in form && form.kind === 'free' && !('summary' in form) && inApplication;
    if (detailAsked && mentions(this.localizer, 'declineToSay', text)) return this.answer(context);
    // "继续" is never stopping, whatever the classifier reads ("不继续了" taught it the word).
    // "actually no, forget it, lets continue": going on, whatever else it says.
    // "我不想注销了" when asked whether to keep what was filled in: that question is about stopping, its buttons again.
    if (dc.activeDialog?.id === STOP_FORM_DIALOG && this.recognizer.refusesCancelling(text)) return this.askAgain(dc);
    if (recognized.intent === 'abort' && recognized.score >= ABORT_CONFIDENCE && !this.saysGoOn(text)) {
      const kept = (await this.drafts.get(context)) !== undefined;
      const inForm = inApplication && kept;
      // "forget it" at the offer of a person that left the application: no person, and the application offered again.
      const leftForPerson = dc.activeDialog?.id === HANDOFF_DIALOG && kept;
      await dc.cancelAllDialogs();
      if (inForm) return dc.beginDialog(ROUTE, { start: STOP_FORM_DIALOG } satisfies RouteOptions);
      if (leftForPerson) return dc.beginDialog(ROUTE, { start: RESUME_DRAFT_DIALOG, startOptions: { afterHandoff: true } satisfies ResumeOptions } satisfies RouteOptions);
      await context.sendActivity(this.replies.withMenu(lang, 'intents.aborted'));
      // Left before anything was filled in: "actually, let's go on" next begins it again (a bare "yes"
      // answers "anything else?", it begins nothing).
      if (inApplication) await this.offered.set(context, LEFT_APPLICATION);
      return { status: DialogTurnStatus.cancelled };
    }
    // Asking for a person always works too (unless leaving them a message already), and leaves the
    // form (its draft is kept and offered again when the person is done): the agent sees what was said so far.
    // Less sure when the message names a person ("this is taking forever, let me talk to a real person").
    const namesPerson = mentions(this.localizer, 'person', text, 'handoff');
    const handoffConfidence = namesPerson ? ABORT_CONFIDENCE : HANDOFF_CONFIDENCE;
    // "Ren Jun" at a question is a name typed (at the name question the answer), not "转人工".
    const nameOnly = form !== undefined && !namesPerson && looksLikeName(text);
    const asksPerson =
      this.asksForPerson(text, ['askPerson']) ||
      (recognized.intent === 'human_agent' && recognized.score >= handoffConfidence && !nameOnly && !negatedBeside(text, this.localizer, ['handoff:words.askPerson', 'handoff:words.person']));
    if (asksPerson && dc.activeDialog?.id !== HANDOFF_DIALOG) {
      await dc.cancelAllDialogs();
      return dc.beginDialog(ROUTE, { start: HANDOFF_DIALOG } satisfies RouteOptions);
    }
    if (form && 'kind' in form && form.kind === 'yesNo' && inApplication && this.saysStart(text, recognized)) {
      context.turnState.set(SAID_YES, true);
      return this.answer(context);
    }
    // "我要注销", "I want to cancel my terminal" at "continue your unfinished application?": on with it.
    const draftChoice = dc.activeDialog?.id === RESUME_DRAFT_DIALOG || dc.activeDialog?.id === STOP_FORM_DIALOG;
    if (draftChoice && this.asksToCancel(text, recognized)) {
      context.turnState.set(SAID_YES, true);
      return this.answer(context);
    }
    // "LKL94000002", the serial it stopped at, typed there: that answer (which the choice takes), not "进度?".
    if (draftChoice && (await this.drafts.answeredBy(context, text, this.localizer))) return this.answer(context);
    // "签了以后多久出结果" at the signature, "how long does the refund take?" at the reference number's
    // question: an FAQ is answered when it likely is one (a question is no name, and no reference).
    const waitsReference = dc.activeDialog?.id === STATUS_DIALOG && form !== undefined && 'kind' in form && form.kind === 'free' && !findReference(text);
    // "我没有单号", "单号在哪里找", "can you look it up with my phone number": the question says where to find it.
    if (waitsReference && mentions(this.localizer, 'noReference', text, 'status')) return this.answer(context);
    // Anything else there without a digit (nor about the reference: "单号写错了吗") is no reference but a new
    // message ("我要注销pos机", "注销后征信有影响吗", "what paper do i need"): the question is left and the
    // message routed as any other, rather than asked again after every answer.
    if (waitsReference && !/\d/.test(text) && !mentions(this.localizer, 'referenceAsked', text, 'status')) {
      await dc.cancelAllDialogs();
      return dc.beginDialog(ROUTE);
    }
    // Not "卡号是不是填错了？", which goes back to the summary to change it.
    const namesItem = EDITABLE.some((item) => mentions(this.localizer, `edit.${item}`, text));
    if (form && 'kind' in form && form.kind === 'signature' && asksSomething(text, this.localizer) && !namesItem && !surelyFaq(recognized)) {
      if (!(await this.answerAsked(context, lang, text, recognized, leavesStart, QUESTION_FAQ_CONFIDENCE))) await context.sendActivity(this.replies.text(lang, 'cancel:questionNotUnderstood'));
      return this.askAgain(dc);
    }
    // An answer (a signature, words of one's own) was never a question the bot missed: like a field's
    // answer, which never reaches the recognizer, it stays out of what the turn's analytics count and
    // out of the editors' inbox of unanswered messages (it is often a name).
    if (answered) {
      // An FAQ question at the name question, the summary, the signature or the reference number's ("how long will it take?") is answered.
      const asking = inApplication || (dc.activeDialog?.id === STATUS_DIALOG && !findReference(text));
      // At the reference question anything without a digit is no reference: "客服電話幾號" asks, however it ends.
      // "Bob Chan, card 4111…, serial SN…": answers given together, whatever FAQ their labels resemble.
      const mayAsk = name ? !introducesName(text, this.localizer) && !isUnknownHanName(text, recognized) && !together : asking && (asksSomething(text, this.localizer) || (waitsReference && !/\d/.test(text)));
      // Several FAQ questions are as sure ("客服电话多少 另外有时间限制吗" at the summary is no change of the mobile).
      if (!mayAsk || !(surelyFaq(recognized) || this.recognizer.faqsAsked(text).length)) return this.answer(context);
      await this.answerAsked(context, lang, text, recognized, leavesStart, 0);
      return this.askAgain(dc);
    }
    // "Progress?" at a question about the merchant's case or unfinished application, or "退多少钱？" at
    // the case's: the question itself says where things stand (the amount, the method), so it is asked
    // again rather than taken for a mistyped answer. FAQ questions are answered below.
    const aboutCase = form && 'kind' in form && (form.kind === 'pending' || form.kind === 'choice');
    const asksCase = waitsFor !== undefined && asksSomething(text, this.localizer) && !(isFaqIntent(recognized.intent) && recognized.score >= FAQ_CONFIDENCE);
    // "is this the final amount?", "when will I get it if I accept?" at the offer: who can explain it, and
    // the offer again; at the refund's question an FAQ that likely fits ("how do I check?") is answered.
    // ("退多少钱？", "how much?": the offer itself says, and is asked again.)
    if (waitsFor && (await this.tellRefundCard(context, lang, (await this.merchantCases.current(context))?.record, text))) return this.askAgain(dc);
    // A question about something else ("机器要寄回去吗") is no question about the offer: answered as any
    // other (an FAQ, or "I don't know" and a person), and the offer asked again.
    // ("will i be told when the refund is sent" asks how news comes, which the refund-check answer says.)
    const aboutOffer = mentions(this.localizer, 'offerWords', text, 'case') && !mentions(this.localizer, 'toldWhen', text, 'case');
    if (asksCase && waitsFor === 'accept_offer' && aboutOffer && !mentions(this.localizer, 'offerFacts', text, 'case')) return this.offerQuery(context, lang);
    const likelyFaq = isFaqIntent(recognized.intent) && recognized.score >= QUESTION_FAQ_CONFIDENCE;
    const unknown = recognized.intent === NONE || (isFaqIntent(recognized.intent) && !likelyFaq);
    // "接受了会怎样" there: what that answer means, its buttons kept (not out of scope).
    if (waitsFor && this.asksMeaning(waitsFor, text)) {
      await context.sendActivity(this.explained(lang, waitsFor));
      return Dialog.EndOfTurn;
    }
    // "是不是到账了" at "has it arrived?": how to check it, then the question again.
    if (waitsFor === 'confirm_arrival' && this.asksIfArrived(text)) {
      await this.respond(context, lang, 'faq_refund_verify');
      return this.askAgain(dc);
    }
    if (asksCase && (likelyFaq || (unknown && !aboutOffer))) {
      if (!(await this.answerAsked(context, lang, text, recognized, leavesStart, QUESTION_FAQ_CONFIDENCE))) await this.respond(context, lang, NONE, leavesStart);
      return this.askAgain(dc);
    }
    const statusAsked = aboutCase && asksStatus(recognized);
    // With two terminals being cancelled, "进度?" at one's question: both, that one last with its buttons.
    if (statusAsked && (await this.merchantCases.several(context))) {
      await dc.cancelAllDialogs();
      return dc.beginDialog(ROUTE, { start: STATUS_DIALOG } satisfies RouteOptions);
    }
    if (statusAsked || asksCase) return this.askAgain(dc);
    // "Which did you mean?" is asked once: whatever comes next is the pick or a new message.
    if (clarifying) return undefined;
    // At the reason question a statement naming none of the four ("手续费太高", "too complicated") is
    // the merchant's own reason, unless it surely means something else (a greeting, "我要注销") or may
    // mean stopping.
    const meansOther = !isFaqIntent(recognized.intent) && recognized.intent !== NONE && (recognized.intent === 'abort' || recognized.score >= OTHER_MEANING_CONFIDENCE);
    // "郑二": a name typed a question early is no reason.
    if (form && 'kind' in form && form.kind === 'reason' && !meansOther && isOwnReason(text, this.localizer) && !isBareName(text, recognized) && !isDateOnly(text)) {
      context.turnState.set(OWN_REASON, true);
      return this.answer(context);
    }
    // A question in words while a form field waits ("is there a fee?"): answered when it is likely an
    // FAQ, else said not understood, and the question asked again; never taken for a mistyped answer.
    // (And at "shall we start?": "how long does the whole thing take?" is no yes or no.)
    // "my mobile is 1381234567" (a digit short): a mistyped value, which the question's retry says, not the FAQ on "mobile" POS.
    if (form && 'field' in form && /\d{7,}/.test(text.replace(/[\s-]/g, ''))) return this.answer(context);
    const typed = form && ('field' in form || form.kind === 'date' || form.kind === 'reason' || (form.kind === 'yesNo' && inApplication));
    const question = typed && /\p{L}/u.test(text) && compactLength(text) >= 4 && asksSomething(text, this.localizer);
    // "how is the weather today?", surely out of scope: said to be beyond the bot (not a card number that isn't one).
    if (question && (recognized.score < FAQ_CONFIDENCE || recognized.intent === NONE)) {
      const reply = recognized.intent === NONE && recognized.score >= FAQ_CONFIDENCE ? 'faq:outOfScope' : 'cancel:questionNotUnderstood';
      if (!(await this.answerAsked(context, lang, text, recognized, leavesStart, QUESTION_FAQ_CONFIDENCE))) await context.sendActivity(this.replies.text(lang, reply));
      return this.askAgain(dc);
    }
    // "my settlement has been delayed" at the card or mobile question: a few words without a digit, nor the
    // answer's own label ("卡号是abc"), are no mistyped value (nor a name, "Zhao Yun"): said so, with what the
    // question needs, and a person for what they may be about.
    const statement =
      form && 'field' in form && (form.field === 'cardNumber' || form.field === 'mobile') && inApplication && !/\d/.test(text) && !looksLikeName(text) && wordsIn(text) >= STATEMENT_WORDS && !mentions(this.localizer, `edit.${form.field}`, text);
    if (statement && !(isFaqIntent(recognized.intent) && recognized.score >= FAQ_CONFIDENCE)) {
      await context.sendActivity(this.replies.withSuggestions(lang, 'cancel:offTopic', ['human_agent'], { item: this.localizer.t(lang, `cancel:itemNames.${form.field}`) }));
      return Dialog.EndOfTurn;
    }
    // While a form field waits, a short, unsure or wordless message (digits) is a mistyped answer, not a new question.
    if (form && (compactLength(text) < 4 || recognized.score < FAQ_CONFIDENCE || !/\p{L}/u.test(text))) return this.answer(context);
    if (!isFaqIntent(recognized.intent) && !INTERRUPTING.has(recognized.intent)) return undefined;
    // "Zhao Yun" at the card question, read as a greeting: a mistyped answer (greetings in words were acknowledged above).
    if (nameOnly && !isFaqIntent(recognized.intent)) return this.answer(context);
    if (!(await this.answerAsked(context, lang, text, recognized, leavesStart, 0))) await this.respond(context, lang, recognized.intent, leavesStart);
    return this.askAgain(dc);
  }

  /**
   * A yes to "shall we start the application?" in other words: "我要注销POS机" said again (not "I don't
   * want to start yet"), the next question's answer alone ("两个星期前"; not "现在不方便 上个月收到的",
   * nor "今天吧", let's do it today), "yes, start the application", "可以，开始填吧", "ready".
   */
  private saysStart(text: string, recognized: Recognized): boolean {
    if (this.asksToCancel(text, recognized)) return true;
    if (isDateOnly(text) && !mentions(this.localizer, 'now', text)) return true;
    return this.saysStartNow(text);
  }

  /** "行 那我办一下", "可以 帮我开始吧", "ok lets do it": to start now, not a question nor a no. */
  private saysStartNow(text: string): boolean {
    return mentions(this.localizer, 'startNow', text) && !negatedBeside(text, this.localizer, ['cancel:words.startNow']) && !asksSomething(text, this.localizer);
  }

  /** "继续", "ok so can we continue my form", "actually I want to continue": on with what was being done (not "不继续了", nor a question). */
  private saysGoOn(text: string): boolean {
    return (
      saysContinue(text, this.localizer) ||
      (mentions(this.localizer, 'draft.continue', text) && !negatedBeside(text, this.localizer, ['cancel:words.draft.continue']) && !asksSomething(text, this.localizer))
    );
  }

  /** "重新开始", "start over"; at the reason question (where merchants tell what happened) only when that is all it says. */
  private saysRestart(text: string, form: Expectation): boolean {
    if ('kind' in form && form.kind === 'free') return false;
    if ('kind' in form && form.kind === 'reason') return composedOf(normalize(text), words(this.localizer, 'restart'), words(this.localizer, 'filler'));
    return mentions(this.localizer, 'restart', text) && !negatedBeside(text, this.localizer, ['cancel:words.restart']);
  }

  /** "接受是啥意思", "what happens if I accept?": what the answer to the case's question means. */
  private asksMeaning(action: PendingAction, text: string): boolean {
    return mentions(this.localizer, ACTION_ANSWERS[action].yesWords, text, 'case') && mentions(this.localizer, 'meaning', text, 'case');
  }

  /** "是不是到账了", "到了吧", "has it arrived?": the merchant asks the bot, which cannot see their account. */
  private asksIfArrived(text: string): boolean {
    return mentions(this.localizer, 'arrived', text, 'case') && (asksSomething(text, this.localizer) || mentions(this.localizer, 'unsure', text, 'case')) && caseAnswer('confirm_arrival', text, this.localizer) === undefined;
  }

  /** What the answer to the case's question means and how it is given, with its buttons. */
  private explained(lang: Language, action: PendingAction): Partial<Activity> {
    const { yes, no } = ACTION_ANSWERS[action];
    return render(this.localizer, lang, { key: `case:answerHow.${action}`, buttons: [yes, no] });
  }

  /** "我先考虑考虑", "跟老婆商量下"; "还没去查" of the refund: what the case waits for is answered later. */
  private answersLater(action: PendingAction, text: string): boolean {
    return mentions(this.localizer, 'thinkItOver', text, 'case') || (action === 'confirm_arrival' && mentions(this.localizer, 'notChecked', text, 'case'));
  }

  /** "我要注销POS机" or "我的申请到哪一步了", surely. */
  private asksForProcess(text: string, recognized: Recognized): boolean {
    // A question about the refund says no as often as not ("钱怎么还没到账").
    const status = recognized.intent === 'check_status' && recognized.score >= START_CONFIDENCE;
    return this.asksToCancel(text, recognized) || (status && (asksSomething(text, this.localizer) || !negatedBeside(text, this.localizer, [])));
  }

  /** Someone asks, or the merchant asks whether, for a card's PIN or an SMS code ("客服打电话要我的验证码", "do you need my pin?"). */
  private secretAsked(text: string): boolean {
    return !containsSecret(text) && mentions(this.localizer, 'secrets', text, 'bot') && mentions(this.localizer, 'secretAsked', text, 'bot');
  }

  /**
   * "你们是不是骗子", "is this legit?": whether this is the official service, asked; not when another sentence
   * of it complains ("你们这是骗子吧 退个机器这么麻烦"), which is the complaint's apology and a person.
   */
  private asksTrust(text: string): boolean {
    const clauses = clausesOf(text);
    const asking = clauses.filter((clause) => mentions(this.localizer, 'trustAsked', clause, 'bot'));
    return asking.length > 0 && !this.complains(clauses.filter((clause) => !asking.includes(clause)).join('。'));
  }

  /** Whether charges go on once the terminal is cancelled, asked ("注销了以后还扣钱不", "will I be charged after cancelling?"). */
  private asksChargesAfter(text: string): boolean {
    // "还扣钱不": a verb with 不 at the end asks too. Charges going on already ("每个月还扣") are a complaint's.
    const asks = asksSomething(text, this.localizer) || /[不么][\s?？。!！~～]*$/u.test(text);
    return asks && mentions(this.localizer, 'afterCancel', text, 'faq') && mentions(this.localizer, 'charges', text, 'faq') && !mentions(this.localizer, 'charged', text, 'bot');
  }

  /** "我要注销POS机" (not "我不想注销了"), surely. */
  private asksToCancel(text: string, recognized: Recognized): boolean {
    return recognized.intent === 'cancel_pos' && recognized.score >= START_CONFIDENCE && !negatedBeside(text, this.localizer, []);
  }

  /** Who can explain the offer (how it was worked out, another way to pay), and its buttons again: it stays open. */
  private async offerQuery(context: TurnContext, lang: Language): Promise<DialogTurnResult> {
    const { yes, no } = ACTION_ANSWERS.accept_offer;
    await context.sendActivity(this.replies.withFollowUps(lang, this.localizer.t(lang, 'case:offerQuery'), ['human_agent'], [yes, no]));
    return Dialog.EndOfTurn;
  }

  /**
   * Files received, named, and where they go: in the application, to its reviewers with it; otherwise to
   * those of an application made in this conversation (up to its review's start), or through a person.
   */
  private async filesReceived(context: TurnContext, inApplication: boolean): Promise<Partial<Activity>> {
    const lang = await this.language.of(context);
    // Names as said back, card numbers masked ("发票 6212….pdf").
    const names = (context.activity.attachments ?? []).flatMap((file) => (file.name ? [maskPii(file.name)] : []));
    const vars = { names: names.join(this.localizer.t(lang, 'cancel:filesReceived.separator')) || this.localizer.t(lang, 'cancel:filesReceived.unnamed') };
    return inApplication ? this.replies.text(lang, 'cancel:filesReceived.application', vars) : this.replies.withSuggestions(lang, 'cancel:filesReceived.other', ['human_agent'], vars);
  }

  /** The waiting question asked again (in the language of the moment), after `reply` if there is one. */
  private async askAgain(dc: DialogContext, reply?: Partial<Activity>): Promise<DialogTurnResult> {
    if (reply) await dc.context.sendActivity(reply);
    await dc.repromptDialog();
    return Dialog.EndOfTurn;
  }

  /** The message goes to the question waiting, as its answer (or a mistyped one), not as something recognized. */
  private answer(context: TurnContext): undefined {
    context.turnState.delete(RECOGNIZED);
    return undefined;
  }

  private async route(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const context = step.context;
    const { start, startOptions, welcome } = (step.options ?? {}) as RouteOptions;
    if (start) return this.begin(step, start, startOptions);
    const decided = context.turnState.get(DECIDED) as Next | undefined;
    if (decided) {
      context.turnState.delete(DECIDED);
      return this.begin(step, decided.id, decided.options);
    }
    if (context.turnState.get(LEFT_QUEUE)) return this.leftQueue(step);
    const event = welcome ? undefined : domainEventOf(context);
    if (event?.kind === 'caseUpdated') {
      (step.values as { interrupted?: boolean }).interrupted = context.turnState.get(INTERRUPTED_FORM) === true;
      return this.begin(step, CASE_UPDATE_DIALOG, { reference: event.reference, kind: event.followUp } satisfies CaseUpdate);
    }
    if (event?.kind === 'handoffEnded') return this.begin(step, CSAT_DIALOG, { handoffId: event.handoffId } satisfies CsatOptions);
    if (event?.kind === 'handoffUnanswered') return this.begin(step, HANDOFF_DIALOG, { unanswered: true } satisfies HandoffOptions);
    const next = welcome ? await this.welcomeBack(context) : await this.decide(context);
    return next ? this.begin(step, next.id, next.options) : step.endDialog();
  }

  /** Out of the queue for a person: said so, and the unfinished application offered if there is one. */
  private async leftQueue(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const lang = await this.language.of(step.context);
    if (!(await this.drafts.get(step.context))) {
      await step.context.sendActivity(this.replies.withMenu(lang, 'handoff:stopped'));
      return step.endDialog();
    }
    await step.context.sendActivity(this.replies.text(lang, 'handoff:stoppedToDraft'));
    return this.begin(step, RESUME_DRAFT_DIALOG, { afterHandoff: true } satisfies ResumeOptions);
  }

  /** What a message asks for: answered here, or the dialog to begin. */
  private async decide(context: TurnContext): Promise<Next | undefined> {
    if ((await this.switchLanguage(context)) || context.activity.type !== 'message') return undefined;
    await this.followWrittenLanguage(context);
    const text = context.activity.text ?? '';
    // A file alone (a photo of the label, a repair record): received, and where it goes; not "out of scope".
    if (!text.trim() && context.activity.attachments?.length) {
      await context.sendActivity(await this.filesReceived(context, false));
      return undefined;
    }
    // Only spaces (a send pressed too early): what can be done, not "out of scope".
    if (!text.trim()) {
      await context.sendActivity(this.replies.withMenu(await this.language.of(context), 'blank'));
      return undefined;
    }
    // "我的密码是123456，帮我查一下": never to be sent here, which is said first; the rest is answered as usual.
    if (containsSecret(text)) await context.sendActivity(this.replies.text(await this.language.of(context), 'secretShared'));
    // What the last answer offered holds for this message only, whatever it turns out to be.
    const offered = await this.offered.get(context);
    if (offered) await this.offered.delete(context);
    // "13800138000" after "no reference? send the mobile you applied with": that lookup.
    const lookupMobile = offered === MOBILE_LOOKUP ? parseMobile(foundIn('mobile', text) ?? text) : undefined;
    if (lookupMobile?.ok) return { id: STATUS_DIALOG, options: { mobile: lookupMobile.value } satisfies StatusOptions };
    // "they called and want my card pin to process the cancellation": never us, most likely a scam; a person if they like.
    if (this.secretAsked(text)) return this.offerPerson(context, await this.language.of(context), 'scamWarning');
    // "卡上多了一笔不认识的扣款", "a charge I didn't make": to customer service at once, whatever the case
    // waits for (no refund, no fee answer), and a yes next is that person.
    // "怎么防止被盗刷" asks how to stay safe (the payment-security FAQ), it reports nothing.
    const reportsCharge = mentions(this.localizer, 'unknownCharge', text, 'faq') && !mentions(this.localizer, 'prevention', text, 'faq');
    if (reportsCharge && !negatedBeside(text, this.localizer, ['faq:words.unknownCharge'])) {
      return this.offerPerson(context, await this.language.of(context), 'faq:unknownCharge');
    }
    // "someone says they are Lakala staff and can cancel it quickly if I pay 50": never pay to speed it up.
    // Also in so many words: someone else said ("有人打电话说", "some guy called saying") money is to be paid.
    const toldToPay = (mentions(this.localizer, 'payAsked', text, 'faq') || PAY_A_SUM.test(text)) && mentions(this.localizer, 'someoneSaid', text, 'faq');
    if (mentions(this.localizer, 'payToHurry', text, 'faq') || toldToPay) {
      await this.respond(context, await this.language.of(context), 'faq_cancel_cost');
      return undefined;
    }
    // "余额是0了 是不是成功了", "balance is 0, did it work?": a zero balance proves nothing; how to check, the credit.
    if (mentions(this.localizer, 'balance', text, 'case') && mentions(this.localizer, 'zero', text, 'case')) {
      await this.respond(context, await this.language.of(context), 'faq_refund_verify');
      return undefined;
    }
    // What the merchant's case waits for can be given at any time, in words or with its old buttons.
    const { current, latest, unreachable } = await this.merchantCases.lookup(context);
    // "怎么才88块5？押金不是299吗", "I accept but can it go to a different card", the offer waiting: who
    // explains it, and the offer again (a yes said with it is no acceptance).
    if (current?.action === 'accept_offer' && queriesOffer(text, this.localizer)) {
      // The offer again with the way to a person beside its buttons (a widget shows the last message's only).
      await context.sendActivity(this.replies.text(await this.language.of(context), 'case:offerQuery'));
      return { id: CASE_UPDATE_DIALOG, options: { reference: current.record.reference, personToo: true } satisfies CaseUpdate };
    }
    // "is it to the same card I gave?": that card (its last 4 digits), and what the case waits for again.
    if (await this.tellRefundCard(context, await this.language.of(context), current?.record, text)) {
      if (!current?.action) return undefined;
      // "接受 另外我的卡要不要销户": an answer said with the question is taken too.
      const answer = caseAnswer(current.action, text, this.localizer) !== undefined ? text : undefined;
      return { id: CASE_UPDATE_DIALOG, options: { reference: current.record.reference, answer } satisfies CaseUpdate };
    }
    // "yes i checked the right card" after saying the refund had not arrived: a person to chase it, not an FAQ.
    if (current?.action === 'confirm_arrival' && checkedStillMissing(current.record, text, this.localizer)) {
      return { id: CASE_UPDATE_DIALOG, options: { reference: current.record.reference, chase: true } satisfies CaseUpdate };
    }
    // A bare "no" ("nope", "没有") answers it too: "not yet", "not accepted".
    if (current?.action && (caseAnswer(current.action, text, this.localizer) !== undefined || (!offered && yesNo(text, this.localizer) === false))) {
      return { id: CASE_UPDATE_DIALOG, options: { reference: current.record.reference, answer: text } satisfies CaseUpdate };
    }
    // "啥时候到账", "when will I get my money?" with a refund offered, agreed or paid: when that refund comes
    // (accepting first, its due day), not "out of scope" as settlement timing is without a case.
    if (current && asksRefundWhen(current.record, text, this.localizer)) return refundWhen(current);
    const lang = await this.language.of(context);
    // "接受是啥意思", "已经收到是什么意思": what that answer means, with its buttons (it signed the agreement once).
    if (current?.action && this.asksMeaning(current.action, text)) {
      await context.sendActivity(this.explained(lang, current.action));
      return undefined;
    }
    // "是不是到账了", "到了吧?": only their statement can tell; how to check it, then the question with its buttons.
    if (current?.action === 'confirm_arrival' && this.asksIfArrived(text)) {
      await this.respond(context, lang, 'faq_refund_verify');
      return { id: CASE_UPDATE_DIALOG, options: { reference: current.record.reference } satisfies CaseUpdate };
    }
    // "我考虑下", "跟老婆商量下" with the offer waiting though not asked this time: it waits for later, said so
    // (not "never mind", which the classifier hears, with a case open).
    if (current?.action && this.answersLater(current.action, text)) {
      await context.sendActivity(this.replies.text(lang, `case:answerLater.${current.action}`));
      return undefined;
    }
    // "等等，我点错了，我不同意", "钱还没看到" once the offer was accepted or the refund confirmed: recorded
    // for good here; a person can check it and put it right.
    if (!offered && !current?.action && retracts(current?.record ?? latest, text, this.localizer)) {
      return this.offerPerson(context, lang, 'case:retract');
    }
    // "撤回申请" with an application open: a person withdraws it, once they know who asks.
    if (current && asksToWithdraw(text, this.localizer)) {
      return this.offerPerson(context, lang, 'case:withdrawAsk', { reference: current.record.reference });
    }
    // "我填错手机号了，能改吗", "my card number in the application is wrong": what was submitted is changed
    // by a person, who checks who asks; not an FAQ about the item.
    if (current && mentions(this.localizer, 'correction', text) && EDITABLE.some((item) => mentions(this.localizer, `edit.${item}`, text))) {
      await context.sendActivity(this.replies.withSuggestions(lang, 'case:changeSubmitted', ['human_agent'], { reference: current.record.reference }));
      return undefined;
    }
    // "资料不全是缺啥", "what's missing?" after a rejection: which documents exactly is the reviewers' to say, through a person; then apply again.
    if (!current && latest?.status === 'rejected' && mentions(this.localizer, 'rejectionMissing', text, 'case')) return this.offerPerson(context, lang, 'case:rejectionMissing');
    // The summary's "确认无误" tapped again after submitting: where the application stands (not an FAQ sharing its words).
    if ((current ?? latest) && labelOf(this.localizer, ['cancel:confirm'], text)) return { id: STATUS_DIALOG };
    // "钱到了" before staff marked the refund paid: glad, and that staff confirm the payment first, after which it is asked here.
    const agreed = (current?.record ?? latest)?.status === 'refund_agreed' ? (current?.record ?? latest) : undefined;
    if (agreed && caseAnswer('confirm_arrival', text, this.localizer) === true && !this.complains(text)) {
      await context.sendActivity(this.replies.withSuggestions(lang, 'case:arrivedBeforePaid', ['faq_refund_verify'], { reference: agreed.reference }));
      return undefined;
    }
    // "我接受", "钱到了" while the case waits for nothing of the kind (or is done): where it stands says what comes next.
    if ((current ?? latest) && !current?.action && answersACase(text, this.localizer) && !this.complains(text)) return { id: STATUS_DIALOG };
    // "can u check PC-2603-WCF717 for my neighbour": a reference said is a status check.
    if (findReference(text) || mentionsReference(text)) return { id: STATUS_DIALOG };
    // "whats my reference number again?", "我的单号是多少": where the application stands, its reference first.
    if ((current ?? latest) && mentions(this.localizer, 'referenceAsked', text, 'status') && asksSomething(text, this.localizer)) return { id: STATUS_DIALOG };
    // "弄好没", "any news?" from a merchant with an application: where it stands.
    if ((current ?? latest) && mentions(this.localizer, 'doneYet', text, 'status')) return { id: STATUS_DIALOG };
    // After a rejection or a withdrawal, with nothing open: "我要重新申请" (or its button) is the application again.
    const rejected = !current && latest?.status === 'rejected' ? latest.reference : undefined;
    if (!current && latest && endedUndone(latest) && saysReapply(text, this.localizer)) return this.startApplication(context, true, latest.reference);
    // "but the SN is correct!! i checked it 3 times", "明明是对的": the rejection disputed, which a person reviews.
    if (rejected && mentions(this.localizer, 'rejectionDisputed', text, 'case')) return this.offerPerson(context, lang, 'case:rejectionDisputed');
    // "可以", "需要", "actually, let's go on" right after an answer that asked whether to start (or get a person): that.
    const goesOn = yesNo(text, this.localizer) === true || mentions(this.localizer, 'changedMind', text) || this.saysGoOn(text) || this.saysStartNow(text);
    // Asked by an FAQ answer or after "not now", with an application open: that one is named first.
    if (offered === 'cancel_pos' && goesOn) return current ? this.openCaseFirst(context, lang, current.record.reference) : this.startApplication(context, true);
    if (offered === ANOTHER_TERMINAL && goesOn) return this.startApplication(context, true);
    // "好的", "sure" to "想看看具体要准备什么吗？", an FAQ answer's offer of another (not one that leaves its own question open): that answer.
    if (offered && isFaqIntent(offered) && !this.replies.followUp(lang, offered) && yesNoOnly(text, this.localizer) === true) {
      await this.respond(context, lang, offered);
      return undefined;
    }
    if (offered === LEFT_APPLICATION && (mentions(this.localizer, 'changedMind', text) || this.saysGoOn(text) || this.saysStartNow(text))) return this.startApplication(context, true);
    // ("开始办理", the start's button, typed after that offer starts the application, below.)
    if (offered === 'human_agent' && yesNo(text, this.localizer) === true && labelOf(this.localizer, ['cancel:yes'], text) === undefined) return { id: HANDOFF_DIALOG };
    // "ok so what now?" after an answer whose next step is that person: the person.
    if (offered === 'human_agent' && mentions(this.localizer, 'whatNext', text, 'case')) return { id: HANDOFF_DIALOG };
    // "不用了", "no thanks" to that offer, asking nothing else (nor waiting, below): no person, and what else can be done.
    if (offered === 'human_agent' && yesNo(text, this.localizer) === false && !asksSomething(text, this.localizer) && !mentions(this.localizer, 'waitsForNews', text, 'bot')) {
      await context.sendActivity(this.replies.withMenu(lang, 'personDeclined'));
      return undefined;
    }
    const recognized = this.recognizer.recognize(context);
    await context.sendActivity(this.replies.trace(recognized));
    // "好的 怎么注销" right after the answer on closing bank cards: how the card is closed, not the terminal's
    // cancellation steps the words alone would ask for.
    const followUp = offered !== undefined && isFaqIntent(offered) && this.asksFollowUp(offered, text) ? this.replies.followUp(lang, offered) : undefined;
    if (followUp) {
      await context.sendActivity(followUp);
      return undefined;
    }
    // "delete my data please", "卡号保存多久": how the card number is kept and deleted; a person for the rest.
    if (mentions(this.localizer, 'privacy', text, 'bot')) return this.offerPerson(context, lang, 'privacy');
    // "昨天留言了怎么没人回电话", "did anyone call me?": the message left, still waiting for its call back.
    if (mentions(this.localizer, 'callbackAsked', text, 'handoff') && (await this.handoff.tellWaitingCallback(context))) return undefined;
    // "帮我叫个人工", "can someone call me back": a person, whatever else the message says (but not "I don't
    // need to talk to someone"). After the recognition, which the editors' inbox reads (the question before it).
    if (this.asksForPerson(text, ['askPerson', 'callMe'])) return { id: HANDOFF_DIALOG };
    // "你们是不是骗子", "is this legit?": how to tell the official service (before the complaints, which "骗子" is one of).
    if (this.asksTrust(text)) {
      await context.sendActivity(this.replies.withSuggestions(lang, 'trust', ['faq_hotline', 'human_agent']));
      return undefined;
    }
    // "注销后还会扣费吗": no FAQ says (the one on cancelling's cost nearly does): what is known, and a person to check it.
    if (this.asksChargesAfter(text)) {
      await context.sendActivity(this.replies.withSuggestions(lang, 'faq:chargesAfter', ['human_agent', 'faq_monitor_account']));
      await this.offered.set(context, 'human_agent');
      return undefined;
    }
    // "你是机器人吗", "are you a real person?": the bot says what it is, and that a person is a word away.
    if (mentions(this.localizer, 'whoAreYou', text, 'bot')) {
      await context.sendActivity(this.replies.withSuggestions(lang, 'identity', ['human_agent', 'cancel_pos']));
      return undefined;
    }
    // "客服几点下班", "is it open on sunday": when a person is on duty (the classifier knows no hours).
    if (mentions(this.localizer, 'hoursAsked', text, 'handoff')) {
      await context.sendActivity(this.handoff.staffedHours(lang));
      await this.offered.set(context, 'human_agent');
      return undefined;
    }
    // "那我等着", "好的，我等短信": waiting for news, which comes by itself (the classifier heard "wait for a person").
    if (mentions(this.localizer, 'waitsForNews', text, 'bot') && !asksSomething(text, this.localizer)) {
      await context.sendActivity(this.replies.text(lang, 'waitingAck'));
      return undefined;
    }
    // "我要投诉", "什么破玩意", "this is a scam": an apology and a person, not an FAQ that happens to share a
    // word; unless the message surely asks to cancel or for its progress ("it's useless now, I want to cancel it").
    // Charges that go on ("业务员说免费送的 现在每个月扣我钱") are for a person whatever else it asks: the
    // answer offers to cancel too.
    const charged = mentions(this.localizer, 'charged', text, 'bot');
    const surelyCase = !charged && (recognized.intent === 'cancel_pos' || recognized.intent === 'check_status') && recognized.score >= START_CONFIDENCE;
    // "投诉电话多少": where to complain is the hotline, answered as the FAQ.
    // "客服电话一直打不通" is no question for the number they could not get through to.
    const asksNumber = recognized.intent === 'faq_hotline' && surelyFaq(recognized) && !mentions(this.localizer, 'lineUnanswered', text, 'bot');
    if (!surelyCase && !asksNumber && this.complains(text)) {
      // Where the application stands only for a merchant who has one; a person either way, a yes next takes it.
      // "审核也太慢了吧，到底还要多久": while the review runs, the apology and that review's own window.
      if (current && awaitsDecision(current.record.status)) {
        await context.sendActivity(this.replies.text(lang, 'complaintReview'));
        return { id: STATUS_DIALOG };
      }
      // "this is ridiculous why was i rejected": the apology, then why and what can be done (a person among it).
      if ((current?.record ?? latest)?.status === 'rejected') {
        await context.sendActivity(this.replies.text(lang, 'complaintRejected'));
        return { id: STATUS_DIALOG };
      }
      const applied = (current ?? latest) !== undefined;
      await context.sendActivity(this.replies.withSuggestions(lang, applied ? 'complaint' : 'complaintNoCase', ['human_agent', applied ? 'check_status' : 'cancel_pos']));
      await this.offered.set(context, 'human_agent');
      return undefined;
    }
    // "已经一周了", "its been a week" while the review or the agreed refund's payment is under way: where it
    // stands, whether it is late, and a person to chase it if it is.
    const waitsOnUs = current !== undefined && (awaitsDecision(current.record.status) || current.record.status === 'refund_agreed');
    if (waitsOnUs && mentions(this.localizer, 'waited', text, 'status')) return { id: STATUS_DIALOG };
    // "开始办理" typed, or its button tapped, once the application's first question was left behind; "ok let's
    // do it" after an answer that ends "start whenever you're ready"; "我还有一台也要退".
    const startsNow = mentions(this.localizer, 'startNow', text) && composedOf(normalize(text), [...words(this.localizer, 'startNow'), ...words(this.localizer, 'yes')], words(this.localizer, 'filler'));
    // ("两台都查一下" asks for both cases' progress; "we're opening a second shop and want another terminal" asks for one.)
    const another = mentions(this.localizer, 'anotherTerminal', text) && !asksSomething(text, this.localizer) && recognized.intent !== 'check_status' && recognized.intent !== 'faq_apply_pos';
    const starts = labelOf(this.localizer, ['cancel:yes'], text) !== undefined || startsNow || another;
    // "我还有一台也要退", "another terminal" (as the answer to the first said to say): a new application at
    // once, the open one named; "开始办理" again may be a mistake, and is pointed to the open one first.
    if (starts && current && offered !== ANOTHER_TERMINAL && mentions(this.localizer, 'anotherTerminal', text)) {
      await context.sendActivity(this.replies.text(lang, 'cancel:anotherTerminalStart', { reference: current.record.reference }));
      return this.startApplication(context, true);
    }
    if (starts && current && offered !== ANOTHER_TERMINAL) return this.openCaseFirst(context, lang, current.record.reference);
    if (starts) return this.startApplication(context, true);
    // "继续", "ok so can we continue my form" with an unfinished application: on with it, where it stopped.
    const goOn = saysContinue(text, this.localizer) || (this.saysGoOn(text) && !surelyFaq(recognized));
    // "继续 卡号6212… 机身号LKL…": with the answers said with it.
    if (goOn && (await this.drafts.get(context))) return { id: CANCEL_DIALOG, options: { resume: true, answered: true } satisfies CancelOptions };
    // "上次那个申请还能接着填吗": asked whether it can go on: it can, and is offered.
    const asksToGoOn = mentions(this.localizer, 'draft.continue', text) && !negatedBeside(text, this.localizer, ['cancel:words.draft.continue']) && !surelyFaq(recognized);
    if (asksToGoOn && (await this.drafts.get(context))) return { id: RESUME_DRAFT_DIALOG };
    // "continue my application" once it was kept past its days: said it is gone, and begun again.
    if ((goOn || asksToGoOn) && this.drafts.expiredThisTurn(context)) return this.startApplication(context);
    // "我找到机身号了 LKL94000003" days later: the value the unfinished application stopped at, and on with it.
    if (/\d/.test(text) && (await this.drafts.answeredBy(context, text, this.localizer))) return { id: CANCEL_DIALOG, options: { resume: true, answered: true } satisfies CancelOptions };
    // "好", "嗯", "👍" with nothing asked of them: the unfinished application, or what can be done ("out of
    // scope" was no answer). "好的谢谢" is a goodbye, answered as one.
    // Emoji alone ("👍👍", "🙏") say no goodbye: only words do ("好的谢谢").
    const wordless = !/[\p{L}\p{N}]/u.test(text);
    const acknowledges = wordless ? saysGoodbye(text, this.localizer) || yesNoOnly(text, this.localizer) === true : yesNoOnly(text, this.localizer) === true && !saysGoodbye(text, this.localizer);
    if (!current?.action && acknowledges) {
      if (await this.drafts.get(context)) return { id: RESUME_DRAFT_DIALOG };
      // "好的" to an answer that leaves a question open says nothing new: "怎么注销" next is still its follow-up.
      if (offered && isFaqIntent(offered)) await this.offered.set(context, offered);
      await context.sendActivity(this.replies.withMenu(lang, 'blank'));
      return undefined;
    }
    // "hi i need help", "你好 我有个问题": what can be done (the classifier reads "help" with many an out-of-scope request).
    const filler = words(this.localizer, 'filler');
    if (composedOf(normalize(text), words(this.localizer, 'asksHelp', 'bot'), [...filler, ...words(this.localizer, 'greeting')])) {
      await this.respond(context, lang, 'help');
      return undefined;
    }
    // "ok done bye", "good night", "没事了": a goodbye.
    if (composedOf(normalize(text), [...words(this.localizer, 'thanks'), ...words(this.localizer, 'bye'), ...words(this.localizer, 'farewell', 'bot')], filler)) {
      await this.respond(context, lang, 'thanks_bye');
      return undefined;
    }
    // "俺叫李秀英，卡号6212…，机身号LKL…，手机138…": an application's answers, the terminal's serial among
    // them, whatever else is said; it begins with them (the first question keeps them), not an FAQ that
    // shares a word. (A card and a mobile alone may be about anything: "charged twice on 6212…".)
    const given = answersTogether(text, this.localizer);
    if (!current?.action && given.posSerial !== undefined && Object.keys(given).length >= 2) return this.startApplication(context);
    // Only a phone, ID or card number: say what it looks like (never repeating it) and ask what they want.
    if (recognized.bareValue) {
      await context.sendActivity(this.replies.withMenu(lang, `faq:bareValue.${recognized.bareValue}`));
      return undefined;
    }
    // Without the case store only what needs no case is answered; anything that might be about the
    // case (a status request, an answer to what it waits for) fails as the case store did ("try again").
    if (unreachable !== undefined && !isFaqIntent(recognized.intent) && !WITHOUT_CASE.has(recognized.intent)) throw unreachable;
    // "审核通过了吗", "has it been approved yet?" with a case: where that case stands, not the FAQ on review times.
    if ((current ?? latest) && mentions(this.localizer, 'outcomeAsked', text, 'case')) return { id: STATUS_DIALOG };
    // "so are we all done?", "is everything finished?" with a case, unsure what it asks (the FAQ on what to
    // keep "until it's all done" shares its words): where that case stands.
    if ((current ?? latest) && mentions(this.localizer, 'doneAsked', text, 'case') && recognized.score < FAQ_CONFIDENCE) return { id: STATUS_DIALOG };
    // "我收到短信说审核通过了 然后呢", "what now?" with a case under way: what it waits for, or where it stands.
    if (current && mentions(this.localizer, 'whatNext', text, 'case')) {
      return current.action ? { id: CASE_UPDATE_DIALOG, options: { reference: current.record.reference } satisfies CaseUpdate } : { id: STATUS_DIALOG };
    }
    // "我的pos机是在淘宝上买的 能注销吗": what is cancelled here is a terminal received for free; one bought goes by its sale's terms.
    if (!current && mentions(this.localizer, 'bought', text, 'faq') && !negatedBeside(text, this.localizer, ['faq:words.bought'])) return this.offerPerson(context, lang, 'faq:boughtTerminal');
    // "在这里填卡号安全吗", "is it safe to give my card number here?": how this chat keeps it, not payment safety in general.
    const givingCard = mentions(this.localizer, 'edit.cardNumber', text) && mentions(this.localizer, 'giveHere', text, 'faq');
    if (givingCard && asksSomething(text, this.localizer) && mentions(this.localizer, 'safeToGive', text, 'faq')) {
      await context.sendActivity(this.replies.withSuggestions(lang, 'cancel:why.cardNumber', ['cancel_pos', 'faq_payment_security']));
      return undefined;
    }
    // "接下来呢", "should I close my card now?" once the last application is done: nothing more is owed, and the last advice.
    // (Or once staff confirmed the refund arrived: "那我的银行卡要注销吗" is no more "check the refund first".)
    const done = current?.record.status === 'verified' ? current.record : !current && latest && stageOf(latest) === 'closed' ? latest : undefined;
    if (done && (mentions(this.localizer, 'whatNext', text, 'case') || recognized.intent === 'faq_close_card')) {
      const key = recognized.intent === 'faq_close_card' ? 'case:doneCloseCard' : 'case:doneWhatNext';
      await context.sendActivity(this.replies.withSuggestions(lang, key, ['faq_monitor_account', 'human_agent'], { reference: done.reference }));
      return undefined;
    }
    const misunderstood = recognized.intent === NONE ? (await this.misunderstood.get(context, 0)) + 1 : 0;
    await this.misunderstood.set(context, misunderstood);
    if (misunderstood >= MISUNDERSTOOD_BEFORE_OFFER) return this.offerPerson(context, lang, 'faq:stillNotUnderstood');
    // "yes get me someone" unsure between a person and something else: the person.
    if (recognized.alternatives?.includes('human_agent') && mentions(this.localizer, 'person', text, 'handoff')) return { id: HANDOFF_DIALOG };
    // "审核过了没呀亲", unsure between the review-time FAQ and a progress check, from a merchant with an application: its progress.
    if ((current ?? latest) && recognized.alternatives?.includes('check_status')) return { id: STATUS_DIALOG };
    // "when will i get it" once the refund is agreed or paid, "when will i hear back?" while the review runs,
    // unsure between questions one of which is about that case: that case's own facts.
    if (current && recognized.alternatives?.some((intent) => asksOwnCase(current.record, intent))) return { id: STATUS_DIALOG };
    // "what's the deal with my refund offer" with the offer waiting, unsure between how refunds are paid and what they cost: that offer, to accept or ask about.
    const aboutOffer = current?.action === 'accept_offer' && mentions(this.localizer, 'offerWords', text, 'case');
    if (aboutOffer && recognized.alternatives?.some((intent) => OFFER_QUESTIONS.has(intent))) return { id: CASE_UPDATE_DIALOG, options: { reference: current.record.reference } satisfies CaseUpdate };
    // "why is the money late?" once the refund is agreed or paid, in none of the when-words and read as the
    // takings' settlement (out of scope): when that refund comes too.
    if (current && REFUND_STAGES.has(current.record.status) && recognized.intent === NONE && asksSomething(text, this.localizer) && mentions(this.localizer, 'offerWords', text, 'case')) return refundWhen(current);
    // "can i put two terminals on one application", "can i add another terminal to this application?", read as
    // applying for a terminal or losing one: one application a terminal; with one open, the next one's offered.
    const perTerminal = mentions(this.localizer, 'oneApplication', text);
    if (perTerminal && current && (mentions(this.localizer, 'severalTerminals', text) || mentions(this.localizer, 'anotherTerminal', text))) {
      await context.sendActivity(this.replies.withSuggestions(lang, 'cancel:eachItsOwn', ['cancel_pos', 'check_status'], { reference: current.record.reference }));
      await this.offered.set(context, ANOTHER_TERMINAL);
      return undefined;
    }
    if (perTerminal && !current && mentions(this.localizer, 'severalTerminals', text)) return this.startApplication(context);
    // "I have 3 terminals to cancel, do I need to apply 3 times?", unsure what it asks: one application a terminal, begun with the first.
    const unsure = recognized.intent === NONE || recognized.alternatives !== undefined;
    // ("能帮我查下我名下有几台pos吗" asks to look them up, which is a person's to do: no application begun.)
    if (!current && unsure && mentions(this.localizer, 'severalTerminals', text) && !mentions(this.localizer, 'lookUp', text)) return this.startApplication(context);
    // "my shop is closing so i need to cancel the pos", unsure between cancelling and an FAQ its reason
    // resembles: a terminal named, nothing asked and nothing negated, it is the request.
    const saysCancel = recognized.alternatives?.includes('cancel_pos') && mentions(this.localizer, 'terminal', text, 'faq') && !asksSomething(text, this.localizer) && !negatedBeside(text, this.localizer, []);
    if (saysCancel) return current && offered !== ANOTHER_TERMINAL ? this.openCaseFirst(context, lang, current.record.reference) : this.startApplication(context, offered === ANOTHER_TERMINAL);
    // "审核要多久？需要准备什么材料？": each question its answer, rather than one of them or a choice between them.
    // A question about the merchant's own review or refund among them ("审核要多久？" while it runs) is
    // answered by where their case stands, after the others.
    const several = this.recognizer.faqsAsked(text);
    if (several.length) {
      const general = several.filter((intent) => !(current && asksOwnCase(current.record, intent)));
      for (const intent of general) await this.respond(context, lang, intent);
      if (general.length < several.length) return { id: STATUS_DIALOG };
      await this.rememberOffer(context, lang, several[several.length - 1]);
      return undefined;
    }
    // "为什么被拒了": the merchant's own rejection, with its reason, rather than the general answer.
    // "why??? what do i do now", which asks nothing the classifier knows, and "can I fix it and apply
    // again?" are about it too: its reason, what to do, and the button that applies again. Before asking
    // which answer was meant: "可以重新申请吗" after a rejection is no question about applying for a terminal.
    const aboutRejection =
      recognized.intent === 'faq_review_rejected' ||
      ((recognized.intent === NONE || composedOf(normalize(text), words(this.localizer, 'whatNow', 'case'), words(this.localizer, 'filler'))) && mentions(this.localizer, 'whatNow', text, 'case')) ||
      mentions(this.localizer, 'reapply', text, 'case');
    if (rejected && aboutRejection) return { id: CASE_UPDATE_DIALOG, options: { reference: rejected } satisfies CaseUpdate };
    // Closed since by staff, there is no news to repeat: where it stands says the reason, with the button that applies again.
    if (!current && latest && stageOf(latest) === 'closed_unapproved' && aboutRejection) return { id: STATUS_DIALOG };
    const choices = recognized.alternatives?.map((intent) => this.replies.label(lang, intent));
    if (recognized.alternatives && choices?.every(Boolean)) {
      const clarify: FormPromptOptions = {
        say: { key: 'faq:ambiguous', buttons: recognized.alternatives.map((intent) => labelKey(intent)) },
        validations: { kind: 'clarify', intents: recognized.alternatives },
      };
      return { id: CLARIFY, options: clarify };
    }
    // Anything that starts nothing else (a greeting, "进度", words the bot does not know) brings up what the case waits for.
    // "进度" with two terminals being cancelled: both, the one that waits for the merchant last, with its buttons.
    if (current?.action && recognized.intent === 'check_status' && (await this.merchantCases.several(context))) return { id: STATUS_DIALOG };
    if (current?.action && CASE_AWARE.has(recognized.intent)) {
      // "天上的星星为什么会眨眼": a question the bot cannot answer is said to be one before what the case waits for.
      if (recognized.intent === NONE && asksSomething(text, this.localizer) && compactLength(text) >= 4) await context.sendActivity(this.replies.text(lang, 'faq:outOfScope'));
      return { id: CASE_UPDATE_DIALOG, options: { reference: current.record.reference } satisfies CaseUpdate };
    }
    // Back with an unfinished application: offered on a greeting too.
    if (recognized.intent === 'greeting' && (await this.drafts.get(context))) return { id: RESUME_DRAFT_DIALOG };
    // Back after it was deleted: said with the greeting (as the welcome says it), not only once they start again.
    if (recognized.intent === 'greeting') await this.tellExpiredDraft(context);
    // With an application already open, a new one is most likely a mistake: said once, then on if they go on.
    if (recognized.intent === 'cancel_pos' && current && offered !== ANOTHER_TERMINAL) return this.openCaseFirst(context, lang, current.record.reference);
    if (recognized.intent === 'cancel_pos') return this.startApplication(context, offered === ANOTHER_TERMINAL);
    // "退款啥时候到", "how do I check it arrived" with a refund agreed or paid, "审核要多久" while the review
    // runs: that case's own facts.
    if (current && asksOwnCase(current.record, recognized.intent)) return { id: STATUS_DIALOG };
    if (isBareName(text, recognized)) {
      await context.sendActivity(this.replies.withMenu(lang, 'bareName'));
      return undefined;
    }
    // "查询办理进度" with only an unfinished application, never submitted: no progress, but that one to go on with.
    if (recognized.intent === 'check_status' && !current && !latest && (await this.drafts.get(context))) return { id: RESUME_DRAFT_DIALOG, options: { notSubmitted: true } satisfies ResumeOptions };
    if (recognized.intent === 'check_status') return { id: STATUS_DIALOG };
    if (recognized.intent === 'human_agent') return { id: HANDOFF_DIALOG };
    // "算了不办了" with an application open: it goes on regardless, which is said, and how it is withdrawn.
    if (recognized.intent === 'abort' && current) {
      await context.sendActivity(this.replies.withSuggestions(lang, 'case:abortWithCase', ['human_agent', 'check_status'], { reference: current.record.reference }));
      return undefined;
    }
    await this.respond(context, lang, recognized.intent);
    await this.rememberOffer(context, lang, recognized.intent);
    // "我要注销pos 另外审核要多久": the question answered, then the request it came with.
    if (!current && isFaqIntent(recognized.intent) && this.recognizer.requestsCancel(text)) return this.startApplication(context);
    // "I accept but when will i get paid?": a yes said with a question signs nothing, so what the case
    // waits for follows the answer, its buttons to tap.
    const { yesWords } = current?.action ? ACTION_ANSWERS[current.action] : {};
    if (current && yesWords && mentions(this.localizer, yesWords, text, 'case')) return { id: CASE_UPDATE_DIALOG, options: { reference: current.record.reference } satisfies CaseUpdate };
    return undefined;
  }

  /**
   * What the answer to `intent` offers, kept for the next message. Out of scope, the answer offers a
   * person: "好的", "yes" next takes it. An answer that leaves a question open ("how do I close it?")
   * holds its intent for the message after.
   */
  private async rememberOffer(context: TurnContext, lang: Language, intent: Label): Promise<void> {
    const leavesOpen = isFaqIntent(intent) && this.replies.followUp(lang, intent) ? intent : undefined;
    const offers = intent === NONE ? 'human_agent' : isFaqIntent(intent) ? (this.replies.offerOf(lang, intent) ?? leavesOpen) : undefined;
    if (offers) await this.offered.set(context, offers);
  }

  /**
   * In the middle of a question: each answer when the message asks several FAQ questions one after
   * another, else the FAQ answer the message likely asks for (at least `minScore` sure); whether it answered.
   */
  private async answerAsked(context: TurnContext, lang: Language, text: string, recognized: Recognized, leavesStart: boolean, minScore: number): Promise<boolean> {
    const several = this.recognizer.faqsAsked(text);
    const intents = several.length ? several : isFaqIntent(recognized.intent) && recognized.score >= minScore ? [recognized.intent] : [];
    for (const intent of intents) await this.respond(context, lang, intent, leavesStart);
    return intents.length > 0;
  }

  /**
   * A request for a person in so many words (`lists` in handoff.json), in a sentence that is not a
   * question about one ("will someone call me back?"), nor says no ("I don't need to talk to someone").
   */
  private asksForPerson(text: string, lists: string[]): boolean {
    // Read by the sentence that asks: "机身号找不到，帮我转人工" says no only about the serial.
    // "can I talk to someone?", "能转人工吗" (`requestPerson`) ask for one, as a question or not.
    const all = [...lists, 'requestPerson'];
    // Chinese typed on a phone breaks its sentences with spaces: "我要留言 退款一直没到".
    return clausesOf(text).some(
      (clause) =>
        (mentions(this.localizer, 'requestPerson', clause, 'handoff') || (lists.some((list) => mentions(this.localizer, list, clause, 'handoff')) && !asksSomething(clause, this.localizer))) &&
        !negatedBeside(clause, this.localizer, all.map((list) => `handoff:words.${list}`)),
    );
  }

  /**
   * "我要投诉", "this bot is useless", "打了一天电话都没人接", "每个月扣我钱" in a sentence that does not say no to it
   * ("天天刷不了卡，我要投诉" is one; "不是投诉" is none) nor asks how to avoid it ("怎么防止被骗").
   */
  private complains(text: string): boolean {
    const lists = ['complaint', 'lineUnanswered', 'charged'];
    return clausesOf(text).some(
      (clause) =>
        lists.some((list) => mentions(this.localizer, list, clause, 'bot')) &&
        !mentions(this.localizer, 'prevention', clause, 'faq') &&
        !negatedBeside(clause, this.localizer, lists.map((list) => `bot:words.${list}`)),
    );
  }

  /** A short message that asks what the FAQ answer `intent` left open, naming no terminal ("好的 怎么注销", "ok how do I do that"). */
  private asksFollowUp(intent: string, text: string): boolean {
    const short = compactLength(text) <= FOLLOW_UP_MAX_CHARS || wordsIn(text) <= FOLLOW_UP_MAX_WORDS;
    return short && mentions(this.localizer, `followUp.${intent}`, text, 'faq') && !mentions(this.localizer, 'terminal', text, 'faq');
  }

  /**
   * "要收手续费吗" while applying asks what cancelling costs, not what the terminal charges per payment
   * (the FAQ on fees), unless it names the rates or payments (`words.rates` in faq.json).
   */
  private duringApplication(recognized: Recognized, applying: boolean, text: string): Recognized {
    if (recognized.intent !== 'faq_fees' || !applying || mentions(this.localizer, 'rates', text, 'faq')) return recognized;
    return { ...recognized, intent: 'faq_cancel_cost' };
  }

  /** "退到哪张卡", "is it to the same card I gave?", "我要换一张卡收退款": the card the case's refund is paid to, when it is paid to one; whether it was said. */
  private async tellRefundCard(context: TurnContext, lang: Language, record: CaseRecord | undefined, text: string): Promise<boolean> {
    const card = record && refundCardOf(record);
    // "那我现在能把这张卡注销了吗": not before the refund is confirmed, or it has nowhere to go.
    const closing = mentions(this.localizer, 'closeCard', text, 'case');
    // Another card asked for outright, as a request rather than a question: who changes it is the answer too.
    const changing = mentions(this.localizer, 'changeCard', text, 'case') && !negatedBeside(text, this.localizer, ['case:words.changeCard']);
    if (!card || !(changing || (asksSomething(text, this.localizer) && (closing || mentions(this.localizer, 'refundCard', text, 'case'))))) return false;
    await context.sendActivity(this.replies.withSuggestions(lang, closing ? 'case:keepCard' : 'case:refundCard', ['human_agent'], { card: maskCard(card) }));
    return true;
  }

  /** `key` said with a person as its button: "好的" next takes that person. */
  private async offerPerson(context: TurnContext, lang: Language, key: string, vars?: Record<string, unknown>): Promise<undefined> {
    await context.sendActivity(this.replies.withSuggestions(lang, key, ['human_agent'], vars));
    await this.offered.set(context, 'human_agent');
    return undefined;
  }

  /** The open application pointed out; the next message that goes on starts another (a second terminal). */
  private async openCaseFirst(context: TurnContext, lang: Language, reference: string): Promise<undefined> {
    await context.sendActivity(this.replies.withSuggestions(lang, 'cancel:openCaseFirst', ['check_status', 'cancel_pos'], { reference }));
    await this.offered.set(context, ANOTHER_TERMINAL);
    return undefined;
  }

  /**
   * The application: the unfinished one offered first, before anything that would start another.
   * `confirmed`: the merchant just said yes to starting it, so it is not asked again; `again`: the
   * rejected or withdrawn case applied for again.
   */
  private async startApplication(context: TurnContext, confirmed = false, again?: string): Promise<Next> {
    if (await this.drafts.get(context)) return { id: RESUME_DRAFT_DIALOG };
    await this.tellExpiredDraft(context);
    // "我有两台机器都要注销", two serial numbers: one application per terminal (each has its serial), which is said first.
    const text = context.activity.text ?? '';
    if (mentions(this.localizer, 'severalTerminals', text) || serialsIn(text, this.localizer).size > 1) {
      await context.sendActivity(this.replies.text(await this.language.of(context), 'cancel:oneAtATime'));
    }
    return { id: CANCEL_DIALOG, options: { confirmed, ...(again && { again }) } satisfies CancelOptions };
  }

  /** A draft this turn found past its keeping is said to be gone, so that starting afresh is no surprise. */
  private async tellExpiredDraft(context: TurnContext): Promise<void> {
    const until = this.drafts.takeExpired(context);
    if (!until) return;
    const lang = await this.language.of(context);
    await context.sendActivity(this.replies.text(lang, 'cancel:draftExpired', { until: formatDate(until, lang) }));
  }

  private async welcomeBack(context: TurnContext): Promise<Next | undefined> {
    const lang = await this.language.of(context);
    // Without the case store the welcome still comes, without what the case waits for.
    const { current, latest } = await this.merchantCases.lookup(context);
    if (current?.action) {
      await context.sendActivity(this.replies.text(lang, 'welcomeBack'));
      return { id: CASE_UPDATE_DIALOG, options: { reference: current.record.reference } satisfies CaseUpdate };
    }
    if (await this.drafts.get(context)) {
      await context.sendActivity(this.replies.text(lang, 'welcomeBack'));
      return { id: RESUME_DRAFT_DIALOG };
    }
    // Back while the review runs, the refund is on its way, or after a rejection (most come back for
    // the SMS that said so): where the case stands, as "进度" would say it, rather than the first-visit menu.
    if (current || latest?.status === 'rejected') {
      await context.sendActivity(this.replies.text(lang, 'welcomeBack'));
      return { id: STATUS_DIALOG };
    }
    await this.tellExpiredDraft(context);
    await context.sendActivity(this.replies.withMenu(lang, 'welcome'));
    return undefined;
  }

  private begin(step: WaterfallStepContext, id: string, options?: object): Promise<DialogTurnResult> {
    (step.values as { began?: string }).began = id;
    return step.beginDialog(id, options);
  }

  /**
   * After "which did you mean?": answer the one picked, or take a reply that is neither as a new message.
   * After a person (the rating) or "never mind": back to the unfinished application when the user wants it.
   */
  private async followUp(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const began = (step.values as { began?: string }).began;
    if ((step.result as DraftChoice | undefined)?.resume) return this.resumeIfChosen(step);
    // Asked for a rating, the user said something else: that message is routed as any other.
    if (began === CSAT_DIALOG && (step.result as CsatResult | undefined)?.unrated) return step.replaceDialog(ROUTE);
    // Back from a person (the rating): what the case waits for, if anything, is asked now.
    const current = began === CSAT_DIALOG ? await this.merchantCases.current(step.context) : undefined;
    if (current?.action) return step.beginDialog(CASE_UPDATE_DIALOG, { reference: current.record.reference } satisfies CaseUpdate);
    // Not while a person is about to take over: after them (the rating), or when nobody could; and
    // after news of a case that came while the application's question waited (a second terminal's).
    const queued = (step.result as HandoffResult | undefined)?.queued;
    const interrupted = began === CASE_UPDATE_DIALOG && (step.values as { interrupted?: boolean }).interrupted;
    if ((began === CSAT_DIALOG || (began === HANDOFF_DIALOG && !queued) || interrupted) && (await this.drafts.get(step.context))) {
      return step.beginDialog(RESUME_DRAFT_DIALOG, { afterHandoff: true } satisfies ResumeOptions);
    }
    // A late review's or payment's report offers a person to chase it: "好的" next is that person.
    if (began === STATUS_DIALOG && (step.result as StatusResult | undefined)?.offersPerson) await this.offered.set(step.context, 'human_agent');
    // No reference to give: the mobile number applied with, sent next, looks the application up.
    if (began === STATUS_DIALOG && (step.result as StatusResult | undefined)?.offersLookup) await this.offered.set(step.context, MOBILE_LOOKUP);
    // "Not now" to starting the application: "actually yes, let's start" next starts it.
    if (began === CANCEL_DIALOG && (step.result as CancelResult | undefined)?.notNow) await this.offered.set(step.context, 'cancel_pos');
    if (began !== CLARIFY) return step.endDialog();
    const picked = step.context.turnState.get(PICKED) as Label | undefined;
    if (!picked) return step.replaceDialog(ROUTE);
    if (picked === 'cancel_pos') return step.replaceDialog(CANCEL_DIALOG);
    if (picked === 'check_status') return step.replaceDialog(STATUS_DIALOG);
    if (picked === 'human_agent') return step.replaceDialog(HANDOFF_DIALOG);
    await this.respond(step.context, await this.language.of(step.context), picked);
    return step.endDialog();
  }

  private async resumeIfChosen(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const choice = step.result as DraftChoice | undefined;
    if (choice?.resume) return step.replaceDialog(CANCEL_DIALOG, { resume: true, answered: choice.answered } satisfies CancelOptions);
    return step.endDialog();
  }

  /** Any reply ends the question (it is never asked twice); the pick, if it is one, is kept for `followUp`. */
  private async isAlternative(prompt: PromptValidatorContext<string>): Promise<boolean> {
    prompt.context.turnState.set(PICKED, this.pick(prompt.context, (prompt.options.validations as { intents: Label[] }).intents));
    return true;
  }

  /** The alternative the user picked: by tapping it, by number, or by saying it another way. */
  private pick(context: TurnContext, alternatives: Label[]): Label | undefined {
    const text = (context.activity.text ?? '').normalize('NFKC').trim();
    if (/^[12]$/.test(text)) return alternatives[Number(text) - 1];
    // "开始办理", the start button, when starting is one of them; a bare yes ("可以", "嗯") is that too, or the first.
    if (alternatives.includes('cancel_pos') && labelOf(this.localizer, ['cancel:yes'], text)) return 'cancel_pos';
    if (yesNo(text, this.localizer) === true) return alternatives.includes('cancel_pos') ? 'cancel_pos' : alternatives[0];
    // "第一个", "the second one", "前面那个".
    const ordinal = ORDINALS.findIndex((key) => mentions(this.localizer, key, text, 'faq'));
    if (ordinal >= 0 && ordinal < alternatives.length) return alternatives[ordinal];
    const { intent } = this.recognizer.recognize(context);
    return alternatives.includes(intent) ? intent : undefined;
  }

  /**
   * `leavesStart`: asked in the middle of the application, whose "start cancelling now" button would only
   * begin it again, or at a case's question, which would take the tap for its answer.
   */
  private async respond(context: TurnContext, lang: Language, intent: Label, leavesStart = false): Promise<void> {
    if (isFaqIntent(intent)) {
      await context.sendActivity(this.replies.faq(lang, intent, leavesStart));
      return;
    }
    switch (intent) {
      case NONE:
        await context.sendActivity(this.replies.withSuggestions(lang, 'faq:outOfScope', ['human_agent']));
        return;
      case 'help':
        await context.sendActivity(this.replies.withSuggestions(lang, 'intents.help', HELP_SUGGESTIONS));
        return;
      case 'thanks_bye':
        await context.sendActivity(this.replies.text(lang, 'intents.thanks_bye'));
        return;
      case 'abort':
        await context.sendActivity(this.replies.withMenu(lang, 'intents.abortNothing'));
        return;
      default:
        await context.sendActivity(this.replies.withMenu(lang, `intents.${intent}`));
    }
  }

  /**
   * "English" / "中文" or the page's language switch: remember the choice and confirm it (with the menu
   * when nothing else is waiting). A typed switch is sent back to the page, whose own words follow.
   */
  /**
   * A whole sentence in the other language, with nothing asked ("How long does the review take?" on the
   * Chinese page), and no language chosen yet: that language from now on, as if chosen; the page follows.
   * Not at a question, where a name in pinyin ("Wang Xiao Ming") is three Latin words.
   */
  private async followWrittenLanguage(context: TurnContext): Promise<void> {
    const written = plainlyWrittenIn(context.activity.text);
    if (!written || written === (await this.language.of(context)) || (await this.language.chosen(context))) return;
    await this.language.choose(context, written, true);
    await context.sendActivity({ type: 'event', name: LANGUAGE_EVENT, value: written });
  }

  private async switchLanguage(context: TurnContext, withMenu = true): Promise<boolean> {
    const requested = requestedLanguage(context.activity);
    if (!requested) return false;
    await this.language.choose(context, requested);
    if (context.activity.type === 'message') await context.sendActivity({ type: 'event', name: LANGUAGE_EVENT, value: requested });
    await context.sendActivity(withMenu ? this.replies.withMenu(requested, 'languageSwitched') : this.replies.text(requested, 'languageSwitched'));
    return true;
  }
}

/** The question actually waiting: the innermost dialog's (a prompt inside the journey). */
function innermost(dc: DialogContext): DialogContext {
  let waiting = dc;
  for (let child = dc.child; child; child = child.child) waiting = child;
  return waiting;
}

/** What the prompt of this dialog context takes for an answer, if it is one of ours. */
function expectationOf(waiting: DialogContext): Expectation | undefined {
  return (waiting.activeDialog?.state.options as PromptOptions | undefined)?.validations as Expectation | undefined;
}

/** Whether a dialog of the stack is the handoff's (a person being asked for, or a message left). */
function leavingMessage(dc: DialogContext): boolean {
  for (let child: DialogContext | undefined = dc; child; child = child.child) if (child.activeDialog?.id === HANDOFF_DIALOG) return true;
  return false;
}

/** What the open-application notice offers: an application for another terminal. */
const ANOTHER_TERMINAL = 'another_terminal';
/** What stopping an application before anything was filled in leaves: beginning it again, if asked in so many words. */
const LEFT_APPLICATION = 'left_application';
/** What was offered when the reference number could not be given: a lookup by the mobile number applied with. */
const MOBILE_LOOKUP = 'mobile_lookup';

/** The words (faq.json "words") that pick the first or second of the alternatives offered. */
const ORDINALS = ['first', 'second'];

/**
 * Questions about refunds in general, which a merchant whose own refund is under way asks about theirs;
 * once the review is over, "多久能到账" (read as the review-time FAQ) is one too. How to check it arrived
 * is theirs once paid (the paid case's report says how); before, the general answer says how.
 */
const REFUND_QUESTIONS = new Set<string>(['faq_refund_method', 'faq_review_time']);
const REFUND_STAGES = new Set<string>(['refund_agreed', 'refund_paid']);
const OFFER_QUESTIONS = new Set<string>(['faq_refund_method', 'faq_cancel_cost']);

/** The stages where a refund is ahead: offered, agreed or paid. */
const REFUND_AHEAD = new Set<string>(['approved', ...REFUND_STAGES]);

/** "啥时候到账", "when will I get the money?" while the case's refund is ahead: when it comes (a no about it answers the case instead). */
function asksRefundWhen(record: CaseRecord, text: string, localizer: Localizer): boolean {
  return REFUND_AHEAD.has(record.status) && mentions(localizer, 'refundWhen', text, 'case');
}

/** When the case's refund comes: with the question the case waits for again, if it waits for one. */
function refundWhen(current: CurrentCase): Next {
  return current.action ? { id: CASE_UPDATE_DIALOG, options: { reference: current.record.reference, when: true } satisfies CaseUpdate } : { id: STATUS_DIALOG };
}

/** Whether an FAQ question is, for this case, a question about the case: its review's window, its refund. */
function asksOwnCase(record: CaseRecord, intent: Label): boolean {
  if (intent === 'faq_refund_verify') return record.status === 'refund_paid';
  return (REFUND_STAGES.has(record.status) && REFUND_QUESTIONS.has(intent)) || (awaitsDecision(record.status) && intent === 'faq_review_time');
}

/** Which of the application's answers a question asks for, if it asks for one. */
function askedOf(form: Expectation): Editable | undefined {
  return 'field' in form ? form.field : form.kind === 'date' ? 'receivedOn' : form.kind === 'reason' ? 'reason' : undefined;
}

/** A correction ("错了", "wrong") of another of the application's answers than the one asked for now. */
function correctsAnother(form: Expectation, text: string, localizer: Localizer): boolean {
  const asked = askedOf(form);
  return asked !== undefined && mentions(localizer, 'correction', text) && EDITABLE.some((other) => other !== asked && mentions(localizer, `edit.${other}`, text));
}

/** A name introduced as such ("my name is …", "我叫…") at another question than the name's. */
function restatesName(form: Expectation, text: string, localizer: Localizer): boolean {
  const asked = askedOf(form);
  return asked !== undefined && asked !== 'fullName' && mentions(localizer, 'edit.fullName', text) && introducesName(text, localizer) && parseField('fullName', text, localizer).ok;
}

/** "两个星期前", "去年双十一": a day and nothing else (a day to come too: that it is to come is for the date question to say). */
function isDateOnly(text: string): boolean {
  const date = receiptDate(text, '2100-01-01');
  return date.parsed.ok && date.rest === '';
}

/** "查一下我的进度", "where is my application?", surely. */
function asksStatus({ intent, score }: Recognized): boolean {
  return intent === 'check_status' && score >= STATUS_CONFIDENCE;
}

/** Whether the message surely asks one of the FAQ questions (words that would pass for a name, "机身号在哪看"). */
function surelyFaq({ intent, score }: Recognized): boolean {
  return isFaqIntent(intent) && score >= NAME_FAQ_CONFIDENCE;
}

/** The language the user asked for: the page's switch, or "English" / "中文" typed. */
export function requestedLanguage(activity: Activity): Language | undefined {
  if (activity.type === 'event' && activity.name === LANGUAGE_EVENT) {
    return typeof activity.value === 'string' ? normalizeLocale(activity.value) : undefined;
  }
  return activity.type === 'message' ? parseLanguageSwitch(activity.text) : undefined;
}
