import { randomInt } from 'node:crypto';

/** Crockford's base32 alphabet: no I, L, O, U, so nothing is mistaken for 1, 0 or V when typed. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const N = ALPHABET.length;

/** Luhn mod 32 check character: catches every single wrong character and most swapped neighbours. */
function checkCharacter(payload: string): string {
  let factor = 2;
  let sum = 0;
  for (let i = payload.length - 1; i >= 0; i--) {
    const code = ALPHABET.indexOf(payload[i]);
    let addend = factor * code;
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / N) + (addend % N);
    sum += addend;
  }
  return ALPHABET[(N - (sum % N)) % N];
}

/** A new reference like PC-2611-7K3M9X: prefix, year and month (Asia/Shanghai), 5 random characters, check. */
export function newReference(yymm: string): string {
  const random = Array.from({ length: 5 }, () => ALPHABET[randomInt(N)]).join('');
  return `PC-${yymm}-${random}${checkCharacter(yymm + random)}`;
}

/** The reference as typed (any case, spaces, dashes, O for 0, I/L for 1), if it is a valid one. */
export function parseReference(input: string): string | undefined {
  const compact = input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-_]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  const match = /^PC(\d{4})([0-9A-Z]{6})$/.exec(compact);
  if (!match || [...match[2]].some((c) => !ALPHABET.includes(c))) return undefined;
  const [, yymm, tail] = match;
  if (checkCharacter(yymm + tail.slice(0, 5)) !== tail[5]) return undefined;
  return `PC-${yymm}-${tail}`;
}

/** Finds a reference number inside a sentence ("查一下 PC-2611-7K3M9X 的进度"). */
export function findReference(text: string): string | undefined {
  const candidate = REFERENCE_SHAPED.exec(text.normalize('NFKC'));
  return candidate ? parseReference(candidate[0]) : undefined;
}

const REFERENCE_SHAPED = /P\s*C[\s\-_]*\d{4}[\s\-_]*[0-9A-Za-z]{6}/i;

/** Whether the text holds something written like a reference ("PC-2612-XXXXXX"), valid or not. */
export function mentionsReference(text: string): boolean {
  return REFERENCE_SHAPED.test(text.normalize('NFKC'));
}
