/**
 * Bank card numbers in free text: 13-19 digits, possibly full-width and grouped with spaces or dashes,
 * that pass the Luhn check. Used to keep them out of transcripts and logs.
 */
const CANDIDATE = /(?<![0-9０-９])[0-9０-９](?:[ \-－‐　]?[0-9０-９]){12,18}(?![0-9０-９])/g;

export function digitsOf(text: string): string {
  return text.normalize('NFKC').replace(/\D/g, '');
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

/** "**** **** **** 1234": only the last four digits stay visible. */
export function maskCard(digits: string): string {
  return `**** **** **** ${digits.slice(-4)}`;
}

/** Replaces every Luhn-valid 13-19 digit card number in the text by its masked form. */
export function maskCardNumbers(text: string): string {
  return text.replace(CANDIDATE, (match) => {
    const digits = digitsOf(match);
    return digits.length >= 13 && digits.length <= 19 && luhnValid(digits) ? maskCard(digits) : match;
  });
}
