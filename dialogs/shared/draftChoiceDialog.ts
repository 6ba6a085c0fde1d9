import type { TurnContext } from 'botbuilder';
import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import { ComponentDialog, WaterfallDialog } from './dialogClasses';
import { formatDate } from '../../src/i18n/format';
import { LANGUAGES } from '../../src/i18n/language';
import type { Localizer } from '../../src/i18n/localizer';
import { SAID_YES, saysNoFirst } from './answers';
import { labelOf, longestMention, negatedBefore, normalize, words, yesNo } from './words';
import type { Drafts } from './drafts';
import { FormPrompt, type FormPromptOptions, type Say } from './formPrompt';
import type { Replies } from './replies';
import type { TurnLanguage } from './turnLanguage';

const CHOICE = 'drafts.choice';
/**
 * The words (locales "words.draft") that pick a choice in a sentence ("continue my application",
 * "先保留吧", "删掉吧"), looked for in this order: "不保留" holds "保留", and "先保留，以后继续" keeps.
 */
const CHOICE_WORDS = [
  ['draft.discard', 'discard'],
  ['draft.keep', 'keep'],
  // "yes stop", "停吧": not going on, which keeps the draft (deleting it is never guessed).
  ['draft.stop', 'keep'],
  ['draft.continue', 'go'],
] as const;

/** The buttons of a choice about the unfinished application, and what is said after each. */
export interface DraftChoices {
  /** The three buttons below, in the order they are shown. */
  buttons: string[];
  /** Go on with the application now. */
  go: string;
  /** Keep the draft for later; `kept` says until when. */
  keep: string;
  kept: string;
  /** Delete the draft; `discarded` says so. */
  discard: string;
  discarded: string;
  /** What a plain yes or no means. */
  yes: string;
  no: string;
}

/** What the dialog ends with when the user wants to go on with the application. */
export interface DraftChoice {
  resume?: boolean;
  /** This turn's message answers the application's next question, typed instead of a choice. */
  answered?: boolean;
}

/**
 * A question about the unfinished application (the draft holds every answer): go on, keep it for
 * DRAFT_TTL_DAYS, or delete it. Subclasses say how to ask; the answer is handled alike.
 */
export abstract class DraftChoiceDialog extends ComponentDialog {
  constructor(
    id: string,
    private readonly choices: DraftChoices,
    protected readonly localizer: Localizer,
    private readonly language: TurnLanguage,
    private readonly replies: Replies,
    protected readonly drafts: Drafts,
  ) {
    super(id);
    this.addDialog(new FormPrompt(CHOICE, async (p) => this.chosen(p.context, p.recognized.value ?? '') !== undefined || (await drafts.answeredBy(p.context, p.recognized.value ?? '', localizer)), localizer, language, 'cancel:choiceRetry'));
    this.addDialog(new WaterfallDialog(`${id}.steps`, [this.ask.bind(this), this.decided.bind(this)]));
    this.initialDialogId = `${id}.steps`;
  }

  /** The first step: asks (with `prompt`) or ends the dialog. */
  protected abstract ask(step: WaterfallStepContext): Promise<DialogTurnResult>;

  /** Asks, with the three buttons. */
  protected prompt(step: WaterfallStepContext, say: Say): Promise<DialogTurnResult> {
    const options: FormPromptOptions = {
      say: { ...say, buttons: this.choices.buttons },
      validations: { kind: 'choice', labels: LANGUAGES.flatMap((l) => this.choices.buttons.map((k) => this.localizer.t(l, k))), words: CHOICE_WORDS.map(([key]) => key) },
    };
    return step.prompt(CHOICE, options);
  }

  private async decided(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const choice = this.chosen(step.context, step.result as string);
    if (choice === this.choices.go) return step.endDialog({ resume: true } satisfies DraftChoice);
    // The answer to the application's next question typed instead: on with it, that answer kept.
    if (choice === undefined) return step.endDialog({ resume: true, answered: true } satisfies DraftChoice);
    const lang = await this.language.of(step.context);
    const saved = await this.drafts.get(step.context);
    if (choice === this.choices.keep && saved) {
      await step.context.sendActivity(this.replies.withMenu(lang, this.choices.kept, { until: formatDate(this.drafts.until(saved), lang) }));
    } else {
      await this.drafts.clear(step.context);
      await step.context.sendActivity(this.replies.withMenu(lang, this.choices.discarded));
    }
    return step.endDialog();
  }

  /**
   * What the reply chose: going on when the turn says it was a yes in other words ("我要注销" again,
   * told by the main dialog, which recognizes it), else the button `picked`.
   */
  private chosen(context: TurnContext, text: string): string | undefined {
    return context.turnState.get(SAID_YES) === true ? this.choices.go : this.picked(text);
  }

  /** Which of the offered buttons was meant: tapped in either language, said in a sentence, or yes/no. */
  private picked(text: string): string | undefined {
    const tapped = labelOf(this.localizer, this.choices.buttons, text);
    if (tapped) return tapped;
    // "no keep going", "不了继续": the no answers the question; the choice is what follows it, not negated by it.
    const said = this.namedChoice(afterLeadingYesNo(text, this.localizer)) ?? this.namedChoice(text);
    if (said) return this.choices[said];
    // "不用了，我已经打电话办好了": a no with why, where a no keeps the draft (at "stop?" it would go on).
    const yes = yesNo(text, this.localizer) ?? (this.choices.no === this.choices.keep && saysNoFirst(text, this.localizer) ? false : undefined);
    return yes === undefined ? undefined : yes ? this.choices.yes : this.choices.no;
  }

  /**
   * The choice a sentence names: the longest of the words said wins ("lets keep going" goes on, though
   * it holds "keep"); a choice with a no right before it ("不要删掉", "don't delete it") is not that choice.
   */
  private namedChoice(text: string): (typeof CHOICE_WORDS)[number][1] | undefined {
    const said = CHOICE_WORDS.map(([key, choice]) => ({ choice, length: negatedBefore(this.localizer, key, text) ? 0 : longestMention(this.localizer, key, text) })).reduce((a, b) =>
      b.length > a.length ? b : a,
    );
    return said.length > 0 ? said.choice : undefined;
  }
}

/**
 * What follows a yes or no the reply opens with ("no| keep going", "yes| stop", "不了|继续"); the whole
 * reply when it opens otherwise. A no run into the next word is that word's own ("不要删掉"), unless it
 * ends as a reply does ("不了", "不用了").
 */
function afterLeadingYesNo(text: string, localizer: Localizer): string {
  const fillers = words(localizer, 'filler');
  // The longest opening that answers, ending at a word's end (a Chinese character ends one).
  for (let end = text.length - 1; end > 0; end--) {
    const opening = text.slice(0, end);
    const rest = text.slice(end);
    const separated = /^[\s\p{P}]/u.test(rest);
    if ((!separated && !/\p{Script=Han}$/u.test(opening)) || !rest.trim()) continue;
    const answer = yesNo(opening, localizer);
    if (answer === true || (answer === false && (separated || fillers.some((filler) => normalize(opening).endsWith(filler))))) return rest;
  }
  return text;
}
