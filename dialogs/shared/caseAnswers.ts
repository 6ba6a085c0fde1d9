import type { CaseRecord } from '../../src/cases/caseService';
import { pendingAction, type PendingAction } from '../../src/cases/pending';
import type { Language } from '../../src/i18n/language';
import type { Localizer } from '../../src/i18n/localizer';
import { asksSomething, clausesOf, compactLength, composedOf, labelOf, mentions, negatedBeside, normalize, withoutPhrases, words, wordsIn } from './words';

/* What a merchant says about their case, whenever they say it: the answers to what it waits for, a withdrawal, a new application. */

/** The buttons and the words (locales/<lang>/case.json "words") of each thing a case waits for. */
export const ACTION_ANSWERS: Record<PendingAction, { yes: string; no: string; yesWords: string; noWords: string }> = {
  accept_offer: { yes: 'case:accept', no: 'case:decline', yesWords: 'accept', noWords: 'decline' },
  confirm_arrival: { yes: 'case:arrived', no: 'case:notArrived', yesWords: 'arrived', noWords: 'notArrived' },
};

/**
 * The merchant's answer to what their case waits for, whenever they give it: its button, or a sentence
 * with its words ("我接受这个方案", "钱到了", "还没到账", "not yet"), or the sum that arrived. "No" is
 * checked first: "还没收到" contains "收到". A yes in words moves the case on for good (a signed
 * agreement, a closed case), so one that also says no elsewhere ("不太同意", "I haven't got it"), asks
 * something ("should I accept?") or only acknowledges ("好的", "收到短信了") is no answer: the question
 * is asked again.
 */
export function caseAnswer(action: PendingAction, text: string, localizer: Localizer): boolean | undefined {
  const answers = ACTION_ANSWERS[action];
  // "没有问题", "要不要", "行不行" hold a no's words without saying no.
  // "考虑好了 同意": thought over is decided, no hedge.
  const said = withoutPhrases(text, localizer, ['cancel:words.notNegation', 'case:words.decided']);
  // "balance is 0 now, does that mean it worked?" (which the FAQ answers: the credit, not the balance), "怎么查到没到账",
  // "还没去查 等下看看": how to tell, or not looked yet, is no "not yet".
  if (action === 'confirm_arrival') {
    const howToTell = (mentions(localizer, 'balance', text, 'case') && asksSomething(text, localizer)) || mentions(localizer, 'howToCheck', text, 'case');
    if (howToTell || mentions(localizer, 'notChecked', text, 'case')) return undefined;
  }
  if (labelOf(localizer, [answers.no], text) || mentions(localizer, answers.noWords, said, 'case')) return false;
  if (labelOf(localizer, [answers.yes], text)) return true;
  if (action === 'confirm_arrival') {
    // "收到短信了", "got your text": the notice came, which says nothing of the money.
    if (mentions(localizer, 'notice', said, 'case')) return undefined;
    // "到了，是100", "I got 100 only", "收到一百块": what arrived, said as a sum, is the answer; the
    // dialog compares it with the agreed amount.
    if (arrivedSums(text, localizer).length) return true;
  }
  if (amountDisputed(said, localizer)) return false;
  // A clause that says yes and asks nothing ("钱到了，还有别的要办吗？"); a question with the yes-words
  // in it ("do i have to accept?", "has it arrived?") answers nothing.
  const yes = (clause: string) =>
    mentions(localizer, answers.yesWords, clause, 'case') && !asksSomething(clause, localizer) && !negatedBeside(clause, localizer, [`case:words.${answers.yesWords}`, 'cancel:words.yes']);
  // "好像收到了 不确定": not sure is no answer yet (a yes closes the case for good); nor is a no said
  // anywhere else in the message ("收到了，但是不是全款", "got your message, but I haven't checked").
  if (mentions(localizer, 'unsure', said, 'case') || negatedBeside(said, localizer, [`case:words.${answers.yesWords}`, 'cancel:words.yes'])) return undefined;
  // A yes in words signs an agreement or closes a case for good: taken from a short reply only. A longer
  // one ("sounds good but let me ask my wife first") gets the question again, with its buttons.
  // ("hello, i wanna accept the refund now": a greeting and a wish around the yes say nothing more.)
  // ("ok i see it now, got the money": short yeses one after another are one too.)
  const clauses = clausesOf(text);
  const yesAfterYes = clauses.length > 1 && clauses.every((clause) => isShort(clause) && yes(clause));
  if (!yesAfterYes && !isShort(withoutPhrases(text, localizer, ['case:words.decided', 'case:words.willing', 'cancel:words.greeting']))) return undefined;
  return clauses.some(yes) ? true : undefined;
}

