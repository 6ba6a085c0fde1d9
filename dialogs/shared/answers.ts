import { parseReceiptDate } from '../../src/cases/dates';
import { EMAIL_IN_TEXT, parseCardNumber, parseEmail, parseFullName, parseMobile, parsePosSerial, posSerialOf, sameName, type Parsed } from '../../src/cases/inputs';
import { REASONS, type ReasonCode } from '../../src/cases/caseService';
import type { PendingAction } from '../../src/cases/pending';
import { pendingAnswer } from './caseAnswers';
import { normalizeText } from '../../src/nlu/normalize';
import type { Draft } from './drafts';
import { asksSomething, clausesOf, composedOf, isOneOf, labelOf, mentions, negatedBefore, negatedBeside, normalize, normalizedLabel, phrasesOf, phrasesPattern, words, yesNo, yesNoOnly, endingPattern } from './words';
import type { Localizer } from '../../src/i18n/localizer';
import { maskPii } from '../../src/pii/mask';
import { LANGUAGES } from '../../src/i18n/language';
import type { Label } from '../../src/nlu/intents';

export const FIELDS = ['fullName', 'cardNumber', 'posSerial', 'mobile', 'email'] as const;
export type Field = (typeof FIELDS)[number];
/** The review's words for each field ("卡号", "serial"), in both languages. */
export const FIELD_LABELS = FIELDS.map((field) => `cancel:words.edit.${field}`);
/** Fields the applicant may leave empty (the prompt shows a skip button). */
export const OPTIONAL_FIELDS: ReadonlySet<Field> = new Set(['email']);

export const FIELD_PARSERS: Record<Field, (text: string) => Parsed<string | undefined, string>> = {
  fullName: parseFullName,
  cardNumber: parseCardNumber,
  posSerial: parsePosSerial,
  mobile: parseMobile,
  email: parseEmail,
};

/** "Skip", "不用了", "没有邮箱", "不要邮箱", also in more words ("没有，谢谢", "none thanks", "邮箱没有，发短信就行"): the applicant leaves an optional field empty. */
export function isSkip(text: string, localizer: Localizer): boolean {
  // The field's own word around a no ("不要邮箱", "邮箱就不要了", "no need for email") says no more than the no.
  const fillers = [...words(localizer, 'filler'), ...words(localizer, 'edit.email'), ...words(localizer, 'skipFiller')];
  const skips = (said: string) => isOneOf(localizer, 'skip', said, ['cancel:skip']) || composedOf(normalize(said), words(localizer, 'skip'), fillers);
  // "邮箱没有，发短信就行": one sentence of it, when it gives no address.
  return skips(text) || (!text.includes('@') && text.split(CLAUSE_BREAK).some((clause) => clause.trim() !== '' && clause !== text && skips(clause)));
}

/** 👍, 🙏, "谢谢", "ok ty": a thank-you that answers nothing. */
export function isThanks(text: string, localizer: Localizer): boolean {
  return isOneOf(localizer, 'thanks', text);
}

/** "thanks bye", "谢谢 再见", "好的拜拜": leaving, politely. */
export function saysGoodbye(text: string, localizer: Localizer): boolean {
  return isThanks(text, localizer) || composedOf(normalize(text), [...words(localizer, 'thanks'), ...words(localizer, 'bye')], words(localizer, 'filler'));
}

/** "你好", "在吗", "hello there": a greeting in the middle of a form, which answers nothing. */
export function isGreeting(text: string, localizer: Localizer): boolean {
  return isOneOf(localizer, 'greeting', text) || composedOf(normalize(text), words(localizer, 'greeting'), words(localizer, 'filler'));
}

/** "为什么要卡号", "why do you need my name?", "我不想给": why the field is asked for. */
export function asksWhy(text: string, localizer: Localizer): boolean {
  return mentions(localizer, 'why', text);
}

/** "继续", "继续填写吧", "keep going": go on with what was being done; "不继续了" is not. */
export function saysContinue(text: string, localizer: Localizer): boolean {
  return composedOf(normalize(text), words(localizer, 'draft.continue'), words(localizer, 'filler')) && !negatedBeside(text, localizer, ['cancel:words.draft.continue']);
}

/**
 * "hang on, getting my card", "wait let me find it", "等一下哈": the merchant asks for a moment, and says
 * nothing else ("brb gotta check with my wife", "等下我去找下卡" say more, and are read for it).
 */
export function holdsOn(text: string, localizer: Localizer): boolean {
  return composedOf(normalize(text), words(localizer, 'holdOn'), words(localizer, 'filler'));
}

/**
 * "oops sorry i meant Maria L Garcia" at the card question: a new value for the answer just given (the
 * field asked for before `asked`), said after the words that take it back; none when it is no such value.
 */
