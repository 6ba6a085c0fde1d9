import { MessageFactory, type TurnContext } from 'botbuilder';
import type { DialogTurnResult, PromptOptions, PromptValidatorContext, WaterfallStepContext } from 'botbuilder-dialogs';
import { ComponentDialog, WaterfallDialog } from './shared/dialogClasses';
import type { CaseRecord, CaseService } from '../src/cases/caseService';
import { parseMobile } from '../src/cases/inputs';
import { findReference, mentionsReference } from '../src/cases/reference';
import type { Localizer } from '../src/i18n/localizer';
import { approvalOf, endedUndone, openCases, pendingActionFor, refundDisputed, refundDueBy, refundMethodOf, stageOf, type FollowUpRules } from '../src/cases/pending';
import { awaitsDecision, isFinal } from '../src/cases/lifecycle';
import { localDate } from '../src/cases/dates';
import { formatDate } from '../src/i18n/format';
import { hasOptedOut, optOutButton, optOutChoices } from '../src/notifications/optOut';
import { ACTION_ANSWERS, applicantOnlyNote, REAPPLY_BUTTON } from './shared/caseAnswers';
import { mentions } from './shared/words';
import { FormPrompt, type FormPromptOptions } from './shared/formPrompt';
import type { MerchantCases } from './shared/merchantCases';
import type { Replies } from './shared/replies';
import type { TurnLanguage } from './shared/turnLanguage';
import type { Language } from '../src/i18n/language';
import type { Label } from '../src/nlu/intents';
import { maskCardNumbers } from '../src/pii/cardNumbers';

export const STATUS_DIALOG = 'status';

/** What the dialog ends with: `offersPerson` when the report said a person can chase a late review or payment (a yes next takes it). */
export interface StatusResult {
  offersPerson?: boolean;
  /** The reference could not be given: the mobile number applied with, sent next, looks the application up. */
  offersLookup?: boolean;
}

export interface StatusOptions {
  /** The mobile number applied with, sent instead of the reference number: its application is looked up. */
  mobile?: string;
}
const LOOKUP = 'status.lookup';
const REFERENCE = 'status.reference';
const PROOF = 'status.proof';
const FAILURES_BEFORE_OFFER = 3;

/** Wrong proofs per case, counted across conversations and instances (a guesser opens new chats). */
export interface ProofGuesses {
  exhausted(reference: string): Promise<boolean>;
  failed(reference: string): Promise<void>;
}

/**
 * "Where is my application?": by reference number (asked for when missing). The owner sees their case
 * at once; anyone else must first give the card's last 4 digits or the mobile number, with a few
 * tries per case whoever makes them.
 */
export class StatusDialog extends ComponentDialog {
  constructor(
    private readonly localizer: Localizer,
    private readonly language: TurnLanguage,
    private readonly replies: Replies,
    private readonly cases: CaseService,
    private readonly merchantCases: MerchantCases,
    private readonly guesses: ProofGuesses,
    /** When an agreed refund is due to be paid. */
    private readonly rules: FollowUpRules,
    /** The business clock: a review past its window, or a payment past its day, is said to be late. */
    private readonly now: () => Date = () => new Date(),
  ) {
    super(STATUS_DIALOG);
    // After a few tries the bot stops asking (the reference is then missing and `found` says where to find it).
    // The validators say what was wrong themselves (and offer a person); the prompts only ask, in the language of the moment.
    const prompt = (id: string, validator: (p: PromptValidatorContext<string>) => Promise<boolean>) => this.addDialog(new FormPrompt(id, validator, localizer, language, undefined, false));
    // "我没有单号" ends the question at once: `found` says where to find it.
    // From the second wrong reference, the way out: the mobile number applied with, or a person.
    prompt(REFERENCE, async (p) => p.attemptCount > FAILURES_BEFORE_OFFER || this.withoutReference(p.recognized.value ?? '') || this.retry(p, Boolean(findReference(p.recognized.value ?? '')), p.attemptCount > 1 ? 'status:lookupOffer' : 'status:badReference'));
    prompt(PROOF, (p) => this.checkProof(p));
    this.addDialog(new WaterfallDialog(LOOKUP, [this.reference.bind(this), this.found.bind(this), this.verified.bind(this)]));
    this.initialDialogId = LOOKUP;
  }

