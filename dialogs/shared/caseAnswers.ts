import type { PendingAction } from '../../src/cases/pending';
import type { Localizer } from '../../src/i18n/localizer';
import { labelOf, mentions } from './answers';

/** The buttons and the words (locales/<lang>/case.json "words") of each thing a case waits for. */
export const ACTION_ANSWERS: Record<PendingAction, { yes: string; no: string; yesWords: string; noWords: string }> = {
  accept_offer: { yes: 'case:accept', no: 'case:decline', yesWords: 'accept', noWords: 'decline' },
  confirm_arrival: { yes: 'case:arrived', no: 'case:notArrived', yesWords: 'arrived', noWords: 'notArrived' },
};

/**
 * The merchant's answer to what their case waits for, whenever they give it: its button, or a sentence
 * with its words ("我接受这个方案", "钱到了", "还没到账", "not yet"). "No" is checked first: "还没收到"
 * contains "收到".
 */
export function caseAnswer(action: PendingAction, text: string, localizer: Localizer): boolean | undefined {
  const answers = ACTION_ANSWERS[action];
  if (labelOf(localizer, [answers.no], text) || mentions(localizer, answers.noWords, text, 'case')) return false;
  if (labelOf(localizer, [answers.yes], text) || mentions(localizer, answers.yesWords, text, 'case')) return true;
  return undefined;
}
