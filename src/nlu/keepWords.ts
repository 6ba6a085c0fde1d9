import type { Label } from './intents';
import { normalizeText } from './normalize';
import { loadLists, wordsPattern } from './wordLists';

/**
 * Saying no to cancelling ("我不想注销了", "i don't want to cancel anymore") is stopping, not the request:
 * the classifier, taught "我想注销" and "I want to cancel", reads the request in it and began an
 * application the merchant had just refused. locales/<lang>/nlu/keep.json: `keep`, a cancellation said
 * no to in so many words, and `request`, the words of cancelling: still said besides ("银行卡不注销了 只注销
 * pos机"), the refusal is of something else.
 */
export class KeepWords {
  private readonly keep: RegExp;
  private readonly request: RegExp;

  constructor(keep: readonly string[], request: readonly string[] = []) {
    this.keep = wordsPattern(keep);
    this.request = wordsPattern(request);
  }

  static load(localesDir: string): KeepWords {
    const { keep, request } = loadLists(localesDir, 'keep.json', ['keep', 'request']);
    return new KeepWords(keep, request);
  }

  /** Whether `text` says no to cancelling in so many words. */
  says(text: string): boolean {
    const said = normalizeText(text);
    return this.keep.test(said) && !this.request.test(said.replace(new RegExp(this.keep.source, 'g'), ' '));
  }

  /** `intent` as it fits `text`: a cancellation request that says no to cancelling is leaving it. */
  reread(intent: Label, text: string): Label {
    return intent === 'cancel_pos' && this.says(text) ? 'abort' : intent;
  }
}
