import type { Homophones } from './homophones';
import { scan, type FeatureKind, type FeatureSink } from './tokenizer';

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
}

/** Pair keys are `slot of the first character * PAIR_WIDTH + second character`: small integers for the Map. */
const PAIR_WIDTH = 0x10000;
const MAX_SLOTS = 0x4000;
const SOUNDS_LIKE_KEPT = 50_000;

/**
 * The model's vocabulary looked up from the tokenizer's parts without building a string per feature:
 * hashing a fresh string per character and pair was most of a classification after segmenting. Han
 * characters of the Basic Multilingual Plane go by code point, their pairs by an integer key, the rest
 * by kind and value. One text at a time (the scratch state is reused).
 */
export class FeatureIds implements FeatureSink {
  private readonly charIds = new Int32Array(0x10000).fill(-1);
  /** Per first character of a known pair, its slot in the pair keys. */
  private readonly pairSlots = new Int32Array(0x10000).fill(-1);
  private readonly pairIds = new Map<number, number>();
  /** Everything else by kind, then value (astral characters and their pairs included). */
  private readonly byKind = new Map<FeatureKind, Map<string, number>>();

  /** `seen[id] === generation`: already counted in this text. */
  private readonly seen: Uint32Array;
  private generation = 0;
  private readonly unknown = new Set<string>();
  /** Per unknown pair (`first * PAIR_WIDTH + second`), the id of the known pair it sounds like, or -1; bounded. */
  private readonly soundsLike = new Map<number, number>();
  /**
   * The text's two-character words: a pair the segmenter reads as a word is no typo. A list, searched
   * only for an unknown pair: a set would hash every word of every text for that rare look.
   */
  private readonly words: string[] = [];
  private counts!: FeatureCounts;

  /** `homophones`: what an unknown Han pair is read as (see homophones.ts). */
  constructor(
    index: ReadonlyMap<string, number>,
    private readonly homophones?: Homophones,
  ) {
    this.seen = new Uint32Array(index.size);
    let slots = 0;
    for (const [feature, id] of index) {
      const kind = feature[0] as FeatureKind;
      const value = feature.slice(2);
      if (kind === 'c' && value.length === 1) {
        this.charIds[value.charCodeAt(0)] = id;
      } else if (kind === 'b' && value.length === 2 && (this.pairSlots[value.charCodeAt(0)] >= 0 || slots < MAX_SLOTS)) {
        const first = value.charCodeAt(0);
        if (this.pairSlots[first] < 0) this.pairSlots[first] = slots++;
        this.pairIds.set(this.pairSlots[first] * PAIR_WIDTH + value.charCodeAt(1), id);
      } else {
        let values = this.byKind.get(kind);
        if (!values) this.byKind.set(kind, (values = new Map()));
        values.set(value, id);
      }
    }
  }

  read(text: string): FeatureCounts {
    this.counts = { known: [], knownCombined: [], features: 0, combined: 0, informative: 0, informativeKnown: 0 };
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
    if (kind === 'w' && value.length === 2) this.words.push(value);
    const id = this.byKind.get(kind)?.get(value);
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
    const id = this.pairIdOf(first, second);
    if (id !== undefined) return this.found('b', id);
    const key = first * PAIR_WIDTH + second;
    let like = this.soundsLike.get(key);
    if (like === undefined) {
      if (this.soundsLike.size >= SOUNDS_LIKE_KEPT) this.soundsLike.clear();
      this.soundsLike.set(key, (like = this.respelt(String.fromCharCode(first, second))));
    }
    this.unknownPair(like, String.fromCharCode(first, second));
  }

  /**
   * A pair the model does not know: counted as the known pair it sounds like (`like`, -1 when none),
   * unless the segmenter read it as a word of its own.
   */
  private unknownPair(like: number, pair: string): void {
    if (like < 0 || this.words.includes(pair)) this.missing('b', `b:${pair}`);
    else this.found('b', like);
  }

  /** The id of the known pair `pair` sounds like, or -1. */
  private respelt(pair: string): number {
    const known = this.homophones?.correct(pair);
    return (known === undefined ? undefined : this.pairId(known)) ?? -1;
  }

  /** The id of a known pair given as text (astral characters' pairs are kept by value). */
  private pairId(pair: string): number | undefined {
    return pair.length === 2 ? this.pairIdOf(pair.charCodeAt(0), pair.charCodeAt(1)) : this.byKind.get('b')?.get(pair);
  }

  /** The id of the known pair of two Basic Multilingual Plane characters. */
  private pairIdOf(first: number, second: number): number | undefined {
    const slot = this.pairSlots[first];
    // No slot: no known pair starts with this character (or the slots ran out and it is kept by value).
    return slot < 0 ? this.byKind.get('b')?.get(String.fromCharCode(first, second)) : this.pairIds.get(slot * PAIR_WIDTH + second);
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
