import { MessageFactory } from 'botbuilder';
import { ComponentDialog, TextPrompt, WaterfallDialog, type DialogTurnResult, type PromptOptions, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { CaseService } from '../src/cases/caseService';
import { parseMobile } from '../src/cases/inputs';
import { isOpen, type BusinessHours } from '../src/handoff/businessHours';
import type { CallbackQueue } from '../src/handoff/callbacks';
import { LANGUAGES } from '../src/i18n/language';
import type { Localizer } from '../src/i18n/localizer';
import { maskCardNumbers } from '../src/pii/cardNumbers';
import { yesNo } from './shared/answers';
import type { TurnLanguage } from './shared/turnLanguage';

export const HANDOFF_DIALOG = 'handoff';
const STEPS = 'handoff.steps';
const CHOICE = 'handoff.choice';
const MESSAGE = 'handoff.message';
const MOBILE = 'handoff.mobile';

/**
 * "Talk to a person". No agent console runs yet, so nobody is ever free: the bot says so (or that it is
 * outside business hours), gives the hotline, and offers to leave a message, which becomes a callback
 * request tied to the user's latest case.
 */
export class HandoffDialog extends ComponentDialog {
  constructor(
    private readonly localizer: Localizer,
    private readonly language: TurnLanguage,
    private readonly callbacks: CallbackQueue,
    private readonly cases: CaseService,
    private readonly hours: BusinessHours,
  ) {
    super(HANDOFF_DIALOG);
    this.addDialog(new TextPrompt(CHOICE, async (p) => this.choice(p.recognized.value ?? '') !== undefined));
    this.addDialog(new TextPrompt(MESSAGE, async (p) => (p.recognized.value ?? '').trim().length > 0));
    this.addDialog(new TextPrompt(MOBILE, async (p) => parseMobile(p.recognized.value ?? '').ok));
    this.addDialog(new WaterfallDialog(STEPS, [this.offer.bind(this), this.askMessage.bind(this), this.askMobile.bind(this), this.save.bind(this)]));
    this.initialDialogId = STEPS;
  }

  private choice(text: string): boolean | undefined {
    const said = text.trim().toLowerCase();
    for (const lang of LANGUAGES) {
      if (said === this.localizer.t(lang, 'handoff:leave').toLowerCase()) return true;
      if (said === this.localizer.t(lang, 'handoff:skip').toLowerCase()) return false;
    }
    return yesNo(text, this.localizer);
  }

  private async offer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const lang = await this.language.of(step.context);
    const key = isOpen(new Date(), this.hours) ? 'handoff:noAgent' : 'handoff:closed';
    const text = this.localizer.t(lang, key, { open: this.hours.open, close: this.hours.close });
    return step.prompt(CHOICE, {
      prompt: MessageFactory.suggestedActions([this.localizer.t(lang, 'handoff:leave'), this.localizer.t(lang, 'handoff:skip')], text),
      validations: { kind: 'choice', labels: LANGUAGES.flatMap((l) => [this.localizer.t(l, 'handoff:leave'), this.localizer.t(l, 'handoff:skip')]) },
    } as PromptOptions);
  }

  private async askMessage(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const lang = await this.language.of(step.context);
    if (!this.choice(step.result as string)) {
      await step.context.sendActivity(MessageFactory.text(this.localizer.t(lang, 'handoff:noThanks')));
      return step.endDialog();
    }
    return step.prompt(MESSAGE, { prompt: MessageFactory.text(this.localizer.t(lang, 'handoff:askMessage')), validations: { kind: 'free' } } as PromptOptions);
  }

  private async askMobile(step: WaterfallStepContext): Promise<DialogTurnResult> {
    (step.values as { message?: string }).message = maskCardNumbers(String(step.result)).slice(0, 1000);
    const lang = await this.language.of(step.context);
    return step.prompt(MOBILE, {
      prompt: MessageFactory.text(this.localizer.t(lang, 'handoff:askMobile')),
      retryPrompt: MessageFactory.text(this.localizer.t(lang, 'handoff:mobileRetry')),
      validations: { field: 'mobile' },
    } as PromptOptions);
  }

  private async save(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const lang = await this.language.of(step.context);
    const userId = step.context.activity.from.id;
    const mobile = (parseMobile(step.result as string) as { value: string }).value;
    const latest = (await this.cases.forUser(userId)).at(-1);
    await this.callbacks.add({ userId, language: lang, mobile, message: (step.values as { message: string }).message, caseReference: latest?.reference });
    const caseNote = latest ? this.localizer.t(lang, 'handoff:caseNote', { reference: latest.reference }) : '';
    await step.context.sendActivity(MessageFactory.text(this.localizer.t(lang, 'handoff:saved', { mobile, caseNote })));
    return step.endDialog();
  }
}
