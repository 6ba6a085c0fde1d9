import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import { DialogTurnStatus, type DialogContext, type DialogTurnResult, type PromptOptions, type PromptValidatorContext, type WaterfallStepContext } from 'botbuilder-dialogs';
import { ComponentDialog, WaterfallDialog } from './shared/dialogClasses';
import type { CardVault } from '../src/cases/cardVault';
import type { CaseRecord, CaseService } from '../src/cases/caseService';
import { isLate, localDate, namesADay } from '../src/cases/dates';
import { REASONS } from '../src/cases/caseService';
import { sameName } from '../src/cases/inputs';
import { LANGUAGES, type Language } from '../src/i18n/language';
import type { Localizer } from '../src/i18n/localizer';
import { cardDigitsOf, maskCard } from '../src/pii/cardNumbers';
import { maskMobile, maskPii } from '../src/pii/mask';
import type { ApplicationFunnel, FunnelStep } from '../src/dashboard/funnel';
import { formatDate, markdownEscaped } from '../src/i18n/format';
import { optOutButton, optOutChoices } from '../src/notifications/optOut';
import { answers, answersNextQuestion, changesAsked, confirmsAndSigns, confirmsCard, correctedValue, EDITABLE, type Editable, foundIn, isComplete, itemToChange, keepsAsIs, fieldValue, nextQuestion, type Expectation, type Field, FIELDS, OPTIONAL_FIELDS, OWN_REASON, parseField, reason as recognizeReason, reasonDetail, receiptDate, withoutSignLabel, SAID_NOT_NOW, SAID_YES, statedReason } from './shared/answers';
import { answersTogether, receiptDateIn } from './shared/answersTogether';
import { asksSomething, isOneOf, labelOf, mentions, mentionsWord, negatedBeside, yesNo, yesNoOnly } from './shared/words';
import type { Draft, Drafts } from './shared/drafts';
import type { MerchantCases } from './shared/merchantCases';
import { APPROXIMATE_DATES, FormPrompt, PROBLEM, PROBLEM_BUTTONS, PROBLEM_VARS, type FormPromptOptions, type Say } from './shared/formPrompt';
import type { Replies } from './shared/replies';
import type { TurnLanguage } from './shared/turnLanguage';

export const CANCEL_DIALOG = 'cancel';
const JOURNEY = 'cancel.journey';
const FILL = 'cancel.fill';
const REVIEW = 'cancel.review';
const YES_NO = 'cancel.yesNo';
const DATE = 'cancel.date';
const REASON = 'cancel.reason';
const DETAIL = 'cancel.detail';
const SIGNATURE = 'cancel.signature';
const REVIEW_CHOICE = 'cancel.reviewChoice';
const REUSE = 'cancel.reuse';
/** The buttons of "use the details of your last application?". */
const REUSE_BUTTONS = ['cancel:reuse.yes', 'cancel:reuse.no'];
/** Set on the turn to the card number the merchant confirmed though it fails Luhn. */
const CONFIRMED_CARD = Symbol('confirmedCard');
/** Set on the turn when the answer to the signature asks to go back to the summary. */
const BACK_TO_REVIEW = Symbol('backToReview');
/** The result of a change asked for at the summary and then left as it was. */
const KEPT_AS_IS = { keptAsIs: true } as const;
const fieldPrompt = (field: Field) => `cancel.field.${field}`;


export interface CancelOptions {
  /** Continue the user's saved draft at the first question it has no answer for. */
  resume?: boolean;
  /**
   * This turn's message answers that question (typed at "continue your application?", or with "继续"):
   * read from the turn, never kept in the dialog's options (a card number would stay there in clear).
   */
  answered?: boolean;
  /** The merchant has just said yes to starting: "shall we start?" is not asked. */
  confirmed?: boolean;
  /** Applying again after this case of theirs was rejected or withdrawn: its answers fill the new one in. */
  again?: string;
}

/** How the journey ended, when that matters to what comes next. */
export interface CancelResult {
  /** "Not now" to "shall we start?": a yes to the next message starts it after all. */
  notNow?: boolean;
}

/**
 * The cancellation journey, one waterfall step per step of the process: contact, timing, reason,
 * application (each field validated), review with edits, signature and submission (the case).
 * Every answer goes into the user's draft at once, so a detour (a person, "never mind", a new
 * conversation) never loses it; each step skips what the draft already has.
 * What follows the back office's review (refund agreement, verification) is CaseUpdateDialog.
 */