  private async reference(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const text = step.context.activity.text ?? '';
    const reference = findReference(text);
    if (reference) return step.next(reference);
    const { mobile } = (step.options as StatusOptions | undefined) ?? {};
    if (mobile) return step.next(mobile);
    const current = await this.merchantCases.current(step.context);
    const all = await this.merchantCases.all(step.context);
    const own = current?.record ?? all.at(-1);
    if (own) {
      // A merchant with two terminals being cancelled hears of both; the one that waits for them last, with its buttons.
      const others = openCases(all).filter((r) => r.reference !== own.reference);
      if (others.length) {
        const lang = await this.language.of(step.context);
        await step.context.sendActivity(MessageFactory.text(`${this.localizer.t(lang, 'status:several', { count: others.length + 1 })}\n\n${others.map((r) => this.reportText(lang, r)).join('\n\n')}`));
      }
      return this.reported(step, own);
    }
    // "my ref is pc2612 something i forgot": none to give, which the question would only ask again.
    if (this.withoutReference(text)) return step.next(text);
    // "PC-2612-XXXXXX 这个单子进度怎么样": the one given does not check out, which is said rather than asked for again.
    const key = mentionsReference(text) ? 'status:badReference' : 'status:askReference';
    return step.prompt(REFERENCE, { say: { key }, validations: { kind: 'free' } } satisfies FormPromptOptions as PromptOptions);
  }

  private async found(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const reference = findReference(step.result as string);
    const lang = await this.language.of(step.context);
    const mobile = reference ? undefined : parseMobile(step.result as string);
    if (mobile?.ok) return this.lookUp(step, mobile.value);
    if (!reference) {
      await step.context.sendActivity(this.replies.withSuggestions(lang, 'status:giveUp', ['human_agent']));
      return step.endDialog({ offersLookup: true } satisfies StatusResult);
    }
    const record = await this.cases.get(reference);
    if (!record) {
      await step.context.sendActivity(this.replies.withMenu(lang, 'status:notFound', { reference }));
      return step.endDialog();
    }
    (step.values as { reference?: string }).reference = reference;
    if (record.owner.userId === step.context.activity.from.id) return this.reported(step, record);
    if (await this.guesses.exhausted(reference)) {
      await step.context.sendActivity(this.replies.withSuggestions(lang, 'status:tooManyGuesses', ['human_agent']));
      return step.endDialog();
    }
    return step.prompt(PROOF, { say: { key: 'status:verify' }, validations: { kind: 'proof', reference } } satisfies FormPromptOptions as PromptOptions);
  }

  /**
   * The latest application made with this mobile number, shown only with the last 4 digits of its card
   * (the mobile, just given, proves nothing), with the same few tries per case. (A merchant's own case
   * never comes here: it is shown before any reference is asked for.)
   */
  private async lookUp(step: WaterfallStepContext, mobile: string): Promise<DialogTurnResult> {
    const lang = await this.language.of(step.context);
    const record = (await this.cases.forMobile(mobile)).findLast((found) => !found.erasedAt);
    if (!record || (await this.guesses.exhausted(record.reference))) {
      await step.context.sendActivity(this.replies.withSuggestions(lang, 'status:mobileNotFound', ['human_agent']));
      return step.endDialog();
    }
    Object.assign(step.values, { reference: record.reference, cardOnly: true });
    return step.prompt(PROOF, { say: { key: 'status:verifyCard' }, validations: { kind: 'proof', reference: record.reference, cardOnly: true } } satisfies FormPromptOptions as PromptOptions);
  }

