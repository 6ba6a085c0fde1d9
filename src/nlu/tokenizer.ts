// natural's stemmers are imported file by file: the package root runs dotenv and loads database clients.
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer';
import { normalizeText } from './normalize';

/**
 * Features for the classifier. natural's own tokenizers drop Chinese entirely, so:
 * - traditional characters folded to simplified, NFKC (full-width letters and digits become ASCII), lower case;
 * - Han runs: Intl.Segmenter words (`w:`), single characters (`c:`) and character bigrams (`b:`),
 *   so a typo in one character still leaves most features intact;
 * - Latin words, a letter stretched for tone ("hiii") written once: Porter stems (`e:`), words of up
 *   to 3 letters as they are; and for words of 4 letters or more, character trigrams with word
 *   boundaries (`g:`), so "cancle" or "reveiw" still share most of their features with "cancel" and
 *   "review" (Chinese has its single characters for that);
 * - numbers and reference numbers: placeholders, so "PC-2611-7K3M9X" and "LKL2026..." look alike;
 * - quoted text: one placeholder instead of its words. A quotation is mentioned, not asked: translate
 *   "…", reply "…", which label is "…" are instructions to the bot, whatever words the quote holds;
 * - snake_case names (faq_hotline, cancel_pos): one placeholder. Merchants do not write them; a
 *   message that names one of our labels is an instruction to the bot, not the question the label is.
 */
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

const TOKEN = /\p{Script=Han}+|[a-z0-9]+(?:[-_][a-z0-9]+)*/gu;
const HAS_DIGIT = /[0-9]/;
const HAS_LETTER = /[a-z]/;
/** A quotation between paired quotation marks (after NFKC, full-width ＂ is "). */
const QUOTED = /"[^"\n]{1,60}"|“[^”\n]{1,60}”|「[^」\n]{1,60}」|『[^』\n]{1,60}』/g;

/** A feature is `kind:value`; the kinds: */
export type FeatureKind = 'w' | 'c' | 'b' | 'e' | 'g' | 'n' | 'q';

const PLACEHOLDER = {
  number: ['n', '<num>'],
  longNumber: ['n', '<long>'],
  reference: ['n', '<ref>'],
  quote: ['q', '<quote>'],
  identifier: ['q', '<name>'],
} as const satisfies Record<string, readonly [FeatureKind, string]>;

export const PLACEHOLDERS = Object.fromEntries(Object.entries(PLACEHOLDER).map(([name, [kind, value]]) => [name, `${kind}:${value}`])) as Record<
  keyof typeof PLACEHOLDER,
  string
>;

/**
 * Receives a text's features in order of appearance, repeats included. Han characters and pairs come as
 * code points so that the classifier looks them up without building a string per feature.
 */
export interface FeatureSink {
  add(kind: FeatureKind, value: string): void;
  /** `c:` of one Han character. */
  char(code: number): void;
  /** `b:` of two adjacent Han characters. */
  pair(first: number, second: number): void;
  /** `e:` and `g:` of an English word (the same object each time while the word is remembered). */
  word(features: WordFeatures): void;
}

/** An English word's stem and, from 4 letters on, its letter trigrams with word boundaries. */
export interface WordFeatures {
  readonly stem: string;
  readonly trigrams: readonly string[];
}

/** Maps text to classifier features (duplicates removed, order of first appearance). */
export function tokenize(text: string): string[] {
  const features = new Set<string>();
  scan(text, {
    add: (kind, value) => features.add(`${kind}:${value}`),
    char: (code) => features.add(`c:${String.fromCodePoint(code)}`),
    pair: (first, second) => features.add(`b:${String.fromCodePoint(first, second)}`),
    word: ({ stem, trigrams }) => {
      features.add(`e:${stem}`);
      for (const trigram of trigrams) features.add(`g:${trigram}`);
    },
  });
  return [...features];
}

