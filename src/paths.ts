import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root (the folder holding package.json), whether running from src/ or from dist/. */
export const PROJECT_ROOT = (() => {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + __dirname);
    dir = parent;
  }
  return dir;
})();

export const LOCALES_DIR = join(PROJECT_ROOT, 'locales');
export const WEB_DIR = join(PROJECT_ROOT, 'web');
/** The shared development set (beside the repository, when present): never training data. */
export const DEV_SET = join(PROJECT_ROOT, '..', 'shared', 'nlu', 'dev.jsonl');
