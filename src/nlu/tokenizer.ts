// natural's stemmers are imported file by file: the package root runs dotenv and loads database clients.
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer';
import { normalizeText } from './normalize';

/**
 * Features for the classifier. natural's own tokenizers drop Chinese entirely, so:
 * - traditional characters folded to simplified, NFKC (full-width letters and digits become ASCII), lower case;
 * - Han runs: Intl.Segmenter words (`w:`), single characters (`c:`) and character bigrams (`b:`),
 *   so a typo in one character still leaves most features intact;
 * - Latin words: Porter stems (`e:`), words of up to 3 letters as they are; and for words of 4 letters or
 *   more, character trigrams with word boundaries (`g:`), so "cancle" or "reveiw" still share most of
 *   their features with "cancel" and "review" (Chinese has its single characters for that);
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

export const PLACEHOLDERS = { number: 'n:<num>', longNumber: 'n:<long>', reference: 'n:<ref>', quote: 'q:<quote>', identifier: 'q:<name>' } as const;

/** Maps text to classifier features (duplicates removed, order of first appearance). */
export function tokenize(text: string): string[] {
  const features = new Set<string>();
  const normalized = normalizeText(text).replace(QUOTED, () => {
    features.add(PLACEHOLDERS.quote);
    return ' ';
  });
  for (const match of normalized.matchAll(TOKEN)) {
    const token = match[0];
    // TOKEN's Latin alternative is ASCII only: anything else is a Han run.
    if (token.charCodeAt(0) > 0x7f) {
      addHan(token, features);
    } else {
      addLatin(token, features);
    }
  }
  return [...features];
}

function addHan(run: string, out: Set<string>): void {
  for (const { segment, isWordLike } of segmenter.segment(run)) {
    if (isWordLike && segment.length > 1) out.add(`w:${segment}`);
  }
  const chars = [...run];
  for (let i = 0; i < chars.length; i++) {
    out.add(`c:${chars[i]}`);
    if (i + 1 < chars.length) out.add(`b:${chars[i]}${chars[i + 1]}`);
  }
}

function addLatin(token: string, out: Set<string>): void {
  if (HAS_DIGIT.test(token)) {
    out.add(placeholder(token));
    return;
  }
  if (token.includes('_')) {
    out.add(PLACEHOLDERS.identifier);
    return;
  }
  // Short words (pos, sn, app) are names, not inflected forms: Porter would turn "pos" into "po".
  for (const word of token.split(/[-_]/)) {
    if (word.length <= 3) {
      if (word) out.add(`e:${word}`);
      continue;
    }
    out.add(`e:${stem(word)}`);
    const bounded = `^${word}$`;
    for (let i = 0; i + 3 <= bounded.length; i++) out.add(`g:${bounded.slice(i, i + 3)}`);
  }
}

/**
 * Porter stems remembered by word: stemming is most of an English text's tokenizing, and messages keep
 * using the same few thousand words. Bounded: forgotten all at once when full.
 */
const STEMS_KEPT = 20_000;
const stems = new Map<string, string>();

function stem(word: string): string {
  let stemmed = stems.get(word);
  if (stemmed === undefined) {
    if (stems.size >= STEMS_KEPT) stems.clear();
    stemmed = PorterStemmer.stem(word);
    stems.set(word, stemmed);
  }
  return stemmed;
}

function placeholder(token: string): string {
  const compact = token.replace(/[-_]/g, '');
  if (HAS_LETTER.test(compact)) return compact.length >= 5 ? PLACEHOLDERS.reference : PLACEHOLDERS.number;
  return compact.length >= 5 ? PLACEHOLDERS.longNumber : PLACEHOLDERS.number;
}

/** "zh" when the text has any Han character, else "en" (the evaluation files' language codes). */
export function textLanguage(text: string): 'zh' | 'en' {
  return /\p{Script=Han}/u.test(text) ? 'zh' : 'en';
}
