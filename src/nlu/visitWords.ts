import type { Label } from './intents';
import { normalizeText } from './normalize';
import { loadLists, wordsPattern } from './wordLists';

/**
 * A trip to the bank to cancel the terminal is not the closing of a bank card. The close-card FAQ
 * learned 注销 and 银行 side by side ("银行卡要去银行注销吗"), so "注销要跑去银行吗", "do I have to go
 * to the bank to cancel" read as it; without a card or an account named they ask how the cancellation is
 * done, which the steps answer says (here in the chat, or by the hotline). locales/<lang>/nlu/visits.json:
 * `visit`, going somewhere in person, and `card`, a bank card or account.
 */
export class VisitWords {
  private readonly visit: RegExp;
  private readonly card: RegExp;

  constructor(visit: readonly string[], card: readonly string[]) {
    this.visit = wordsPattern(visit);
    this.card = wordsPattern(card);
  }

  static load(localesDir: string): VisitWords {
    const { visit, card } = loadLists(localesDir, 'visits.json', ['visit', 'card']);
    return new VisitWords(visit, card);
  }

  /** `intent` as it fits `text`: the close-card FAQ for a visit asked about with no card named is the steps FAQ. */
  reread(intent: Label, text: string): Label {
    if (intent !== 'faq_close_card') return intent;
    const said = normalizeText(text);
    return this.visit.test(said) && !this.card.test(said) ? 'faq_cancel_steps' : intent;
  }
}
