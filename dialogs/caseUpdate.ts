import { MessageFactory, type TurnContext } from 'botbuilder';
import { ComponentDialog, TextPrompt, WaterfallDialog, type DialogTurnResult, type PromptOptions, type PromptValidatorContext, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { CaseRecord, CaseService } from '../src/cases/caseService';
import { TIME_ZONE } from '../src/cases/dates';
import { LANGUAGES, type Language } from '../src/i18n/language';
import type { Localizer } from '../src/i18n/localizer';
import { yesNo } from './shared/answers';
import type { Replies } from './shared/replies';
import type { TurnLanguage } from './shared/turnLanguage';

export const CASE_UPDATE_DIALOG = 'caseUpdate';
const STEPS = 'caseUpdate.steps';
const ANSWER = 'caseUpdate.answer';

export interface CaseUpdate {
  reference: string;
}

/**
 * The steps of the journey that follow the review, started when the back office acts:
 * approved → the refund agreement (the user accepts amount and method; recorded with time);
 * rejected → why and what to do; paid → how to verify, then "arrived" closes the case and
 * "not arrived" goes to a person.
 */
export class CaseUpdateDialog extends ComponentDialog {
  constructor(
    private readonly localizer: Localizer,
    private readonly language: TurnLanguage,
    private readonly replies: Replies,
    private readonly cases: CaseService,
  ) {
    super(CASE_UPDATE_DIALOG);
    this.addDialog(new TextPrompt(ANSWER, (p) => this.isAnswer(p)));
    this.addDialog(new WaterfallDialog(STEPS, [this.announce.bind(this), this.answered.bind(this)]));
    this.initialDialogId = STEPS;
  }

  private async announce(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { reference } = step.options as CaseUpdate;
    const record = await this.cases.get(reference);
    // Only the case's own merchant, in the conversation the case names, ever sees it or answers for it.
    if (!record || !ownedBy(record, step.context)) return step.endDialog();
    (step.values as { status?: string }).status = record.status;
    const lang = await this.language.of(step.context);
    const text = caseUpdateText(this.localizer, lang, record);
    switch (record.status) {
      case 'approved':
        return this.ask(step, text!, 'case:accept', 'case:decline');
      case 'refund_paid':
        return this.ask(step, text!, 'case:arrived', 'case:notArrived');
      case 'rejected':
        await step.context.sendActivity(this.replies.withFollowUps(lang, text!, ['human_agent', 'faq_materials']));
        return step.endDialog();
      default:
        if (text) await step.context.sendActivity(MessageFactory.text(text));
        return step.endDialog();
    }
  }

  private async answered(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { reference } = step.options as CaseUpdate;
    const status = (step.values as { status?: string }).status;
    const lang = await this.language.of(step.context);
    const yes = yesNo(step.result as string, this.localizer) ?? this.isLabel(step.result as string, ['case:accept', 'case:arrived']);
    const by = `user:${step.context.activity.from.id}`;
    if (status === 'approved') {
      if (!yes) {
        await step.context.sendActivity(this.replies.withSuggestions(lang, 'case:declined', ['human_agent']));
        return step.endDialog();
      }
      const at = new Date();
      await this.cases.transition(reference, 'refund_agreed', by, { acceptedAt: at.toISOString() });
      const shown = new Intl.DateTimeFormat(lang, { timeZone: TIME_ZONE, dateStyle: 'medium', timeStyle: 'short' }).format(at);
      await step.context.sendActivity(MessageFactory.text(this.localizer.t(lang, 'case:agreed', { at: shown })));
      return step.endDialog();
    }
    if (!yes) {
      await this.cases.addNote(reference, by, 'refund reported missing');
      await step.context.sendActivity(this.replies.withSuggestions(lang, 'case:missing', ['human_agent']));
      return step.endDialog();
    }
    await this.cases.transition(reference, 'verified', by);
    const closed = await this.cases.transition(reference, 'closed', 'system');
    await step.context.sendActivity(this.replies.withFollowUps(lang, this.localizer.t(lang, 'case:verified', { reference: closed.reference }), ['faq_monitor_account', 'faq_close_card']));
    return step.endDialog();
  }

  private async ask(step: WaterfallStepContext, text: string, yesKey: string, noKey: string): Promise<DialogTurnResult> {
    const lang = await this.language.of(step.context);
    return step.prompt(ANSWER, {
      prompt: MessageFactory.suggestedActions([this.localizer.t(lang, yesKey), this.localizer.t(lang, noKey)], text),
      validations: { kind: 'choice', labels: LANGUAGES.flatMap((l) => [this.localizer.t(l, yesKey), this.localizer.t(l, noKey)]) },
    } as PromptOptions);
  }

  private isLabel(text: string, keys: string[]): boolean {
    const said = (text ?? '').trim().toLowerCase();
    return keys.some((key) => LANGUAGES.some((l) => this.localizer.t(l, key).toLowerCase() === said));
  }

  private async isAnswer(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const text = prompt.recognized.value ?? '';
    return yesNo(text, this.localizer) !== undefined || this.isLabel(text, ['case:accept', 'case:decline', 'case:arrived', 'case:notArrived']);
  }
}

const TOLD: ReadonlySet<string> = new Set(['under_review', 'approved', 'rejected', 'refund_paid', 'withdrawn']);

/** What the merchant is told of their case's status (undefined for steps they are not told about). */
export function caseUpdateText(localizer: Localizer, lang: Language, record: CaseRecord): string | undefined {
  if (!TOLD.has(record.status)) return undefined;
  const approval = [...record.events].reverse().find((e) => e.type === 'approved')?.data as { amount?: number; method?: string } | undefined;
  const rejection = [...record.events].reverse().find((e) => e.type === 'rejected')?.data as { reason?: string } | undefined;
  return localizer.t(lang, `case:${record.status}`, {
    reference: record.reference,
    amount: approval?.amount?.toFixed(2),
    method: approval?.method ? localizer.t(lang, `case:methods.${approval.method}`) : '',
    reason: rejection?.reason ?? '',
  });
}

/** Whether the turn is the case's own merchant in their channel (a domain event's turn always is). */
export function ownedBy(record: CaseRecord, context: TurnContext): boolean {
  const { activity } = context;
  return record.owner.userId === activity.from?.id && record.owner.channelId === activity.channelId;
}