export function meantBefore(asked: Editable, text: string, localizer: Localizer): { field: Field; value: string } | undefined {
  const index = (FIELDS as readonly string[]).indexOf(asked);
  const field = index > 0 ? FIELDS[index - 1] : undefined;
  const said = text.normalize('NFKC');
  const lower = said.toLowerCase();
  // Latin words as whole words ("i meant" is no "i mean" and a "t").
  const at = field && phrasesOf(localizer, 'cancel:words.meant').map((phrase) => ({ phrase, index: lower.indexOf(phrase) })).find(({ phrase, index }) => index >= 0 && !/[a-z]/.test(lower[index - 1] ?? '') && !(/[a-z]$/.test(phrase) && /[a-z]/.test(lower[index + phrase.length] ?? '')));
  if (!at) return undefined;
  const value = said.slice(at.index + at.phrase.length).replace(/^[\s\p{P}]+/u, '').trim();
  return value && parseField(field, value, localizer).ok ? { field, value } : undefined;
}

/** "不用了，我已经打电话办好了", "no thanks, I did it by phone": a no, then why (its first clause alone is one). */
export function saysNoFirst(text: string, localizer: Localizer): boolean {
  const [first] = text.split(CLAUSE_BREAK);
  return first.trim() !== '' && first !== text && yesNo(first, localizer) === false;
}

/** "不等了", "算了吧", "stop waiting": the user in the queue for a person no longer wants one. */
export function saysStopWaiting(text: string, localizer: Localizer): boolean {
  // Or said in a sentence that can mean nothing else ("nvm i dont need an agent anymore").
  return composedOf(normalize(text), words(localizer, 'stopWaiting', 'handoff'), words(localizer, 'filler')) || mentions(localizer, 'noPersonNeeded', text, 'handoff');
}

/** "在哪看机身号", "where do I find it": a question about the field being asked. */
export function asksForHelp(text: string, localizer: Localizer): boolean {
  return mentions(localizer, 'help', text);
}

/** A cancellation reason: tapped, by number 1-4, or said another way ("机器坏了", "店不开了"). */
export function reason(text: string, localizer: Localizer): ReasonCode | undefined {
  const said = normalize(text);
  if (/^[1-4]$/.test(said)) return REASONS[Number(said) - 1];
  for (const code of REASONS) {
    if (LANGUAGES.some((l) => normalizedLabel(localizer.t(l, `cancel:reasons.${code}`)) === said)) return code;
  }
  // "device", "经营": the start of one button's label.
  const started = REASONS.filter((code) => [...said].length >= 2 && LANGUAGES.some((l) => normalizedLabel(localizer.t(l, `cancel:reasons.${code}`)).startsWith(said)));
  if (started.length === 1) return started[0];
  // "two", "第二个": by its number in words.
  const numbered = REASONS.find((_, i) => isOneOf(localizer, `reasonNumbers.${i + 1}`, text));
  if (numbered) return numbered;
  // "不是经营变更 是手续费太贵", "not business closing": a reason said with a no is not it (another
  // reason's words are no no: "不想用了店不开了"); nor one called fine in its sentence ("账户没问题，就是不想用了").
  const named = REASONS.filter(
    (code) =>
      mentions(localizer, `reasons.${code}`, text) &&
      !negatedBefore(localizer, `reasons.${code}`, text, 'cancel', REASON_WORDS) &&
      !text.split(CLAUSE_BREAK).some((clause) => mentions(localizer, `reasons.${code}`, clause) && calledFine(clause, localizer)),
  );
  // "账户异常和其他原因有什么区别": a question about the reasons answers none of them.
  if (named.length > 1 && asksSomething(text, localizer)) return undefined;
  return named[0];
}

/** Every reason's words (locale ids). */
const REASON_WORDS = REASONS.map((code) => `cancel:words.reasons.${code}`);

/**
 * A named reason stated in passing in a message about more ("我要注销pos机，机器坏了用不了", "want to
 * cancel, my shop closed"), with the clause that states it: only in the plainer words of locales
 * "words.statedReasons" (a message that names "生意" or "account" states no reason by that), not said
 * with a no. A reason of its own ("other") is left for the question, which offers the four.
 */
export function statedReason(text: string, localizer: Localizer): { code: ReasonCode; clause: string } | undefined {
  for (const clause of clausesOf(text)) {
    const code = REASONS.find((c) => c !== 'other' && mentions(localizer, `statedReasons.${c}`, clause) && !negatedBefore(localizer, `statedReasons.${c}`, clause));
    if (code) return { code, clause };
  }
  return labelledReason(text, localizer);
}

/**
 * "reason: closing the shop", "原因是手续费太高": what follows a word that labels the reason, in its
 * clause, is the reason whatever its words (one of the four when it names one, else the merchant's own).
 */
function labelledReason(text: string, localizer: Localizer): { code: ReasonCode; clause: string } | undefined {
  const lead = phrasesPattern(localizer, ['cancel:words.reasonLead']);
  for (const clause of clausesOf(text)) {
    const found = lead.exec(clause);
    const said = found ? clause.slice(found.index + found[0].length).replace(/^[\s:：是为]+|[\s\p{P}]+$/gu, '') : '';
    if (!said) continue;
    const code = reason(said, localizer) || (isOwnReason(said, localizer) ? 'other' : undefined);
    if (code) return { code, clause: said };
  }
  return undefined;
}

