import type { Label } from './intents';
import { normalizeText } from './normalize';
import { loadLists, wordsPattern } from './wordLists';

/**
 * A trip to the bank to cancel the terminal is not the closing of a bank card. The close-card FAQ
 * learned 注销 and 银行 side by side ("银行卡要去银行注销吗"), so "注销要跑去银行吗", "do I have to go
 * to the bank to cancel" read as it; without a card or an account named they ask how the cancellation is
 * done, which the steps answer says (here in the chat, or by the hotline). locales/<lang>/nlu/visits.json:
 * `visit`, going somewhere in person, and `card`, a bank card or account, looked for once the `terminal`'s
 * own names are taken out ("刷卡机" and "card machine" name no card).
 */
export class VisitWords {
  private readonly visit: RegExp;
  private readonly card: RegExp;
  private readonly terminal: RegExp;

  constructor(visit: readonly string[], card: readonly string[], terminal: readonly string[] = []) {
    this.visit = wordsPattern(visit);
    this.card = wordsPattern(card);
    this.terminal = new RegExp(wordsPattern(terminal).source, 'g');
  }

  static load(localesDir: string): VisitWords {
    const { visit, card, terminal } = loadLists(localesDir, 'visits.json', ['visit', 'card', 'terminal']);
    return new VisitWords(visit, card, terminal);
  }

  /** `intent` as it fits `text`: the close-card FAQ for a visit asked about with no card named is the steps FAQ. */
  reread(intent: Label, text: string): Label {
    if (intent !== 'faq_close_card') return intent;
    const said = normalizeText(text);
    return this.visit.test(said) && !this.card.test(said.replace(this.terminal, ' ')) ? 'faq_cancel_steps' : intent;
  }
}
