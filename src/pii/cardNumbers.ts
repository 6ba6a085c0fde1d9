/**
 * Bank card numbers as merchants type them: 13-19 digits that pass the Luhn check, written in any
 * script's decimal digits or their compatibility forms (full-width, circled ⑥, mathematical), grouped
 * by any run of spaces (NBSP, ideographic) or dashes. The card prompt and the masker both read text
 * through `readCardText`, so whatever the prompt accepts as a card is also masked everywhere else, and
 * so is a message of 13-19 digits alone that fails the check (see isBareCardAttempt).
 */

/** Characters between digit groups: whitespace and dash punctuation, in runs of any length. */
const SEPARATORS = String.raw`[\s\p{Pd}]`;
const DIGIT_RUN = new RegExp(String.raw`[0-9](?:${SEPARATORS}*[0-9])*`, 'gu');
const WHOLE_CARD = new RegExp(String.raw`^${DIGIT_RUN.source}$`, 'u');
/** A message of digit groups alone, with spaces around it and a full stop or the like after it. */
const BARE_NUMBER = new RegExp(String.raw`^\s*(${DIGIT_RUN.source})[\s。.,，!！?？]*$`, 'u');
const NUMERIC = /\p{N}/gu;
/** +86 / 0086 and a mainland mobile: a phone number even when its digits pass the Luhn check. */
const CHINESE_MOBILE = /^(?:86|0086)1[3-9]\d{9}$/;
/** 86 and a mobile, or a landline without its leading 0 (area code and number): 10-11 digits after 86. */
const CHINESE_PHONE_86 = /^86[1-9]\d{9,10}$/;

const digitValues = new Map<string, string>();

/** A decimal digit of any script as ASCII: Unicode keeps each script's 0-9 contiguous, so count back to its zero. */
function asciiDigit(digit: string): string {
  let value = digitValues.get(digit);
  if (value === undefined) {
    let code = digit.codePointAt(0)!;
    let steps = 0;
    while (/\p{Nd}/u.test(String.fromCodePoint(code - 1))) {
      code--;
      steps++;
    }
    value = String(steps % 10);
    digitValues.set(digit, value);
  }
  return value;
}

export interface CardText {
  /** The text with compatibility forms folded (NFKC) and every decimal digit in ASCII. */
  text: string;
  /** For each character of `text`: where the input character it came from starts and ends. */
  starts: number[];
  ends: number[];
}

/** The one normalizer for card numbers, character by character so that matches map back onto the input. */
export function readCardText(input: string): CardText {
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  for (let at = 0; at < input.length; ) {
    const code = input.codePointAt(at)!;
    // ASCII, CJK punctuation (U+3001-3035) and the CJK Unified Ideographs (most of what is read) are
    // their own NFKC and no digit but 0-9; full-width ASCII (U+FF01-FF5E) is ASCII in NFKC. Read
    // without a string per character.
    const plain = code < 0x80 || (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3001 && code <= 0x3035);
    if (plain || (code >= 0xff01 && code <= 0xff5e)) {
      text += plain ? input[at] : String.fromCharCode(code - 0xfee0);
      starts.push(at);
      ends.push(++at);
      continue;
    }
    const char = String.fromCodePoint(code);
    const read = char.normalize('NFKC').replace(/\p{Nd}/gu, asciiDigit);
    text += read;
    for (let i = 0; i < read.length; i++) {
      starts.push(at);
      ends.push(at + char.length);
    }
    at += char.length;
  }
  return { text, starts, ends };
}

export function digitsOf(text: string): string {
  return readCardText(text).text.replace(/[^0-9]/g, '');
}

/** The digits when the whole input is digit groups and separators (what the card prompt accepts), else undefined. */
export function cardDigitsOf(input: string): string | undefined {
  const text = readCardText(input).text.trim();
  return WHOLE_CARD.test(text) ? text.replace(/[^0-9]/g, '') : undefined;
}

export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function isCard(digits: string, international: boolean): boolean {
  return digits.length >= 13 && digits.length <= 19 && luhnValid(digits) && !international && !CHINESE_MOBILE.test(digits);
}