  private async verified(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { reference, cardOnly } = step.values as { reference: string; cardOnly?: boolean };
    const record = await this.cases.get(reference);
    // The prompt also ends when the case ran out of tries (it said so): only a matching proof shows the case.
    if (!record || !matches(record, step.result as string, cardOnly)) return step.endDialog();
    // Proved: from now on this conversation is the case owner's.
    await this.merchantCases.claim(step.context, reference);
    return this.reported(step, record);
  }

  /** "我没有单号", "I forgot it", a mobile number instead: the merchant cannot give the reference (a person looks it up). */
  private withoutReference(text: string): boolean {
    return !findReference(text) && (mentions(this.localizer, 'noReference', text, 'status') || parseMobile(text).ok);
  }

  /** A proof is checked against the case itself (nothing of it waits in the dialog state); each miss counts for the case. */
  private async checkProof(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const { reference, cardOnly } = prompt.options.validations as { kind: 'proof'; reference: string; cardOnly?: true };
    const record = await this.cases.get(reference);
    if (record && matches(record, prompt.recognized.value ?? '', cardOnly)) return true;
    await this.guesses.failed(reference);
    if (!(await this.guesses.exhausted(reference))) return this.retry(prompt, false, 'status:verifyFailed');
    const lang = await this.language.of(prompt.context);
    await prompt.context.sendActivity(this.replies.withSuggestions(lang, 'status:tooManyGuesses', ['human_agent']));
    return true;
  }

  /** Where the case stands, what comes next, when a decision or the refund is due, and why it was rejected. */
  private reportText(lang: Language, record: CaseRecord): string {
    return (
      this.localizer.t(lang, 'status:report', {
        reference: record.reference,
        stage: this.replies.stage(lang, stageOf(record)),
        next: this.localizer.t(lang, this.nextKey(record)),
      }) +
      this.dueLine(lang, record) +
      this.refundLine(lang, record) +
      this.rejectionLine(lang, record)
    );
  }

  /** What comes next for the merchant: a cash refund is collected at the counter, not looked for on a card; a late decision or payment is chased. */
  private nextKey(record: CaseRecord): string {
    if (refundDisputed(record)) return 'status:nextDisputed';
    // Past the day it was due, waiting on is no next step: chasing it is.
    if (this.late(record)) return 'status:nextLate';
    if (record.status === 'submitted' && hasOptedOut(record, 'sms')) return 'status:nextNoSms';
    if (record.status === 'refund_paid' && refundMethodOf(record) === 'cash') return 'status:nextCash';
    return `status:next.${stageOf(record)}`;
  }

  /** The report, and the dialog ended with whether it offered a person. */
  private async reported(step: WaterfallStepContext, record: CaseRecord): Promise<DialogTurnResult> {
    await this.report(step.context, record);
    return step.endDialog({ offersPerson: this.late(record) } satisfies StatusResult);
  }

  /** What the merchant waits for from us (the review's decision, an agreed refund's payment) is past its day: the report says so and offers a person to chase it. */
  private late(record: CaseRecord): boolean {
    const due = this.dueOf(record);
    return due !== undefined && due < localDate(this.now());
  }

  /** The last day of what the merchant waits for from us, if they wait for us. */
  private dueOf(record: CaseRecord): string | undefined {
    if (awaitsDecision(record.status)) return record.decision.latest;
    return record.status === 'refund_agreed' ? refundDueBy(record, this.rules) : undefined;
  }

