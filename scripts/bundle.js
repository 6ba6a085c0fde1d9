/**
 * The server's entry as one file: `npm run build` writes `dist/src/index.js` over tsc's own, from
 * src/index.ts and every module it loads at start-up, node_modules included. Node then reads, resolves
 * and wraps one file instead of about two thousand: a start took about a quarter less CPU. tsc's
 * other files stay beside it (the worker threads, the CLIs and the tests run them).
 */
const { build } = require('esbuild');
const { readFileSync } = require('node:fs');
const { join, sep } = require('node:path');

const ROOT = join(__dirname, '..');

/**
 * What our own code loads on demand, `require()` or `import()` of a package (a database driver, Redis,
 * exceljs, …), stays in node_modules and loads when first used, as it did unbundled: bundled, it
 * would be parsed at every start.
 */
const onDemand = {
  name: 'on-demand',
  setup(bundler) {
    bundler.onResolve({ filter: /^[^./]/ }, ({ path, importer, kind }) => {
      const ours = !importer.includes(`${sep}node_modules${sep}`);
      if (ours && (kind === 'require-call' || kind === 'dynamic-import' || kind === 'require-resolve')) return { path, external: true };
      return undefined;
    });
  },
};

build({
  entryPoints: [join(ROOT, 'src', 'index.ts')],
  outfile: join(ROOT, 'dist', 'src', 'index.js'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  absWorkingDir: ROOT,
  // Class and function names as written: a bundle renames clashing ones, and libraries read some.
  keepNames: true,
  sourcemap: true,
  sourcesContent: false,
  logLevel: 'warning',
  plugins: [onDemand],
  // restify's optional DTrace probes: a native addon it looks for at run time (and goes on without).
  external: ['dtrace-provider'],
  metafile: true,
})
  .then(({ metafile }) => {
    // Bundled, every module of ours shares the entry's `module`: a `require.main === module` guard
    // would run its command line in the server (put commands in files of their own).
    const guarded = Object.keys(metafile.inputs).filter(
      (file) => !file.includes('node_modules') && file !== 'src/index.ts' && readFileSync(join(ROOT, file), 'utf8').includes('require.main'),
    );
    if (guarded.length) throw new Error(`require.main in bundled modules: ${guarded.join(', ')}`);
  })
  .catch((err) => {
    if (err.message) process.stderr.write(`${err.message}\n`);
    process.exitCode = 1;
  });
