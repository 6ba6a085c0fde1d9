import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { DialogTurnResult, PromptOptions, PromptValidatorContext, WaterfallStepContext } from 'botbuilder-dialogs';
import { ComponentDialog, WaterfallDialog } from './shared/dialogClasses';
import type { CaseFollowUp } from '../src/bot/domainEvents';
import type { CaseRecord, CaseService } from '../src/cases/caseService';
import { localDate } from '../src/cases/dates';
import { approvalOf, endedUndone, pendingActionFor, refundDisputed, refundExpectedBy, refundMethodOf, type FollowUpRules, type PendingAction } from '../src/cases/pending';
import { formatDate, formatTime } from '../src/i18n/format';
import type { Language } from '../src/i18n/language';
import type { Localizer } from '../src/i18n/localizer';
import { answers } from './shared/answers';
import { ACTION_ANSWERS, amountDisputed, applicantOnlyNote, arrivedSums, pendingAnswer, queriesOffer, REAPPLY_BUTTON } from './shared/caseAnswers';
import { FormPrompt, PROBLEM, sayText, type FormPromptOptions, type Say } from './shared/formPrompt';
import type { MerchantCases } from './shared/merchantCases';
import type { Replies } from './shared/replies';
import type { TurnLanguage } from './shared/turnLanguage';

export const CASE_UPDATE_DIALOG = 'caseUpdate';
const STEPS = 'caseUpdate.steps';
const ANSWER = 'caseUpdate.answer';

export interface CaseUpdate {
  reference: string;
  /** `acceptReminder`, `reminder`: the follow-up asks again; `escalated`: the refund was handed to a person. */
  kind?: CaseFollowUp;
  /** The merchant's answer, already given ("钱到了" typed at any time): acted on without asking. */
  answer?: string;
  /** The question comes with the way to a person too (after a question about the offer only a person answers). */
  personToo?: boolean;
  /** The merchant checked again after saying the refund had not arrived: a person to chase the payment. */
  chase?: true;
  /** The merchant asked when the refund comes: said before the question (accepting first; by when it is expected). */
  when?: true;
}

/**
 * The steps of the journey that follow the review, started when the back office acts, when the
 * refund follow-up asks again, or whenever the merchant comes back to a case that waits for them:
 * approved → the refund agreement (the user accepts amount and method; recorded with time);
 * rejected → why and what to do; paid → how to verify by method, then "arrived" closes the case and
 * "not yet" says by when to expect it (and the follow-up asks again later).
 */
export class CaseUpdateDialog extends ComponentDialog {
  constructor(
    private readonly localizer: Localizer,
    private readonly language: TurnLanguage,
    private readonly replies: Replies,
    private readonly cases: CaseService,
    private readonly merchantCases: MerchantCases,
    private readonly rules: FollowUpRules,
    /** What the last answer offered: a person, whom "好的" next takes. */
    private readonly offered: StatePropertyAccessor<string | undefined>,
    private readonly now: () => Date = () => new Date(),
  ) {
    super(CASE_UPDATE_DIALOG);
    this.addDialog(new FormPrompt(ANSWER, async (p) => this.isAnswer(p), localizer, language, 'cancel:choiceRetry'));
    this.addDialog(new WaterfallDialog(STEPS, [this.announce.bind(this), this.answered.bind(this)]));
    this.initialDialogId = STEPS;
  }

  private async announce(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { reference, kind, answer, personToo, chase, when } = step.options as CaseUpdate;
    const record = await this.cases.get(reference);
    // Only the case's merchant (its owner, or who proved it in this conversation) ever sees it or answers for it.
    if (!record || !(await this.merchantCases.all(step.context)).some((c) => c.reference === reference)) return step.endDialog();
    if (answer !== undefined) return step.next(answer);
    const lang = await this.language.of(step.context);
    if (chase) {
      const { overdue, vars } = this.expectation(record, lang);
      await this.offerPerson(step.context, lang, `case:checkedStill.${overdue ? 'overdue' : 'due'}`, vars);
      return step.endDialog();
    }
    const say = caseSay(record, kind);
    const action = pendingActionFor(record, step.context.activity.from.id);
    if (when && action) await step.context.sendActivity(this.whenRefund(record, action, lang));
    if (action && kind !== 'escalated') return this.ask(step, say, action, personToo);
    if (!say) return step.endDialog();
    // Proved here but not the applicant: the news, and who answers what it waits for.
    const text = sayText(this.localizer, lang, say) + applicantOnlyNote(this.localizer, lang, record, action);
    // Rejected (the reason put right) or withdrawn: applying again is a tap away.
    // A disputed refund waits for a person: the way to one.
    const followUps = record.status === 'rejected' ? (['human_agent', 'faq_materials'] as const) : refundDisputed(record) ? (['human_agent'] as const) : [];
    const reply = this.replies.withFollowUps(lang, text, [...followUps], endedUndone(record) ? [REAPPLY_BUTTON] : []);
    await step.context.sendActivity(reply);
    return step.endDialog();
  }

