import type { Thresholds } from './gate';

/**
 * Chosen by `npm run -s nlu -- tune`: 5-fold stratified cross-validation of our own corpus (the dev
 * set is never used to choose), grid over minScore 0..0.6 and minCoverage 0..0.7 at temperatures
 * 0.1..2, keeping at most 5% of held-out in-scope texts answered None, best in-scope accuracy +
 * out-of-scope recall; then the largest margin that asks about at most 5% of correct answers.
 * On 2026-11-24 (2,866 utterances) it printed, for temperature 0.25:
 *   minScore 0, minCoverage 0.25 -> held-out in-scope 76.5%, out-of-scope recall 57.7%, false None 4.6%
 *   minMargin 0.075 -> asks about 26.7% of the wrong answers and 4.9% of the right ones.
 * minScore 0 means the normalized score adds nothing beyond the None class and coverage on this corpus.
 */
export const THRESHOLDS: Thresholds = { temperature: 0.25, minScore: 0, minCoverage: 0.25, minMargin: 0.075 };
