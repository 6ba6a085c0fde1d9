import { MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import type { DialogInstance, PromptOptions, PromptValidatorContext } from 'botbuilder-dialogs';
import { TextPrompt } from './dialogClasses';
import { formatDate } from '../../src/i18n/format';
import type { Language } from '../../src/i18n/language';
import type { Localizer } from '../../src/i18n/localizer';
import type { Expectation } from './answers';
import type { TurnLanguage } from './turnLanguage';

/**
 * What a prompt says, kept in dialog state as locale keys rather than text, so that it can be said
 * again in another language when the user switches in the middle of a form.
 */
export interface Say {
  key: string;
  vars?: Record<string, unknown>;
  /** Variables that are locale keys (or whole sentences) themselves, translated in the language of the reply. */
  keyVars?: Record<string, string | Say>;
  /** Variables that are calendar days (YYYY-MM-DD), written out in the language of the reply. */
  dateVars?: Record<string, string>;
  /** Suggested actions, as locale keys. */
  buttons?: string[];
  /** What is said instead when the question is asked again after a detour (a long question said short). */
  againKey?: string;
}

export interface FormPromptOptions extends PromptOptions {
  say: Say;
  validations: Expectation;
}

/** The text of what is said, in `lang`. */
export function sayText(localizer: Localizer, lang: Language, say: Say): string {
  const vars: Record<string, unknown> = { ...say.vars };
  for (const [name, key] of Object.entries(say.keyVars ?? {})) vars[name] = typeof key === 'string' ? localizer.t(lang, key) : sayText(localizer, lang, key);
  for (const [name, date] of Object.entries(say.dateVars ?? {})) vars[name] = formatDate(date, lang);
  return localizer.t(lang, say.key, vars);
}

export function render(localizer: Localizer, lang: Language, say: Say): Partial<Activity> {
  const text = sayText(localizer, lang, say);
  return say.buttons?.length ? MessageFactory.suggestedActions(say.buttons.map((b) => localizer.t(lang, b)), text) : MessageFactory.text(text);
}

/** The date question's rough answers, as buttons, and a person for those who can't say at all. */
export const APPROXIMATE_DATES: Say = {
  key: 'cancel:timingApprox',
  buttons: [...['month', 'quarter', 'halfYear', 'year'].map((span) => `cancel:approxDates.${span}`), 'faq:labels.human_agent'],
};

/** Where a validator leaves the locale key of what was wrong with the answer. */
export const PROBLEM = Symbol('problem');
/** Where a validator leaves variables for that message. */
export const PROBLEM_VARS = Symbol('problemVars');
/** Where a validator leaves the buttons (locale keys) for that message, when not the question's own. */
export const PROBLEM_BUTTONS = Symbol('problemButtons');

/** After this many wrong answers to one question the bot offers a person. */
const FAILURES_BEFORE_OFFER = 3;

/** Whether the prompt whose dialog state this is offered a person with its last retry (after repeated wrong answers). */
export function offeredPerson(prompt: DialogInstance | undefined): boolean {
  const failures = (prompt?.state.state as { failures?: number } | undefined)?.failures ?? 0;
  // Offered with the last retry only (every third): a yes two answers later is no longer to it.
  return failures > 0 && failures % FAILURES_BEFORE_OFFER === 0;
}

/**
 * A text prompt that says its question in the language of the moment (asked again after a language
 * switch, it is said in the new one), and whose retry says what was wrong with the last answer (once)
 * and, after repeated failures, offers a person; without a problem to say, the retry asks again.
 */
export class FormPrompt extends TextPrompt {
  constructor(
    id: string,
    validator: (prompt: PromptValidatorContext<string>) => Promise<boolean>,
    private readonly localizer: Localizer,
    private readonly language: TurnLanguage,
    private readonly fallbackProblem?: string,
    /** Whether repeated failures offer a person (not where the person just left, or is what the user is leaving a message for). */
    private readonly offerPerson = true,
  ) {
    super(id, async (prompt) => {
      const valid = await validator(prompt);
      const state = prompt.state as { failures?: number };
      if (!valid) state.failures = (state.failures ?? 0) + 1;
      return valid;
    });
  }

  protected override async onPrompt(context: TurnContext, state: Record<string, unknown>, options: PromptOptions, isRetry: boolean): Promise<void> {
    const lang = await this.language.of(context);
    if (!isRetry) {
      const say = (options as FormPromptOptions).say;
      const again = state.asked === true && say.againKey !== undefined;
      state.asked = true;
      await context.sendActivity(render(this.localizer, lang, again ? { ...say, key: say.againKey! } : say));
      return;
    }
    const key = (context.turnState.get(PROBLEM) as string | undefined) ?? this.fallbackProblem;
    const say = (options as FormPromptOptions).say;
    // The widget drops suggested actions once the user types, so what was wrong comes with the buttons again.
    const messages: Partial<Activity>[] = [
      key ? render(this.localizer, lang, { key, vars: context.turnState.get(PROBLEM_VARS) as Record<string, unknown> | undefined, buttons: (context.turnState.get(PROBLEM_BUTTONS) as string[] | undefined) ?? say.buttons }) : render(this.localizer, lang, say),
    ];
    // Offered at the third wrong answer, and again every third after it, not after each one.
    if (this.offerPerson && ((state.failures as number | undefined) ?? 1) % FAILURES_BEFORE_OFFER === 0) {
      messages.push(MessageFactory.suggestedActions([this.localizer.t(lang, 'faq:labels.human_agent')], this.localizer.t(lang, 'cancel:offerPerson')));
    }
    await context.sendActivities(messages);
  }
}