/**
 * "yes i checked the right card", "卡号没错，我查过了" once the merchant said the paid refund had not
 * arrived: they looked again, and it is still missing (an arrival said with it is the answer instead).
 */
export function checkedStillMissing(record: CaseRecord, text: string, localizer: Localizer): boolean {
  const paid = record.events.findLastIndex((e) => e.type === 'refund_paid');
  const saidMissing = record.status === 'refund_paid' && record.events.slice(paid + 1).some((e) => e.type === 'refund_not_arrived');
  return saidMissing && mentions(localizer, 'checkedCard', text, 'case') && caseAnswer('confirm_arrival', text, localizer) !== true;
}

/**
 * The answer at the question of what the case waits for: `caseAnswer`, and at "has it arrived?" a plain
 * affirmation too ("是的", "yes i got it, thanks"), which elsewhere ("好的", "yes" to some other news) only acknowledges.
 */
export function pendingAnswer(action: PendingAction, text: string, localizer: Localizer): boolean | undefined {
  const answer = caseAnswer(action, text, localizer);
  if (answer !== undefined || action !== 'confirm_arrival') return answer;
  return composedOf(normalize(text), words(localizer, 'affirm', 'case'), words(localizer, 'filler')) ? true : undefined;
}

/** Under a case's news or report to someone who proved it but did not apply, when it waits for what only its applicant answers. */
export function applicantOnlyNote(localizer: Localizer, lang: Language, record: CaseRecord, action: PendingAction | undefined): string {
  return pendingAction(record) && !action ? `\n\n${localizer.t(lang, 'case:ownerAnswers')}` : '';
}

/** At most this many characters (Chinese) or words (Latin): a reply, not a story. */
const SHORT_REPLY = { characters: 12, words: 6 };

function isShort(text: string): boolean {
  const words = text.trim().split(/\s+/).filter((w) => /\p{Script=Latin}/u.test(w)).length;
  return compactLength(text) <= SHORT_REPLY.characters || (words > 0 && words <= SHORT_REPLY.words && !/\p{Script=Han}/u.test(text));
}



/**
 * "我点错了，不同意这个金额" after accepting the offer, "钱还没到" after confirming it arrived: a step the
 * merchant took for good, said otherwise (or asked whether it can still change) afterwards.
 */
export function retracts(record: { status: string } | undefined, text: string, localizer: Localizer): boolean {
  // Not a bare "没有" or "no", which answers whatever was asked last.
  const undone = (action: PendingAction) => mentions(localizer, 'retract', text, 'case') || (caseAnswer(action, text, localizer) === false && compactLength(text) > 3);
  // "退款金额还能改吗" once the offer is accepted: the accepted amount is recorded for good too.
  if (record?.status === 'refund_agreed') return undone('accept_offer') || asksIfSettled(text, localizer);
  return (record?.status === 'verified' || record?.status === 'closed') && undone('confirm_arrival');
}

/**
 * "怎么才88块5？", "can it go to another card", "能不能退150", "至少给我退个100块吧", "这是最终金额吗": a
 * question about the offer, another sum asked for, or whether its amount is settled, which a person
 * explains or negotiates; no acceptance.
 */
export function queriesOffer(text: string, localizer: Localizer): boolean {
  return mentions(localizer, 'offerQuery', text, 'case') || asksWhyOffer(text, localizer) || (sumsIn(text).length > 0 && caseAnswer('accept_offer', text, localizer) !== true) || asksIfSettled(text, localizer);
}

/** A "why" said in a few words is about what was just offered; a longer one only when it names the offer or its size. */
const SHORT_WHY_WORDS = 3;

/** "凭什么", "为什么这么少", "why so low?": why the offer is what it is; not "天上的星星为什么会眨眼", which asks of something else. */
function asksWhyOffer(text: string, localizer: Localizer): boolean {
  if (!mentions(localizer, 'offerWhy', text, 'case')) return false;
  return wordsIn(text) <= SHORT_WHY_WORDS || mentions(localizer, 'offerWords', text, 'case') || mentions(localizer, 'offerTopic', text, 'case') || sumsIn(text).length > 0;
}

/** "这是最终金额吗", "退多少能再谈谈吗", "can the refund be changed?": whether the amount or the offer is final or can still change. */
function asksIfSettled(text: string, localizer: Localizer): boolean {
  return mentions(localizer, 'offerSettled', text, 'case') && mentions(localizer, 'offerWords', text, 'case') && asksSomething(text, localizer);
}

/** "撤回申请", "withdraw my application": the merchant wants their submitted application back. */
export function asksToWithdraw(text: string, localizer: Localizer): boolean {
  return mentions(localizer, 'withdraw', text, 'case');
}

/** The button under a rejection that applies again (its label is one of the `reapply` words). */
export const REAPPLY_BUTTON = 'case:reapplyButton';

