import type { Label } from './intents';
import { normalizeText } from './normalize';
import { loadLists, wordsPattern } from './wordLists';

/**
 * The readings of a message about giving a terminal up, or about what takes payments once it is given up
 * ("想弄个pos机收钱" read as that); "I need a pos machine" gives none up.
 */
const GIVING_UP: ReadonlySet<Label> = new Set<Label>(['cancel_pos', 'faq_cancel_steps', 'faq_cancel_reasons', 'faq_deadline', 'faq_lost_device', 'faq_alternatives']);

/**
 * What may come between getting and the terminal: two words ("need a new lakala pos") or four Chinese
 * characters ("想弄台收款用的pos"), none of them asking about one ("我要问下pos机丢了怎么办" wants none).
 */
const BETWEEN = "(?:(?:\\s*[a-z'-]+){0,2}\\s*|(?:(?![问解询知看说])\\p{Script=Han}){0,4})";

/**
 * Getting a terminal is the apply FAQ, not a cancellation. The cancel request learned "I want", "I need"
 * and "我要" beside the terminal, and the classifier reads "i need a pos machine for my restaurant" as it:
 * a wrong reading that starts an application to cancel. locales/<lang>/nlu/acquire.json: `get` (need a,
 * 办一台, 想装个), said before a `terminal`, and `giveUp` (cancel, 注销, no longer need), which keeps the
 * reading: a message that gives a terminal up too is no plain wish for one; unless only as `done`, a
 * cancellation already made ("我之前注销过 现在还能申请pos机吗"). An apply reading of a message that
 * needs no terminal (`refuse`: don't need, 不需要) and wants none is giving one up. A materials reading
 * of a wish that asks nothing (`asks`: what, 哪些, "?") is one too.
 */
export class AcquireWords {
  private readonly gets: RegExp;
  private readonly giveUp: RegExp;
  private readonly done: RegExp;
  private readonly refuse: RegExp;
  private readonly asks: RegExp;

  constructor(get: readonly string[], terminal: readonly string[], giveUp: readonly string[], done: readonly string[] = [], refuse: readonly string[] = [], asks: readonly string[] = []) {
    // "不想要pos机了", "don't want a pos": a wish said no to is none.
    this.gets = new RegExp(`(?<![不别没]|n't\\s|not\\s|dont\\s|no\\s)(?:${wordsPattern(get).source})${BETWEEN}(?:${wordsPattern(terminal).source})`, 'u');
    this.giveUp = wordsPattern(giveUp);
    this.done = new RegExp(wordsPattern(done).source, 'g');
    this.refuse = wordsPattern(refuse);
    this.asks = wordsPattern(asks);
  }

  static load(localesDir: string): AcquireWords {
    const { get, terminal, giveUp, done, refuse, asks } = loadLists(localesDir, 'acquire.json', ['get', 'terminal', 'giveUp', 'done', 'refuse', 'asks']);
    return new AcquireWords(get, terminal, giveUp, done, refuse, asks);
  }

  /** `intent` as it fits `text`: a reading about giving a terminal up, of a message that only wants one, is the apply FAQ. */
  reread(intent: Label, text: string): Label {
    const said = normalizeText(text);
    // "we don't need the card machine anymore": no one asks how to get a terminal by saying they need none (`refuse`).
    if (intent === 'faq_apply_pos') return !this.gets.test(said) && this.refuse.test(said) ? 'cancel_pos' : intent;
    // "need pos", "need a pos pls": the materials FAQ learned "need"; a wish for a terminal that asks nothing (`asks`:
    // "what do i need for the pos?") is for one.
    if (intent === 'faq_materials') return this.gets.test(said) && !this.giveUp.test(said) && !this.asks.test(said) ? 'faq_apply_pos' : intent;
    if (!GIVING_UP.has(intent)) return intent;
    // What takes payments after cancelling is asked with the cancellation said ("after cancelling"): that keeps it.
    const left = intent === 'faq_alternatives' ? said : said.replace(this.done, ' ');
    return this.gets.test(said) && !this.giveUp.test(left) ? 'faq_apply_pos' : intent;
  }
}