  private async answered(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { reference } = step.options as CaseUpdate;
    const record = await this.cases.get(reference);
    const action = record && pendingActionFor(record, step.context.activity.from.id);
    // Answered meanwhile (the back office recorded it from a phone call): nothing left to do.
    if (!record || !action) return step.endDialog();
    const text = step.result as string;
    // Its words, its button, or a bare no: a bare "好的", "ok" only acknowledges, and the prompt asked again.
    const yes = pendingAnswer(action, text, this.localizer) ?? false;
    const lang = await this.language.of(step.context);
    const by = `user:${step.context.activity.from.id}`;
    const vars = facts(record).vars;
    if (action === 'accept_offer') {
      if (!yes) {
        // "金额不对吧", "why is it only 99?": not a plain no but a dispute, which who can explain answers.
        const disputed = amountDisputed(text, this.localizer) || queriesOffer(text, this.localizer);
        // Staff see it on the case, beside the offer they made.
        if (disputed) await this.cases.addEvent(reference, by, 'offer_disputed');
        if (disputed) await this.offerPerson(step.context, lang, 'case:offerQuery', vars);
        else await step.context.sendActivity(this.replies.withSuggestions(lang, 'case:declined', ['human_agent', 'faq_refund_method']));
        return step.endDialog();
      }
      const at = this.now();
      await this.cases.transition(reference, 'refund_agreed', by, { acceptedAt: at.toISOString() });
      // Named with its reference and sum: with two terminals' offers open, which one was accepted.
      await step.context.sendActivity(this.replies.text(lang, 'case:agreed', { ...vars, at: formatTime(at, lang) }));
      return step.endDialog();
    }
    // A refund that does not match what was agreed ("金额不对", "received 150 instead of 200") is for a
    // person to look into: the case stays open.
    if (amountDisputed(text, this.localizer) || this.namesOtherAmount(text, facts(record).vars.amount as string | undefined)) {
      await this.cases.addEvent(reference, by, 'refund_amount_disputed');
      await this.offerPerson(step.context, lang, 'case:amountDisputed', vars);
      return step.endDialog();
    }
    if (!yes) {
      await this.cases.addEvent(reference, by, 'refund_not_arrived');
      // Cash is collected and counted at the counter; a transfer shows as a credit on the statement.
      const { overdue, vars: expectedVars } = this.expectation(record, lang);
      // Not yet due, "好的" next only acknowledges the date; overdue, it takes the person suggested.
      if (overdue) await this.offerPerson(step.context, lang, 'case:notYetOverdue', expectedVars);
      else await step.context.sendActivity(this.replies.withSuggestions(lang, `case:notYet.${refundMethodOf(record) === 'cash' ? 'cash' : 'transfer'}`, ['human_agent'], expectedVars));
      return step.endDialog();
    }
    await this.cases.transition(reference, 'verified', by);
    const closed = await this.cases.transition(reference, 'closed', 'system');
    await step.context.sendActivity(this.replies.withFollowUps(lang, this.localizer.t(lang, 'case:verified', { reference: closed.reference }), ['faq_monitor_account', 'faq_close_card']));
    return step.endDialog();
  }

  /**
   * By when the paid refund was expected, as the case's facts; whether that day has come: from then on
   * it is for a person to look into, not another date to wait for.
   */
  private expectation(record: CaseRecord, lang: Language): { overdue: boolean; vars: Record<string, unknown> } {
    const expected = refundExpectedBy(record, this.rules);
    const overdue = expected !== undefined && expected <= localDate(this.now());
    return { overdue, vars: { ...facts(record).vars, expected: expected && formatDate(expected, lang) } };
  }