/** "**** **** **** 1234": only the last four digits stay visible. */
export function maskCard(digits: string): string {
  return `**** **** **** ${digits.slice(-4)}`;
}

/**
 * Where card numbers are in a run of digit groups: the longest Luhn-valid sequence of whole groups
 * from each group on, so a card followed by other numbers ("卡号 6222… 手机 138…") is still found.
 * A run written after "+" is an international phone number, not a card.
 */
function cardsInRun(run: string, offset: number, international: boolean): [number, number][] {
  const groups = [...run.matchAll(/[0-9]+/g)];
  const found: [number, number][] = [];
  for (let i = 0; i < groups.length; ) {
    let digits = '';
    let last = -1;
    for (let j = i; j < groups.length && digits.length + groups[j][0].length <= 19; j++) {
      digits += groups[j][0];
      if (isCard(digits, international && i === 0)) last = j;
    }
    if (last < 0) {
      i++;
      continue;
    }
    found.push([offset + groups[i].index!, offset + groups[last].index! + groups[last][0].length]);
    i = last + 1;
  }
  return found;
}

/** At least `count` numeric characters: found one by one, stopping at `count` (no list of them all). */
function hasNumerics(text: string, count: number): boolean {
  NUMERIC.lastIndex = 0;
  for (let found = 0; found < count; found++) if (!NUMERIC.exec(text)) return false;
  return true;
}

/**
 * A message that is nothing but 13-19 digits, Luhn or not, is taken for a card number too: that is
 * how a card number with a mistyped digit arrives (the card prompt asks again), and Luhn catches every
 * single mistyped digit, so the Luhn rule alone left exactly those, all but one digit of the card, in
 * the clear. Not a phone number: Chinese landlines begin with 0 (no card does), a mobile or landline
 * after 86 is left alone, and a number after "+" is not a message of digit groups alone.
 */
function isBareCardAttempt(digits: string): boolean {
  return digits.length >= 13 && digits.length <= 19 && digits[0] !== '0' && !CHINESE_PHONE_86.test(digits);
}

/** Replaces every card number in the text by its masked form; everything else stays as written. */
export function maskCardNumbers(text: string): string {
  // A numeric character reads as at most two digits (⑩-⑳): fewer than 7 cannot hold a card, and most
  // text never needs the full read.
  if (!hasNumerics(text, 7)) return text;
  const read = readCardText(text);
  const bare = BARE_NUMBER.exec(read.text);
  if (bare) {
    const digits = bare[1].replace(/[^0-9]/g, '');
    if (isBareCardAttempt(digits)) {
      const start = bare[0].indexOf(bare[1]);
      const end = start + bare[1].length;
      return text.slice(0, read.starts[start]) + maskCard(digits) + text.slice(read.ends[end - 1]);
    }
  }
  let masked = '';
  let from = 0;
  for (const run of read.text.matchAll(DIGIT_RUN)) {
    // Shorter than a card's 13 digits even with its separators: none in it (dates, times, short numbers).
    if (run[0].length < 13) continue;
    const international = read.text[run.index! - 1] === '+';
    const cards = cardsInRun(run[0], run.index!, international);
    // "卡号 6222 0202 0000 1234 567 对吗": a card number with a mistyped digit, in a sentence that says so.
    const digits = run[0].replace(/[^0-9]/g, '');
    if (!cards.length && !international && isBareCardAttempt(digits) && MENTIONS_CARD.test(read.text)) cards.push([run.index!, run.index! + run[0].length]);
    for (const [start, end] of cards) {
      const original = text.slice(read.starts[start], read.ends[end - 1]);
      masked += text.slice(from, read.starts[start]) + maskCard(digitsOf(original));
      from = read.ends[end - 1];
    }
  }
  return masked + text.slice(from);
}

/** Words that say a number is a bank card's, in the languages merchants write in. */
export const MENTIONS_CARD = /卡号|银行卡|结算卡|card/i;
