import type { Thresholds } from './gate';

/**
 * Per-language out-of-scope gates. The nearest-utterance rules (minSimilarity, minLeadOverNone) were
 * set from the similarity quantiles of our own held-out phrasings: right in-scope answers lead the
 * nearest `None` utterance in 95% of cases, near-domain questions that the classifier would answer
 * trail it. `npm run -s nlu -- tune` cross-validates the corpus and prints what it supports.
 */
export const THRESHOLDS: Thresholds = {
  temperature: 0.25,
  minMargin: 0.1,
  zh: { minScore: 0.15, minCoverage: 0.5, minSimilarity: 0.1, minLeadOverNone: 0, trustedScore: 0.99 },
  en: { minScore: 0.15, minCoverage: 0.5, minSimilarity: 0.1, minLeadOverNone: 0, trustedScore: 0.99 },
};