export class CancelDialog extends ComponentDialog {
  constructor(
    private readonly localizer: Localizer,
    private readonly language: TurnLanguage,
    private readonly replies: Replies,
    private readonly cases: CaseService,
    private readonly merchantCases: MerchantCases,
    private readonly vault: CardVault,
    private readonly drafts: Drafts,
    /** `origin`: the base URL the user reached the server on, when the channel says. */
    private readonly applicationLink: (reference: string, origin?: string) => string,
    private readonly funnel: ApplicationFunnel,
    /** The business clock: "last month" is counted back from its today. */
    private readonly now: () => Date = () => new Date(),
  ) {
    super(CANCEL_DIALOG);
    const prompt = (id: string, validator: (p: PromptValidatorContext<string>) => Promise<boolean>, problem: string) =>
      this.addDialog(new FormPrompt(id, validator, localizer, language, problem));
    prompt(YES_NO, async (p) => yesNo(p.recognized.value ?? '', localizer) !== undefined || p.context.turnState.get(SAID_YES) === true || p.context.turnState.get(SAID_NOT_NOW) === true, 'cancel:yesNoRetry');
    prompt(DATE, async (p) => this.checkDate(p), 'cancel:timingRetry');
    prompt(REASON, async (p) => recognizeReason(p.recognized.value ?? '', localizer) !== undefined || p.context.turnState.get(OWN_REASON) === true, 'cancel:reasonRetry');
    // "other" again at "in a sentence or two?" says no more than the button did: asked again (kept, it would be asked again on return).
    prompt(DETAIL, async (p) => reasonDetail('other', p.recognized.value ?? '', localizer) !== undefined, 'cancel:reasonDetail');
    prompt(REVIEW_CHOICE, async () => true, 'cancel:reviewRetry');
    // A name typed instead ("张三") is the form's first answer: filled in again.
    prompt(REUSE, async (p) => this.reuseAnswer(p.recognized.value ?? '') !== undefined || parseField('fullName', p.recognized.value ?? '', localizer).ok, 'cancel:choiceRetry');
    prompt(SIGNATURE, async (p) => this.checkSignature(p), 'cancel:errors.signature');
    for (const field of FIELDS) prompt(fieldPrompt(field), async (p) => this.checkField(field, p), `cancel:fields.${field}`);
    this.addDialog(new WaterfallDialog(FILL, FIELDS.flatMap((field) => [this.askField(field), this.keepField(field)])));
    this.addDialog(new WaterfallDialog(REVIEW, [this.review.bind(this), this.reviewed.bind(this), this.edited.bind(this), this.detailed.bind(this)]));
    this.addDialog(
      new WaterfallDialog(JOURNEY, [
        this.contact.bind(this),
        this.timing.bind(this),
        this.reason.bind(this),
        this.reasonDetail.bind(this),
        this.earlierDetails.bind(this),
        this.application.bind(this),
        this.signAndSubmit.bind(this),
        this.submit.bind(this),
      ]),
    );
    this.initialDialogId = JOURNEY;
  }

  private prompt(step: WaterfallStepContext, id: string, say: Say, expects: Expectation): Promise<DialogTurnResult> {
    return step.prompt(id, { say, validations: expects } satisfies FormPromptOptions as PromptOptions);
  }

  /** Tells the dashboard's funnel how far the application got, in the conversation it began in. */
  private async reached(context: TurnContext, step: FunnelStep): Promise<void> {
    const startedIn = (await this.draft(context)).startedIn ?? context.activity.conversation.id;
    this.funnel.reached(startedIn, await this.language.of(context), step);
  }

  private lang(step: WaterfallStepContext): Promise<Language> {
    return this.language.of(step.context);
  }

  private async draft(context: TurnContext): Promise<Draft> {
    return (await this.drafts.get(context))?.draft ?? {};
  }

  private async change(context: TurnContext, apply: (draft: Draft) => void): Promise<Draft> {
    const draft = await this.draft(context);
    apply(draft);
    // One key per application attempt, from its first answer: a submission retried after any failure finds its case.
    draft.idempotencyKey ??= randomUUID();
    draft.startedIn ??= context.activity.conversation.id;
    await this.drafts.save(context, draft);
    return draft;
  }

  /** Step 1, contact: the bot is the online service; the hotline for those who prefer to call. */
  private async contact(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { resume, answered } = (step.options as CancelOptions | undefined) ?? {};
    if (resume) {
      const { text } = step.context.activity;
      if (answered && text) {
        // At "continue your application?" with every answer given: changes to its summary.
        if (isComplete(await this.draft(step.context))) await this.keepChanges(step.context, text);
        await this.keepNext(step.context, text);
        await this.keepTogether(step.context, text);
      }
      return step.next();
    }
    await this.drafts.clear(step.context);
    await this.reached(step.context, 'started');
    const again = (step.options as CancelOptions | undefined)?.again;
    if (again) await this.fillFromRejected(step.context, again);
    // "我要注销pos 我叫张伟 卡号6212…", "我要退机，机器坏了": what the first message already answers.
    const { type, text } = step.context.activity;
    if (type === 'message' && text) await this.keepTogether(step.context, text, undefined, { opening: true });
    if ((step.options as CancelOptions | undefined)?.confirmed) return step.next();
    return this.prompt(step, YES_NO, { key: 'cancel:contact', againKey: 'cancel:contactAgain', buttons: ['cancel:yes', 'cancel:no'] }, { kind: 'yesNo' });
  }

  /** Step 2, timing: when the terminal arrived; beyond 3 months a warning. */
  private async timing(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (typeof step.result === 'string' && !(yesNo(step.result, this.localizer) ?? step.context.turnState.get(SAID_YES) === true)) {
      // Only what the first message answered can be in the draft: nothing is kept of an application not begun.
      await this.drafts.clear(step.context);
      await step.context.sendActivity(this.replies.withMenu(await this.lang(step), 'cancel:notNow'));
      return step.endDialog({ notNow: true } satisfies CancelResult);
    }
    // "两个星期前" at "shall we start?": the yes, and the answer to this question.
    if (typeof step.result === 'string' && receiptDate(step.result, this.today()).parsed.ok) await this.keepDate(step.context, step.result);
    if ((await this.draft(step.context)).receivedOn) return step.next();
    return this.prompt(step, DATE, { key: 'cancel:timing' }, { kind: 'date' });
  }