/**
 * The new value in a correction ("名字写错了，应该是张三", "the mobile should be 139…"): what follows
 * one of the "change to" words (locales "words.changeTo"), shortest first, the first `accepts` takes;
 * failing all, the first clause of each ("改成赵七 不是赵四"), shortest first.
 */
export function correctedValue(text: string, localizer: Localizer, accepts: (value: string) => boolean): string | undefined {
  const said = text.normalize('NFKC');
  const rests = LANGUAGES.flatMap((l) => (localizer.tree(l, 'cancel:words.changeTo') as string[] | undefined) ?? []).flatMap((word) => {
    // Latin words only as whole words ("to" is not in "stop").
    const pattern = new RegExp(/^[a-z ]+$/i.test(word) ? `\\b${word}\\b` : word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');
    return (
      [...said.matchAll(pattern)]
        // "改成赵七 不是赵四": what follows a no is the old value.
        .filter((m) => !/(?:不|没|not|n't|isn't)\s*$/iu.test(said.slice(0, m.index)))
        .map((m) => said.slice(m.index + m[0].length).replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, ''))
        .filter(Boolean)
    );
  });
  const shortest = (candidates: string[]) => [...new Set(candidates)].sort((a, b) => a.length - b.length).slice(0, CANDIDATES);
  return shortest(rests).find(accepts) ?? shortest(rests.map((rest) => rest.split(PHRASE_BREAK)[0].trim()).filter(Boolean)).find(accepts);
}

/**
 * How many of a correction's candidates are tried: each is parsed, and a parse may look for a
 * correction itself ("是是是…", two thousand characters, took seconds of CPU at the summary).
 */
const CANDIDATES = 8;

/**
 * Each change a message at the summary asks for with its new value ("名字改成赵七 手机改成139…",
 * "change name to Tom Hardy and mobile to 139…", "手机号填错了，正确的是139…"): the text from each
 * item's label to the next one's, read as `correctedValue` reads a correction, in the order they are
 * said; words that call it fine ("名字没问题", "name is still …") are no value of it.
 */
export function correctionsIn<T extends string>(text: string, localizer: Localizer, items: readonly T[], accepts: (item: T, value: string) => boolean): { item: T; value: string }[] {
  return itemsSaid(text, localizer, items).flatMap(({ item, segment }) => {
    // "Tom Hardy and", "赵七，还有": the words that join the next change are not the value's.
    const said = segment
      .split(phrasesPattern(localizer, ['cancel:words.itemFine']))
      .join(' ')
      // "是LKL94000009不是08", "LKL94000009 not 08": the old value said beside the new one is not it;
      // "不是08，是LKL94000009": the one after.
      .replace(/(?<=[\p{L}\p{N}])\s*(?:而?不是|, ?not |\s+not |\s+instead of )[^，,。;；]*$/iu, '')
      .replace(/^[\s\p{P}]*不是[^，,。是]*[，,]?\s*(?=是)/u, '')
      .replace(/(?:[\s,，、]+(?:and|also|plus|but)|和|还有|以及|然后|另外|并且|但是)?[\s\p{P}]*$/iu, '');
    const take = (candidate: string) => accepts(item, candidate);
    // The value after a "change to" word, or one that stands out on its own ("邮箱加上a@b.com",
    // "原因 设备故障"); never the bare words after a name's label ("名字有问题").
    const plain = item === 'fullName' ? undefined : said.replace(/^[\s\p{P}]+/u, '');
    const standsOut = (FIELDS as readonly string[]).includes(item) ? foundIn(item as Field, said, localizer) : undefined;
    const value = correctedValue(said, localizer, take) ?? [plain, standsOut].find((candidate) => candidate !== undefined && candidate !== '' && take(candidate));
    return value === undefined ? [] : [{ item, value }];
  });
}

/** What the summary can change: every field, the date and the reason. */
export const EDITABLE = ['receivedOn', 'reason', ...FIELDS] as const;
export type Editable = (typeof EDITABLE)[number];

/**
 * The changes to the application a message asks for with their new values (`correctionsIn` over
 * every item): a valid date (counted back from `today`), one of the four reasons by name ("other"
 * asks for its detail, as changing it by button does), a valid field.
 */
export function changesAsked(text: string, localizer: Localizer, today: string): { item: Editable; value: string }[] {
  return correctionsIn(text, localizer, EDITABLE, (item, value) => {
    if (item === 'receivedOn') return parseReceiptDate(value, today).ok;
    if (item === 'reason') return (reason(value, localizer) ?? 'other') !== 'other';
    return parseField(item, value, localizer).ok;
  });
}

/**
 * The items a message names (by the review's words for them), in the order said, each with the text
 * from its word to the next item's.
 */
function itemsSaid<T extends string>(text: string, localizer: Localizer, items: readonly T[]): { item: T; segment: string }[] {
  const said = text.normalize('NFKC');
  const labels = items
    .flatMap((item) => {
      const found = phrasesPattern(localizer, [`cancel:words.edit.${item}`]).exec(said);
      return found ? [{ item, at: found.index, end: found.index + found[0].length }] : [];
    })
    .sort((a, b) => a.at - b.at);
  return labels.map(({ item, end }, i) => ({ item, segment: said.slice(end, labels[i + 1]?.at ?? said.length) }));
}

