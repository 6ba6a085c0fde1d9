import { isFaqIntent, NONE, type Label } from './intents';
import { normalizeText } from './normalize';
import { loadLists, wordsPattern } from './wordLists';

/** The FAQs about a terminal coming to the merchant (applied for, mailed to them, its label read). */
const RECEIVING_INTENTS: ReadonlySet<Label> = new Set<Label>(['faq_apply_pos', 'faq_find_serial', 'faq_what_is_pos']);

/**
 * A terminal the merchant sends is not one sent to them. The apply FAQ learned "can you send me a
 * terminal", the serial FAQ "where"; "where do I send the terminal", "机器寄到哪" ask whether and where to
 * return it, which the catalog does not say (locales/<lang>/nlu/sending.json: `sending`, the merchant
 * sending it; `mustReturn`, asking whether it must go back, which is no request to cancel either).
 */
export class SendingWords {
  private readonly sending: RegExp;
  private readonly mustReturn: RegExp;

  constructor(sending: readonly string[], mustReturn: readonly string[]) {
    this.sending = wordsPattern(sending);
    this.mustReturn = wordsPattern(mustReturn);
  }

  static load(localesDir: string): SendingWords {
    const { sending, mustReturn } = loadLists(localesDir, 'sending.json', ['sending', 'mustReturn']);
    return new SendingWords(sending, mustReturn);
  }

  /**
   * `intent` as it fits `text`: out of scope when it is about receiving a terminal and the merchant sends
   * one, or when it asks whether the terminal must go back ("do I need to return the device"), which no
   * answer of ours says and no request to cancel asks.
   */
  reread(intent: Label, text: string): Label {
    if (!isFaqIntent(intent) && intent !== 'cancel_pos') return intent;
    const said = normalizeText(text);
    return this.mustReturn.test(said) || (RECEIVING_INTENTS.has(intent) && this.sending.test(said)) ? NONE : intent;
  }
}
