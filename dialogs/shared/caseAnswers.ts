import type { PendingAction } from '../../src/cases/pending';
import type { Localizer } from '../../src/i18n/localizer';
import { asksSomething, compactLength, labelOf, mentions, negatedBeside, withoutPhrases } from './words';

/* What a merchant says about their case, whenever they say it: the answers to what it waits for, a withdrawal, a new application. */

/** The buttons and the words (locales/<lang>/case.json "words") of each thing a case waits for. */
export const ACTION_ANSWERS: Record<PendingAction, { yes: string; no: string; yesWords: string; noWords: string }> = {
  accept_offer: { yes: 'case:accept', no: 'case:decline', yesWords: 'accept', noWords: 'decline' },
  confirm_arrival: { yes: 'case:arrived', no: 'case:notArrived', yesWords: 'arrived', noWords: 'notArrived' },
};

/**
 * The merchant's answer to what their case waits for, whenever they give it: its button, or a sentence
 * with its words ("我接受这个方案", "钱到了", "还没到账", "not yet"). "No" is checked first: "还没收到"
 * contains "收到"; so is an amount that does not match. A yes in words moves the case on for good (a
 * signed agreement, a closed case), so one that also says no elsewhere ("不太同意", "I haven't got it"),
 * or asks something ("should I accept?"), is no answer: the question is asked again.
 */
export function caseAnswer(action: PendingAction, text: string, localizer: Localizer): boolean | undefined {
  const answers = ACTION_ANSWERS[action];
  // "没有问题", "要不要", "行不行" hold a no's words without saying no.
  const said = withoutPhrases(text, localizer, ['cancel:words.notNegation']);
  if (labelOf(localizer, [answers.no], text) || mentions(localizer, answers.noWords, said, 'case') || amountDisputed(said, localizer)) return false;
  if (labelOf(localizer, [answers.yes], text)) return true;
  // A clause that says yes and asks nothing ("钱到了，还有别的要办吗？"); a question with the yes-words
  // in it ("do i have to accept?", "has it arrived?") answers nothing.
  const yes = (clause: string) =>
    mentions(localizer, answers.yesWords, clause, 'case') && !asksSomething(clause, localizer) && !negatedBeside(clause, localizer, [`case:words.${answers.yesWords}`, 'cancel:words.yes']);
  // "好像收到了 不确定": not sure is no answer yet (a yes closes the case for good); nor is a no said
  // anywhere else in the message ("收到了，但是不是全款", "got your message, but I haven't checked").
  if (mentions(localizer, 'unsure', said, 'case') || negatedBeside(said, localizer, [`case:words.${answers.yesWords}`, 'cancel:words.yes'])) return undefined;
  // A yes in words signs an agreement or closes a case for good: taken from a short reply only. A longer
  // one ("sounds good but let me ask my wife first") gets the question again, with its buttons.
  if (!isShort(text)) return undefined;
  return clausesOf(text).some(yes) ? true : undefined;
}

/** At most this many characters (Chinese) or words (Latin): a reply, not a story. */
const SHORT_REPLY = { characters: 12, words: 6 };

function isShort(text: string): boolean {
  const words = text.trim().split(/\s+/).filter((w) => /\p{Script=Latin}/u.test(w)).length;
  return compactLength(text) <= SHORT_REPLY.characters || (words > 0 && words <= SHORT_REPLY.words && !/\p{Script=Han}/u.test(text));
}

/** A message's clauses: split after punctuation, and at spaces between Chinese characters ("收到了 没问题"). */
function clausesOf(text: string): string[] {
  return text
    // Each keeps its own mark: a question's "?" says it asks.
    .split(/(?<=[,，。!！?？;；\n])|(?<=\.)(?!\d)|(?<=\p{Script=Han})\s+(?=\p{Script=Han})/u)
    .map((clause) => clause.trim())
    .filter(Boolean);
}


/** "撤回申请", "withdraw my application": the merchant wants their submitted application back. */
export function asksToWithdraw(text: string, localizer: Localizer): boolean {
  return mentions(localizer, 'withdraw', text, 'case');
}

/** "我要重新申请", "I'll reapply": a statement, not the question of whether one may ("被驳回了还能再申请吗"). */
export function saysReapply(text: string, localizer: Localizer): boolean {
  return mentions(localizer, 'reapply', text, 'case') && !asksSomething(text, localizer);
}

/** Whether the text answers something a case may wait for ("我接受", "钱到了", "还没到账"), whether or not it waits for it now. */
export function answersACase(text: string, localizer: Localizer): boolean {
  return (Object.keys(ACTION_ANSWERS) as PendingAction[]).some((action) => caseAnswer(action, text, localizer) !== undefined);
}

/** "金额不对", "wrong amount": the refund (or the offer) does not match what was agreed. */
export function amountDisputed(text: string, localizer: Localizer): boolean {
  return mentions(localizer, 'wrongAmount', text, 'case');
}
