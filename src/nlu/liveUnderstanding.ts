import type { IntentModel } from './classifier';
import type { Label } from './intents';
import { phraseKey } from './phraseKey';
import { textLanguage } from './tokenizer';
import { Understanding, type Understood } from './understanding';

/** A text an editor assigned to an intent (or to None). */
export interface Assigned {
  text: string;
  intent: Label;
}

/**
 * The understanding in use: the model built from locales/ until a model retrained with the editors'
 * assignments replaces it. An assigned text itself (word order, case and punctuation aside) gets its
 * intent outright: one text among thousands does not always outweigh the corpus; its paraphrases go
 * through the retrained model. A swap replaces model and texts at once, so a turn sees one or the other.
 */
export class LiveUnderstanding {
  private current: { understanding: Understanding; assigned: Map<string, Label>; version: number };

  constructor(initial: Understanding) {
    this.current = { understanding: initial, assigned: new Map(), version: 0 };
  }

  /** The newest corpus addition the model in use includes (0: the build's model, none). */
  get version(): number {
    return this.current.version;
  }

  classify(text: string): Understood {
    const { understanding, assigned } = this.current;
    // Its key is a tokenization of its own: not made while no text is assigned (most of the time).
    const intent = assigned.size ? assigned.get(phraseKey(text)) : undefined;
    return intent ? { text, lang: textLanguage(text), intent, score: 1 } : understanding.classify(text);
  }

  statedRequest(text: string): Label | undefined {
    return this.current.understanding.statedRequest(text);
  }

  besidesRequest(text: string): string | undefined {
    return this.current.understanding.besidesRequest(text);
  }

  refusesCancelling(text: string): boolean {
    return this.current.understanding.refusesCancelling(text);
  }

  /** Uses `model` and `assigned` from now on unless the model in use is as new; true when it swapped. */
  swap(model: IntentModel, version: number, assigned: Assigned[]): boolean {
    if (version <= this.current.version) return false;
    this.current = {
      understanding: new Understanding(model, this.current.understanding.thresholds, this.current.understanding.words),
      assigned: new Map(assigned.map((a) => [phraseKey(a.text), a.intent] as const).filter(([key]) => key)),
      version,
    };
    return true;
  }
}
