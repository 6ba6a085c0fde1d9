import { randomUUID } from 'node:crypto';
import { MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  TextPrompt,
  WaterfallDialog,
  type DialogTurnResult,
  type PromptOptions,
  type PromptValidatorContext,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { CardVault } from '../src/cases/cardVault';
import type { CaseService, ReasonCode } from '../src/cases/caseService';
import { isLate, localDate, parseReceiptDate } from '../src/cases/dates';
import { REASONS } from '../src/cases/caseService';
import { LANGUAGES, type Language } from '../src/i18n/language';
import type { Localizer } from '../src/i18n/localizer';
import { maskCard } from '../src/pii/cardNumbers';
import { FIELD_PARSERS, FIELDS, normalize, reason as recognizeReason, yesNo, type Expectation, type Field } from './shared/answers';
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
const fieldPrompt = (field: Field) => `cancel.field.${field}`;

/** After this many wrong answers to one question the bot offers a person. */
const FAILURES_BEFORE_OFFER = 3;

/** The application as collected; the card number only ever sealed (it is saved with the dialog state). */
export interface Draft {
  receivedOn?: string;
  reason?: ReasonCode;
  reasonDetail?: string;
  fullName?: string;
  cardSealed?: string;
  cardLast4?: string;
  posSerial?: string;
  mobile?: string;
  email?: string | null;
  /** This application attempt's key: a submission retried after any failure finds the case it made. */
  idempotencyKey?: string;
}

/**
 * A text prompt whose retry says what was wrong with the last answer (the validator leaves the reason
 * in the turn state) and, after repeated failures, offers a person.
 */
class ExplainingPrompt extends TextPrompt {
  constructor(id: string, validator: (prompt: PromptValidatorContext<string>) => Promise<boolean>, private readonly explain: (context: TurnContext, failures: number) => Promise<Partial<Activity>[]>) {
    super(id, async (prompt) => {
      const valid = await validator(prompt);
      const state = prompt.state as { failures?: number };
      if (!valid) state.failures = (state.failures ?? 0) + 1;
      return valid;
    });
  }

  protected override async onPrompt(context: TurnContext, state: Record<string, unknown>, options: PromptOptions, isRetry: boolean): Promise<void> {
    if (!isRetry) return super.onPrompt(context, state, options, isRetry);
    await context.sendActivities(await this.explain(context, (state.failures as number | undefined) ?? 1));
  }
}

const PROBLEM = Symbol('problem');

/**
 * The cancellation journey, one waterfall step per step of the process: contact, timing, reason,
 * application (each field validated), review with edits, signature and submission (the case).
 * What follows the back office's review (refund agreement, verification) is CaseUpdateDialog.
 */
export class CancelDialog extends ComponentDialog {
  constructor(
    private readonly localizer: Localizer,
    private readonly language: TurnLanguage,
    private readonly replies: Replies,
    private readonly cases: CaseService,
    private readonly vault: CardVault,
    private readonly applicationLink: (reference: string) => string,
  ) {
    super(CANCEL_DIALOG);
    const explainWith = (fallbackKey: string, vars?: (context: TurnContext) => Promise<Record<string, unknown>>) => async (context: TurnContext, failures: number) => {
      const lang = await this.language.of(context);
      const key = (context.turnState.get(PROBLEM) as string | undefined) ?? fallbackKey;
      const messages: Partial<Activity>[] = [MessageFactory.text(this.localizer.t(lang, key, vars ? await vars(context) : undefined))];
      if (failures >= FAILURES_BEFORE_OFFER) messages.push(this.replies.withSuggestions(lang, 'cancel:offerPerson', ['human_agent']));
      return messages;
    };
    this.addDialog(new ExplainingPrompt(YES_NO, async (p) => yesNo(p.recognized.value ?? '', localizer) !== undefined, explainWith('cancel:yesNoRetry')));
    this.addDialog(new ExplainingPrompt(DATE, async (p) => this.checkDate(p), explainWith('cancel:timingRetry')));
    this.addDialog(new ExplainingPrompt(REASON, async (p) => recognizeReason(p.recognized.value ?? '', localizer) !== undefined, explainWith('cancel:reasonRetry')));
    this.addDialog(new TextPrompt(DETAIL));
    this.addDialog(new TextPrompt(REVIEW_CHOICE));
    this.addDialog(
      new ExplainingPrompt(
        SIGNATURE,
        async (p) => this.checkSignature(p),
        explainWith('cancel:errors.signature', async (context) => ({ name: context.turnState.get(SIGNATURE) })),
      ),
    );
    for (const field of FIELDS) {
      this.addDialog(new ExplainingPrompt(fieldPrompt(field), async (p) => this.checkField(field, p), explainWith(`cancel:fields.${field}`)));
    }
    this.addDialog(new WaterfallDialog(FILL, FIELDS.flatMap((field) => [this.askField(field), this.keepField(field)])));
    this.addDialog(new WaterfallDialog(REVIEW, [this.review.bind(this), this.reviewed.bind(this), this.edited.bind(this)]));
    this.addDialog(
      new WaterfallDialog(JOURNEY, [
        this.contact.bind(this),
        this.timing.bind(this),
        this.reason.bind(this),
        this.reasonDetail.bind(this),
        this.application.bind(this),
        this.signAndSubmit.bind(this),
        this.submit.bind(this),
      ]),
    );
    this.initialDialogId = JOURNEY;
  }

  private prompt(step: WaterfallStepContext, id: string, prompt: Partial<Activity>, expects: Expectation): Promise<DialogTurnResult> {
    return step.prompt(id, { prompt, validations: expects } as PromptOptions);
  }

  private lang(step: WaterfallStepContext): Promise<Language> {
    return this.language.of(step.context);
  }

  private draft(step: WaterfallStepContext): Draft {
    const values = step.values as { draft?: Draft };
    values.draft ??= { idempotencyKey: randomUUID() };
    return values.draft;
  }

  /** Step 1, contact: the bot is the online service; the hotline for those who prefer to call. */
  private async contact(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const lang = await this.lang(step);
    const message = MessageFactory.suggestedActions([this.localizer.t(lang, 'cancel:yes'), this.localizer.t(lang, 'cancel:no')], this.localizer.t(lang, 'cancel:contact'));
    return this.prompt(step, YES_NO, message, { kind: 'yesNo' });
  }

  /** Step 2, timing: when the terminal arrived; beyond 3 months a warning. */
  private async timing(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const lang = await this.lang(step);
    if (!yesNo(step.result as string, this.localizer)) {
      await step.context.sendActivity(this.replies.withMenu(lang, 'cancel:notNow'));
      return step.endDialog();
    }
    return this.prompt(step, DATE, MessageFactory.text(this.localizer.t(lang, 'cancel:timing')), { kind: 'date' });
  }

  /** Step 3, reason: with the supporting materials that reason needs. */
  private async reason(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const lang = await this.lang(step);
    const receivedOn = (parseReceiptDate(step.result as string, this.today()) as { value: string }).value;
    this.draft(step).receivedOn = receivedOn;
    if (isLate(receivedOn, this.today())) await step.context.sendActivity(this.replies.withSuggestions(lang, 'cancel:late', ['human_agent']));
    const labels = REASONS.map((code) => this.localizer.t(lang, `cancel:reasons.${code}`));
    return this.prompt(step, REASON, MessageFactory.suggestedActions(labels, this.localizer.t(lang, 'cancel:reason')), { kind: 'reason' });
  }

  private async reasonDetail(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const code = recognizeReason(step.result as string, this.localizer)!;
    this.draft(step).reason = code;
    if (code !== 'other') return step.next();
    return this.prompt(step, DETAIL, MessageFactory.text(this.localizer.t(await this.lang(step), 'cancel:reasonDetail')), { kind: 'free' });
  }

  /** Step 4, application: every field, then the review where any field can be changed. */
  private async application(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    if (draft.reason === 'other' && typeof step.result === 'string') draft.reasonDetail = step.result.slice(0, 500);
    await step.context.sendActivity(MessageFactory.text(this.localizer.t(await this.lang(step), `cancel:materials.${draft.reason}`)));
    return step.beginDialog(FILL, draft);
  }

  /** Step 5, sign and submit: the review of every field, then the applicant types the same full name. */
  private async signAndSubmit(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.beginDialog(REVIEW, step.result as Draft);
  }

  private async submit(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const draft = step.result as Draft;
    const lang = await this.lang(step);
    const activity = step.context.activity;
    const { record, outcome } = await this.cases.submit({
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
    const reply =
      outcome === 'open_case'
        ? this.replies.withSuggestions(lang, 'cancel:openCase', ['check_status'], { reference: record.reference, stage: this.localizer.t(lang, `status:stages.${record.status}`) })
        : this.replies.withSuggestions(lang, 'cancel:submitted', ['check_status', 'faq_review_rejected'], {
            reference: record.reference,
            earliest: record.decision.earliest,
            latest: record.decision.latest,
            link: this.applicationLink(record.reference),
          });
    await step.context.sendActivity(reply);
    return step.endDialog(record.reference);
  }

  private askField(field: Field) {
    return async (step: WaterfallStepContext): Promise<DialogTurnResult> => {
      const draft = step.options as Draft;
      if (fieldValue(draft, field) !== undefined) return step.next();
      return this.prompt(step, fieldPrompt(field), MessageFactory.text(this.localizer.t(await this.lang(step), `cancel:fields.${field}`)), { field });
    };
  }

  private keepField(field: Field) {
    return async (step: WaterfallStepContext): Promise<DialogTurnResult> => {
      const draft = step.options as Draft;
      if (typeof step.result === 'string') this.store(draft, field, step.result);
      return field === FIELDS[FIELDS.length - 1] ? step.endDialog(draft) : step.next();
    };
  }

  private store(draft: Draft, field: Field, text: string): void {
    const parsed = FIELD_PARSERS[field](text);
    if (!parsed.ok) return;
    if (field === 'cardNumber') {
      draft.cardSealed = this.vault.encrypt(parsed.value!);
      draft.cardLast4 = parsed.value!.slice(-4);
    } else if (field === 'email') {
      draft.email = parsed.value ?? null;
    } else {
      draft[field] = parsed.value;
    }
  }

  private async review(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const draft = step.options as Draft;
    const lang = await this.lang(step);
    const text = this.localizer.t(lang, 'cancel:summary', {
      fullName: draft.fullName,
      card: maskCard(draft.cardLast4 ?? ''),
      posSerial: draft.posSerial,
      mobile: draft.mobile,
      email: draft.email ?? this.localizer.t(lang, 'cancel:noEmail'),
      receivedOn: draft.receivedOn,
      reason: this.localizer.t(lang, `cancel:reasons.${draft.reason}`) + (draft.reasonDetail ? `（${draft.reasonDetail}）` : ''),
    });
    const actions = [this.localizer.t(lang, 'cancel:confirm'), ...FIELDS.map((f) => this.localizer.t(lang, `cancel:edit.${f}`))];
    return step.prompt(REVIEW_CHOICE, { prompt: MessageFactory.suggestedActions(actions, text), validations: { kind: 'free' } } as PromptOptions);
  }

  private async reviewed(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const draft = step.options as Draft;
    const lang = await this.lang(step);
    const said = normalize(step.result as string);
    const edit = FIELDS.find((f) => LANGUAGES.some((l) => normalize(this.localizer.t(l, `cancel:edit.${f}`)) === said));
    if (edit) {
      (step.values as { edit?: Field }).edit = edit;
      return this.prompt(step, fieldPrompt(edit), MessageFactory.text(this.localizer.t(lang, `cancel:fields.${edit}`)), { field: edit });
    }
    const confirmed = LANGUAGES.some((l) => normalize(this.localizer.t(l, 'cancel:confirm')) === said) || yesNo(step.result as string, this.localizer) === true;
    if (!confirmed) {
      await step.context.sendActivity(MessageFactory.text(this.localizer.t(lang, 'cancel:reviewRetry')));
      return step.replaceDialog(REVIEW, draft);
    }
    return this.prompt(step, SIGNATURE, MessageFactory.text(this.localizer.t(lang, 'cancel:sign', { name: draft.fullName })), { kind: 'signature', name: draft.fullName! });
  }

  private async edited(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const draft = step.options as Draft;
    const edit = (step.values as { edit?: Field }).edit;
    if (edit) {
      this.store(draft, edit, step.result as string);
      return step.replaceDialog(REVIEW, draft);
    }
    return step.endDialog(draft);
  }

  private async checkDate(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const parsed = parseReceiptDate(prompt.recognized.value ?? '', this.today());
    if (!parsed.ok) prompt.context.turnState.set(PROBLEM, parsed.error === 'date_future' ? 'cancel:timingFuture' : 'cancel:timingRetry');
    return parsed.ok;
  }

  private async checkField(field: Field, prompt: PromptValidatorContext<string>): Promise<boolean> {
    const parsed = FIELD_PARSERS[field](prompt.recognized.value ?? '');
    if (!parsed.ok) prompt.context.turnState.set(PROBLEM, `cancel:errors.${parsed.error}`);
    return parsed.ok;
  }

  private async checkSignature(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const { name } = prompt.options.validations as { name: string };
    prompt.context.turnState.set(SIGNATURE, name);
    return (prompt.recognized.value ?? '').normalize('NFKC').trim().replace(/\s+/g, ' ') === name;
  }

  private today(): string {
    return localDate(new Date());
  }
}

function fieldValue(draft: Draft, field: Field): unknown {
  return field === 'cardNumber' ? draft.cardSealed : draft[field];
}

function conversationReference(context: TurnContext) {
  const { activity } = context;
  return { activityId: activity.id, user: activity.from, bot: activity.recipient, conversation: activity.conversation, channelId: activity.channelId, locale: activity.locale, serviceUrl: activity.serviceUrl };
}

