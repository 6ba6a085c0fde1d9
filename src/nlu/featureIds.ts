import type { Homophones } from './homophones';
import { scan, type FeatureKind, type FeatureSink, type WordFeatures } from './tokenizer';

/** A text's features as the classifier reads them: each distinct feature counted once. */
export interface FeatureCounts {
  /** Vocabulary ids of the known features, in order of first appearance (scores add up in this order). */
  known: number[];
  /** The known ones other than single characters: what neighbours compare. */
  knownCombined: number[];
  /** Distinct features, known or not. */
  features: number;
  /** Distinct features other than single characters. */
  combined: number;
  /** Distinct features other than single characters and letter trigrams (words, bigrams, stems, numbers). */
  informative: number;
  informativeKnown: number;
  /** Unknown pairs counted as the known pairs they sound like (see homophones.ts). */
  respelt: number;
}

const SOUNDS_LIKE_KEPT = 50_000;

/**
 * Ids of strings of two UTF-16 code units (Han pairs, two-character words) in an open-addressing table
 * of typed arrays, found from the two code units without a string: a Map of numbers, or of strings,
 * hashes and follows its chains at a few times the cost.
 */
class TwoUnitIds {
  /** Per slot its key (the two code units as one 32-bit integer) and id; the key -1 (U+FFFF U+FFFF) marks it empty. */
  private readonly slots: Int32Array;
  private readonly shift: number;

  constructor(entries: [value: string, id: number][]) {
    let bits = 4;
    while (1 << bits < entries.length * 2) bits++;
    this.slots = new Int32Array(2 << bits).fill(-1);
    this.shift = 32 - bits;
    const mask = (1 << bits) - 1;
    for (const [value, id] of entries) {
      const key = (value.charCodeAt(0) << 16) | value.charCodeAt(1);
      let slot = Math.imul(key, 0x9e3779b1) >>> this.shift;
      while (this.slots[slot * 2] !== -1) slot = (slot + 1) & mask;
      this.slots[slot * 2] = key;
      this.slots[slot * 2 + 1] = id;
    }
  }

  /** The id of the string of code units `first` and `second`, or -1. */
  get(first: number, second: number): number {
    const { slots } = this;
    const key = (first << 16) | second;
    const mask = (slots.length >> 1) - 1;
    for (let slot = Math.imul(key, 0x9e3779b1) >>> this.shift; ; slot = (slot + 1) & mask) {
      const held = slots[slot * 2];
      if (held === key) return slots[slot * 2 + 1];
      if (held === -1) return -1;
    }
  }
}

/**
 * The model's vocabulary looked up from the tokenizer's parts without building a string per feature:
 * hashing a fresh string per character and pair was most of a classification after segmenting. Han
 * characters of the Basic Multilingual Plane go by code point, their pairs and the two-character words
 * by their two code units, the rest by kind and value. One text at a time (the scratch state is reused).
 */
export class FeatureIds implements FeatureSink {
  private readonly charIds = new Int32Array(0x10000).fill(-1);
  private readonly pairIds: TwoUnitIds;
  private readonly twoUnitWordIds: TwoUnitIds;
  /** Everything else by kind, then value (astral characters and their pairs included). */
  private readonly byKind: Record<FeatureKind, Map<string, number>> = { w: new Map(), c: new Map(), b: new Map(), e: new Map(), g: new Map(), n: new Map(), q: new Map() };

  /** `seen[id] === generation`: already counted in this text. */
  private readonly seen: Uint32Array;
  private generation = 0;
  private readonly unknown = new Set<string>();
  /** Per unknown pair (`first * 0x10000 + second`), the id of the known pair it sounds like, or -1; bounded. */
  private readonly soundsLike = new Map<number, number>();
  /**
   * The text's two-character words: a pair the segmenter reads as a word is no typo. A list, searched
   * only for an unknown pair: a set would hash every word of every text for that rare look.
   */
  private readonly words: string[] = [];
  /** Per English word (the tokenizer's remembered object), the ids of its stem and trigrams, -1 when unknown. */
  private readonly wordIds = new WeakMap<WordFeatures, number[]>();
  private counts!: FeatureCounts;