  /** Step 3, reason: with the supporting materials that reason needs. */
  private async reason(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (typeof step.result === 'string') await this.keepDate(step.context, step.result);
    if ((await this.draft(step.context)).reason) return step.next();
    return this.askReason(step);
  }

  private async reasonDetail(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const draft = typeof step.result === 'string' ? await this.keepReason(step.context, step.result) : await this.draft(step.context);
    if (draft.reason !== 'other' || draft.reasonDetail) return step.next();
    return this.prompt(step, DETAIL, { key: 'cancel:reasonDetail' }, { kind: 'free' });
  }

  /**
   * Step 4, application, begins: the materials its reason needs, and for a merchant who applied before
   * (a second terminal), whether to use that application's name, card and mobile again.
   */
  private async earlierDetails(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const detail = step.result;
    const draft = await this.change(step.context, (d) => {
      if (typeof detail === 'string') d.reasonDetail = reasonDetail('other', detail, this.localizer);
    });
    if (!FIELDS.every((f) => fieldValue(draft, f) === undefined)) return step.next();
    // A reason in the merchant's own words is said back, so that they see how it was taken.
    const said = draft.reason === 'other' && draft.reasonDetail;
    await step.context.sendActivity(this.replies.text(await this.lang(step), said ? 'cancel:materialsNoted' : `cancel:materials.${draft.reason}`, said ? { detail: markdownEscaped(draft.reasonDetail!) } : undefined));
    // "it was stolen": to be reported to customer service at once, whatever the application.
    if (draft.reasonDetail && mentions(this.localizer, 'stolen', draft.reasonDetail)) await step.context.sendActivity(this.replies.text(await this.lang(step), 'cancel:stolenReport'));
    const earlier = await this.earlierApplication(step.context);
    if (!earlier) return step.next();
    (step.values as { earlier?: string }).earlier = earlier.reference;
    const { applicant } = earlier;
    // The mobile half hidden, as the card: whoever shares the device sees which, not what.
    const vars = { reference: earlier.reference, fullName: applicant.fullName, card: maskCard(applicant.cardLast4), mobile: maskMobile(applicant.mobile) };
    // The card number is kept only while its case is open (and opens with today's key): otherwise it is asked again.
    const key = this.sealedCard(earlier) ? 'cancel:reuse.ask' : 'cancel:reuse.askNoCard';
    return this.prompt(step, REUSE, { key, vars, buttons: REUSE_BUTTONS }, { kind: 'choice', labels: LANGUAGES.flatMap((l) => REUSE_BUTTONS.map((k) => this.localizer.t(l, k))), words: ['reuse'] });
  }

  /** The earlier case's sealed card, when it still has one this server can open. */
  private sealedCard(earlier: CaseRecord): string | undefined {
    if (!earlier.cardSealed) return undefined;
    try {
      this.vault.decrypt(earlier.cardSealed);
      return earlier.cardSealed;
    } catch {
      return undefined;
    }
  }

  /** Step 4, application: every field (those of the earlier application when taken), then the review where anything can be changed. */
  private async application(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const reference = (step.values as { earlier?: string }).earlier;
    const answer = reference && typeof step.result === 'string' ? step.result : undefined;
    const reused = answer !== undefined ? this.reuseAnswer(answer) : undefined;
    const earlier = reused ? await this.cases.get(reference!) : undefined;
    if (earlier) await this.reuse(step.context, earlier);
    else if (answer !== undefined && reused === undefined) await this.store(step.context, 'fullName', answer);
    return step.beginDialog(FILL);
  }

  /**
   * Applying again for the same terminal: the earlier application's answers (its date, reason, serial,
   * name, mobile, email, and its sealed card while the case keeps it) as this one's, said so with why
   * it was not approved, to be put right at the summary before signing.
   */
  private async fillFromRejected(context: TurnContext, reference: string): Promise<void> {
    const earlier = await this.cases.get(reference);
    if (!earlier || earlier.erasedAt || earlier.owner.userId !== context.activity.from.id) return;
    await this.reuse(context, earlier);
    await this.change(context, (d) => {
      d.receivedOn = earlier.receivedOn;
      d.reason = earlier.reason.code;
      d.reasonDetail = earlier.reason.detail;
      d.posSerial = earlier.applicant.posSerial;
    });
    for (const item of ['receivedOn', 'reason', 'posSerial'] as const) await this.reached(context, item);
    const rejection = earlier.events.findLast((e) => e.type === 'rejected')?.data as { reason?: string } | undefined;
    const lang = await this.language.of(context);
    const vars = { reference, reason: rejection?.reason ?? '' };
    await context.sendActivity(this.replies.text(lang, rejection?.reason ? 'cancel:filledFromRejected' : 'cancel:filledFromEarlier', vars));
  }

