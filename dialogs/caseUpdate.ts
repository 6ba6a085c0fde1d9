import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type PromptOptions, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { CaseRecord, CaseService } from '../src/cases/caseService';
import { localDate } from '../src/cases/dates';
import { pendingAction, refundExpectedBy, type PendingAction, type RefundFollowUpRules } from '../src/cases/pending';
import { formatDate, formatTime } from '../src/i18n/format';
import { LANGUAGES } from '../src/i18n/language';
import type { Localizer } from '../src/i18n/localizer';
import { yesNo } from './shared/answers';
import { ACTION_ANSWERS, caseAnswer } from './shared/caseAnswers';
import { FormPrompt, type FormPromptOptions, type Say } from './shared/formPrompt';
import type { Replies } from './shared/replies';
import type { TurnLanguage } from './shared/turnLanguage';

export const CASE_UPDATE_DIALOG = 'caseUpdate';
const STEPS = 'caseUpdate.steps';
const ANSWER = 'caseUpdate.answer';

/** The event a back-office change (or the refund follow-up) sends into the user's conversation. */
export const CASE_UPDATE_EVENT = 'case/update';

export interface CaseUpdate {
  reference: string;
  /** `reminder`: the refund follow-up asks again; `escalated`: it was handed to a person. */
  kind?: 'reminder' | 'escalated';
  /** The merchant's answer, already given ("钱到了" typed at any time): acted on without asking. */
  answer?: string;
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
    private readonly rules: RefundFollowUpRules,
    private readonly now: () => Date = () => new Date(),
  ) {
    super(CASE_UPDATE_DIALOG);
    this.addDialog(new FormPrompt(ANSWER, async (p) => this.isAnswer(p.options as FormPromptOptions, p.recognized.value ?? ''), localizer, language, 'cancel:choiceRetry'));
    this.addDialog(new WaterfallDialog(STEPS, [this.announce.bind(this), this.answered.bind(this)]));
    this.initialDialogId = STEPS;
  }

  private async announce(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { reference, kind, answer } = step.options as CaseUpdate;
    const record = await this.cases.get(reference);
    if (!record) return step.endDialog();
    if (answer !== undefined) return step.next(answer);
    const lang = await this.language.of(step.context);
    const say = this.say(record);
    switch (record.status) {
      case 'approved':
        return this.ask(step, { ...say, key: 'case:approved' }, 'accept_offer');
      case 'refund_paid': {
        if (kind === 'escalated') {
          await step.context.sendActivity(this.replies.text(lang, 'case:escalated', say.vars));
          return step.endDialog();
        }
        const key = kind === 'reminder' ? 'case:reminder' : `case:refund_paid.${this.method(record) === 'cash' ? 'cash' : 'transfer'}`;
        return this.ask(step, { ...say, key }, 'confirm_arrival');
      }
      case 'rejected':
        await step.context.sendActivity(this.replies.withFollowUps(lang, this.localizer.t(lang, 'case:rejected', say.vars), ['human_agent', 'faq_materials']));
        return step.endDialog();
      case 'under_review':
      case 'withdrawn':
        await step.context.sendActivity(this.replies.text(lang, `case:${record.status}`, say.vars));
        return step.endDialog();
      default:
        return step.endDialog();
    }
  }

  private async answered(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { reference } = step.options as CaseUpdate;
    const record = await this.cases.get(reference);
    const action = record && pendingAction(record);
    // Answered meanwhile (the back office recorded it from a phone call): nothing left to do.
    if (!record || !action) return step.endDialog();
    const text = step.result as string;
    const yes = caseAnswer(action, text, this.localizer) ?? yesNo(text, this.localizer);
    const lang = await this.language.of(step.context);
    const by = `user:${step.context.activity.from.id}`;
    const vars = this.say(record).vars;
    if (action === 'accept_offer') {
      if (!yes) {
        await step.context.sendActivity(this.replies.withSuggestions(lang, 'case:declined', ['human_agent']));
        return step.endDialog();
      }
      const at = this.now();
      await this.cases.transition(reference, 'refund_agreed', by, { acceptedAt: at.toISOString() });
      await step.context.sendActivity(this.replies.text(lang, 'case:agreed', { at: formatTime(at, lang) }));
      return step.endDialog();
    }
    if (!yes) {
      await this.cases.addEvent(reference, by, 'refund_not_arrived');
      const expected = refundExpectedBy(record, this.rules, localDate(this.now()));
      await step.context.sendActivity(this.replies.withSuggestions(lang, 'case:notYet', ['human_agent'], { ...vars, expected: expected && formatDate(expected, lang) }));
      return step.endDialog();
    }
    await this.cases.transition(reference, 'verified', by);
    const closed = await this.cases.transition(reference, 'closed', 'system');
    await step.context.sendActivity(this.replies.withFollowUps(lang, this.localizer.t(lang, 'case:verified', { reference: closed.reference }), ['faq_monitor_account', 'faq_close_card']));
    return step.endDialog();
  }

  private ask(step: WaterfallStepContext, say: Say, action: PendingAction): Promise<DialogTurnResult> {
    const { yes, no } = ACTION_ANSWERS[action];
    const options: FormPromptOptions & { action: PendingAction } = {
      say: { ...say, buttons: [yes, no] },
      validations: { kind: 'choice', labels: LANGUAGES.flatMap((l) => [this.localizer.t(l, yes), this.localizer.t(l, no)]) },
      action,
    };
    return step.prompt(ANSWER, options as PromptOptions);
  }

  private isAnswer(options: FormPromptOptions, text: string): boolean {
    const action = (options as FormPromptOptions & { action: PendingAction }).action;
    return caseAnswer(action, text, this.localizer) !== undefined || yesNo(text, this.localizer) !== undefined;
  }

  private method(record: CaseRecord): string | undefined {
    return (record.events.findLast((e) => e.type === 'approved')?.data as { method?: string } | undefined)?.method;
  }

  /** The case's facts for any of its messages; the method is said in the language of the reply. */
  private say(record: CaseRecord): Say & { vars: Record<string, unknown> } {
    const approval = record.events.findLast((e) => e.type === 'approved')?.data as { amount?: number; method?: string } | undefined;
    const rejection = record.events.findLast((e) => e.type === 'rejected')?.data as { reason?: string } | undefined;
    return {
      key: '',
      vars: { reference: record.reference, amount: approval?.amount?.toFixed(2), reason: rejection?.reason ?? '', method: '' },
      ...(approval?.method ? { keyVars: { method: `case:methods.${approval.method}` } } : {}),
    };
  }
}