/**
 * "我要重新申请", "I'll reapply", "怎么重新申请": not the question of whether one may ("被驳回了还能再申请吗",
 * "ok so can i apply again?"), which is answered (the reason, with the button that applies again).
 */
export function saysReapply(text: string, localizer: Localizer): boolean {
  // "ok how do i apply again": asked how, the answer is doing it.
  return mentions(localizer, 'reapply', text, 'case') && (!asksSomething(text, localizer) || mentions(localizer, 'howTo', text, 'case'));
}

/** Whether the text answers something a case may wait for ("我接受", "钱到了", "还没到账"), whether or not it waits for it now. */
export function answersACase(text: string, localizer: Localizer): boolean {
  return (Object.keys(ACTION_ANSWERS) as PendingAction[]).some((action) => caseAnswer(action, text, localizer) !== undefined);
}

/** "金额不对", "wrong amount": the refund (or the offer) does not match what was agreed. */
export function amountDisputed(text: string, localizer: Localizer): boolean {
  return mentions(localizer, 'wrongAmount', text, 'case');
}

/** What a number counts when it is no sum ("3 days", "2条短信", "10点"), as a pattern's alternatives. */
const COUNTED = 'days?|weeks?|months?|years?|hours?|minutes?|mins?|times?|questions?|messages?|emails?|notifications?|天|周|星期|个|小时|分钟|分|秒|点|笔|次|遍|台|条|张|万|千';

/**
 * A sum of money: a number with its currency before or after ("150元", "150 块", "¥150", "CNY 150"), or
 * after the words that say what came ("打了220", "got 100"); a date's numbers are none.
 */
const MONEY = new RegExp(
  `(?:[¥￥]|\\b(?:cny|rmb)\\s*|(?:打了|到了|收到了?|退了|给了|转了|只有|才|\\bgot|\\breceived|\\bonly)\\s*)(\\d+(?:\\.\\d+)?)(?!\\d|\\.\\d|\\s*(?:[年月日号/:-]|${COUNTED}))|(\\d+(?:\\.\\d+)?)\\s*(?:元|块|yuan\\b|rmb\\b|cny\\b|bucks?\\b|dollars?\\b)`,
  'gi',
);

/**
 * A number on its own ("到了，是100", "100 arrived"): up to six digits, not part of a word, a
 * reference, a phone number or a date, nor a count of something, nor a card's last digits ("尾号5670").
 */
const BARE_SUM = new RegExp(`(?<![\\w.-])(?<!(?:尾号|尾数|ending in|ending|ends with|ends in)\\s*)(\\d{1,6}(?:\\.\\d{1,2})?)(?![\\w-]|\\.\\d|\\s*(?:[年月日号/:]|${COUNTED}|号|位))`, 'gi');

/** A sum in Chinese numerals with its currency ("一百块", "一百二十元", "两百五"), or after the words that say what came ("收到一百二"). */
const HAN_SUM = /([零一二两三四五六七八九十百千]+)\s*(?:元|块)|(?:打了|到了|收到了?|退了|给了|转了|只有|才)\s*([零一二两三四五六七八九十百千]*[十百千][零一二两三四五六七八九十百千]*)/g;

/**
 * The sums a reply to "did the refund arrive?" says arrived: none when it tells the balance ("余额是0，
 * 是不是就退好了": a zero balance says nothing of a refund) or asks something.
 */
export function arrivedSums(text: string, localizer: Localizer): number[] {
  return mentions(localizer, 'balance', text, 'case') || asksSomething(text, localizer) ? [] : sumsIn(text);
}

/** The sums of money a message names, in any of those ways. */
export function sumsIn(text: string): number[] {
  const said = text.normalize('NFKC');
  return [
    ...[...said.matchAll(MONEY)].map((m) => Number(m[1] ?? m[2])),
    ...[...said.matchAll(BARE_SUM)].map((m) => Number(m[1])),
    ...[...said.matchAll(HAN_SUM)].flatMap((m) => hanNumber(m[1] ?? m[2]) ?? []),
  ];
}

const HAN_DIGITS: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const HAN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 一百二十 → 120, 一百二 → 120 (said short), 两百零五 → 205, 十五 → 15. */
function hanNumber(said: string): number | undefined {
  let total = 0;
  let digit: number | undefined;
  let lastUnit = 1;
  for (const char of said) {
    if (char in HAN_DIGITS) digit = HAN_DIGITS[char];
    else {
      lastUnit = HAN_UNITS[char];
      total += (digit ?? 1) * lastUnit;
      digit = undefined;
    }
  }
  // "一百二": the last digit counts in the unit below the last one.
  if (digit !== undefined) total += lastUnit > 1 && !said.includes('零') ? digit * (lastUnit / 10) : digit;
  return total || undefined;
}