/** Hands `text`'s features to `sink` in order (what `tokenize` lists, with its repeats). */
export function scan(text: string, sink: FeatureSink): void {
  const normalized = normalizeText(text).replace(QUOTED, () => {
    sink.add(...PLACEHOLDER.quote);
    return ' ';
  });
  const tokens = normalized.match(TOKEN);
  if (!tokens) return;
  // TOKEN's Latin alternative is ASCII only: anything else is a Han run. Runs of one code unit are one
  // segment, never a word of two or more; the others are segmented together, in one call: each call
  // clones ICU's break iterator and leaves it to the garbage collector, which costs more than the
  // segmenting. A space between runs keeps each run's segments what they are alone.
  const runs = tokens.filter((token) => token.length > 1 && token.charCodeAt(0) > 0x7f);
  const segments = runs.length ? segmenter.segment(runs.join(' ')) : undefined;
  let offset = 0;
  for (const token of tokens) {
    if (token.charCodeAt(0) <= 0x7f) {
      scanLatin(token, sink);
      continue;
    }
    if (token.length > 1) {
      scanWords(segments!, offset, token.length, sink);
      offset += token.length + 1;
    }
    scanHan(token, sink);
  }
}

/**
 * The words (`w:`) of the run at `offset` in `segments`. Walked with `containing`: the iterator clones
 * ICU's break iterator once more, which costs more than the walk itself. From a boundary `at`, the
 * segment containing `at + 1` starts either at `at` (two characters or more) or at `at + 1` (then the
 * one before is a single character, no word): a single character followed by more costs no call.
 */
function scanWords(segments: Intl.Segments, offset: number, length: number, sink: FeatureSink): void {
  const end = offset + length;
  for (let at = offset; at + 1 < end; ) {
    const { segment, index, isWordLike } = segments.containing(at + 1)!;
    if (isWordLike && segment.length > 1) sink.add('w', segment);
    at = index + segment.length;
  }
}

/** A Han run's characters (`c:`) and pairs (`b:`). */
function scanHan(run: string, sink: FeatureSink): void {
  let previous = -1;
  for (let i = 0; i < run.length; i++) {
    const code = run.codePointAt(i)!;
    if (code > 0xffff) i++;
    if (previous >= 0) sink.pair(previous, code);
    sink.char(code);
    previous = code;
  }
}

function scanLatin(token: string, sink: FeatureSink): void {
  if (HAS_DIGIT.test(token)) {
    sink.add(...placeholder(token));
    return;
  }
  if (token.includes('_')) {
    sink.add(...PLACEHOLDER.identifier);
    return;
  }
  for (const part of token.split('-')) sink.word(wordFeatures(part));
}

/**
 * A word's stem and, from 4 letters on, its letter trigrams with word boundaries, remembered by the word
 * as written: stemming is most of an English text's tokenizing, and messages keep using the same few
 * thousand words. Bounded: forgotten all at once when full.
 */
const WORDS_KEPT = 20_000;
const words = new Map<string, WordFeatures>();

function wordFeatures(written: string): WordFeatures {
  let features = words.get(written);
  if (features === undefined) {
    if (words.size >= WORDS_KEPT) words.clear();
    const word = unstretch(written);
    if (word.length <= 3) {
      // Short words (pos, sn, app) are names, not inflected forms: Porter would turn "pos" into "po".
      features = { stem: word, trigrams: [] };
    } else {
      const bounded = `^${word}$`;
      features = { stem: PorterStemmer.stem(word), trigrams: Array.from({ length: bounded.length - 2 }, (_, i) => bounded.slice(i, i + 3)) };
    }
    words.set(written, features);
  }
  return features;
}

/** No English word has a letter three times in a row: "hiii", "helloooo", "pleeease" are stretched for tone. */
const STRETCHED = /([a-z])\1\1+/g;

function unstretch(word: string): string {
  return word.replace(STRETCHED, '$1');
}

function placeholder(token: string): readonly [FeatureKind, string] {
  const compact = token.replace(/[-_]/g, '');
  if (HAS_LETTER.test(compact)) return compact.length >= 5 ? PLACEHOLDER.reference : PLACEHOLDER.number;
  return compact.length >= 5 ? PLACEHOLDER.longNumber : PLACEHOLDER.number;
}

/** "zh" when the text has any Han character, else "en" (the evaluation files' language codes). */
export function textLanguage(text: string): 'zh' | 'en' {
  return /\p{Script=Han}/u.test(text) ? 'zh' : 'en';
}
