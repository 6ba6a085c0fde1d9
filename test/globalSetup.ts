import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** Compiles to dist/ once, so process tests run exactly what `npm start` runs. */
export default function globalSetup(): void {
  const root = join(__dirname, '..');
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.json')], { cwd: root, stdio: 'inherit' });
}
