import { Converter } from 'opencc-js/t2cn';

/**
 * Traditional to simplified Chinese by OpenCC's maintained dictionaries (Hong Kong and Taiwan variants
 * both fold: 註銷 -> 注销, 帳戶 -> 帐户, 序號 -> 序号), phrase-aware. The package's t2cn build has the
 * same dictionaries for this direction without the other's: the full build kept an 800 KB table of
 * simplified-to-traditional phrases in the heap, and its source in the bundle's.
 */
const toSimplified = Converter({ from: 'hk', to: 'cn' });

/**
 * Most messages are simplified already, and converting costs several microseconds: a character's own
 * conversion is remembered (by code point: 0 not yet known, 1 unchanged, 2 converts), and only a text
 * with a character that converts goes through OpenCC whole (so phrases are still converted as phrases).
 */
/** Up to the end of the CJK extension planes; rarer code points are looked at each time. */
const converts = new Uint8Array(0x32400);
const HAN = /\p{Script=Han}/u;

function hasTraditional(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    if (code > 0xffff) i++;
    // Han characters are at U+2E80 and above; the ASCII of most English texts needs no look.
    if (code < 0x2e80) continue;
    let known = converts[code];
    if (!known) {
      const ch = String.fromCodePoint(code);
      known = HAN.test(ch) && toSimplified(ch) !== ch ? 2 : 1;
      if (code < converts.length) converts[code] = known;
    }
    if (known === 2) return true;
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
