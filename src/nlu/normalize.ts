import { Converter } from 'opencc-js';

/**
 * Traditional to simplified Chinese by OpenCC's maintained dictionaries (Hong Kong and Taiwan variants
 * both fold: 註銷 -> 注销, 帳戶 -> 帐户, 序號 -> 序号), phrase-aware.
 */
const toSimplified = Converter({ from: 'hk', to: 'cn' });

/**
 * Most messages are simplified already, and converting costs several microseconds: a character's own
 * conversion is remembered, and only a text with a character that converts goes through OpenCC whole
 * (so phrases are still converted as phrases).
 */
const converts = new Map<string, boolean>();
const HAN = /\p{Script=Han}/u;

function hasTraditional(text: string): boolean {
  for (const ch of text) {
    if (!HAN.test(ch)) continue;
    let known = converts.get(ch);
    if (known === undefined) {
      known = toSimplified(ch) !== ch;
      converts.set(ch, known);
    }
    if (known) return true;
  }
  return false;
}

/**
 * The one form every text is read in: traditional characters folded to simplified first, then NFKC
 * (full-width letters, digits and punctuation become ASCII) and lower case.
 */
export function normalizeText(text: string): string {
  const simplified = hasTraditional(text) ? toSimplified(text) : text;
  return simplified.normalize('NFKC').toLowerCase();
}
