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
 * Cancelling said too ("my shop is closing so i need to cancel the pos"), the classifier's reading and its
 * alternatives stand: the request among them is the dialog's to take. locales/<lang>/nlu/closing.json:
 * `business` (closing, sold, trading stopped), `card` (the bank card or account), `terminal`, `whatToDo`, `cancel`.
 */
export class ClosingWords {
  private readonly business: RegExp;
  private readonly card: RegExp;
  private readonly terminal: RegExp;
  private readonly whatToDo: RegExp;
  private readonly cancel: RegExp;

  constructor(business: readonly string[], card: readonly string[], terminal: readonly string[], whatToDo: readonly string[], cancel: readonly string[]) {
    this.business = wordsPattern(business);
    this.card = wordsPattern(card);
    this.terminal = wordsPattern(terminal);
    this.whatToDo = wordsPattern(whatToDo);
    this.cancel = wordsPattern(cancel);
  }

  static load(localesDir: string): ClosingWords {
    const { business, card, terminal, whatToDo, cancel } = loadLists(localesDir, 'closing.json', ['business', 'card', 'terminal', 'whatToDo', 'cancel']);
    return new ClosingWords(business, card, terminal, whatToDo, cancel);
  }

  /** `intent` as it fits `text`: a business stopping, no card named, asks about cancelling for that reason. */
  reread(intent: Label, text: string): Label {
    if (!REREAD.has(intent)) return intent;
    const said = normalizeText(text);
    if (!this.business.test(said) || this.card.test(said) || this.cancel.test(said)) return intent;
    if (intent === NONE && !(this.terminal.test(said) && this.whatToDo.test(said))) return intent;
    return 'faq_cancel_reasons';
  }
}