  /** When the refund comes: once the offer is accepted; by the day it is expected (a late one is chased by a person, through "not yet"). */
  private whenRefund(record: CaseRecord, action: PendingAction, lang: Language) {
    if (action === 'accept_offer') return this.replies.text(lang, 'case:refundWhen.accept_offer');
    const { overdue, vars } = this.expectation(record, lang);
    return this.replies.text(lang, overdue ? 'case:refundWhen.overdue' : `case:refundWhen.${refundMethodOf(record) === 'cash' ? 'cash' : 'transfer'}`, vars);
  }

  /** `key` said with a person as its button: "好的" next takes that person (as the main dialog's offers do). */
  private async offerPerson(context: TurnContext, lang: Language, key: string, vars: Record<string, unknown>): Promise<void> {
    await context.sendActivity(this.replies.withSuggestions(lang, key, ['human_agent'], vars));
    await this.offered.set(context, 'human_agent');
  }

  private ask(step: WaterfallStepContext, say: Say | undefined, action: PendingAction, personToo = false): Promise<DialogTurnResult> {
    const { yes, no } = ACTION_ANSWERS[action];
    const buttons = personToo ? [yes, no, 'faq:labels.human_agent'] : [yes, no];
    const options: FormPromptOptions = { say: { ...say!, buttons }, validations: { kind: 'pending', action } };
    return step.prompt(ANSWER, options as PromptOptions);
  }

  /** Whether the text names a sum other than the agreed one as what arrived ("只到了150块", "到了，是100"; "200.00元" for 200 is the same). */
  private namesOtherAmount(text: string, agreed: string | undefined): boolean {
    return agreed !== undefined && arrivedSums(text, this.localizer).some((sum) => sum !== Number(agreed));
  }

  private isAnswer(prompt: PromptValidatorContext<string>): boolean {
    const { validations } = prompt.options as FormPromptOptions;
    const text = prompt.recognized.value ?? '';
    if (answers(validations, text, this.localizer)) return true;
    // "好吧可以", "ok", or anything else that answers nothing: a bare yes signs no agreement and closes no
    // case; the retry says what does (rather than "tap a button").
    if ('kind' in validations && validations.kind === 'pending') prompt.context.turnState.set(PROBLEM, `case:answerHow.${validations.action}`);
    return false;
  }
}

/** The case's facts for any of its messages; the method is said in the language of the reply. */
function facts(record: CaseRecord): Say & { vars: Record<string, unknown> } {
  const approval = approvalOf(record);
  const rejection = record.events.findLast((e) => e.type === 'rejected')?.data as { reason?: string } | undefined;
  return {
    key: '',
    vars: { reference: record.reference, amount: approval?.amount?.toFixed(2), reason: rejection?.reason ?? '', method: '' },
    ...(approval?.method ? { keyVars: { method: `case:methods.${approval.method}` } } : {}),
  };
}



/** What the merchant is told of their case (undefined for steps they are not told about). */
function caseSay(record: CaseRecord, followUp?: CaseFollowUp): Say | undefined {
  const say = facts(record);
  switch (record.status) {
    case 'refund_paid': {
      if (followUp) return { ...say, key: `case:${followUp}` };
      if (refundDisputed(record)) return { ...say, key: 'case:refund_paid.disputed' };
      return { ...say, key: `case:refund_paid.${refundMethodOf(record) === 'cash' ? 'cash' : 'transfer'}` };
    }
    case 'approved':
      return { ...say, key: followUp === 'acceptReminder' ? 'case:acceptReminder' : 'case:approved' };
    case 'under_review':
    case 'rejected':
    case 'withdrawn':
      return { ...say, key: `case:${record.status}` };
    // Confirmed by staff rather than in the chat: the last tips, and what to do if it did not arrive.
    case 'verified':
      return { ...say, key: 'case:verifiedByStaff' };
    default:
      return undefined;
  }
}

/** The text of a case update, for a merchant who is talking to a person (no buttons). */
export function caseUpdateText(localizer: Localizer, lang: Language, record: CaseRecord): string | undefined {
  const say = caseSay(record);
  return say && sayText(localizer, lang, say);
}