  /** The case's report, with what it waits for from the merchant as buttons. */
  private async report(context: TurnContext, record: CaseRecord): Promise<void> {
    const lang = await this.language.of(context);
    // What the case waits for from the merchant, as buttons they can tap now or later; only its applicant answers it.
    const action = pendingActionFor(record, context.activity.from.id);
    // "已经一周了", "its been a week" while it is not late yet: the wait acknowledged, and that it is still on time.
    const waited = this.dueOf(record) !== undefined && !this.late(record) && mentions(this.localizer, 'waited', context.activity.text ?? '', 'status');
    const text = this.reportText(lang, record) + (waited ? this.localizer.t(lang, 'status:waitedNotLate') : '') + applicantOnlyNote(this.localizer, lang, record, action);
    const answers = action ? [ACTION_ANSWERS[action].yes, ACTION_ANSWERS[action].no].map((key) => this.localizer.t(lang, key)) : [];
    const followUps = [...followUpsOf(record.status), 'human_agent' as const].map((intent) => this.replies.label(lang, intent)).filter((l): l is string => Boolean(l));
    // Notifications still on for an open case can be stopped from here, with a tap.
    const optOuts = isFinal(record.status) ? [] : optOutChoices(record).map((channel) => this.localizer.t(lang, optOutButton(channel)));
    const reapply = endedUndone(record) ? [this.localizer.t(lang, REAPPLY_BUTTON)] : [];
    await context.sendActivity(MessageFactory.suggestedActions([...answers, ...followUps, ...reapply, ...optOuts], text));
  }

  /** The refund as approved (amount and method), once there is one and until the case is done. */
  private refundLine(lang: Language, record: CaseRecord): string {
    const approval = approvalOf(record);
    if (!approval?.amount || !approval.method || isFinal(record.status)) return '';
    return this.localizer.t(lang, 'status:refundLine', { amount: approval.amount.toFixed(2), method: this.localizer.t(lang, `case:methods.${approval.method}`) });
  }

  /** When the review's decision or the agreed refund's payment is expected; past its day, that it is late and a person can chase it. */
  private dueLine(lang: Language, record: CaseRecord): string {
    if (awaitsDecision(record.status)) {
      const window = { earliest: formatDate(record.decision.earliest, lang), latest: formatDate(record.decision.latest, lang) };
      return this.localizer.t(lang, this.late(record) ? 'status:decisionOverdue' : 'status:decisionWindow', window);
    }
    const due = this.dueOf(record);
    return due ? this.localizer.t(lang, this.late(record) ? 'status:paymentOverdue' : 'status:paymentDue', { due: formatDate(due, lang) }) : '';
  }

  /** Why the back office did not approve it, as it recorded. */
  private rejectionLine(lang: Language, record: CaseRecord): string {
    const reason = endedUndone(record) ? (record.events.findLast((e) => e.type === 'rejected')?.data as { reason?: string } | undefined)?.reason : undefined;
    // Staff write it in their own words: a card number in it is masked, as in the notifications.
    return reason ? this.localizer.t(lang, 'status:rejectionLine', { reason: maskCardNumbers(reason) }) : '';
  }

  /** Says what was wrong and, after repeated failures, offers a person. */
  private async retry(prompt: PromptValidatorContext<string>, valid: boolean, problem: string): Promise<boolean> {
    if (valid) return true;
    const lang = await this.language.of(prompt.context);
    // The way out it offers comes with its button.
    await prompt.context.sendActivity(problem === 'status:lookupOffer' ? this.replies.withSuggestions(lang, problem, ['human_agent']) : MessageFactory.text(this.localizer.t(lang, problem)));
    if (prompt.attemptCount >= FAILURES_BEFORE_OFFER) await prompt.context.sendActivity(this.replies.withSuggestions(lang, 'cancel:offerPerson', ['human_agent']));
    return false;
  }
}

/**
 * The question a merchant at this stage asks next: how the refund is paid once approved (how long the
 * review takes the report itself says), how to check it arrived, what to send again.
 */
function followUpsOf(status: CaseRecord['status']): Label[] {
  if (awaitsDecision(status)) return ['faq_refund_method'];
  if (status === 'refund_agreed' || status === 'refund_paid') return ['faq_refund_verify'];
  return status === 'rejected' ? ['faq_materials'] : [];
}

/** The last 4 digits of the card or (unless `cardOnly`) the mobile number (full, or its last 4 digits is not enough). */
function matches(record: CaseRecord, said: string, cardOnly = false): boolean {
  const digits = said.normalize('NFKC').replace(/\D/g, '').replace(/^(?:86|0086)(?=1\d{10}$)/, '');
  return digits === record.applicant.cardLast4 || (!cardOnly && digits === record.applicant.mobile);
}
