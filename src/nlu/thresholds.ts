import type { Thresholds } from './gate';

/**
 * Per-language out-of-scope gates and the "which did you mean?" margin, written by
 * `npm run -s nlu -- tune --write` from cross-validation folds of the corpus (its near-domain `None`
 * lines included). Not set by hand: rerun the command after the corpus or the features change.
 */
export const THRESHOLDS: Thresholds = {
  temperature: 0.25,
  zh: {
    minScore: 0.25,
    minCoverage: 0,
    minSimilarity: 0,
    minLeadOverNone: 0,
    trustedScore: 0.9
  },
  en: {
    minScore: 0.1,
    minCoverage: 0,
    minSimilarity: 0.25,
    minLeadOverNone: -0.05,
    trustedScore: 0.9
  },
  minMargin: 0.15
};
