import type { Label } from './intents';
import { tokenize } from './tokenizer';

/** Texts with the same features (word order, case, width and punctuation aside) share a key. */
export function phraseKey(text: string): string {
  return tokenize(text).sort().join(' ');
}

/**
 * Utterances an editor assigned to an intent, answered with that intent at once on every instance
 * (the classifier learns them at its next training, from the exported corpus).
 */
export class LearnedPhrases {
  private readonly intents = new Map<string, Label>();

  set(text: string, intent: Label): void {
    const key = phraseKey(text);
    if (key) this.intents.set(key, intent);
  }

  get(text: string): Label | undefined {
    return this.intents.get(phraseKey(text));
  }
}
