import { parseReceiptDate } from '../../src/cases/dates';
import { EMAIL_IN_TEXT, parseCardNumber, parseEmail, parseMobile, posSerialOf } from '../../src/cases/inputs';
import type { Localizer } from '../../src/i18n/localizer';
import { type Field, FIELD_LABELS, foundIn, isSkip, parseField, saidOfAnother } from './answers';
import { phrasesPattern } from './words';

/*
 * Answers to the application's questions given together in one message ("我要注销pos 我叫张伟 卡号6212…
 * 机身号LKL…", "name: Chen Jing, card 6212…, sn LKL…"): each value that stands out unmistakably, so the
 * questions it answers are not asked again.
 */

/** The raw text of each field's value found in the message, as `parseField` accepts it. */
export type Together = Partial<Record<Field, string>>;

export function answersTogether(text: string, localizer: Localizer): Together {
  const said = text.normalize('NFKC');
  const found: Together = {};
  const card = foundIn('cardNumber', said, localizer);
  if (card !== undefined && parseCardNumber(card).ok) found.cardNumber = card;
  const mobile = foundIn('mobile', said, localizer);
  if (mobile !== undefined && parseMobile(mobile).ok) found.mobile = mobile;
  const email = foundIn('email', said, localizer);
  if (email !== undefined && parseEmail(email).ok) found.email = email;
  // "13800138000 没有邮箱": the optional email left out, in a clause of its own.
  const noEmail = said
    .split(/[，,。；;！!\n]+|\s+(?=\p{Script=Han})|(?<=\d)\s+/u)
    .map((clause) => clause.replace(/^\s*(?:and|but|also)\s+/i, ''))
    .find((clause) => phrasesPattern(localizer, ['cancel:words.edit.email']).test(clause) && isSkip(clause, localizer));
  if (email === undefined && noEmail !== undefined) found.email = noEmail;
  const serial = serialIn(said, localizer);
  if (serial !== undefined) found.posSerial = serial;
  const name = nameIn(said, localizer, Object.keys(found).length > 0);
  if (name !== undefined) found.fullName = name;
  return found;
}

/**
 * The receipt date in a message that says more ("你好，我叫张伟，去年10月收到你们的pos机，一直没用…", "got
 * it 2 months ago, card 6212…"): in a clause with a word for receiving it, the longest end of the words
 * before that word (Chinese) or of those after it (English) that reads as a date, with the words that
 * said it ("去年10月", "in October": a rough time is kept as said). A date said of anything else
 * ("2025年办的") is not when it arrived.
 */
export function receiptDateIn(text: string, today: string, localizer: Localizer): { value: string; said: string } | undefined {
  const received = phrasesPattern(localizer, ['cancel:words.receivedWords']);
  for (const clause of text.normalize('NFKC').split(/[，,。；;！!?？\n]+/)) {
    const word = received.exec(clause);
    if (!word) continue;
    // A date is a few characters ("去年10月", "2026年10月15日"), and has a Chinese one.
    const before = clause.slice(Math.max(0, word.index - 12), word.index);
    // In English it follows, among the clause's next dozen words ("got the terminal 2 months ago and never used it").
    const after = clause.slice(word.index + word[0].length).trim().split(/\s+/).slice(0, 12);
    const spans = after.flatMap((_, i) => after.map((__, j) => after.slice(i, after.length - j).join(' ')).filter(Boolean));
    for (const end of [...[...before].map((_, i) => before.slice(i)).filter((end) => /\p{Script=Han}/u.test(end)), ...spans]) {
      const parsed = parseReceiptDate(end, today);
      if (parsed.ok) return { value: parsed.value, said: spans.includes(end) ? end : fewestCharacters(end, parsed.value, today) };
    }
  }
  return undefined;
}

/** What people put between a date and the word for receiving ("上个月刚收到", "10月就到了"). */
const AFTER_A_DATE = /[刚才就是的了吧啊呀\s]/u;

/**
 * The fewest characters of a Chinese date's words that still read as the same day, to show as said:
 * "上个月" of "上个月刚", "9月3日" of "机器是2026年9月3日" ("10月" of "去年10月" would be another day).
 */
function fewestCharacters(said: string, value: string, today: string): string {
  const chars = [...said];
  const same = (part: string[]) => {
    const parsed = parseReceiptDate(part.join(''), today);
    return parsed.ok && parsed.value === value;
  };
  const start = chars.findLastIndex((_, i) => same(chars.slice(i)));
  const tail = chars.slice(start);
  // Only the filler after it ("刚", "是"): "十月中旬", "两个月左右" keep what they say.
  while (tail.length > 1 && AFTER_A_DATE.test(tail.at(-1)!) && same(tail.slice(0, -1))) tail.pop();
  return tail.join('').trim();
}

