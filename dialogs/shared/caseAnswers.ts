import type { PendingAction } from '../../src/cases/pending';
import type { Localizer } from '../../src/i18n/localizer';
import { asksSomething, labelOf, mentions, negatedBeside } from './words';

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
  if (labelOf(localizer, [answers.no], text) || mentions(localizer, answers.noWords, text, 'case') || amountDisputed(text, localizer)) return false;
  if (labelOf(localizer, [answers.yes], text)) return true;
  // A question with the yes-words in it ("do i have to accept?", "has it arrived?") answers nothing.
  if (mentions(localizer, answers.yesWords, text, 'case') && !asksSomething(text, localizer) && !negatedBeside(text, localizer, [`case:words.${answers.yesWords}`, 'cancel:words.yes'])) return true;
  return undefined;
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
