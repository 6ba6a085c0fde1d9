import { parseCardNumber, parseMobile } from '../cases/inputs';

/** What a message that is nothing but a personal number looks like. */
export type BareValue = 'phone' | 'id' | 'card';

/** Separators people put inside a number, and what may stand around it. */
const SEPARATORS = /[\s\-()（）.,，。:：]+/g;
/** A mainland resident ID number: region, a birth date, sequence, check character (checked or not: people mistype). */
const ID_NUMBER = /^\d{6}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dx]$/;

/**
 * Characters NFKC keeps as they are (Han ideographs; Latin letters, x aside, or letters they compose into):
 * a text with one is no bare number, found without normalizing the whole text first.
 */
const NO_NUMBER = /[\u4e00-\u9fffa-wyzA-WYZ]/;

/**
 * Which personal number a message consists of, if that is all it is: a mobile number, a resident ID
 * number or a bank card number (13-19 digits; Luhn or not, it is treated with the same care). Outside
 * a form such a message is no question at all, and is never to be echoed.
 */
export function bareValue(text: string): BareValue | undefined {
  if (NO_NUMBER.test(text)) return undefined;
  const trimmed = text.normalize('NFKC').trim();
  if (!/^\+?[\d\s\-()（）.,，。:：xX]+$/.test(trimmed)) return undefined;
  const compact = trimmed.replace(SEPARATORS, '').toLowerCase();
  if (parseMobile(trimmed).ok) return 'phone';
  if (ID_NUMBER.test(compact)) return 'id';
  if (/^\d{13,19}$/.test(compact) || parseCardNumber(trimmed).ok) return 'card';
  return undefined;
}
