import type { Analysis } from './classifier';
import { NONE, type Label } from './intents';

export interface Thresholds {
  /** Softmax temperature that normalizes the classifier's per-feature log scores. */
  temperature: number;
  /** Below this normalized top score the text is out of scope. */
  minScore: number;
  /** Below this share of known informative features the text is out of scope. */
  minCoverage: number;
  /** When the top two in-scope intents are closer than this, ask which one was meant. */
  minMargin: number;
}

export interface Decision {
  /** `None` when out of scope. */
  intent: Label;
  /** Normalized score of the top-ranked label (also when the gate refused it). */
  score: number;
  /** Set when two intents are too close to call: the bot offers both. */
  alternatives?: [Label, Label];
}

/** Turns a ranking into an answer the bot can act on, refusing to guess. */
export function decide(analysis: Analysis, thresholds: Thresholds): Decision {
  const [top, second] = analysis.ranking;
  if (top.intent === NONE || analysis.coverage < thresholds.minCoverage || top.score < thresholds.minScore) {
    return { intent: NONE, score: top.score };
  }
  if (second && second.intent !== NONE && top.score - second.score < thresholds.minMargin) {
    return { intent: top.intent, score: top.score, alternatives: [top.intent, second.intent] };
  }
  return { intent: top.intent, score: top.score };
}
