import type { Thresholds } from './gate';

/**
 * Per-language out-of-scope gates and the "which did you mean?" margin, written by
 * `npm run -s nlu -- tune --write` from cross-validation of the corpus (5 folds under 3 shuffles, its
 * near-domain `None` lines included; each gate the middle of the plateau of best merit, see tune.ts).
 * Not set by hand: rerun the command after the corpus or the features change.
 */
export const THRESHOLDS: Thresholds = {
  temperature: 0.25,
  zh: {
    minScore: 0.25,
    minCoverage: 0.4,
    minSimilarity: 0.1,
    minLeadOverNone: 0,
    trustedScore: 0.8
  },
  en: {
    minScore: 0.15,
    minCoverage: 0.4,
    minSimilarity: 0.2,
    minLeadOverNone: -0.05,
    trustedScore: 0.99
  },
  minMargin: 0.15
};
