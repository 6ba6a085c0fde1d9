import type { Label } from './intents';
import { normalizeText } from './normalize';
import { loadLists, wordsPattern } from './wordLists';

/**
 * A broken terminal is not a lost one. The lost-device FAQ learned 摔坏, 烧坏, "burnt" (destroyed, so
 * gone) beside 丢 and 偷, and the classifier reads "机器坏了", "my machine is broken" with them; a fault
 * said without the terminal being gone asks whether a fault is a reason to cancel
 * (locales/<lang>/nlu/faults.json: `fault`, and `gone`, lost, stolen, thrown away or destroyed).
 */
export class FaultWords {
  private readonly fault: RegExp;
  private readonly gone: RegExp;

  constructor(fault: readonly string[], gone: readonly string[]) {
    this.fault = wordsPattern(fault);
    this.gone = wordsPattern(gone);
  }

  static load(localesDir: string): FaultWords {
    const { fault, gone } = loadLists(localesDir, 'faults.json', ['fault', 'gone']);
    return new FaultWords(fault, gone);
  }

  /** `intent` as it fits `text`: the lost-device FAQ for a terminal only broken is the reasons FAQ (a fault is one). */
  reread(intent: Label, text: string): Label {
    if (intent !== 'faq_lost_device') return intent;
    const said = normalizeText(text);
    return this.fault.test(said) && !this.gone.test(said) ? 'faq_cancel_reasons' : intent;
  }
}
