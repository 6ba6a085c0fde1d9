import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { LANGUAGES } from '../src/i18n/language';
import type { Localizer } from '../src/i18n/localizer';
import { labelOf, yesNo } from './shared/answers';
import type { Drafts } from './shared/drafts';
import { FormPrompt, type FormPromptOptions, type Say } from './shared/formPrompt';
import { formatDate } from '../src/i18n/format';
import type { Replies } from './shared/replies';
import type { TurnLanguage } from './shared/turnLanguage';

export const STOP_FORM_DIALOG = 'stopForm';
export const RESUME_DRAFT_DIALOG = 'resumeDraft';
const CHOICE = 'drafts.choice';

interface Choices {
  all: string[];
  /** What a plain yes or no means. */
  yes: string;
  no: string;
}
const STOP: Choices = { all: ['cancel:stop.keep', 'cancel:stop.discard', 'cancel:stop.continue'], yes: 'cancel:stop.keep', no: 'cancel:stop.continue' };
const RESUME: Choices = { all: ['cancel:resume.yes', 'cancel:resume.later', 'cancel:resume.discard'], yes: 'cancel:resume.yes', no: 'cancel:resume.later' };

/** What both dialogs end with when the user wants to go on with the application. */
export interface DraftChoice {
  resume?: boolean;
}

export interface ResumeOptions {
  /** Offered as the user comes back from a person, rather than on their return. */
  afterHandoff?: boolean;
}

/** Which of the offered buttons was meant: tapped in either language, or yes/no. */
function picked(localizer: Localizer, keys: Choices, text: string): string | undefined {
  const tapped = labelOf(localizer, keys.all, text);
  if (tapped) return tapped;
  const yes = yesNo(text, localizer);
  return yes === undefined ? undefined : yes ? keys.yes : keys.no;
}

function choicePrompt(localizer: Localizer, language: TurnLanguage, keys: Choices): FormPrompt {
  return new FormPrompt(CHOICE, async (p) => picked(localizer, keys, p.recognized.value ?? '') !== undefined, localizer, language, 'cancel:choiceRetry');
}

function choiceOptions(localizer: Localizer, say: Say, keys: Choices): FormPromptOptions {
  return { say: { ...say, buttons: keys.all }, validations: { kind: 'choice', labels: LANGUAGES.flatMap((l) => keys.all.map((k) => localizer.t(l, k))) } };
}

/**
 * "算了" in the middle of the application (which has already been left; the draft holds every answer):
 * stop and keep what was filled in for DRAFT_TTL_DAYS, stop and delete it, or carry on.
 */
export class StopFormDialog extends ComponentDialog {
  constructor(private readonly localizer: Localizer, private readonly language: TurnLanguage, private readonly replies: Replies, private readonly drafts: Drafts) {
    super(STOP_FORM_DIALOG);
    this.addDialog(choicePrompt(localizer, language, STOP));
    this.addDialog(new WaterfallDialog(`${STOP_FORM_DIALOG}.steps`, [this.ask.bind(this), this.decided.bind(this)]));
    this.initialDialogId = `${STOP_FORM_DIALOG}.steps`;
  }

  private ask(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.prompt(CHOICE, choiceOptions(this.localizer, { key: 'cancel:stop.ask', vars: { days: this.drafts.ttlDays } }, STOP));
  }

  private async decided(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const choice = picked(this.localizer, STOP, step.result as string);
    if (choice === 'cancel:stop.continue') return step.endDialog({ resume: true } satisfies DraftChoice);
    const lang = await this.language.of(step.context);
    const saved = await this.drafts.get(step.context);
    if (choice === 'cancel:stop.keep' && saved) {
      await step.context.sendActivity(this.replies.withMenu(lang, 'cancel:stop.kept', { until: formatDate(this.drafts.until(saved), lang) }));
    } else {
      await this.drafts.clear(step.context);
      await step.context.sendActivity(this.replies.withMenu(lang, 'cancel:stop.discarded'));
    }
    return step.endDialog();
  }
}

/** "You have an unfinished application: continue where you left off?" Continue, later, or delete it. */
export class ResumeDraftDialog extends ComponentDialog {
  constructor(private readonly localizer: Localizer, private readonly language: TurnLanguage, private readonly replies: Replies, private readonly drafts: Drafts) {
    super(RESUME_DRAFT_DIALOG);
    this.addDialog(choicePrompt(localizer, language, RESUME));
    this.addDialog(new WaterfallDialog(`${RESUME_DRAFT_DIALOG}.steps`, [this.offer.bind(this), this.decided.bind(this)]));
    this.initialDialogId = `${RESUME_DRAFT_DIALOG}.steps`;
  }

  private async offer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const saved = await this.drafts.get(step.context);
    if (!saved) return step.endDialog();
    const key = (step.options as ResumeOptions | undefined)?.afterHandoff ? 'cancel:resume.afterHandoff' : 'cancel:resume.offer';
    return step.prompt(CHOICE, choiceOptions(this.localizer, { key, dateVars: { until: this.drafts.until(saved) } }, RESUME));
  }

  private async decided(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const choice = picked(this.localizer, RESUME, step.result as string);
    if (choice === 'cancel:resume.yes') return step.endDialog({ resume: true } satisfies DraftChoice);
    const lang = await this.language.of(step.context);
    const saved = await this.drafts.get(step.context);
    if (choice === 'cancel:resume.later' && saved) {
      await step.context.sendActivity(this.replies.withMenu(lang, 'cancel:resume.later_done', { until: formatDate(this.drafts.until(saved), lang) }));
    } else {
      await this.drafts.clear(step.context);
      await step.context.sendActivity(this.replies.withMenu(lang, 'cancel:resume.discarded'));
    }
    return step.endDialog();
  }
}