/**
 * A serial in a sentence: its one word of 8-20 letters and digits that has both ("LKL12345678"), or
 * the word right after a word for it ("机身号 20261234"); a card or mobile number is neither.
 */
function serialIn(said: string, localizer: Localizer): string | undefined {
  const serials = serialsIn(said, localizer);
  if (serials.size !== 1) return undefined;
  const [serial] = serials;
  return /^1[3-9]\d{9}$/.test(serial) || parseCardNumber(serial).ok ? undefined : serial;
}

/** The words of a sentence that read as serial numbers (two: "SN LKL81818181 and LKL82828282" are two terminals). */
export function serialsIn(text: string, localizer: Localizer): Set<string> {
  const said = text.normalize('NFKC');
  // Email addresses blanked out, in place: "wei.sn20261234@qq.com" holds no serial.
  const plain = said.replace(EMAIL_IN_TEXT, (email) => ' '.repeat(email.length));
  const words = [...plain.matchAll(/[A-Za-z0-9-]+/g)];
  const shaped = new Set(words.filter(({ 0: word, index }) => /[A-Za-z]/.test(word) && /\d/.test(word) && !saidOfAnother(said, index, localizer)).flatMap(({ 0: word }) => posSerialOf(word) ?? []));
  const label = phrasesPattern(localizer, ['cancel:words.edit.posSerial']).exec(plain);
  // Its groups as typed ("LKL 1234 5678"): a few letters, then groups that begin with a digit.
  const led = label && /^(?:\s*(?:number|no\.?|码|号))?[\s:：是为]*((?:[A-Za-z]{1,6}[ -]?)?\d[\dA-Za-z]*(?:[ -]\d[\dA-Za-z]*)*)/iu.exec(plain.slice(label.index + label[0].length))?.[1];
  const ledSerial = led ? posSerialOf(led) : undefined;
  if (ledSerial) shaped.add(ledSerial);
  return shaped;
}

/**
 * A name after words that only ever introduce one ("我叫", "姓名是", "my name is"); after a bare label
 * ("姓名", "name") only when the message gives other answers too, as a list of them does. It ends
 * where the next label, digit or sentence punctuation begins ("张伟卡号6212…", "Chen Jing card 6212…").
 */
function nameIn(said: string, localizer: Localizer, listing: boolean): string | undefined {
  // "我帮我妈注销 她叫王秀英 我叫李明", "my wife's name is Mary Lee", "店铺名字是幸福小吃": whose name, if
  // anyone's, the form takes is the merchant's to say.
  if (phrasesPattern(localizer, ['cancel:words.othersName']).test(said)) return undefined;
  const lead = phrasesPattern(localizer, ['cancel:words.nameLead']).exec(said) ?? (listing ? phrasesPattern(localizer, ['cancel:words.edit.fullName']).exec(said) : null);
  // "hi im Zhao Lei, …", "我是张伟，卡号…": words that introduce much else too ("I'm closing the shop",
  // "我是新用户"), so only a name as people write one follows them: capitalized Latin words, or Han
  // characters among other answers.
  const self = lead ? null : phrasesPattern(localizer, ['cancel:words.selfIntro']).exec(said);
  const match = lead ?? self;
  if (!match) return undefined;
  const after = said.slice(match.index + match[0].length).replace(/^[\s:：是为叫]+/u, '');
  const label = phrasesPattern(localizer, FIELD_LABELS).exec(after);
  // Apostrophes, hyphens and dots belong to names ("O'Brien", "热依拉·艾则孜"), but not a full stop after one.
  const clause = (label ? after.slice(0, label.index) : after).split(/[\d\n,，。;；:!！?？、()（）"“”]/u)[0].trim().replace(/\.$/, '');
  // A Chinese name is one word ("张伟 想注销机器"); a Latin one ends where the sentence goes on ("Chen Jing I need to cancel").
  const han = /^\p{Script=Han}/u.test(clause);
  const candidate = han ? clause.split(/\s/)[0] : clause.split(/\s+(?=(?:i|i'm|im|and|but|want|need|would|please|pls|thanks|thank|to|from|my|the|is|am)\b)/i)[0];
  // A Latin name in two words at least ("my name is on the card" names no one).
  const written = !self || (han ? listing : candidate.split(/\s+/).every((word) => /^\p{Lu}/u.test(word)));
  const named = candidate && written && (han || /\S\s+\S/.test(candidate)) && parseField('fullName', candidate, localizer).ok;
  return named ? candidate : undefined;
}