/** The first item a message names that it does not call fine ("名字没问题，卡号也对，就是手机号写错了" → the mobile). */
export function itemToChange<T extends string>(text: string, localizer: Localizer, items: readonly T[]): T | undefined {
  return itemsSaid(text, localizer, items).find(({ segment }) => !calledFine(segment, localizer))?.item;
}

/** "没问题", "is fine", not "不正确". */
function calledFine(segment: string, localizer: Localizer): boolean {
  return mentions(localizer, 'itemFine', segment) && !negatedBeside(segment, localizer, ['cancel:words.itemFine']);
}

/** True when the reason was given in the user's own words rather than by its label or number. */
export function reasonInOwnWords(text: string, localizer: Localizer): boolean {
  const said = normalize(text);
  // "其他", "other": the label in fewer words, which says no more than it ("其他原因" asks for the detail).
  if (isOneOf(localizer, 'otherBare', text)) return false;
  return !/^[1-4]$/.test(said) && !REASONS.some((code) => LANGUAGES.some((l) => normalizedLabel(localizer.t(l, `cancel:reasons.${code}`)) === said));
}

/** A named reason's sentence this long or longer says more than its label ("机器老是断蓝牙，打不出小票"). */
const DETAIL_BEYOND_LABEL = 12;

/**
 * What is kept of the merchant's words beside their reason's code: their own reason ("other"), or a
 * sentence saying more than a named reason's label; card numbers masked, as everywhere they are kept.
 */
export function reasonDetail(code: ReasonCode, text: string, localizer: Localizer): string | undefined {
  const said = text.trim();
  const more = reasonInOwnWords(said, localizer) && (code === 'other' || [...normalize(said)].length >= DETAIL_BEYOND_LABEL);
  return more ? maskPii(said).slice(0, 500) : undefined;
}

/**
 * A reason none of the four names, in the merchant's own words ("手续费太高", "too complicated"): a
 * statement of two letters or more that is no question, no yes or no, no thank-you, no date, no
 * button of the review, no word for a correction, no name with a title and no complaint.
 */
const titledName = (text: string) => {
  const name = parseFullName(text);
  return !name.ok && name.error === 'name_title';
};

export function isOwnReason(text: string, localizer: Localizer): boolean {
  const said = normalize(text);
  return (
    [...said].length >= 2 &&
    /\p{L}/u.test(said) &&
    !asksSomething(text, localizer) &&
    yesNo(text, localizer) === undefined &&
    !isThanks(text, localizer) &&
    !isDate(text, localizer) &&
    labelOf(localizer, EDIT_LABELS, text) === undefined &&
    // "修改", "写错了": a word about changing an answer.
    !isOneOf(localizer, 'correction', text) &&
    // "张伟先生" (a name typed a question early), "this is ridiculous, I want to complain".
    !titledName(text) &&
    !mentions(localizer, 'complaint', text, 'bot') &&
    // "卡号6212…" typed a question early: a value of the form, kept as such.
    !holdsFormValue(text)
  );
}

/** Whether the text holds a card or mobile number or an email address anywhere. */
function holdsFormValue(text: string): boolean {
  const said = text.normalize('NFKC');
  return [FOUND.cardNumber!, FOUND.mobile!, FOUND.email!].some((pattern) => said.search(pattern) >= 0);
}

export const REASON_LABELS = REASONS.map((code) => `cancel:reasons.${code}`);

/** The review's buttons ("修改日期"), typed before the review: no reason. */
const EDIT_LABELS = ['receivedOn', 'reason', ...FIELDS].map((field) => `cancel:edit.${field}`);

/** A date, or a correction to one ("上个月" sent again, "不对，是两个月前"): no reason. */
function isDate(text: string, localizer: Localizer): boolean {
  const parses = (candidate: string) => parseReceiptDate(candidate, '2100-01-01').ok;
  return parses(text) || correctedValue(text, localizer, parses) !== undefined;
}

/**
 * Set on the turn by the router when the message at the reason question is the merchant's own reason:
 * the reason prompt takes it as "other" (the router, which has recognized the message, is where a
 * question or a request is told from a reason).
 */
export const OWN_REASON = Symbol('ownReason');

/** Set on the turn by the router when "我要注销POS机", said again at "shall we start the application?", means yes. */
export const SAID_YES = Symbol('saidYes');

/** Set on the turn by the router when "not now, maybe tomorrow" at "shall we start the application?" means no for now. */
export const SAID_NOT_NOW = Symbol('saidNotNow');

