import { z } from 'zod';
import { NONE, type Label } from './intents';
import { normalizeText } from './normalize';
import { loadPerLanguage, wordsPattern } from './wordLists';

const FILE = z.object({ sending: z.array(z.string().min(1)) });

/** The FAQs about a terminal coming to the merchant (applied for, mailed to them, its label read). */
const RECEIVING_INTENTS: ReadonlySet<Label> = new Set<Label>(['faq_apply_pos', 'faq_find_serial', 'faq_what_is_pos']);

/**
 * A terminal the merchant sends is not one sent to them. The apply FAQ learned "can you send me a
 * terminal", the serial FAQ "where"; "where do I send the terminal", "机器寄到哪" ask whether and where to
 * return it, which the catalog does not say (locales/<lang>/nlu/sending.json: the merchant sending it).
 */
export class SendingWords {
  private readonly sending: RegExp;

  constructor(sending: readonly string[]) {
    this.sending = wordsPattern(sending);
  }

  static load(localesDir: string): SendingWords {
    return new SendingWords(loadPerLanguage(localesDir, 'sending.json', FILE).flatMap((l) => l.sending));
  }

  /** `intent` as it fits `text`: out of scope when it is about receiving a terminal and the merchant sends one. */
  reread(intent: Label, text: string): Label {
    return RECEIVING_INTENTS.has(intent) && this.sending.test(normalizeText(text)) ? NONE : intent;
  }
}
