import type { Localizer } from '../../src/i18n/localizer';
import { LANGUAGES } from '../../src/i18n/language';
import { normalizeText } from '../../src/nlu/normalize';

/*
 * How a reply is matched against the words and buttons in locales/: the primitives every prompt's
 * answer is read with (yes or no, a label, a list's words, a question, a no said beside a yes).
 */

/** How a tapped label or short reply is compared: traditional characters ("開始辦理"), width, case, spaces and punctuation ignored. */
export const normalize = (text: string) =>
  normalizeText(text)
    .trim()
    .replace(/[\s\p{P}]+/gu, '');

/**
 * The words a prompt accepts, from locales/<lang>/<ns>.json "words" (both languages, normalized).
 * `key` names a list there, such as "yes", "skip" or "reasons.device_fault".
 */
export function words(localizer: Localizer, key: string, ns = 'cancel'): string[] {
  // Asked several times a turn: the languages' lists are put together once until an edit replaces one.
  return compiled(wordLists, localizer, `${ns}:words.${key}`, (lists) =>
    lists.flatMap((list) => (Array.isArray(list) ? normalizedList(list as string[]) : [(list as string | undefined) ?? ''].map(normalize).filter(Boolean))),
  );
}

/**
 * Prompts check replies against these lists on every turn. The localizer hands out the same frozen
 * list until an edit replaces it, so each list is normalized once; so is each label.
 */
const normalizedLists = new WeakMap<readonly string[], string[]>();
const wordLists: Compiled<string[]> = new WeakMap();
const normalizedLabels = new Map<string, string>();

function normalizedList(list: readonly string[]): string[] {
  let normalized = normalizedLists.get(list);
  if (!normalized) {
    normalized = list.map(normalize).filter(Boolean);
    normalizedLists.set(list, normalized);
  }
  return normalized;
}

export function normalizedLabel(label: string): string {
  let normalized = normalizedLabels.get(label);
  if (normalized === undefined) {
    normalized = normalize(label);
    normalizedLabels.set(label, normalized);
  }
  return normalized;
}

/** How many characters the text has without its spaces and punctuation. */
export function compactLength(text: string): number {
  return [...text.normalize('NFKC').replace(/[\s\p{P}]+/gu, '')].length;
}

/** Which of the buttons (locale keys) the reply is, in either language. */
export function labelOf(localizer: Localizer, keys: readonly string[], text: string): string | undefined {
  const said = normalize(text);
  return keys.find((key) => LANGUAGES.some((lang) => normalizedLabel(localizer.t(lang, key)) === said));
}

/** The whole reply is one of the words (a button label counts as one too). */
export function isOneOf(localizer: Localizer, key: string, text: string, labels: string[] = []): boolean {
  const said = normalize(text);
  return said.length > 0 && (words(localizer, key).includes(said) || labelOf(localizer, labels, text) !== undefined);
}

/**
 * The reply contains one of the words: Latin ones from the start of a word ("sn" is not in "happens
 * now", "card" not in "discard"; "freez" is in "freezes"), with or without their apostrophes and hyphens;
 * any other anywhere, as normalized.
 */
export function mentions(localizer: Localizer, key: string, text: string, ns = 'cancel'): boolean {
  const { latin, other } = matcherOf(localizer, `${ns}:words.${key}`);
  const { said, lower } = readings(text);
  return (latin !== undefined && latin.test(lower)) || other.some((word) => said.includes(word));
}

/**
 * A list's words made ready to look for, once per list (the localizer hands out the same frozen list
 * until an edit replaces it): its Latin words as one pattern, the others normalized. A turn checks a
 * message against a dozen lists.
 */
function matcherOf(localizer: Localizer, id: string): Matcher {
  return compiled(startMatchers, localizer, id, (lists) => {
    const all = stringsOf(lists);
    const latin = all.filter((word) => LATIN_WORD.test(word)).map(startPattern);
    return { latin: latin.length ? new RegExp(`(?:^|[^a-z0-9])(?:${latin.join('|')})`) : undefined, other: all.filter((word) => !LATIN_WORD.test(word)).map(normalizedLabel) };
  });
}

/** A list's Latin words as one pattern, and its other words. */
interface Matcher {
  latin?: RegExp;
  other: string[];
}

type Compiled<T> = WeakMap<Localizer, Map<string, { revision: number; value: T }>>;
const startMatchers: Compiled<Matcher> = new WeakMap();
const phraseMatchers: Compiled<Matcher> = new WeakMap();