/** A field value, with "skip" words accepted where the field is optional. */
export function parseField(field: Field, text: string, localizer: Localizer): Parsed<string | undefined, string> {
  if (OPTIONAL_FIELDS.has(field) && isSkip(text, localizer)) return { ok: true, value: undefined };
  // A yes/no/ok word, a thank-you, a greeting, a question or a command ("cancel", "转人工") is never a name, whatever its letters.
  if (field === 'fullName') {
    // "hi, my name is Chen Jing": the name without the greeting and the introduction; "hi im back": no name.
    const introduced = withoutIntroduction(withoutGreeting(text, localizer), localizer);
    const untitled = without(introduced, localizer, 'titles');
    // What people end a name with ("chen jing thanks", "陈静谢谢").
    const name = untitled.replace(endingPattern(localizer, 'cancel:words.nameOutro'), '').trim();
    // "Mr. Wang" is how he is addressed, not the account's name that review checks (as "王先生"): the
    // full name is asked for; "Mr Wang Fang" is the name without its title.
    if (untitled !== introduced && !/\s/.test(name)) return { ok: false, error: 'name_title' } as const;
    const notName = (said: string) =>
      yesNo(said, localizer) !== undefined ||
      isThanks(said, localizer) ||
      isGreeting(said, localizer) ||
      asksSomething(said, localizer) ||
      isOneOf(localizer, 'notName', said) ||
      holdsOn(said, localizer) ||
      // "设备故障" tapped again on the reason's buttons.
      labelOf(localizer, REASON_LABELS, said) !== undefined ||
      // "确认无误", "looks right": the summary's words, typed a question early.
      isOneOf(localizer, 'allCorrect', said, ['cancel:confirm']) ||
      saysContinue(said, localizer);
    // "名字写错了", "原因选错了" would pass for a name of Han characters: a correction is none.
    const correction = /^\p{Script=Han}+$/u.test(name) && mentions(localizer, 'correction', name);
    const parsed = notName(text) || notName(name) || correction ? ({ ok: false, error: 'name_word' } as const) : parseFullName(name);
    if (parsed.ok) return parsed;
    // "张伟 6212… LKL…", "张伟卡号6212…": the name given with other answers, which are taken out with their labels.
    const rest = withoutOtherAnswers(text, localizer);
    return rest !== undefined ? (parseField(field, rest, localizer) as typeof parsed) : parsed;
  }
  // "john at gmail dot com": the address spelled out, read as typed (the summary shows it before signing).
  if (field === 'email') text = withSymbolsSpelled(text, localizer);
  const parsed = FIELD_PARSERS[field](text);
  // A card number said as such is no serial, whatever the sentence around it.
  if (parsed.ok || parsed.error === 'serial_card') return parsed;
  // The value said in a sentence: "我的手机号是13800138001", "机身号是 LKL 1234 5678", "it should be …".
  const value = correctedValue(text, localizer, (candidate) => FIELD_PARSERS[field](candidate).ok) ?? foundIn(field, text, localizer);
  return value === undefined ? parsed : FIELD_PARSERS[field](value);
}

/**
 * The text with an email address's "@" and dots put back where they were spelled out between its parts
 * ("john dot lee at gmail dot com", "john (at) qq (dot) com", "john艾特qq点com"). Only a word standing
 * between two parts counts, and what it makes is still checked as an address ("me at home" makes none).
 */
function withSymbolsSpelled(text: string, localizer: Localizer): string {
  const spelled = (list: string) => {
    const names = phrasesOf(localizer, `cancel:words.${list}`).map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    const latin = names.filter((word) => /^[a-z]/.test(word));
    const other = names.filter((word) => !/^[a-z]/.test(word));
    // A Latin word with spaces or brackets around it ("at", "(at)"); any other right between the parts ("艾特").
    const word = latin.length ? `(?:\\s+[([]?|[([])(?:${latin.join('|')})(?:[)\\]]?\\s+|[)\\]])` : '(?!)';
    const symbol = other.length ? `\\s*(?:${other.join('|')})\\s*` : '(?!)';
    return new RegExp(`(?<=[\\w-])(?:${word}|${symbol})(?=[\\w-])`, 'giu');
  };
  const said = text.normalize('NFKC');
  // Typed with its "@" ("reach me at li.na@example.com"), it is spelled nowhere.
  if (said.includes('@')) return said;
  // An address has one "@": the last "at" ("reach me at john dot lee at gmail dot com"); the words before it are no address.
  const ats = [...said.matchAll(spelled('emailAt'))];
  const last = ats.at(-1);
  const withAt = last ? said.slice(0, last.index) + '@' + said.slice(last.index + last[0].length) : said;
  return withAt.replace(spelled('emailDot'), '.');
}

/**
 * The text without the card, mobile and serial numbers and email addresses in it, and the words that
 * label them, when one word or a Latin name is left; none when it holds none, or a digit is left
 * ("张三3" is a typo, not a name and a value).
 */
function withoutOtherAnswers(text: string, localizer: Localizer): string | undefined {
  // "my name is …": its "name" is no label of a value to take out.
  const said = withoutIntroduction(text, localizer);
  const rest = said
    .replace(FOUND.cardNumber!, ' ')
    .replace(FOUND.mobile!, ' ')
    .replace(FOUND.email!, ' ')
    .replace(/[A-Za-z0-9-]*\d[A-Za-z0-9-]*/g, (word) => (posSerialOf(word) !== undefined ? ' ' : word));
  if (rest === said || /\d/.test(rest)) return undefined;
  // A label with what joins it to its value: "卡号是", "手机号：", "card number is".
  const labels = phrasesPattern(localizer, FIELD_LABELS);
  const labelled = new RegExp(`(?:${labels.source})(?:\\s*(?:number|no\\.?)\\b)?[\\s:：]*(?:是|为|is\\b)?`, labels.flags);
  const name = rest.split(labelled).join(' ').replace(/[\s\p{P}]+/gu, ' ').trim();
  // One word of Chinese characters, or Latin words: "赵七 改成" (what was around the values) is none.
  return /^\S+$|^[\p{Script=Latin} ]+$/u.test(name) ? name : undefined;
}

