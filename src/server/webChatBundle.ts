import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { build, version as esbuildVersion, type BuildOptions, type Plugin } from 'esbuild';
import { PROJECT_ROOT } from '../paths';
import { WEBCHAT_BUNDLE } from './assets';

/*
 * The Web Chat the widget and the answer editor load: the package's minimal build (no Adaptive Cards,
 * no speech services, neither of which they use) with its Markdown renderer, bundled by esbuild. Chromium
 * runs it in about half the time of the package's full webchat.js, which is most of a first open's wait.
 */

/** What the last bundle was made from: the options and every file esbuild read, with their hash. */
const INPUTS_RECORD = join(dirname(WEBCHAT_BUNDLE), 'inputs.json');

interface InputsRecord {
  files: string[];
  hash: string;
}

/** The package's root; its exports map hides every file but the entry points, so paths are absolute. */
function webChatRoot(): string {
  return dirname(dirname(require.resolve('botframework-webchat')));
}

/**
 * The `-es5` wrappers Web Chat imports re-export one package each; their install script compiles them
 * into lib/, which npm skips here (package.json's allowScripts). Their source is what that compiles.
 */
const es5Wrappers: Plugin = {
  name: 'es5-wrappers',
  setup(builder) {
    builder.onResolve({ filter: /^[a-z-]+-es5$/ }, ({ path, resolveDir }) => {
      // Each exports its prebuilt dist file, which locates the package.
      const dist = require.resolve(`${path}/dist/${path}.production.min.js`, { paths: [resolveDir] });
      return { path: join(dirname(dirname(dist)), 'src', 'index.mjs') };
    });
  },
};

function options(): BuildOptions {
  const root = webChatRoot();
  return {
    stdin: {
      // The ES module builds, so the renderer shares the minimal build's modules (the CommonJS lib/ would duplicate them).
      contents: [
        `import ${JSON.stringify(join(root, 'dist', 'botframework-webchat.minimal.mjs'))};`,
        `import renderMarkdown from ${JSON.stringify(join(root, 'src', 'markdown', 'renderMarkdown.ts'))};`,
        'window.WebChat.renderMarkdown = renderMarkdown;',
      ].join('\n'),
      resolveDir: PROJECT_ROOT,
      sourcefile: 'webchat-entry.js',
    },
    absWorkingDir: PROJECT_ROOT,
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    // The package's own bundle already uses ES2020 syntax (optional chaining).
    target: 'es2020',
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'eof',
    plugins: [es5Wrappers],
    outfile: WEBCHAT_BUNDLE,
    metafile: true,
    write: false,
    logLevel: 'warning',
  };
}

function hashOf(settings: BuildOptions, files: string[]): string {
  const hash = createHash('sha256').update(esbuildVersion).update(JSON.stringify({ ...settings, plugins: settings.plugins?.map((p) => p.name) }));
  for (const file of files) hash.update(`\0${file}\0`).update(existsSync(file) ? readFileSync(file) : '');
  return hash.digest('hex');
}

/**
 * Bundles Web Chat into dist/webchat/ unless the bundle there was made from the same options and the
 * same content of every file it read (an install that changed none of them leaves it). Returns whether it bundled.
 */
export async function buildWebChat(): Promise<boolean> {
  const settings = options();
  if (existsSync(WEBCHAT_BUNDLE) && existsSync(INPUTS_RECORD)) {
    const record = JSON.parse(readFileSync(INPUTS_RECORD, 'utf8')) as InputsRecord;
    if (hashOf(settings, record.files) === record.hash) return false;
  }
  // Web Chat 4.18 renders with ReactDOM.render, which React 19 (what npm installs as its peer when
  // package.json names none, as before 18.3.1 was added) no longer has: such a bundle shows no chat.
  const wanted = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies['react-dom'];
  const installed = (require('react-dom/package.json') as { version: string }).version;
  if (installed !== wanted) process.stderr.write(`warning: react-dom ${installed} is installed, package.json wants ${wanted}: run npm ci, or the widget's Web Chat cannot render\n`);
  const result = await build(settings);
  // Written aside and renamed, so a server starting meanwhile never reads half a bundle.
  mkdirSync(dirname(WEBCHAT_BUNDLE), { recursive: true });
  writeFileSync(`${WEBCHAT_BUNDLE}.tmp`, result.outputFiles![0].contents);
  renameSync(`${WEBCHAT_BUNDLE}.tmp`, WEBCHAT_BUNDLE);
  const files = Object.keys(result.metafile!.inputs)
    // Not files: the entry itself, and Node built-ins a package's browser field turns off.
    .filter((input) => !input.startsWith('<stdin>') && !input.startsWith('(disabled):'))
    .map((input) => resolve(PROJECT_ROOT, input))
    .sort();
  writeFileSync(INPUTS_RECORD, JSON.stringify({ files, hash: hashOf(settings, files) } satisfies InputsRecord));
  return true;
}
