import { z } from 'zod';
import { normalizeText } from '../nlu/normalize';
import { cardDigitsOf, luhnValid, MENTIONS_CARD } from '../pii/cardNumbers';

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

/** What people are called by rather than named ("张老板", "陈先生", "老王"): not the account's name, which review checks against. */
const HAN_TITLE = /^\p{Script=Han}{1,2}(?:老板娘|老板|先生|女士|小姐|经理|老师|师傅|总)$|^[老阿]\p{Script=Han}$/u;
/** "Boss Wang", "Madam Chen Jie": the same in English (Mr, Mrs, Ms, Dr are dropped before the name is read). */
const LATIN_TITLE = /^(?:boss|madam|madame|sir|mister|lady|manager|auntie|aunty|uncle)\b/i;
/**
 * What a person's name never holds: the words of a sentence about one ("就是我", "我老婆", "写我的",
 * "营业执照上的", "开户人"; "its under my company name", "the card holder"), nor a remark typed after it
 * ("王小明 卡号等下发", "王小明 稍等"). Review checks the name against the card's account, so a phrase
 * kept as the name would fail it.
 */
const NOT_IN_A_HAN_NAME = /[我你他她的吗啥么呢吧写谁没咋啊嗯]|了$|谢谢|知道|明白|收到|好的|第[一二三四五六七八九十两\d]|不是|就是|名字|老婆|老公|爸|妈|店主|法人|公司|个体|营业|执照|开户|自己|银行|卡上|一样|一致|同上|不在|不知|这个|那个|老板|手机|进度|费用|时间|任务|退款|审核|注销|申请|店|关门|不开|不做|不用|生意|机器|倒闭|转让|搬家|卡号|号码|机身|序列|邮箱|稍等|等下|等会|等一|马上|待会|一会|回头|晚点/u;
const NOT_IN_A_LATIN_NAME = /\b(?:my|your|his|her|the|is|its|it's|on|in|at|for|with|and|but|from|under|company|name|card|account|holder|thanks|please|here|what|why|how|same|me|myself|yes|yeah|yep|no|not|ok|okay|correct|right|wrong|sure|wife|husband|son|daughter|mother|father|ignore|previous|instructions?|prompt|system|sorry|can|we|speak|english|chinese|shop|store|owner|dont|don't|understand|know|want|need|help|am|you|this|that|it|was|were|have|has|had|got|just|still|already|because|anymore|closed|closing|close|last|week|weeks|month|months|year|years|days|ago|yesterday|today|tomorrow|using|used|use|business|moved|moving|machine|terminal|pos|broken|money|refund|cancel|cancelled|canceled|doesnt|doesn't|isnt|isn't|wont|won't|cant|can't|didnt|didn't|does|did|turn|screen|work|works|working|battery|printer|paper|charge|signal|network|error|stopped)\b/gi;
/** A Han name is this long at most (a minority name without its dot too); a longer run of characters is a sentence. */
const HAN_NAME_MAX = 8;

/** A name as kept: spaces between Chinese characters ("王 五") and a full stop typed after it ("张三。") dropped; accents kept ("José García"). */
export function parseFullName(input: string): Parsed<string, 'name_format' | 'name_length' | 'name_word' | 'name_title'> {
  const said = input
    .normalize('NFKC')
    // "Wang Fang 😊": the emoji is no part of it.
    .replace(/\p{Extended_Pictographic}/gu, '')
    .trim()
    .replace(/[。！!]+$/u, '')
    // "wang fang and card 6222…": the words that joined it to the next answer are no part of it.
    .replace(/\s+(?:and|with|plus|,)$/iu, '')
    .replace(/\s+/g, ' ');
  const name = onceIfTwice(said)
    // "热依拉.艾则孜": the dot of a minority name, typed as a full stop.
    .replace(/(?<=\p{Script=Han})[.．・•](?=\p{Script=Han})/gu, '·')
    .replace(/(?<=\p{Script=Han}) (?=\p{Script=Han})/gu, '');
  if ([...name].length < 2 || [...name].length > 30) return fail('name_length');
  if (HAN_TITLE.test(name) || LATIN_TITLE.test(name)) return fail('name_title');
  if (/^\p{Script=Han}+$/u.test(name) && ([...name].length > HAN_NAME_MAX || NOT_IN_A_HAN_NAME.test(name))) return fail('name_word');
  // One such word may be a name's ("Mai Her", "Kim Ok", "Nguyen The Vinh"); two make a sentence.
  if ((name.match(NOT_IN_A_LATIN_NAME) ?? []).length >= 2) return fail('name_word');
  return nameSchema.safeParse(name).success ? ok(capitalized(name)) : fail('name_format');
}

/** "wang fang" typed all in lower case is kept as "Wang Fang", as the card and the reviewer write it; a name typed with capitals stays as typed. */
function capitalized(name: string): string {
  return /\p{Lu}/u.test(name) ? name : name.replace(/(^|[\s'-])(\p{Ll})/gu, (_, before: string, letter: string) => before + letter.toUpperCase());
}

/**
 * "陈静 陈静", "Chen Jing, chen jing": one name typed twice (to be sure, or pasted again), taken once.
 * Only a whole name each time, Chinese characters or two words: "Jing Jing" and "丽 丽" are one name.
 */
function onceIfTwice(name: string): string {
  const words = name.split(/[\s,，、]+/u).filter(Boolean);
  const half = words.length / 2;
  if (!Number.isInteger(half) || half < 1) return name;
  const first = words.slice(0, half).join(' ');
  const whole = /^\p{Script=Han}{2,}$/u.test(first) || half >= 2;
  return whole && first.toLowerCase() === words.slice(half).join(' ').toLowerCase() ? first : name;
}

/**
 * Digits of any script grouped by spaces or dashes (read as the masker reads them); 13-19 digits; Luhn.
 * Some UnionPay cards (62…) fail Luhn: theirs is a failure of its own, which the merchant may confirm.
 */
export function parseCardNumber(input: string): Parsed<string, 'card_format' | 'card_length' | 'card_luhn' | 'card_luhn_62'> {
  const digits = cardDigitsOf(input);
  if (digits === undefined) return fail('card_format');
  if (digits.length < 13 || digits.length > 19) return fail('card_length');
  if (luhnValid(digits)) return ok(digits);
  return fail(digits.startsWith('62') ? 'card_luhn_62' : 'card_luhn');
}

const MOBILE = /^1[3-9]\d{9}$/;

/** An email address anywhere in a sentence; a dot in it may be typed as a Chinese full stop ("abc@163。com"). */
export const EMAIL_IN_TEXT = /[\w.+-]+@[\w-]+(?:[.。][\w-]+)+/g;

/** A serial number as kept (letters and digits, 8-20, upper case), whatever label and separators it was typed with. */
export function posSerialOf(input: string): string | undefined {
  const text = input.normalize('NFKC').trim();
  // Said in a sentence ("my sn is lkl00000003", "机身号是LKL12345678，在背面"): its one word shaped like a
  // serial, when no other word has a digit; else the whole, its spaces and dashes left out ("LKL 1234 5678").
  // An email address or a mobile number typed in groups beside it ("手机138-1111-2103") is another answer.
  const words = text
    .replace(EMAIL_IN_TEXT, ' ')
    .replace(/(?<![\d-])1[3-9]\d(?:[\s-]?\d){8}(?![\d-])/g, (mobile) => mobile.replace(/[\s-]/g, ''))
    .split(/[^A-Za-z0-9-]+/)
    .filter(Boolean);
  // A mobile number beside it ("机身号是LKL12345678，手机是13800138000") is the next answer, given early.
  const serials = words.flatMap((word) => serialShaped(word) ?? []).filter((serial) => !MOBILE.test(serial));
  const others = words.filter((word) => /\d/.test(word) && !MOBILE.test(word));
  if (serials.length === 1 && others.length === 1) return serials[0];
  return serialShaped(text.replace(SERIAL_LEAD, ''));
}

/**
 * What may come before the serial itself ("my sn is", "the serial number:", "机身号是", "序列号为"):
 * Latin words only as whole words, and "is" only after one of them (a serial may begin with "SN" or "IS").
 */
const SERIAL_LEAD = /^(?:(?:my|the|our|its|it's|it|pos|terminal|machine|device|serial\s+number|serial\s+no\.?|serial|number|sn|s\/n|no\.?)(?:\s*[:：=]\s*|\s+)|(?:机身号码|机身号|序列号|编号|号码|sn码|sn号|是|为|[:：=])\s*)+(?:(?:is|was)(?:\s*[:：=]\s*|\s+))?/i;

function serialShaped(text: string): string | undefined {
  const serial = text.replace(/[\s-]/g, '').toUpperCase();
  return /^[A-Z0-9]{8,20}$/.test(serial) && /[0-9]/.test(serial) ? serial : undefined;
}

/**
 * The terminal's serial number, as a merchant answers the question. A mainland mobile number is
 * refused as such: typed at this question, it is nearly always the next answer given early.
 */
export function parsePosSerial(input: string): Parsed<string, 'serial_format' | 'serial_mobile' | 'serial_card'> {
  const serial = posSerialOf(input);
  if (serial === undefined) return fail('serial_format');
  if (MOBILE.test(serial)) return fail('serial_mobile');
  // A bank card number (a correction of the card, or typed a step late) is never kept as a serial: it would show unmasked.
  return /^\d{13,19}$/.test(serial) && (luhnValid(serial) || MENTIONS_CARD.test(input)) ? fail('serial_card') : ok(serial);
}

/** A mainland China mobile number; +86 / 0086 and separators are dropped. */
export function parseMobile(input: string): Parsed<string, 'mobile_format' | 'mobile_foreign'> {
  const digits = phoneDigits(input);
  if (MOBILE.test(digits)) return ok(digits);
  // "+852 9123 4567": another country's code, which no retyping makes a mainland number.
  return /^(?:\+|00)\d{6,}$/.test(digits) ? fail('mobile_foreign') : fail('mobile_format');
}

/** Digits as said one by one in Chinese (a number read out, or typed by voice input: 幺三九…). */
const HAN_DIGITS: Record<string, string> = { 零: '0', 〇: '0', 洞: '0', 幺: '1', 一: '1', 二: '2', 两: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };

/** A phone number as dialled within China: spaces, brackets and dashes dropped, and the country code; digits said in Chinese read as digits. */
function phoneDigits(input: string): string {
  const plain = input.normalize('NFKC').trim().replace(/[\s()\-]/g, '').replace(/^(?:\+86|0086)/, '');
  return /^[\d零〇洞幺一二两三四五六七八九]+$/u.test(plain) ? [...plain].map((c) => HAN_DIGITS[c] ?? c).join('') : plain;
}

/** A mainland landline with its area code ("021-64001234", "0755 8888 6666"). */
const LANDLINE = /^0\d{2,3}\d{7,8}$/;

/** A number to call back: a mobile, or a landline with its area code (a shop's phone). */
export function parseCallbackNumber(input: string): Parsed<string, 'phone_format'> {
  const digits = phoneDigits(input);
  return MOBILE.test(digits) || LANDLINE.test(digits) ? ok(digits) : fail('phone_format');
}

const emailSchema = z.email();

/** An email address (the field is optional: the dialog recognizes the words that skip it). */
export function parseEmail(input: string): Parsed<string | undefined, 'email_format'> {
  // A full stop typed after it ("zhang@qq.com。") ends the sentence, not the address.
  // Inside it, a Chinese keyboard's full stop is the dot it meant ("abc@163。com").
  const text = input.normalize('NFKC').trim().replace(/[。.!！]+$/u, '').replace(/(?<=[\w-])。(?=[\w-])/g, '.');
  return emailSchema.safeParse(text).success ? ok(text.toLowerCase()) : fail('email_format');
}

/** The signature matches the name when both read the same: case, spaces, dots, hyphens, apostrophes, a full stop after it and full-width forms ignored. */
export function sameName(signature: string, name: string): boolean {
  // "Mary Ann OBrien" signs for "Mary-Ann O'Brien"; "张伟" for "張偉".
  const fold = (text: string) => normalizeText(text).replace(/[\s·•.'’\-。！!]+/g, '');
  return fold(signature).length > 0 && fold(signature) === fold(name);
}