/**
 * What `compile` makes of one or more entries' lists in both languages (as the localizer hands them
 * out), made once, and again only after an edit was published (a turn asks for dozens).
 */
function compiled<T>(cache: Compiled<T>, localizer: Localizer, id: string | readonly string[], compile: (lists: unknown[]) => T): T {
  let known = cache.get(localizer);
  if (!known) cache.set(localizer, (known = new Map()));
  const key = typeof id === 'string' ? id : id.join(',');
  const cached = known.get(key);
  if (cached?.revision === localizer.revision) return cached.value;
  const ids = typeof id === 'string' ? [id] : id;
  const value = compile(ids.flatMap((one) => LANGUAGES.map((l) => localizer.tree(l, one))));
  known.set(key, { revision: localizer.revision, value });
  return value;
}

const WORDS = new Intl.Segmenter('zh', { granularity: 'word' });

/** How many words a message has, Chinese ones as segmented ("我用支付宝": 3). */
export function wordsIn(text: string): number {
  return [...WORDS.segment(text.normalize('NFKC'))].filter((segment) => segment.isWordLike).length;
}

/** The strings of an entry's lists (an entry that is no list has none). */
const stringsOf = (lists: unknown[]) => lists.flatMap((list) => (Array.isArray(list) ? (list as string[]) : []));

const phrasePatterns: Compiled<RegExp> = new WeakMap();

/**
 * The phrases of these lists (both languages, e.g. "cancel:words.edit.mobile") as one case-insensitive
 * pattern, the longest first; Latin ones as whole words ("name" is not in "username").
 */
export function phrasesPattern(localizer: Localizer, ids: readonly string[]): RegExp {
  return compiled(phrasePatterns, localizer, ids, (lists) => {
    const alternatives = [...new Set(stringsOf(lists).map((phrase) => phrase.normalize('NFKC')))]
      .sort((a, b) => b.length - a.length)
      .map((phrase) => {
        const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        return /^[a-z]/i.test(phrase) ? `(?<![a-z])${escaped}(?![a-z])` : escaped;
      });
    return new RegExp(alternatives.length ? `(?:${alternatives.join('|')})` : '(?!)', 'iu');
  });
}

const endingPatterns: Compiled<RegExp> = new WeakMap();

/**
 * One of the words of a list (both languages) ending a reply, with the spaces and punctuation after it;
 * Latin ones from the start of a word ("Chen Hereford" keeps his name).
 */
export function endingPattern(localizer: Localizer, id: string): RegExp {
  return compiled(endingPatterns, localizer, id, (lists) => {
    const words = stringsOf(lists).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    const latin = words.filter((w) => /^[a-z]/i.test(w));
    const other = words.filter((w) => !/^[a-z]/i.test(w));
    return new RegExp(`(?:(?:^|[\\s\\p{P}])(?:${latin.join('|')})|(?:${other.join('|')}))[\\s\\p{P}]*$`, 'iu');
  });
}

/** How long the longest of the words the reply contains is (0 when it contains none), as `mentions` finds them. */
export function longestMention(localizer: Localizer, key: string, text: string, ns = 'cancel'): number {
  const { said, lower } = readings(text);
  return Math.max(
    0,
    ...LANGUAGES.flatMap((lang) => {
      const list = localizer.tree(lang, `${ns}:words.${key}`);
      return (Array.isArray(list) ? (list as string[]) : []).filter((word) => (LATIN_WORD.test(word) ? startsWord(lower, word) : said.includes(normalizedLabel(word)))).map((word) => normalizedLabel(word).length);
    }),
  );
}

/** As `mentions`, but Latin words only whole ("edit" is not in "Edith"). */
export function mentionsWord(localizer: Localizer, key: string, text: string, ns = 'cancel'): boolean {
  const { said, lower } = readings(text);
  return LANGUAGES.some((lang) =>
    ((localizer.tree(lang, `${ns}:words.${key}`) as string[] | undefined) ?? []).some((word) => (LATIN_WORD.test(word) ? holdsPhrase(lower, word.toLowerCase()) : said.includes(normalizedLabel(word)))),
  );
}

/** A turn checks one message against many lists: its two readings are made once. */
let lastReadings: { text: string; said: string; lower: string } | undefined;