/** A field's answer as the draft keeps it (the card number sealed). */
export function fieldValue(draft: Draft, field: Field): unknown {
  return field === 'cardNumber' ? draft.cardSealed : draft[field];
}

/** The first question the unfinished application has no answer for; none once its summary is reached. */
export function nextQuestion(draft: Draft): 'receivedOn' | 'reason' | Field | undefined {
  if (!draft.receivedOn) return 'receivedOn';
  if (!draft.reason) return 'reason';
  return FIELDS.find((field) => fieldValue(draft, field) === undefined);
}

/** Whether the unfinished application has every answer (its summary has been reached). */
export function isComplete(draft: Draft): boolean {
  return nextQuestion(draft) === undefined;
}

/**
 * Whether the text answers the question the unfinished application asks next (the first it has no
 * answer for), typed at a question about the draft ("LKL12345678" at "continue your application?"),
 * or changes its summary's items when it has every answer. Not the name: almost any short reply
 * would pass for one.
 */
export function answersNextQuestion(draft: Draft, text: string, localizer: Localizer): boolean {
  const next = nextQuestion(draft);
  // Every question answered: changes to the summary's items ("名字改成王建华 手机改成139…").
  if (next === undefined) return changesAsked(text, localizer, '2100-01-01').length > 0;
  if (next === 'receivedOn') return receiptDate(text, '2100-01-01').parsed.ok;
  if (next === 'reason') return reason(text, localizer) !== undefined;
  return next !== undefined && next !== 'fullName' && parseField(next, text, localizer).ok;
}

/** What a mobile number, a card number or an email address looks like anywhere in a sentence. */
const FOUND: Partial<Record<Field, RegExp>> = {
  // Digits grouped by spaces or dashes as people type them ("138-0013-8000", "6212 2602 …").
  // Never from the middle of a word: "LKL12345678 13800138000" holds no card number, nor "6212 … 67O"
  // (a letter typed for a digit) a shorter one.
  mobile: /(?<![\w+])(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d){8}(?![\d-])/g,
  cardNumber: /(?<![\w-])\d(?:[\s-]?\d){12,18}(?![\d-])(?![A-Za-z])(?![\s-]?\d+[A-Za-z])/g,
  email: EMAIL_IN_TEXT,
};

/**
 * The one mobile number, card number or email address in a sentence that holds other words too
 * ("电话138-0013-8000，邮箱a@b.com", "card no. 6212…"); none when there is none or more than one
 * (which is meant is unclear).
 */
export function foundIn(field: Field, text: string, localizer?: Localizer): string | undefined {
  const pattern = FOUND[field];
  if (!pattern) return undefined;
  const said = text.normalize('NFKC');
  const found = new Set([...said.matchAll(pattern)].filter((m) => !localizer || !saidOfAnother(said, m.index, localizer)).map((m) => m[0]));
  return found.size === 1 ? [...found][0] : undefined;
}

/**
 * Whether the words right before a value (back to the last digit or clause break, at most twenty
 * characters) make it another kind of number or someone else's: "商户号822…", "merchant no. 822…",
 * "业务员的电话是139…", "快递单号SF123…".
 */
export function saidOfAnother(said: string, at: number, localizer: Localizer): boolean {
  const before = said.slice(Math.max(0, at - 20), at).split(/[\d，,。；;！!\n]/).at(-1)!;
  return phrasesPattern(localizer, ['cancel:words.otherNumber']).test(before);
}

/**
 * A name without the words people introduce themselves with ("my name is Chen Jing", "我叫张三"):
 * kept whole, they became the name the merchant had to sign with. Only these words, never what
 * follows "是" in any sentence: the end of almost any sentence would pass for a name.
 */
function withoutIntroduction(text: string, localizer: Localizer): string {
  // "my full name is on the card as CHEN XIAOMING": introductions one after the other.
  let name = text.normalize('NFKC').trim();
  for (let rest = without(name, localizer, 'nameIntro'); rest !== name; rest = without(name, localizer, 'nameIntro')) name = rest;
  return name;
}

/** "姓名：吴敏", "my name is Chen Jing": a name said with the words that introduce one. */
export function introducesName(text: string, localizer: Localizer): boolean {
  return withoutIntroduction(withoutGreeting(text, localizer), localizer) !== withoutGreeting(text, localizer);
}

/**
 * "对的 签名王小明", "yes correct, signed Tom Lee" at the summary: all correct, and the signature, in one
 * message. The signature is the applicant's deliberate act, so it must be called one ("签名", "signed"), not
 * only the name said after a yes ("对的 王小明" may say the name shown is right).
 */
