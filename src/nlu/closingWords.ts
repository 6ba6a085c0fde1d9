import { NONE, type Label } from './intents';
import { normalizeText } from './normalize';
import { loadLists, wordsPattern } from './wordLists';

/** What a shop closing is read as, when the classifier heard something else. */
const REREAD: ReadonlySet<Label> = new Set<Label>(['faq_close_card', 'faq_lost_device', NONE]);

/**
 * A shop that closes is a reason to cancel, not a bank card to close: "my shop is closing" shares "close"
 * with the close-card FAQ, "shop closed, what happens to the terminal" reads as a lost one, and "店要转让了
 * 这个机器怎么处理" as nothing the catalog knows. Said without a card or an account, the business stopping
 * asks whether the terminal can be cancelled for it: the reasons FAQ, as "生意不做了能退机吗" is. Out of
 * scope, only a question of what to do with the terminal ("are transfers to a new owner possible" stays out).
 * locales/<lang>/nlu/closing.json: `business` (closing, sold, trading stopped), `card` (the bank card or
 * account), `terminal`, `whatToDo`.
 */
export class ClosingWords {
  private readonly business: RegExp;
  private readonly card: RegExp;
  private readonly terminal: RegExp;
  private readonly whatToDo: RegExp;

  constructor(business: readonly string[], card: readonly string[], terminal: readonly string[], whatToDo: readonly string[]) {
    this.business = wordsPattern(business);
    this.card = wordsPattern(card);
    this.terminal = wordsPattern(terminal);
    this.whatToDo = wordsPattern(whatToDo);
  }

  static load(localesDir: string): ClosingWords {
    const { business, card, terminal, whatToDo } = loadLists(localesDir, 'closing.json', ['business', 'card', 'terminal', 'whatToDo']);
    return new ClosingWords(business, card, terminal, whatToDo);
  }

  /** `intent` as it fits `text`: a business stopping, no card named, asks about cancelling for that reason. */
  reread(intent: Label, text: string): Label {
    if (!REREAD.has(intent)) return intent;
    const said = normalizeText(text);
    if (!this.business.test(said) || this.card.test(said)) return intent;
    if (intent === NONE && !(this.terminal.test(said) && this.whatToDo.test(said))) return intent;
    return 'faq_cancel_reasons';
  }
}