  /** `homophones`: what an unknown Han pair is read as (see homophones.ts). */
  constructor(
    index: ReadonlyMap<string, number>,
    private readonly homophones?: Homophones,
  ) {
    this.seen = new Uint32Array(index.size);
    const pairs: [string, number][] = [];
    const twoUnitWords: [string, number][] = [];
    for (const [feature, id] of index) {
      const kind = feature[0] as FeatureKind;
      const value = feature.slice(2);
      if (kind === 'c' && value.length === 1) this.charIds[value.charCodeAt(0)] = id;
      else if (kind === 'b' && value.length === 2) pairs.push([value, id]);
      else if (kind === 'w' && value.length === 2) twoUnitWords.push([value, id]);
      else this.byKind[kind].set(value, id);
    }
    this.pairIds = new TwoUnitIds(pairs);
    this.twoUnitWordIds = new TwoUnitIds(twoUnitWords);
  }

  read(text: string): FeatureCounts {
    this.counts = { known: [], knownCombined: [], features: 0, combined: 0, informative: 0, informativeKnown: 0, respelt: 0 };
    if (++this.generation === 0xffffffff) {
      this.seen.fill(0);
      this.generation = 1;
    }
    this.unknown.clear();
    this.words.length = 0;
    scan(text, this);
    return this.counts;
  }

  add(kind: FeatureKind, value: string): void {
    let id: number | undefined;
    if (kind === 'w' && value.length === 2) {
      this.words.push(value);
      id = this.twoUnitWordIds.get(value.charCodeAt(0), value.charCodeAt(1));
      if (id < 0) id = undefined;
    } else {
      id = this.byKind[kind].get(value);
    }
    if (id !== undefined) this.found(kind, id);
    else if (kind === 'b') this.unknownPair(this.respelt(value), value);
    else this.missing(kind, `${kind}:${value}`);
  }

  char(code: number): void {
    if (code > 0xffff) return this.add('c', String.fromCodePoint(code));
    const id = this.charIds[code];
    if (id < 0) this.missing('c', `c:${String.fromCharCode(code)}`);
    else this.found('c', id);
  }

  pair(first: number, second: number): void {
    if (first > 0xffff || second > 0xffff) return this.add('b', String.fromCodePoint(first, second));
    const id = this.pairIds.get(first, second);
    if (id >= 0) return this.found('b', id);
    const key = first * 0x10000 + second;
    let like = this.soundsLike.get(key);
    if (like === undefined) {
      if (this.soundsLike.size >= SOUNDS_LIKE_KEPT) this.soundsLike.clear();
      this.soundsLike.set(key, (like = this.respelt(String.fromCharCode(first, second))));
    }
    this.unknownPair(like, String.fromCharCode(first, second));
  }

  word(features: WordFeatures): void {
    let ids = this.wordIds.get(features);
    if (ids === undefined) {
      const { e, g } = this.byKind;
      ids = [e.get(features.stem) ?? -1, ...features.trigrams.map((trigram) => g.get(trigram) ?? -1)];
      this.wordIds.set(features, ids);
    }
    if (ids[0] >= 0) this.found('e', ids[0]);
    else this.missing('e', `e:${features.stem}`);
    for (let k = 1; k < ids.length; k++) {
      if (ids[k] >= 0) this.found('g', ids[k]);
      else this.missing('g', `g:${features.trigrams[k - 1]}`);
    }
  }

  /**
   * A pair the model does not know: counted as the known pair it sounds like (`like`, -1 when none),
   * unless the segmenter read it as a word of its own.
   */
  private unknownPair(like: number, pair: string): void {
    if (like < 0 || this.words.includes(pair)) return this.missing('b', `b:${pair}`);
    this.counts.respelt++;
    this.found('b', like);
  }

  /** The id of the known pair `pair` sounds like, or -1. */
  private respelt(pair: string): number {
    const known = this.homophones?.correct(pair);
    if (known === undefined) return -1;
    // Astral characters' pairs are kept by value.
    return known.length === 2 ? this.pairIds.get(known.charCodeAt(0), known.charCodeAt(1)) : (this.byKind.b.get(known) ?? -1);
  }

  private found(kind: FeatureKind, id: number): void {
    if (this.seen[id] === this.generation) return;
    this.seen[id] = this.generation;
    const counts = this.counts;
    counts.features++;
    counts.known.push(id);
    if (kind === 'c') return;
    counts.combined++;
    counts.knownCombined.push(id);
    if (kind === 'g') return;
    counts.informative++;
    counts.informativeKnown++;
  }

  private missing(kind: FeatureKind, feature: string): void {
    if (this.unknown.has(feature)) return;
    this.unknown.add(feature);
    const counts = this.counts;
    counts.features++;
    if (kind === 'c') return;
    counts.combined++;
    if (kind === 'g') return;
    counts.informative++;
  }
}