export function confirmsAndSigns(text: string, name: string, localizer: Localizer): boolean {
  const said = text.normalize('NFKC').trim().replace(/[。.!！]+$/u, '');
  const tail = said.slice(-name.length);
  if (!sameName(tail, name)) return false;
  const rest = said.slice(0, said.length - tail.length).replace(/[\s:：,，、]+$/u, '').toLowerCase();
  const label = phrasesOf(localizer, 'cancel:words.signedWord').find((word) => rest.endsWith(word));
  if (!label) return false;
  const confirmation = rest.slice(0, rest.length - label.length).replace(/[\s,，、.。!！]+$/u, '');
  return isOneOf(localizer, 'allCorrect', confirmation, ['cancel:confirm']) || yesNoOnly(confirmation, localizer) === true;
}

/** "signed: Tom Lee", "签名：张三": what follows the word that labels a signature as one. */
export function withoutSignLabel(text: string, localizer: Localizer): string {
  return without(text, localizer, 'signLabel');
}

/** "hi, …", "你好，…": what follows a greeting (a Latin greeting as a whole word: "Hilda" keeps her "Hi"). */
function withoutGreeting(text: string, localizer: Localizer): string {
  return without(text, localizer, 'greeting');
}

/** The text without the longest of the words (`key` in the locales) it starts with, and the punctuation after it. */
function without(text: string, localizer: Localizer, key: string): string {
  const said = text.normalize('NFKC').trim();
  const lower = said.toLowerCase();
  // Latin words, and a lone Chinese character ("早"), as whole words: "Hilda", "早苗" keep their start.
  const intro = phrasesOf(localizer, `cancel:words.${key}`).find(
    (word) => lower.startsWith(word) && !(/[a-z]$/.test(word) && /^[a-z]/.test(lower.slice(word.length))) && !(/^\p{Script=Han}$/u.test(word) && /^\p{Script=Han}/u.test(lower.slice(word.length))),
  );
  const rest = intro === undefined ? '' : said.slice(intro.length).replace(/^[\s\p{P}]+/u, '');
  return rest || said;
}

const CLAUSE_BREAK = /[，,。；;！!\n]+/;
/** A clause's end, or a space beside Chinese characters: "赵七 不是赵四" begins with its value. */
const PHRASE_BREAK = /[，,。；;！!\n]+|(?<=\p{Script=Han})\s+|\s+(?=\p{Script=Han})/u;

/** What says a date is rough, kept before its words: "about", "mid" of "around mid october". */
const ROUGH_WORDS = new Set(['about', 'around', 'roughly', 'approximately', 'approx', 'maybe', 'probably', 'early', 'mid', 'late', 'end', 'beginning', 'start', 'the', 'of']);

/**
 * A date's own words in an English sentence, to show as said: "early september" of "i got it in early
 * september" (the fewest last words that read as the same day, with the rough words before them).
 */
function dateAsSaid(text: string, value: string, today: string): string {
  const words = text.trim().split(/\s+/);
  if (words.length < 2 || /\p{Script=Han}/u.test(text)) return text.trim();
  const same = (part: string[]) => {
    const parsed = parseReceiptDate(normalizeText(part.join(' ')), today);
    return parsed.ok && parsed.value === value;
  };
  let start = words.findLastIndex((_, i) => same(words.slice(i)));
  while (start > 0 && ROUGH_WORDS.has(words[start - 1].toLowerCase())) start--;
  return words.slice(Math.max(start, 0)).join(' ');
}

/**
 * The receipt date in a reply: the whole of it, or one clause when the merchant said more
 * ("上个月收到的，因为店不开了", "got it 2 months ago, the machine is broken"), with the other clauses.
 */
export function receiptDate(text: string, today: string): { parsed: Parsed<string, 'date_format' | 'date_future'>; rest: string; said: string } {
  // "上個月", "兩個月前": read as their simplified forms.
  const whole = parseReceiptDate(normalizeText(text), today);
  if (whole.ok) return { parsed: whole, rest: '', said: dateAsSaid(text, whole.value, today) };
  if (whole.error === 'date_future') return { parsed: whole, rest: '', said: text.trim() };
  const clauses = text.split(CLAUSE_BREAK).map((clause) => clause.trim()).filter(Boolean);
  for (const [i, clause] of clauses.entries()) {
    const parsed = parseReceiptDate(normalizeText(clause), today);
    if (clauses.length > 1 && parsed.ok) return { parsed, rest: clauses.filter((_, j) => j !== i).join('，'), said: clause };
  }
  // "十月五号收到的 店不开了", "10月 5号收到的 店不开了": the most words from the start, or to the end, that are a date.
  // In a few words: a long message would cost two parses a word.
  const words = text.trim().split(/\s+/);
  for (let n = words.length <= 12 ? words.length - 1 : 0; n >= 1; n--) {
    for (const [date, rest] of [[words.slice(0, n), words.slice(n)], [words.slice(-n), words.slice(0, -n)]]) {
      const parsed = parseReceiptDate(normalizeText(date.join(' ')), today);
      if (parsed.ok) return { parsed, rest: rest.join(' '), said: date.join(' ') };
    }
  }
  return { parsed: whole, rest: '', said: text.trim() };
}

