import type { Label } from './intents';
import { normalizeText } from './normalize';
import { loadLists, wordsPattern } from './wordLists';

/**
 * The readings "what happens after I submit?" gets from the words it shares with other questions (the
 * review time's is part of the steps, which say it).
 */
const MISREAD: ReadonlySet<Label> = new Set<Label>(['faq_review_rejected', 'faq_review_time', 'abort', 'None']);

/**
 * What comes after the application is handed in is the steps FAQ (the review, the refund agreement, the
 * refund). The rejection FAQ learned "what happens" and "submit" from "what happens if it's rejected, can
 * I resubmit", so "what happens after i submit?" read as it. locales/<lang>/nlu/afterSubmit.json: `after`
 * (after submitting, 提交之后) with `next` (what happens, 然后呢) asks what follows, unless a `rejection`
 * (rejected, 没通过, again) is named.
 */
export class AfterSubmitWords {
  private readonly after: RegExp;
  private readonly next: RegExp;
  private readonly rejection: RegExp;

  constructor(after: readonly string[], next: readonly string[], rejection: readonly string[]) {
    this.after = wordsPattern(after);
    this.next = wordsPattern(next);
    this.rejection = wordsPattern(rejection);
  }

  static load(localesDir: string): AfterSubmitWords {
    const { after, next, rejection } = loadLists(localesDir, 'afterSubmit.json', ['after', 'next', 'rejection']);
    return new AfterSubmitWords(after, next, rejection);
  }

  /** `intent` as it fits `text`: what follows submitting, asked with no rejection named, is the steps FAQ. */
  reread(intent: Label, text: string): Label {
    if (!MISREAD.has(intent)) return intent;
    const said = normalizeText(text);
    return this.after.test(said) && this.next.test(said) && !this.rejection.test(said) ? 'faq_cancel_steps' : intent;
  }
}
