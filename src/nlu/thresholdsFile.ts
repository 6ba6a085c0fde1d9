import { join } from 'node:path';
import { PROJECT_ROOT } from '../paths';
import type { Thresholds } from './gate';

/** The module `tune --write` rewrites: a .ts file, so `tsc -b` sees the change and rebuilds. */
export const THRESHOLDS_FILE = join(PROJECT_ROOT, 'src', 'nlu', 'thresholds.ts');

export function thresholdsModule(thresholds: Thresholds): string {
  return `import type { Thresholds } from './gate';

/**
 * Per-language out-of-scope gates and the "which did you mean?" margin, written by
 * \`npm run -s nlu -- tune --write\` from cross-validation of the corpus (5 folds under 3 shuffles, its
 * near-domain \`None\` lines included; each gate the middle of the plateau of best merit, see tune.ts).
 * Not set by hand: rerun the command after the corpus or the features change.
 */
export const THRESHOLDS: Thresholds = ${JSON.stringify(thresholds, null, 2).replace(/"(\w+)":/g, '$1:')};
`;
}
