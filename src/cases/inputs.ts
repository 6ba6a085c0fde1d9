import { z } from 'zod';
import { cardDigitsOf, luhnValid } from '../pii/cardNumbers';

/**
 * What a merchant types for each field of the written application, validated and normalized.
 * A failure names what is wrong (`error`), so the bot can say it in the user's language.
 */
export type Parsed<T, E extends string> = { ok: true; value: T } | { ok: false; error: E };

const ok = <T>(value: T) => ({ ok: true as const, value });
const fail = <E extends string>(error: E) => ({ ok: false as const, error });

const nameSchema = z
  .string()
  .min(2)
  .max(30)
  .regex(/^(?:[\p{Script=Han}·•]+|\p{Script=Latin}[\p{Script=Latin}\p{M} .'-]*[\p{Script=Latin}\p{M}.])$/u);

/** A name as kept: spaces between Chinese characters ("王 五") and a full stop typed after it ("张三。") dropped; accents kept ("José García"). */
export function parseFullName(input: string): Parsed<string, 'name_format' | 'name_length'> {
  const name = input
    .normalize('NFKC')
    .trim()
    .replace(/[。！!]+$/u, '')
    .replace(/\s+/g, ' ')
    .replace(/(?<=\p{Script=Han}) (?=\p{Script=Han})/gu, '');
  if ([...name].length < 2 || [...name].length > 30) return fail('name_length');
  return nameSchema.safeParse(name).success ? ok(name) : fail('name_format');
}

/** Digits of any script grouped by spaces or dashes (read as the masker reads them); 13-19 digits; Luhn. */
export function parseCardNumber(input: string): Parsed<string, 'card_format' | 'card_length' | 'card_luhn'> {
  const digits = cardDigitsOf(input);
  if (digits === undefined) return fail('card_format');
  if (digits.length < 13 || digits.length > 19) return fail('card_length');
  return luhnValid(digits) ? ok(digits) : fail('card_luhn');
}

const MOBILE = /^1[3-9]\d{9}$/;

/** A serial number as kept (letters and digits, 8-20, upper case), whatever label and separators it was typed with. */
export function posSerialOf(input: string): string | undefined {
  const serial = input
    .normalize('NFKC')
    .trim()
    .replace(/^(?:serial number|serial no\.?|serial|sn码|sn号|sn|s\/n|机身号|序列号|编号)\s*[:：]?/i, '')
    .replace(/[\s-]/g, '')
    .toUpperCase();
  return /^[A-Z0-9]{8,20}$/.test(serial) && /[0-9]/.test(serial) ? serial : undefined;
}

/**
 * The terminal's serial number, as a merchant answers the question. A mainland mobile number is
 * refused as such: typed at this question, it is nearly always the next answer given early.
 */
export function parsePosSerial(input: string): Parsed<string, 'serial_format' | 'serial_mobile'> {
  const serial = posSerialOf(input);
  if (serial === undefined) return fail('serial_format');
  return MOBILE.test(serial) ? fail('serial_mobile') : ok(serial);
}

/** A mainland China mobile number; +86 / 0086 and separators are dropped. */
export function parseMobile(input: string): Parsed<string, 'mobile_format'> {
  const digits = input.normalize('NFKC').trim().replace(/[\s()\-]/g, '').replace(/^(?:\+86|0086)/, '');
  return MOBILE.test(digits) ? ok(digits) : fail('mobile_format');
}

const emailSchema = z.email();

/** An email address (the field is optional: the dialog recognizes the words that skip it). */
export function parseEmail(input: string): Parsed<string | undefined, 'email_format'> {
  // A full stop typed after it ("zhang@qq.com。") ends the sentence, not the address.
  const text = input.normalize('NFKC').trim().replace(/[。.!！]+$/u, '');
  return emailSchema.safeParse(text).success ? ok(text.toLowerCase()) : fail('email_format');
}

/** The signature matches the name when both read the same: case, spaces and full-width forms ignored. */
export function sameName(signature: string, name: string): boolean {
  const fold = (text: string) => text.normalize('NFKC').toLowerCase().replace(/[\s·•.]+/g, '');
  return fold(signature).length > 0 && fold(signature) === fold(name);
}
