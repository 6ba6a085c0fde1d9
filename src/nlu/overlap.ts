/**
 * Guard for the measuring files (dev and held-out sets are never trained on): a corpus line equal to or
 * a near-duplicate of one of their lines would make the figures measure memory, not understanding.
 */

/** Two texts with at least this Jaccard similarity of their character bigrams count as one. */
export const NEAR_DUPLICATE = 0.6;

/** Character bigrams of the text ignoring case, width, spaces, punctuation and symbols (a lone character stands for itself). */
export function characterBigrams(text: string): Set<string> {
  const chars = [...text.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '')];
  if (chars.length === 1) return new Set(chars);
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i] + chars[i + 1]);
  return grams;
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  const union = a.size + b.size - shared;
  return union ? shared / union : 0;
}

/** The `candidates` that equal or nearly duplicate one of the `measuring` texts. */
export function nearDuplicates(candidates: string[], measuring: string[]): string[] {
  const held = measuring.map(characterBigrams);
  return candidates.filter((text) => {
    const grams = characterBigrams(text);
    return held.some((h) => jaccard(grams, h) >= NEAR_DUPLICATE);
  });
}