  /** The merchant's newest application whose details are still kept (none erased). */
  private async earlierApplication(context: TurnContext): Promise<CaseRecord | undefined> {
    const own = await this.merchantCases.own(context);
    return own.findLast((record) => !record.erasedAt && record.applicant.fullName);
  }

  /** Its buttons; "和上次一样", "same details", a yes: true; a no: false; anything else: no answer. */
  private reuseAnswer(text: string): boolean | undefined {
    const button = labelOf(this.localizer, REUSE_BUTTONS, text);
    if (button) return button === REUSE_BUTTONS[0];
    if (mentions(this.localizer, 'reuse', text) && !negatedBeside(text, this.localizer, ['cancel:words.reuse'])) return true;
    return yesNo(text, this.localizer);
  }

  /** The earlier application's name, mobile, email and (while its case keeps it) sealed card, as this one's answers. */
  private async reuse(context: TurnContext, earlier: CaseRecord): Promise<void> {
    const { applicant } = earlier;
    const cardSealed = this.sealedCard(earlier);
    await this.change(context, (d) => {
      d.fullName = applicant.fullName;
      d.mobile = applicant.mobile;
      d.email = applicant.email ?? null;
      if (cardSealed) {
        d.cardSealed = cardSealed;
        d.cardLast4 = applicant.cardLast4;
      }
    });
    for (const field of ['fullName', 'mobile', 'email', ...(cardSealed ? (['cardNumber'] as const) : [])] as const) await this.reached(context, field);
  }

  /** Step 5, sign and submit: the review of everything, then the applicant types the same full name. */
  private async signAndSubmit(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.beginDialog(REVIEW);
  }

  private async submit(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const draft = await this.draft(step.context);
    const lang = await this.lang(step);
    const activity = step.context.activity;
    await this.reached(step.context, 'signed');
    const { record, outcome, applicantsOwn } = await this.cases.submit({
      fullName: draft.fullName!,
      cardNumber: this.vault.decrypt(draft.cardSealed!),
      posSerial: draft.posSerial!,
      mobile: draft.mobile!,
      email: draft.email ?? undefined,
      reason: { code: draft.reason!, detail: draft.reasonDetail },
      receivedOn: draft.receivedOn!,
      language: lang,
      owner: { userId: activity.from.id, channelId: activity.channelId, conversation: conversationReference(step.context) },
      idempotencyKey: draft.idempotencyKey ?? randomUUID(),
    });
    if (outcome === 'open_case') {
      // Found only now (the serial came with another answer, or that case was opened meanwhile): the
      // rest of the application is kept, for another serial number if this one was mistyped.
      await this.change(step.context, (d) => delete d.posSerial);
    } else {
      await this.reached(step.context, 'submitted');
      await this.drafts.clear(step.context);
    }
    // Someone else's open case for that terminal is never named to this applicant.
    const vars = { reference: record.reference, stage: this.replies.stage(lang, record.status), kept: this.localizer.t(lang, 'cancel:openCaseKept') };
    const openCase = this.replies.withSuggestions(lang, applicantsOwn ? 'cancel:openCase' : 'cancel:openCaseOther', [applicantsOwn ? 'check_status' : 'human_agent'], vars);
    const reply =
      outcome === 'open_case'
        ? openCase
        : this.replies.withFollowUps(
            lang,
            this.localizer.t(lang, 'cancel:submitted', {
              reference: record.reference,
              earliest: formatDate(record.decision.earliest, lang),
              latest: formatDate(record.decision.latest, lang),
              link: this.applicationLink(record.reference, (activity.channelData as { origin?: string } | undefined)?.origin),
            }),
            ['check_status', 'faq_review_rejected'],
            // The notifications it promises can be stopped at once, with a tap.
            optOutChoices(record).map(optOutButton),
          );
    await step.context.sendActivity(reply);
    return step.endDialog(record.reference);
  }

  /** `editing`: a change asked for at the summary, which the merchant may leave as it was. */
  private askReason(step: WaterfallStepContext, editing = false): Promise<DialogTurnResult> {
    return this.prompt(step, REASON, { key: 'cancel:reason', buttons: REASONS.map((code) => `cancel:reasons.${code}`) }, { kind: 'reason', ...(editing && { editing }) });
  }

  private askDate(step: WaterfallStepContext, editing = false): Promise<DialogTurnResult> {
    return this.prompt(step, DATE, { key: 'cancel:timing' }, { kind: 'date', ...(editing && { editing }) });
  }

  /** `again`: a change asked for at the summary, whose question is not the form's first telling (and may be left as it was). */
  /** `unchecked`: a UnionPay number that failed Luhn (sealed), which sent again or confirmed is taken. */
  private askFor(step: WaterfallStepContext, field: Field, again = false, unchecked?: string): Promise<DialogTurnResult> {
    return this.prompt(
      step,
      fieldPrompt(field),
      { key: `cancel:${again ? 'fieldsAgain' : 'fields'}.${field}`, buttons: OPTIONAL_FIELDS.has(field) ? ['cancel:skip'] : undefined },
      { field, ...(again && { editing: true as const }), ...(unchecked && { unchecked }) },
    );
  }

