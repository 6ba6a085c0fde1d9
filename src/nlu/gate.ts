import type { Analysis } from './classifier';
import type { CorpusLanguage } from './corpus';
import { NONE, type Label } from './intents';

/** The out-of-scope gate of one language: the languages' scores do not sit at the same heights. */
export interface LanguageGate {
  /** Below this normalized top score the text is out of scope. */
  minScore: number;
  /** Below this share of known informative features the text is out of scope. */
  minCoverage: number;
  /** Below this similarity to the nearest training utterance of the top intent the text is out of scope. */
  minSimilarity: number;
  /**
   * Out of scope unless the nearest utterance of the top intent is at least this much closer than the
   * nearest out-of-scope one: near-domain questions resemble our `None` examples more than any FAQ's.
   */
  minLeadOverNone: number;
  /** From this top score on, the classifier is trusted over the nearest-utterance comparison. */
  trustedScore: number;
}

export interface Thresholds {
  /** Softmax temperature that normalizes the classifier's per-feature log scores. */
  temperature: number;
  /** When the top two in-scope intents are closer than this, ask which one was meant. */
  minMargin: number;
  zh: LanguageGate;
  en: LanguageGate;
}

export interface Decision {
  /** `None` when out of scope. */
  intent: Label;
  /** Normalized score of the top-ranked label (also when the gate refused it). */
  score: number;
  /** Set when two intents are too close to call: the bot offers both. */
  alternatives?: [Label, Label];
}

/**
 * However sure the classifier is, a text this much closer to an out-of-scope example than to any of the
 * top intent's is out of scope: "收不到验证码" is one of our `None` examples word for word, and shares
 * only a word or two with the account-binding FAQ the classifier ranked first.
 */
const NONE_LEAD_OVER_TRUST = 0.3;

/** True when the gate of `lang` lets the top-ranked intent stand. */
export function inScope(analysis: Analysis, gate: LanguageGate): boolean {
  const { top } = analysis;
  return (
    top.intent !== NONE &&
    analysis.coverage >= gate.minCoverage &&
    top.score >= gate.minScore &&
    analysis.similarity >= gate.minSimilarity &&
    (top.score >= gate.trustedScore || analysis.similarity - analysis.noneSimilarity >= gate.minLeadOverNone) &&
    analysis.noneSimilarity - analysis.similarity < NONE_LEAD_OVER_TRUST
  );
}

/** Turns a ranking into an answer the bot can act on, refusing to guess. */
export function decide(analysis: Analysis, thresholds: Thresholds, lang: CorpusLanguage): Decision {
  const { top, second } = analysis;
  if (!inScope(analysis, thresholds[lang])) return { intent: NONE, score: top.score };
  if (second && second.intent !== NONE && top.score - second.score < thresholds.minMargin) {
    return { intent: top.intent, score: top.score, alternatives: [top.intent, second.intent] };
  }
  return { intent: top.intent, score: top.score };
}
