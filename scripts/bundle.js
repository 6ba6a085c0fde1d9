/**
 * The server's entry as one file: `npm run build` writes `dist/src/index.js` over tsc's own, from
 * src/index.ts and every module it loads at start-up, node_modules included. Node then reads, resolves
 * and wraps one file instead of about two thousand: a start took about a quarter less CPU. tsc's
 * other files stay beside it (the worker threads, the CLIs and the tests run them).
 * `node scripts/bundle.js <entry.ts> <outfile.js>` bundles another entry the same way (the bench's
 * echo bot, a baseline built as ours is).
 */
const { build, transformSync } = require('esbuild');
const { existsSync, readFileSync, writeFileSync } = require('node:fs');
const { dirname, join, sep } = require('node:path');

const ROOT = join(__dirname, '..');
const [ENTRY, OUTFILE] = process.argv.length > 3 ? process.argv.slice(2, 4).map((path) => join(ROOT, path)) : [join(ROOT, 'src', 'index.ts'), join(ROOT, 'dist', 'src', 'index.js')];

/**
 * The bundle in ASCII: V8 keeps a script's source for as long as its functions live, and one character
 * beyond Latin-1 makes it two bytes a character. esbuild escapes strings but leaves regular expressions
 * and comments as written (the Chinese in ours), so the 14-million-character source took 26 MB of the
 * server's heap instead of 13. `\uXXXX` matches the same in a regular expression, with or without the
 * `u` flag (a character beyond the BMP as its two surrogates); after a backslash it would not, so that fails the build.
 */
function toAscii(code) {
  const escaped = /\\[^\x00-\x7f]/.exec(code);
  if (escaped) throw new Error(`a backslash before a non-ASCII character in the bundle: ${code.slice(escaped.index - 40, escaped.index + 10)}`);
  return code.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

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

/**
 * Bot Framework's packages bundled from the TypeScript they publish beside their JavaScript (`src/`
 * beside `lib/`, same version): `lib/` is compiled for ES2015 browsers, so every async function is a
 * generator driven by a `__awaiter` helper, about 600 of them on a turn's path. Compiled for Node 20
 * they are native async functions: a turn took about a quarter less CPU and allocated less (an FAQ
 * turn 0.73 -> 0.57 ms, a dialog turn 1.33 -> 0.95 ms). Each file is compiled alone first, with
 * `useDefineForClassFields` off as their own build has it: a field declared without a value must not
 * reset what a base constructor set. Then, as TypeScript, esbuild drops the re-exports of types.
 */
const LIBRARY = /^(.*[\\/]node_modules[\\/](?:botbuilder[^\\/]*|botframework-[^\\/]*))[\\/]lib[\\/](.*)\.js$/;
const fromSources = {
  name: 'library-sources',
  setup(bundler) {
    bundler.onLoad({ filter: LIBRARY }, ({ path }) => {
      const [, pkg, file] = LIBRARY.exec(path);
      const source = join(pkg, 'src', `${file}.ts`);
      if (!existsSync(source)) return undefined;
      const { code } = transformSync(readFileSync(source, 'utf8'), {
        loader: 'ts',
        target: 'node20',
        sourcefile: source,
        tsconfigRaw: { compilerOptions: { useDefineForClassFields: false } },
      });
      return { contents: code, loader: 'ts', resolveDir: dirname(path) };
    });
  },
};

/**
 * restify loads spdy (HTTP/2 through the unmaintained SPDY stack) when it loads, for its `spdy` option,
 * which this server never sets: in its place a module that refuses that option. Loading spdy cost a
 * dozen modules at every start, and its http-deceiver printed Node's deprecation warning for
 * `process.binding('http_parser')` twice on every start.
 */
const withoutSpdy = {
  name: 'without-spdy',
  setup(bundler) {
    bundler.onResolve({ filter: /^spdy$/ }, () => ({ path: 'spdy', namespace: 'without-spdy' }));
    bundler.onLoad({ filter: /.*/, namespace: 'without-spdy' }, () => ({
      contents: "module.exports = { createServer() { throw new Error('restify\\'s spdy option is not available in this build'); } };",
      loader: 'js',
    }));
  },
};

/**
 * Node warns of `new Buffer()` (deprecated) only when it is called from outside node_modules, which
 * bundled code is: restify's body reader made one at the first request with a body, and the warning
 * went to the server's output. Its `new Buffer(0)` is `Buffer.alloc(0)` here, the same empty buffer.
 */
const BODY_READER = /[\\/]node_modules[\\/]restify[\\/]lib[\\/]plugins[\\/]bodyReader\.js$/;
const bodyReaderBuffer = {
  name: 'body-reader-buffer',
  setup(bundler) {
    bundler.onLoad({ filter: BODY_READER }, ({ path }) => {
      const code = readFileSync(path, 'utf8');
      if (!code.includes('new Buffer(0)')) throw new Error(`restify's ${path} changed: review the body-reader-buffer plugin`);
      return { contents: code.replace('new Buffer(0)', 'Buffer.alloc(0)'), loader: 'js' };
    });
  },
};

build({
  entryPoints: [ENTRY],
  outfile: OUTFILE,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  absWorkingDir: ROOT,
  // No keepNames: its __name() on every closure a function creates cost a quarter of a turn's CPU
  // (an FAQ turn 1.43 -> 1.03 ms). What it kept: the names of classes the bundle renames to avoid a
  // clash (botbuilder's ActivityHandler becomes ActivityHandler2), which log types, debug output and
  // the libraries' toJSON() show; the one comparison (node-fetch's test for its own Blob as a body)
  // meets no such body here.
  // V8 keeps a script's source while its functions live: without the indentation and line breaks the
  // bundle is 9.2 MB instead of 12.5, as much less of the heap (names stay; the source map maps lines).
  minifyWhitespace: true,
  sourcemap: true,
  sourcesContent: false,
  logLevel: 'warning',
  plugins: [onDemand, fromSources, withoutSpdy, bodyReaderBuffer],
  // restify's optional DTrace probes: a native addon it looks for at run time (and goes on without).
  external: ['dtrace-provider'],
  metafile: true,
})
  .then(({ metafile }) => {
    // Bundled, every module of ours shares the entry's `module`: a `require.main === module` guard
    // would run its command line in the server (put commands in files of their own).
    const guarded = Object.keys(metafile.inputs).filter(
      // Files only: `without-spdy:spdy` is a plugin's module.
      (file) => !file.includes('node_modules') && !file.includes(':') && join(ROOT, file) !== ENTRY && readFileSync(join(ROOT, file), 'utf8').includes('require.main'),
    );
    if (guarded.length) throw new Error(`require.main in bundled modules: ${guarded.join(', ')}`);
    writeFileSync(OUTFILE, toAscii(readFileSync(OUTFILE, 'utf8')));
  })
  .catch((err) => {
    if (err.message) process.stderr.write(`${err.message}\n`);
    process.exitCode = 1;
  });