/** What a waiting prompt accepts, by name: stored in dialog state, so it must not be a function. */
export type Expectation =
  /**
   * `unchecked`: at the card question, a UnionPay number that failed Luhn (sealed), which the merchant may confirm.
   * `known`: the question offers a value on file (the application's mobile), taken with its buttons' `labels`.
   * `help`: the locale key of its help, where the field's own ("a mobile that receives texts") does not fit.
   */
  | { field: Field; unchecked?: string; known?: { labels: string[] }; help?: string; editing?: true }
  /** `editing`: a change asked for at the summary, which "不改了", "keep the old one" leave. */
  | { kind: 'yesNo' | 'reason' | 'date' | 'free'; editing?: true }
  /** The summary of the application: all correct, or what to change. */
  | { kind: 'free'; summary: true }
  | { kind: 'signature'; name: string }
  /** The prompt's own buttons (in either language), yes/no, or the word lists (`words` keys, `ns:key` outside cancel's) that mean one of them. */
  | { kind: 'choice'; labels: string[]; words?: string[] }
  /** What the merchant's case waits for: its buttons, its words, or yes/no. */
  | { kind: 'pending'; action: PendingAction }
  /** The card's last 4 digits or the mobile number that prove the case (checked against the case itself). */
  | { kind: 'proof'; reference: string; cardOnly?: true }
  /** "Which did you mean?": any reply ends it (the pick, or a new message). */
  | { kind: 'clarify'; intents: Label[] };

/** The help text key of a question, when it has one. */
export function helpKey(expectation: Expectation): string | undefined {
  if ('field' in expectation) return expectation.help ?? `cancel:help.${expectation.field}`;
  if (expectation.kind === 'date') return 'cancel:help.receivedOn';
  if (expectation.kind === 'reason') return 'cancel:help.reason';
  return undefined;
}

/** Why a question asks what it does: a field's, the date's, the reason's, the signature's. */
export function whyKey(expectation: Expectation): string | undefined {
  if ('field' in expectation) return `cancel:why.${expectation.field}`;
  if (expectation.kind === 'date') return 'cancel:why.receivedOn';
  if (expectation.kind === 'signature') return 'cancel:why.signature';
  return expectation.kind === 'reason' ? 'cancel:why.reason' : undefined;
}

/** "不改了", "no keep the old card", "all correct": at a change asked for at the summary, the answer stays as it was (not a question about it). */
export function keepsAsIs(text: string, localizer: Localizer): boolean {
  // No negation check: "no, keep the old card" says no to the change.
  return mentions(localizer, 'keepAsIs', text) && !asksSomething(text, localizer);
}

/** "没错", "核对过了，没问题", "it's correct": the card number asked to be checked is right (not "我再确定一下"). */
export function confirmsCard(text: string, localizer: Localizer): boolean {
  // "right?", "没问题吧": a question confirms nothing.
  return composedOf(normalize(text), words(localizer, 'cardConfirmed'), words(localizer, 'filler')) && !asksSomething(text, localizer);
}

/** "就打这个号", "same number", a yes or the button: the value on file offered by the question is taken (not "不是这个号"). */
export function takesKnown(known: { labels: string[] }, text: string, localizer: Localizer): boolean {
  const yes = yesNo(text, localizer);
  const tapped = known.labels.some((label) => normalizedLabel(label) === normalize(text));
  return yes !== false && (tapped || yes === true || mentions(localizer, 'sameNumber', text));
}

/** True when the text is an answer to the prompt rather than something to interrupt it with. */
export function answers(expectation: Expectation, text: string, localizer: Localizer): boolean {
  if ('field' in expectation) {
    const known = expectation.known !== undefined && takesKnown(expectation.known, text, localizer);
    return known || parseField(expectation.field, text, localizer).ok || (expectation.unchecked !== undefined && confirmsCard(text, localizer));
  }
  switch (expectation.kind) {
    case 'yesNo':
      return yesNo(text, localizer) !== undefined;
    case 'reason':
      return reason(text, localizer) !== undefined;
    case 'date': {
      // Any day, or a time to come in words ("next week"), which the question says is not yet.
      const { parsed } = receiptDate(text, '2100-01-01');
      return parsed.ok || parsed.error === 'date_future';
    }
    case 'choice': {
      const said = normalize(text);
      return (
        expectation.labels.some((label) => normalizedLabel(label) === said) ||
        yesNo(text, localizer) !== undefined ||
        (expectation.words ?? []).some((key) => {
          const [ns, list] = key.includes(':') ? key.split(':') : ['cancel', key];
          return mentions(localizer, list, text, ns);
        })
      );
    }
    case 'pending':
      // A bare yes ("好的", "ok") only acknowledges what the case waits for; a bare no ("没有", "not yet") answers it.
      return pendingAnswer(expectation.action, text, localizer) !== undefined || yesNo(text, localizer) === false;
    case 'signature':
    case 'free':
      return true;
    case 'proof':
      return /\d{4}/.test(text.normalize('NFKC').replace(/\D+/g, ''));
    case 'clarify':
      return false;
  }
}
