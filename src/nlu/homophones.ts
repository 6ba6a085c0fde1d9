import type * as PinyinPro from 'pinyin-pro';

/**
 * Chinese typos are mostly homophones typed through a pinyin input method (审和 for 审核, 多就 for 多久,
 * 注消 for 注销): every character is a real one, so the misspelt pair is simply unknown to the model.
 * Such a pair is read as the most frequent pair of the training vocabulary that sounds the same,
 * tones ignored. Deterministic: built from the model's own vocabulary.
 */

let pinyin: typeof PinyinPro.pinyin | undefined;

/**
 * The toneless reading of a two-character pair as a word ("shen he"): pinyin-pro reads a polyphone by its
 * neighbour (银行 yin hang, 合约 he yue), and a pair it has no word for by each character's usual reading.
 * Empty when a character has no reading.
 */
function reading(pair: string): string {
  // Required on first use: its dictionary was a tenth of a start, and most turns correct no pair.
  pinyin ??= (require('pinyin-pro') as typeof PinyinPro).pinyin;
  const read = pinyin(pair, { toneType: 'none', type: 'array' });
  // pinyin-pro returns a character it cannot read as itself.
  const chars = [...pair];
  return read.length === 2 && read.every((r, i) => r !== chars[i]) ? read.join(' ') : '';
}

/** The tokenizer's prefixes of a character pair (bigram) and of a word. */
const PAIR = 'b:';
const WORD = 'w:';

/**
 * A pair that is no word of the segmenter's is a correction target only when training saw it this often:
 * rarer pairs are mostly word boundaries (单怎, 全问) that chit-chat would be bent into. Of 1, 10, 20,
 * 50 and 100, 20 kept the dev set's chit-chat and corrected the most typos.
 */
const MIN_PAIR_COUNT = 20;

export class Homophones {
  /**
   * Reading -> the most frequent known pair with it, and its count. Made on the first correction asked
   * for, from the vocabulary walked only then (reading thousands of pairs took a sixth of the model's
   * restore at start-up, walking the vocabulary for them a tenth of what remained).
   */
  private byReading?: Map<string, [pair: string, count: number]>;

  /** `features`: the model's features with how often training saw each (two-character words and common pairs are used). */
  constructor(private readonly features: Iterable<[feature: string, count: number]>) {}

  /** The known pair that `pair` (unknown to the model) sounds like, if any (pinyin-pro reads it: callers remember answers). */
  correct(pair: string): string | undefined {
    const key = reading(pair);
    const known = key ? this.readings().get(key) : undefined;
    return known && known[0] !== pair ? known[0] : undefined;
  }

  private readings(): Map<string, [pair: string, count: number]> {
    if (this.byReading) return this.byReading;
    const byReading = (this.byReading = new Map<string, [pair: string, count: number]>());
    for (const [feature, count] of this.features) {
      // The two-character words and common pairs of the vocabulary.
      const isWord = feature.startsWith(WORD) && feature.length === WORD.length + 2;
      const isPair = feature.startsWith(PAIR) && count >= MIN_PAIR_COUNT;
      if (!isWord && !isPair) continue;
      const pair = feature.slice(2);
      const key = reading(pair);
      const held = byReading.get(key);
      if (key && (!held || better(pair, count, held))) byReading.set(key, [pair, count]);
    }
    return byReading;
  }
}

/** The more frequent pair; ties go to the first in code-point order, so nothing depends on the vocabulary's order. */
function better(pair: string, count: number, [heldPair, heldCount]: [string, number]): boolean {
  return count > heldCount || (count === heldCount && pair < heldPair);
}