  private async keepDate(context: TurnContext, text: string): Promise<void> {
    const { parsed, rest, said } = receiptDate(text, this.today());
    // "上个月收到的，因为店不开了": the reason said with the date is kept too (its question is then skipped).
    const code = rest ? recognizeReason(rest, this.localizer) : undefined;
    await this.change(context, (d) => {
      if (code && !d.reason) {
        d.reason = code;
        d.reasonDetail = reasonDetail(code, rest, this.localizer);
      }
    });
    await this.keepReceivedOn(context, (parsed as { value: string }).value, said);
    if (code) await this.reached(context, 'reason');
  }

  /** The day the terminal arrived, and the merchant's words when they named no day; beyond 3 months, the warning. */
  private async keepReceivedOn(context: TurnContext, receivedOn: string, said?: string): Promise<void> {
    await this.change(context, (d) => {
      d.receivedOn = receivedOn;
      d.receivedSaid = said && !namesADay(said, this.today()) ? maskPii(said).slice(0, 60) : undefined;
    });
    await this.reached(context, 'receivedOn');
    if (isLate(receivedOn, this.today())) await context.sendActivity(this.replies.withSuggestions(await this.language.of(context), 'cancel:late', ['human_agent']));
  }

  /** Keeps `text` as the answer to the first question the draft has no answer for, when it is one. */
  private async keepNext(context: TurnContext, text: string): Promise<void> {
    const draft = await this.draft(context);
    const next = nextQuestion(draft);
    // A draft with every answer is changed by keepChanges.
    if (next === undefined || !answersNextQuestion(draft, text, this.localizer)) return;
    // A date still to come is no answer: the question is asked, and says so.
    if (next === 'receivedOn') {
      if (receiptDate(text, this.today()).parsed.ok) await this.keepDate(context, text);
    } else if (next === 'reason') await this.keepReason(context, text);
    else await this.store(context, next, text);
  }

  /**
   * Keeps the answers a message gives besides the one asked for (`asked`) that the draft has none for,
   * and says which: "LKL12345678，手机13800138000" at the serial question answers the next one too.
   */
  private async keepTogether(context: TurnContext, text: string, asked?: Editable, { opening = false } = {}): Promise<boolean> {
    const found = answersTogether(text, this.localizer);
    const draft = await this.draft(context);
    const kept = FIELDS.filter((field) => field !== asked && found[field] !== undefined && fieldValue(draft, field) === undefined);
    for (const field of kept) await this.store(context, field, found[field]!);
    // The reason stated with the request to cancel (at a later question, the answers are the form's values).
    const stated = opening && !draft.reason ? statedReason(text, this.localizer) : undefined;
    if (stated) {
      await this.change(context, (d) => {
        d.reason = stated.code;
        d.reasonDetail = reasonDetail(stated.code, stated.clause, this.localizer);
      });
      await this.reached(context, 'reason');
    }
    // "去年10月收到的" in a message about more: the date question is not asked either.
    const receivedOn = draft.receivedOn || asked === 'receivedOn' ? undefined : receiptDateIn(text, this.today(), this.localizer);
    // An email left out ("没有邮箱") is kept as none, and goes without saying.
    const stored = await this.draft(context);
    const noted: Editable[] = [...(receivedOn ? (['receivedOn'] as const) : []), ...(stated ? (['reason'] as const) : []), ...kept.filter((field) => fieldValue(stored, field) !== null)];
    if (!noted.length) return false;
    const lang = await this.language.of(context);
    const items = new Intl.ListFormat(lang, { type: 'conjunction' }).format(noted.map((item) => this.localizer.t(lang, `cancel:itemNames.${item}`)));
    await context.sendActivity(this.replies.text(lang, noted.length === 1 ? 'cancel:notedTogetherOne' : 'cancel:notedTogether', { items }));
    // After the note: the warning for a terminal received long ago follows it.
    if (receivedOn) await this.keepReceivedOn(context, receivedOn.value, receivedOn.said);
    return true;
  }

