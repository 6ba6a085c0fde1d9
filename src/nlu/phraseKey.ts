import { tokenize } from './tokenizer';

/** Texts with the same features (word order, case, width and punctuation aside) share a key. */
export function phraseKey(text: string): string {
  return tokenize(text).sort().join(' ');
}
