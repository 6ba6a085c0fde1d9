import type { Label } from './intents';
import { normalizeText } from './normalize';
import { loadLists, wordsPattern } from './wordLists';

/**
 * Saying no to cancelling ("我不想注销了", "i don't want to cancel anymore") is stopping, not the request:
 * the classifier, taught "我想注销" and "I want to cancel", reads the request in it and began an
 * application the merchant had just refused. locales/<lang>/nlu/keep.json: `keep`, a cancellation said
 * no to in so many words.
 */
export class KeepWords {
  private readonly keep: RegExp;

  constructor(keep: readonly string[]) {
    this.keep = wordsPattern(keep);
  }

  static load(localesDir: string): KeepWords {
    const { keep } = loadLists(localesDir, 'keep.json', ['keep']);
    return new KeepWords(keep);
  }

  /** Whether `text` says no to cancelling in so many words. */
  says(text: string): boolean {
    return this.keep.test(normalizeText(text));
  }

  /** `intent` as it fits `text`: a cancellation request that says no to cancelling is leaving it. */
  reread(intent: Label, text: string): Label {
    return intent === 'cancel_pos' && this.says(text) ? 'abort' : intent;
  }
}