  /**
   * An answer to the question waiting (a field's, the date's, the reason's) may give the form's later
   * answers too; a message that does not answer it ("6212-abcd-0001" at the card question) gives none.
   */
  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const { context } = innerDc;
    const { type, text } = context.activity;
    const waiting = innerDc.activeDialog;
    const expected = (waiting?.state.options as FormPromptOptions | undefined)?.validations;
    const form = waiting !== undefined && (FIELDS.some((field) => waiting.id === fieldPrompt(field)) || waiting.id === DATE || waiting.id === REASON);
    // Whether the message answers the question waiting, read once for both uses below.
    const said = type === 'message' && text !== undefined && form && expected ? text : undefined;
    const answered = said !== undefined && answers(expected!, said, this.localizer);
    // "不改了", "no keep the old card" at a change asked for at the summary: the summary again, unchanged.
    if (said !== undefined && 'editing' in expected! && !answered && keepsAsIs(said, this.localizer)) return innerDc.endDialog(KEPT_AS_IS);
    // At the date and reason questions, which no number answers, values typed early ("6212… 138…") are kept whatever else the message says.
    const early = waiting?.id === DATE || waiting?.id === REASON;
    let notedEarly = false;
    // Every other answer has a digit or an @ but a name and "no email", which come with one ("我叫张伟 卡号6212…", "13800138000 没有邮箱").
    if (said !== undefined && /[\d@]/.test(said)) {
      const accepted = answered || context.turnState.get(OWN_REASON) === true;
      if (early || accepted) {
        const noted = await this.keepTogether(context, said, 'field' in expected! ? expected.field : waiting!.id === DATE ? 'receivedOn' : undefined);
        notedEarly = noted && !accepted;
      }
    }
    const result = await super.onContinueDialog(innerDc);
    // The note of what was kept was this turn's reply, so the prompt sent no retry: its question again.
    if (notedEarly && result.status === DialogTurnStatus.waiting && innerDc.activeDialog?.id === waiting?.id) await innerDc.repromptDialog();
    return result;
  }

  /** The reason; when it was "other" in the user's own words, those words are its detail. */
  private async keepReason(context: TurnContext, text: string): Promise<Draft> {
    // None of the four named: the prompt took it as the merchant's own reason.
    const code = recognizeReason(text, this.localizer) ?? 'other';
    await this.reached(context, 'reason');
    return this.change(context, (d) => {
      d.reason = code;
      d.reasonDetail = reasonDetail(code, text, this.localizer);
    });
  }

  private askField(field: Field) {
    return async (step: WaterfallStepContext): Promise<DialogTurnResult> => {
      if (fieldValue(await this.draft(step.context), field) !== undefined) return step.next();
      return this.askFor(step, field);
    };
  }

  private keepField(field: Field) {
    return async (step: WaterfallStepContext): Promise<DialogTurnResult> => {
      if (typeof step.result === 'string') await this.store(step.context, field, step.result);
      return field === FIELDS[FIELDS.length - 1] ? step.endDialog() : step.next();
    };
  }

  private async store(context: TurnContext, field: Field, text: string): Promise<void> {
    const confirmed = field === 'cardNumber' ? (context.turnState.get(CONFIRMED_CARD) as string | undefined) : undefined;
    const parsed = confirmed ? { ok: true as const, value: confirmed } : parseField(field, text, this.localizer);
    if (!parsed.ok) return;
    await this.reached(context, field);
    await this.change(context, (draft) => {
      if (field === 'cardNumber') {
        draft.cardSealed = this.vault.encrypt(parsed.value!);
        draft.cardLast4 = parsed.value!.slice(-4);
      } else if (field === 'email') {
        draft.email = parsed.value ?? null;
      } else {
        draft[field] = parsed.value;
      }
    });
  }

  private async review(step: WaterfallStepContext): Promise<DialogTurnResult> {
    // "修改姓名" at the signature: that change at once, as if asked at the summary.
    const change = (step.options as { change?: string } | undefined)?.change;
    if (change !== undefined) return step.next(change);
    const draft = await this.draft(step.context);
    const say: Say = {
      key: 'cancel:summary',
      vars: {
        fullName: draft.fullName,
        card: maskCard(draft.cardLast4 ?? ''),
        posSerial: draft.posSerial,
        mobile: draft.mobile,
        ...(draft.email ? { email: draft.email } : {}),
        detail: '',
      },
      keyVars: {
        reason: `cancel:reasons.${draft.reason}`,
        ...(draft.email ? {} : { email: 'cancel:noEmail' }),
        // The detail, when there is one, follows the reason in the language's own brackets.
        ...(draft.reasonDetail ? { detail: { key: 'cancel:summaryReasonDetail', vars: { detail: markdownEscaped(draft.reasonDetail) } } } : {}),
        // "上个月" as said, never a day the merchant did not name.
        ...(draft.receivedSaid ? { receivedOn: { key: 'cancel:receivedSaid', vars: { said: markdownEscaped(draft.receivedSaid) } } } : {}),
      },
      ...(draft.receivedSaid ? {} : { dateVars: { receivedOn: draft.receivedOn! } }),
      buttons: ['cancel:confirm', ...EDITABLE.map((f) => `cancel:edit.${f}`)],
    };
    return this.prompt(step, REVIEW_CHOICE, say, { kind: 'free', summary: true });
  }

  /** What the user wants to change: its button, or a sentence that names it ("原因选错了"). */
  private editTarget(text: string): Editable | undefined {
    return EDITABLE.find((f) => labelOf(this.localizer, [`cancel:edit.${f}`], text)) ?? itemToChange(text, this.localizer, EDITABLE);
  }

  private async reviewed(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const text = step.result as string;
    // "yes correct", "ok submit", "对，没错": all correct in more words.
    const confirmed = isOneOf(this.localizer, 'allCorrect', text, ['cancel:confirm']) || yesNoOnly(text, this.localizer) === true;
    if (confirmed) {
      await this.reached(step.context, 'reviewed');
      const draft = await this.draft(step.context);
      return this.prompt(step, SIGNATURE, { key: 'cancel:sign', vars: { name: draft.fullName } }, { kind: 'signature', name: draft.fullName! });
    }
    // "对的 签名王小明": confirmed and signed at once, as the signature's question would take it.
    const { fullName } = await this.draft(step.context);
    if (fullName && confirmsAndSigns(text, fullName, this.localizer)) {
      await this.reached(step.context, 'reviewed');
      return step.endDialog();
    }
    // "手机号改成139…", "名字改成赵七 手机改成139…": the new values are already in the sentence.
    if (await this.keepChanges(step.context, text)) return step.replaceDialog(REVIEW);
    const edit = this.editTarget(text);
    if (!edit) {
      await step.context.sendActivity(this.replies.text(await this.lang(step), 'cancel:reviewRetry'));
      return step.replaceDialog(REVIEW);
    }
    // "wait, what does SN mean": a question about an item, not a change to it ("卡号是不是填错了？" is one): its help, and the summary again.
    if (asksSomething(text, this.localizer) && !mentions(this.localizer, 'correction', text)) {
      // "卡号怎么只显示后四位": why it is masked, not where to find it.
      const key = edit === 'cardNumber' && mentions(this.localizer, 'maskAsked', text) ? 'cancel:help.masked' : `cancel:help.${edit}`;
      await step.context.sendActivity(this.replies.text(await this.lang(step), key));
      return step.replaceDialog(REVIEW);
    }
    (step.values as { edit?: Editable }).edit = edit;
    if (edit === 'reason') {
      // "原因选错了，我想改成设备故障": the new reason is already in the sentence.
      if (recognizeReason(text, this.localizer)) return step.next(text);
      return this.askReason(step, true);
    }
    if (edit === 'receivedOn') return this.askDate(step, true);
    // "卡号错了，应该是6217…" with a number that fails its check: why it was not taken, then the question;
    // a UnionPay number failing Luhn waits sealed, so sending it again takes it.
    const said = foundIn(edit, text, this.localizer);
    const parsed = said === undefined ? undefined : parseField(edit, said, this.localizer);
    if (parsed && !parsed.ok) {
      await step.context.sendActivity(this.replies.text(await this.lang(step), `cancel:errors.${parsed.error}`));
      const digits = parsed.error === 'card_luhn_62' ? cardDigitsOf(said!) : undefined;
      return this.askFor(step, edit, true, digits && this.vault.encrypt(digits));
    }
    return this.askFor(step, edit, true);
  }

  /** "my name is Li Ming" at another question: the name kept; whether it changed one given before. */
  async restateName(context: TurnContext, text: string): Promise<boolean> {
    const before = (await this.draft(context)).fullName;
    await this.store(context, 'fullName', text);
    return before !== undefined && (await this.draft(context)).fullName !== before;
  }

  /** "oops i meant Maria L Garcia" at the question after the name's: the answer just given, replaced. */
  async restate(context: TurnContext, field: Field, value: string): Promise<void> {
    await this.store(context, field, value);
  }

  /** "不是9月 是10月": the date as put right, when what follows the "是" is a date and nothing else; whether it was. */
  async restateDate(context: TurnContext, text: string): Promise<boolean> {
    const date = this.correctedDate(text);
    if (date === undefined) return false;
    await this.keepDate(context, date);
    return true;
  }

  /** The day a correction says ("sorry wrong date, it was september 5", "its 2 months ago"), as said. */
  private correctedDate(text: string): string | undefined {
    return correctedValue(text, this.localizer, (candidate) => {
      const read = receiptDate(candidate, this.today());
      return read.parsed.ok && read.rest === '';
    });
  }

  /** Makes the changes to the summary's items the text asks for with their new values; whether there were any. */
  async keepChanges(context: TurnContext, text: string): Promise<boolean> {
    const changes = changesAsked(text, this.localizer, this.today());
    // "the date is wrong, i got it on 20 oct": the new date in a sentence about receiving it; "oops wrong
    // date, its 2 months ago": in the correction's own clause.
    const named = !changes.some((c) => c.item === 'receivedOn') && mentions(this.localizer, 'edit.receivedOn', text);
    const receivedOn = named ? (receiptDateIn(text, this.today(), this.localizer)?.said ?? this.correctedDate(text)) : undefined;
    // As said, which keepDate reads again: a rough time ("in October") is shown as said.
    if (receivedOn) changes.push({ item: 'receivedOn', value: receivedOn });
    for (const { item, value } of changes) {
      if (item === 'receivedOn') await this.keepDate(context, value);
      else if (item === 'reason') await this.keepReason(context, value);
      else await this.store(context, item, value);
    }
    return changes.length > 0;
  }

  private async edited(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (step.result === KEPT_AS_IS) return step.replaceDialog(REVIEW);
    const edit = (step.values as { edit?: Editable }).edit;
    const text = step.result as string;
    // An item named ("修改卡号") is asked for at once; asked about ("卡号是不是填错了？"), the summary shows it.
    const change = this.editTarget(text) && !asksSomething(text, this.localizer) ? { change: text } : undefined;
    if (!edit) return step.context.turnState.get(BACK_TO_REVIEW) ? step.replaceDialog(REVIEW, change) : step.endDialog();
    if (edit === 'receivedOn') await this.keepDate(step.context, text);
    else if (edit === 'reason') {
      const draft = await this.keepReason(step.context, text);
      if (draft.reason === 'other' && !draft.reasonDetail) return this.prompt(step, DETAIL, { key: 'cancel:reasonDetail' }, { kind: 'free' });
    } else await this.store(step.context, edit, text);
    return step.replaceDialog(REVIEW);
  }

  private async detailed(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const detail = step.result as string;
    await this.change(step.context, (d) => (d.reasonDetail = detail.slice(0, 500)));
    return step.replaceDialog(REVIEW);
  }

  private async checkDate(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const said = prompt.recognized.value ?? '';
    const { parsed } = receiptDate(said, this.today());
    if (parsed.ok) return true;
    // A date not read twice: rough answers to tap, and a person, rather than the same retry again. A file
    // sent without words was no try at a date: the question is only asked again.
    const again = parsed.error === 'date_format' && said.trim() !== '' && ((prompt.state as { failures?: number }).failures ?? 0) >= 1;
    prompt.context.turnState.set(PROBLEM, parsed.error === 'date_future' ? 'cancel:timingFuture' : again ? APPROXIMATE_DATES.key : 'cancel:timingRetry');
    if (again) prompt.context.turnState.set(PROBLEM_BUTTONS, APPROXIMATE_DATES.buttons);
    return false;
  }

  private async checkField(field: Field, prompt: PromptValidatorContext<string>): Promise<boolean> {
    const text = prompt.recognized.value ?? '';
    const parsed = parseField(field, text, this.localizer);
    if (!parsed.ok && field === 'cardNumber' && this.confirmsCard(prompt, text, parsed.error)) return true;
    if (!parsed.ok) prompt.context.turnState.set(PROBLEM, `cancel:errors.${parsed.error}`);
    // "John": one Latin word is rarely all of the card's name, which review checks: asked once for the whole name, then taken as sent.
    if (parsed.ok && field === 'fullName' && !/[\s\p{Script=Han}]/u.test(parsed.value!)) {
      const state = prompt.state as { singleName?: string };
      if (state.singleName !== parsed.value) {
        state.singleName = parsed.value;
        prompt.context.turnState.set(PROBLEM, 'cancel:errors.name_single');
        prompt.context.turnState.set(PROBLEM_VARS, { name: parsed.value });
        return false;
      }
    }
    // No mainland mobile to give: a person finds another way, a tap away.
    if (!parsed.ok && parsed.error === 'mobile_foreign') prompt.context.turnState.set(PROBLEM_BUTTONS, ['faq:labels.human_agent']);
    if (parsed.ok && field === 'posSerial') return this.serialFree(prompt, parsed.value!);
    return parsed.ok;
  }

  /**
   * A terminal that already has an open case takes no second application: said at its serial number,
   * with the case's reference when it is the merchant's own, and the serial asked again (a typo is
   * the likely cause), rather than found only at submission, after the signature.
   */
  private async serialFree(prompt: PromptValidatorContext<string>, serial: string): Promise<boolean> {
    const { cardSealed } = await this.draft(prompt.context);
    const open = await this.cases.openCaseOf(serial, { userId: prompt.context.activity.from.id, cardNumber: cardSealed ? this.vault.decrypt(cardSealed) : undefined });
    if (!open) return true;
    const lang = await this.language.of(prompt.context);
    prompt.context.turnState.set(PROBLEM, open.applicantsOwn ? 'cancel:errors.serial_open' : 'cancel:errors.serial_open_other');
    prompt.context.turnState.set(PROBLEM_VARS, { serial, reference: open.record.reference, stage: this.replies.stage(lang, open.record.status) });
    return false;
  }

  /**
   * A UnionPay number that fails Luhn (some do) is asked to be checked, then taken when the merchant
   * sends it again or says it is right. The number waits sealed in the prompt's expectation, where
   * the router sees that a confirmation answers the question.
   */
  private confirmsCard(prompt: PromptValidatorContext<string>, text: string, error: string): boolean {
    const expected = (prompt.options as FormPromptOptions).validations as { field: Field; unchecked?: string };
    // Whatever number was typed: another one, failing otherwise, leaves none waiting to be confirmed.
    const said = cardDigitsOf(foundIn('cardNumber', text, this.localizer) ?? text) ?? (/\d{4}/.test(text) ? '' : undefined);
    const unchecked = expected.unchecked === undefined ? undefined : this.vault.decrypt(expected.unchecked);
    if (unchecked !== undefined && (said === unchecked || (said === undefined && confirmsCard(text, this.localizer)))) {
      prompt.context.turnState.set(CONFIRMED_CARD, unchecked);
      return true;
    }
    if (said !== undefined) expected.unchecked = error === 'card_luhn_62' && said ? this.vault.encrypt(said) : undefined;
    return false;
  }

  private async checkSignature(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const { name } = prompt.options.validations as { name: string };
    const text = prompt.recognized.value ?? '';
    if (sameName(text, name) || sameName(withoutSignLabel(text, this.localizer), name)) return true;
    // "等一下，卡号好像不对", "修改卡号", "wait, go back": back to the summary, where anything can be changed.
    if (this.editTarget(text) || mentionsWord(this.localizer, 'backToReview', text)) {
      prompt.context.turnState.set(BACK_TO_REVIEW, true);
      return true;
    }
    prompt.context.turnState.set(PROBLEM_VARS, { name });
    return false;
  }

  private today(): string {
    return localDate(this.now());
  }
}

function conversationReference(context: TurnContext) {
  const { activity } = context;
  return { activityId: activity.id, user: activity.from, bot: activity.recipient, conversation: activity.conversation, channelId: activity.channelId, locale: activity.locale, serviceUrl: activity.serviceUrl };
}