function readings(text: string): { said: string; lower: string } {
  if (lastReadings?.text !== text) lastReadings = { text, said: normalize(text), lower: text.normalize('NFKC').toLowerCase().replace(/[‘’`]/g, "'") };
  return lastReadings;
}

/** A phrase of ASCII that begins with a letter or digit ("bank card", "s/n", "don't have"). */
const LATIN_WORD = /^[A-Za-z0-9][\x20-\x7e]*$/;
const wordStarts = new Map<string, RegExp>();

function startsWord(lower: string, word: string): boolean {
  let pattern = wordStarts.get(word);
  if (!pattern) wordStarts.set(word, (pattern = new RegExp(`(?:^|[^a-z0-9])${startPattern(word)}`)));
  return pattern.test(lower);
}

/** A Latin word as a pattern: with or without its apostrophes and hyphens, any spacing between its words. */
function startPattern(word: string): string {
  return word
    .toLowerCase()
    .replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
    .replace(/['-]/g, '$&?')
    .replace(/ +/g, '[\\s-]*');
}

/**
 * Yes or no, from the buttons' labels (either language) or the usual words, also said in more words
 * ("yes let's go", "sure, go ahead", "好的，开始吧", "不用了谢谢"): a reply that is nothing but such
 * words and fillers. One that says both, or anything else, is neither.
 */
export function yesNo(text: string, localizer: Localizer): boolean | undefined {
  if (isOneOf(localizer, 'yes', text, ['cancel:yes'])) return true;
  if (isOneOf(localizer, 'no', text, ['cancel:no'])) return false;
  const said = normalize(text);
  const fillers = words(localizer, 'filler');
  if (composedOf(said, words(localizer, 'yes'), fillers)) return true;
  if (composedOf(said, words(localizer, 'no'), fillers)) return false;
  return undefined;
}

/** A yes or a no said in yes, no and "that's right" words alone ("yes correct", "对的没错"), if that is all the text says. */
export function yesNoOnly(text: string, localizer: Localizer): boolean | undefined {
  const answer = yesNo(text, localizer);
  if (answer !== undefined) return answer;
  return composedOf(normalize(text), [...words(localizer, 'yes'), ...words(localizer, 'allCorrect')], words(localizer, 'filler')) ? true : undefined;
}

/** Longer replies are sentences of their own, not a yes or no in more words. */
const COMPOSED_MAX_CHARS = 24;

/** Whether `said` (normalized) splits into `vocabulary` words and fillers, with one word at least. */
export function composedOf(said: string, vocabulary: string[], fillers: string[]): boolean {
  if (!said || said.length > COMPOSED_MAX_CHARS) return false;
  // How far a split reaches: 0 not at all, 1 with fillers only, 2 with a word among them.
  const reached = new Uint8Array(said.length + 1);
  reached[0] = 1;
  for (let i = 0; i < said.length; i++) {
    if (!reached[i]) continue;
    for (const word of vocabulary) if (said.startsWith(word, i)) reached[i + word.length] = 2;
    for (const filler of fillers) if (said.startsWith(filler, i)) reached[i + filler.length] = Math.max(reached[i + filler.length], reached[i]);
  }
  return reached[said.length] === 2;
}

/**
 * A question rather than a statement: a question mark, or one of the question words (locales
 * "words.asks"; Latin ones as whole words: "how" is not in "show").
 */
export function asksSomething(text: string, localizer: Localizer): boolean {
  // Traditional characters ask as well ("還收費嗎").
  const said = normalizeText(text);
  return said.includes('?') || holdsAny(said, localizer, 'cancel:words.asks');
}

/** Whether `said` (lower case) holds any phrase of a list, as `holdsPhrase` reads one; the list compiled once. */
function holdsAny(said: string, localizer: Localizer, id: string): boolean {
  const { latin, other } = compiled(phraseMatchers, localizer, id, (lists) => {
    const all = stringsOf(lists);
    const whole = all.filter((phrase) => /^[a-z0-9 ]+$/.test(phrase));
    return { latin: whole.length ? new RegExp(`(?:^|[^a-z0-9'])(?:${whole.join('|')})(?:$|[^a-z0-9'])`) : undefined, other: all.filter((phrase) => !/^[a-z0-9 ]+$/.test(phrase)) };
  });
  return (latin !== undefined && latin.test(said)) || other.some((phrase) => said.includes(phrase));
}

/**
 * Whether `said` (lower case) holds `phrase`: one of Latin letters, digits and spaces only as whole
 * words ("how" is not in "show", "no" not in "know", "5 stars" not in "15 stars"); any other as written
 * ("吗", "n't").
 */
export function holdsPhrase(said: string, phrase: string): boolean {
  if (!/^[a-z0-9 ]+$/.test(phrase)) return said.includes(phrase);
  let pattern = wholePhrases.get(phrase);
  if (!pattern) wholePhrases.set(phrase, (pattern = new RegExp(`(^|[^a-z0-9'])${phrase}($|[^a-z0-9'])`)));
  return pattern.test(said);
}

/** The patterns `holdsPhrase` made, by phrase: a turn checks the same negations and words again and again. */
const wholePhrases = new Map<string, RegExp>();

/** Whether one of the words (`key`) has a negation before it in its clause ("不要删掉", "I don't want to delete it"). */
export function negatedBefore(localizer: Localizer, key: string, text: string, ns = 'cancel', alsoNoNegation: readonly string[] = []): boolean {
  const { lower } = readings(text);
  const negations = LANGUAGES.flatMap((l) => (localizer.tree(l, 'cancel:words.negation') as string[] | undefined) ?? []);
  return LANGUAGES.some((lang) =>
    ((localizer.tree(lang, `${ns}:words.${key}`) as string[] | undefined) ?? []).some((word) => {
      const at = lower.indexOf(word.toLowerCase());
      if (at < 0) return false;
      // Earlier in the same clause ("I don't want to delete it", "不要删掉"; not "删掉吧，不要了").
      const clause = lower.slice(0, at).split(/[,，。.!！?？;；]|(?<=\p{Script=Han})\s+(?=\p{Script=Han})/u).at(-1) ?? '';
      // A phrase of the list itself is no negation of another ("生意不做了店要关门": 不做了 says it too).
      const before = withoutPhrases(clause, localizer, [`${ns}:words.${key}`, ...alsoNoNegation]);
      return negations.some((negation) => holdsPhrase(before, negation));
    }),
  );
}

/**
 * Whether the text says no outside the phrases of these lists (locale ids, both languages): "没问题"
 * says no only inside a yes, "没问题才怪" outside it. Latin negations only as whole words ("no" is not
 * in "know").
 */
export function negatedBeside(text: string, localizer: Localizer, lists: string[]): boolean {
  // Words that hold a negation's character without saying no ("不过", "不错") go with the lists' phrases.
  return holdsAny(withoutPhrases(text, localizer, [...lists, 'cancel:words.notNegation']), localizer, 'cancel:words.negation');
}

/** The text (in lower case) with the phrases of these lists (both languages) taken out, the longest first. */
export function withoutPhrases(text: string, localizer: Localizer, lists: string[]): string {
  const { latin, other } = compiled(removables, localizer, lists, (found) => {
    const phrases = lowerLongestFirst(found);
    const whole = phrases.filter((p) => /^[a-z0-9 ']+$/.test(p));
    // Latin phrases as whole words: "y" (a yes) is no part of "my".
    return { latin: whole.length ? new RegExp(`(?<![a-z0-9'])(?:${whole.join('|')})(?![a-z0-9'])`, 'g') : undefined, other: phrases.filter((p) => !/^[a-z0-9 ']+$/.test(p)) };
  });
  let said = text.normalize('NFKC').toLowerCase().replace(/[‘’`]/g, "'");
  if (latin) said = said.replace(latin, ' ');
  for (const phrase of other) said = said.split(phrase).join(' ');
  return said;
}

const removables: Compiled<{ latin?: RegExp; other: string[] }> = new WeakMap();

const lowerLongestFirst = (lists: unknown[]) =>
  stringsOf(lists)
    .map((p) => p.normalize('NFKC').toLowerCase())
    .sort((a, b) => b.length - a.length);

const phraseLists: Compiled<string[]> = new WeakMap();

/** The phrases of a list (a locale id, both languages) in lower case, the longest first: made once per edit. */
export function phrasesOf(localizer: Localizer, id: string): string[] {
  return compiled(phraseLists, localizer, id, lowerLongestFirst);
}

/** What a message says after a yes it begins with ("可以 不过我没有机身号", "ok but where is the SN?"); all of it when it begins otherwise. */
export function afterYes(text: string, localizer: Localizer): string {
  const [first, ...rest] = clausesOf(text);
  return rest.length && yesNo(first, localizer) === true ? rest.join(' ') : text;
}

/** A message's clauses: split after punctuation, and at spaces between Chinese characters ("收到了 没问题"). */
export function clausesOf(text: string): string[] {
  return text
    // Each keeps its own mark: a question's "?" says it asks.
    .split(/(?<=[,，。!！?？;；\n])|(?<=\.)(?!\d)|(?<=\p{Script=Han})\s+(?=\p{Script=Han})/u)
    .map((clause) => clause.trim())
    .filter(Boolean);
}
