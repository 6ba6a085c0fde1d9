import type { Localizer } from '../../src/i18n/localizer';
import { asksSomething, clausesOf, compactLength, phrasesPattern } from './words';

/** A question shorter than this (without spaces and punctuation) is too little to classify on its own ("why?"). */
const MIN_QUESTION = 4;

/**
 * The questions a message asks one after another ("审核要多久？需要准备什么材料？", "how long is the review
 * and what documents do i need?"): its sentences, a sentence split again where a joining word
 * ("and", "另外") begins another question. Each part asks something; a part that asks nothing ("我机器坏了")
 * makes the message a story around one question, so none are returned.
 */
export function questionsIn(text: string, localizer: Localizer): string[] {
  const parts = clausesOf(text.normalize('NFKC')).flatMap((clause) => splitAtJoin(clause, localizer));
  const questions = parts.filter((part) => compactLength(part) >= MIN_QUESTION);
  if (questions.length < 2 || !questions.every((part) => asksSomething(part, localizer))) return [];
  return questions;
}

/** "how long is the review and what documents do i need": split before a joining word that another question follows. */
function splitAtJoin(clause: string, localizer: Localizer): string[] {
  const join = phrasesPattern(localizer, ['faq:words.questionJoin']);
  for (const match of clause.matchAll(new RegExp(join.source, 'giu'))) {
    const before = clause.slice(0, match.index).trim();
    const after = clause.slice(match.index + match[0].length).trim();
    if (before && after && asksSomething(before, localizer) && asksSomething(after, localizer)) return [before, ...splitAtJoin(after, localizer)];
  }
  return [clause];
}
