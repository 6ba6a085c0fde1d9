import type { Label } from './intents';
import { normalizeText } from './normalize';
import { loadLists, wordsPattern } from './wordLists';

/** What a complaint keeps when it is said with them: a request of our process. */
const KEPT: ReadonlySet<Label> = new Set<Label>(['human_agent', 'cancel_pos', 'check_status']);

/**
 * The catalog files "the bot is useless" under human_agent; the classifier, which learned few such
 * words, reads "你们这机器人一点用都没有" or "I called all day and nobody picked up" as out of scope or
 * as an FAQ sharing a word. locales/<lang>/nlu/complaints.json: `bot` said with `useless`, or
 * `unanswered` (a line nobody answers) alone, unless it asks for another number (`asksNumber`: the
 * hotline FAQ, "打不通 还有别的号码吗").
 */
export class ComplaintWords {
  private readonly bot: RegExp;
  private readonly useless: RegExp;
  private readonly unanswered: RegExp;
  private readonly asksNumber: RegExp;

  constructor(bot: readonly string[], useless: readonly string[], unanswered: readonly string[], asksNumber: readonly string[]) {
    this.bot = wordsPattern(bot);
    this.useless = wordsPattern(useless);
    this.unanswered = wordsPattern(unanswered);
    this.asksNumber = wordsPattern(asksNumber);
  }

  static load(localesDir: string): ComplaintWords {
    const { bot, useless, unanswered, asksNumber } = loadLists(localesDir, 'complaints.json', ['bot', 'useless', 'unanswered', 'asksNumber']);
    return new ComplaintWords(bot, useless, unanswered, asksNumber);
  }

  /** `intent` as it fits `text`: a complaint about the bot or an unanswered line asks for a person. */
  reread(intent: Label, text: string): Label {
    if (KEPT.has(intent)) return intent;
    const said = normalizeText(text);
    if (this.bot.test(said) && this.useless.test(said)) return 'human_agent';
    return this.unanswered.test(said) && !this.asksNumber.test(said) ? 'human_agent' : intent;
  }
}
