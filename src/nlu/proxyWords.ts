import { isFaqIntent, NONE, type Label } from './intents';
import { normalizeText } from './normalize';
import { loadLists, wordsPattern } from './wordLists';

/**
 * Someone else doing it for the merchant ("家人可以代办吗", "can my wife cancel it for me"): the
 * catalog says nothing of proxies, and the application's name must match the settlement card, so the
 * cancellation FAQs these words resemble would answer a question not asked (a person can).
 * locales/<lang>/nlu/proxy.json: `people` (family, staff), `may` (可以, 能, 让, can, let), said next to
 * each other in either order, and `onBehalf` (代办, "on my behalf"), a proxy by itself. A person asked
 * for is read again too: "can my manager do it for me" names the merchant's manager, not ours.
 */
export class ProxyWords {
  private readonly proxy: RegExp;

  constructor(people: readonly string[], may: readonly string[], onBehalf: readonly string[]) {
    const who = wordsPattern(people).source;
    const asks = wordsPattern(may).source;
    // "我老婆可以…", "能让店员…", "can my husband…": the other person is the one who may act.
    this.proxy = new RegExp(`(?:${who})\\s*(?:${asks})|(?:${asks})\\s*(?:my\\s+|我)?(?:${who})|${wordsPattern(onBehalf).source}`);
  }

  static load(localesDir: string): ProxyWords {
    const { people, may, onBehalf } = loadLists(localesDir, 'proxy.json', ['people', 'may', 'onBehalf']);
    return new ProxyWords(people, may, onBehalf);
  }

  /** `intent` as it fits `text`: a request, an FAQ or a person asked of someone else acting for the merchant is out of scope. */
  reread(intent: Label, text: string): Label {
    if (!isFaqIntent(intent) && intent !== 'cancel_pos' && intent !== 'human_agent') return intent;
    return this.proxy.test(normalizeText(text)) ? NONE : intent;
  }
}
