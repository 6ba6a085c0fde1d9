import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Builds what `npm start` runs, once: compiles to dist/ and trains the model, so process tests start
 * servers exactly as deployed (and none of them trains its own model at start-up).
 */
export default function globalSetup(): void {
  const root = join(__dirname, '..');
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.json')], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, [join(root, 'dist', 'src', 'nlu', 'cli.js'), 'train'], { cwd: root, stdio: 'ignore' });
}
