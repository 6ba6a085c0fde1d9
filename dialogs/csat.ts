import type { DialogTurnResult, PromptOptions, WaterfallStepContext } from 'botbuilder-dialogs';
import { ComponentDialog, WaterfallDialog } from './shared/dialogClasses';
import type { HandoffService } from '../src/handoff/handoffService';
import { LANGUAGES } from '../src/i18n/language';
import type { Localizer } from '../src/i18n/localizer';
import { asksSomething, holdsPhrase, normalize } from './shared/words';
import { FormPrompt, type FormPromptOptions } from './shared/formPrompt';
import type { Replies } from './shared/replies';
import type { TurnLanguage } from './shared/turnLanguage';

export const CSAT_DIALOG = 'csat';
/** Sent into the conversation when the agent ends the chat. */
const STEPS = 'csat.steps';
const RATING = 'csat.rating';
/** A reply this long or shorter with one digit 1-5 in it is that score. */
const SHORT_REPLY = 12;
const SCORES = [5, 4, 3, 2, 1] as const;

export interface CsatOptions {
  handoffId: string;
}

/** The reply was no rating: the router takes it as a new message. */
export interface CsatResult {
  unrated?: true;
}

/** After a chat with a person: the user is back with the bot and is asked one question, a rating from 1 to 5. */
export class CsatDialog extends ComponentDialog {
  constructor(
    private readonly localizer: Localizer,
    private readonly language: TurnLanguage,
    private readonly replies: Replies,
    private readonly handoffs: HandoffService,
  ) {
    super(CSAT_DIALOG);
    // Any reply ends the question: a rating, or something else to be handled as a new message.
    this.addDialog(new FormPrompt(RATING, async () => true, localizer, language, undefined, false));
    this.addDialog(new WaterfallDialog(STEPS, [this.ask.bind(this), this.record.bind(this)]));
    this.initialDialogId = STEPS;
  }

  /** 1-5 from a button label, typed digits or words ("非常满意", "5 stars"); 0 for "skip"; undefined for anything else. */
  private rating(text: string): number | undefined {
    const said = normalize(text);
    for (const lang of LANGUAGES) {
      if (said === normalize(this.localizer.t(lang, 'handoff:rateSkip'))) return 0;
      for (const score of SCORES) if (said === normalize(this.localizer.t(lang, `handoff:score${score}`))) return score;
    }
    const typed = text.normalize('NFKC').trim();
    // "5/5", "8/10": a score out of five or ten.
    const outOf = /(?<![\d.])(\d{1,2})\s*\/\s*(5|10)(?!\d)/.exec(typed);
    if (outOf && Number(outOf[1]) <= Number(outOf[2])) return Math.max(1, Math.round((Number(outOf[1]) * 5) / Number(outOf[2])));
    // Words first ("一般，等了5分钟" is a 3); a question or a request is no rating ("还有2台要注销").
    const inWords = this.ratingInWords(text);
    if (inWords !== undefined) return inWords;
    if (asksSomething(text, this.localizer)) return undefined;
    // Then a digit that counts nothing ("5分钟", "3号", "2台"): at the start, or alone in a short reply ("meh 3", "给5分").
    const digits = [...typed.matchAll(/(?<![\d.])([1-5])(?![\d.]|\s*(?:分钟|小时|天|号|点|台|个|次|min|hour|day|pm|am))/g)];
    if (digits[0]?.index === 0) return Number(digits[0][1]);
    return typed.length <= SHORT_REPLY && digits.length === 1 ? Number(digits[0][1]) : undefined;
  }

  /** The score whose words the reply holds, the longest words first ("不满意" before "满意"); Latin ones as whole words. */
  private ratingInWords(text: string): number | undefined {
    const said = text.normalize('NFKC').toLowerCase();
    const words = LANGUAGES.flatMap((lang) =>
      Object.entries((this.localizer.tree(lang, 'handoff:words.ratings') as Record<string, string[]> | undefined) ?? {}).flatMap(([score, list]) => list.map((word) => ({ word, score: Number(score) }))),
    ).sort((a, b) => b.word.length - a.word.length);
    return words.find(({ word }) => holdsPhrase(said, word))?.score;
  }

  private async ask(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const buttons = [...SCORES.map((s) => `handoff:score${s}`), 'handoff:rateSkip'];
    // Free: whatever the reply, it reaches the rating step (which hands a non-rating back to be routed).
    const options: FormPromptOptions = { say: { key: 'handoff:ended', buttons }, validations: { kind: 'free' } };
    return step.prompt(RATING, options as PromptOptions);
  }

  private async record(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const lang = await this.language.of(step.context);
    const score = this.rating(step.result as string);
    // "查询进度", "谢谢": no rating; the message is answered as any other.
    if (score === undefined) return step.endDialog({ unrated: true } satisfies CsatResult);
    if (score > 0) await this.handoffs.rate((step.options as CsatOptions).handoffId, score);
    await step.context.sendActivity(this.replies.withMenu(lang, score > 0 ? 'handoff:rated' : 'handoff:backToBot'));
    return step.endDialog();
  }
}
