/**
 * `npm run build`: `tsc -b`, the server's entry bundled (scripts/bundle.js), then `node dist/src/build.js`
 * (the model and the compressed web assets).
 * In plain JavaScript because it runs before anything is compiled. With `--if-changed` (`npm start`)
 * both run only when a file they read changed since the last successful build: even with nothing to
 * do they cost seconds (tsc loads itself to compare its build info, the build hashes the corpus and
 * Web Chat's bundle), and hashing the inputs here takes milliseconds.
 */
const { spawnSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const { existsSync, readdirSync, readFileSync, statSync, writeFileSync } = require('node:fs');
const { join, relative, sep } = require('node:path');

const ROOT = join(__dirname, '..');
/**
 * What tsc and the build read: the TypeScript (tsconfig.json includes test/ and bench/ too), the
 * locales (corpus and texts), the web pages, the configuration and the installed packages (npm
 * rewrites node_modules/.package-lock.json on every install; Web Chat, which the build bundles, and ECharts come from there).
 */
const INPUTS = ['src', 'dialogs', 'test', 'bench', 'locales', 'web', 'scripts', 'tsconfig.json', 'package.json', 'package-lock.json', 'node_modules/.package-lock.json'];
/** What the build leaves; without one of them it runs (`npm run bench` removes the build info and the model). */
const OUTPUTS = ['dist/tsconfig.tsbuildinfo', 'dist/src/index.js', 'dist/src/start.js', 'dist/src/build.js', 'dist/nlu/model.bin', 'dist/webchat/webchat.js', 'dist/assets'];
const STAMP = join(ROOT, 'dist', 'build.stamp');
/** What tests write under test/ (screenshots and traces), which no build reads. */
const IGNORED = 'test/artifacts/';

function filesUnder(path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .filter((entry) => !entry.name.startsWith('.') || entry.name === '.package-lock.json')
    .flatMap((entry) => filesUnder(join(path, entry.name)));
}

/** A hash of every input file's path and content (contents, not times: a copy or checkout may keep old times). */
function fingerprint(root = ROOT, inputs = INPUTS) {
  const hash = createHash('sha256');
  const files = inputs.flatMap((input) => filesUnder(join(root, input))).map((file) => relative(root, file).split(sep).join('/'));
  for (const file of files.filter((file) => !file.startsWith(IGNORED)).sort()) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

function run(args) {
  const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function main() {
  const current = fingerprint();
  const built = process.argv.includes('--if-changed') && OUTPUTS.every((output) => existsSync(join(ROOT, output))) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === current;
  if (built) return;
  run([require.resolve('typescript/bin/tsc'), '-b', 'tsconfig.json']);
  // The server's entry as one file (over tsc's dist/src/index.js): see bundle.js.
  run([join(__dirname, 'bundle.js')]);
  run([join(ROOT, 'dist', 'src', 'build.js')]);
  // The inputs as they were when the build started: a file changed meanwhile builds again next time.
  writeFileSync(STAMP, current);
}

if (require.main === module) main();

module.exports = { fingerprint };
