import { parseFullName } from '../cases/inputs';
import { NONE, type Label } from './intents';

/** Below this score a message that is only a name is not taken as a status request. */
const BARE_NAME_CONFIDENCE = 0.9;
/** What a name alone looks like: two to four Han characters, or two or three Latin words. */
const SHORT_NAME = /^(?:\p{Script=Han}{2,4}|[A-Za-z]+(?: [A-Za-z]+){1,2})$/u;
const SHORT_HAN_NAME = /^\p{Script=Han}{2,4}$/u;

/**
 * Whether a message outside any question is a name typed on its own: neither a status request (which
 * would ask for a reference number) nor "I don't understand". The classifier knows no names, so an
 * unknown short name comes back None or a faint status request; and a name is words it never learned:
 * "progress" or "update", its own words, are what they say, whatever the score.
 */
export function isBareName(text: string, understood: { intent: Label; score: number; unknownWords?: true }): boolean {
  if (!understood.unknownWords || !parseFullName(text).ok) return false;
  if (understood.intent === 'check_status') return understood.score < BARE_NAME_CONFIDENCE;
  return understood.intent === NONE && SHORT_NAME.test(text.trim());
}

/**
 * Whether a message is shaped like a name alone (two to four Han characters, two or three Latin words
 * that make a name). Some names are words the classifier learned from pinyin ("Ren Jun" holds the
 * "ren" of "zhuan ren gong"), so at a question such a message is an answer, not what the classifier reads.
 */
export function looksLikeName(text: string): boolean {
  return SHORT_NAME.test(text.trim()) && parseFullName(text).ok;
}

/**
 * Whether a reply to "your name?" is a Chinese name however the classifier reads it: two to four Han
 * characters it never learned, or read only as words that sound like them ("何美" as 核没, "the review
 * failed"). A question of known words ("审核几天") is still one.
 */
export function isUnknownHanName(text: string, understood: { unknownWords?: true }): boolean {
  return Boolean(understood.unknownWords) && SHORT_HAN_NAME.test(text.trim()) && parseFullName(text).ok;
}
