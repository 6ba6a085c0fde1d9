import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Builds what `npm start` runs, as `npm start` does: when something changed, compiles it to dist/,
 * trains the model when the corpus or features changed and compresses changed web assets, so tests
 * start servers exactly as deployed (and none of them trains its own model at start-up).
 */
export default function globalSetup(): void {
  const root = join(__dirname, '..');
  execFileSync(process.execPath, [join(root, 'scripts', 'build.js'), '--if-changed'], { cwd: root, stdio: 'inherit' });
}
