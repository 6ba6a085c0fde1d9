import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join, relative, sep } from 'node:path';
import { PROJECT_ROOT, WEB_DIR } from '../paths';

/**
 * The files the server sends to browsers: the pages and scripts in web/ at their own paths, and the
 * Web Chat bundle the build makes under a content-hashed path (so it can be cached for good).
 * `npm run build` keeps a Brotli and a gzip copy of each in dist/assets/, named by content hash.
 */

export type Encoding = 'br' | 'gzip';

export const ENCODINGS: Record<Encoding, string> = { br: '.br', gzip: '.gz' };

export const COMPRESSED_DIR = join(PROJECT_ROOT, 'dist', 'assets');

/** Web Chat as the widget and the answer editor load it, bundled by the build (see webChatBundle.ts; no CDN). */
export const WEBCHAT_BUNDLE = join(PROJECT_ROOT, 'dist', 'webchat', 'webchat.js');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

export interface Asset {
  /** Where it is served: "/widget.js", "/agent/index.html", "/webchat/webchat.3f2a9c0d1e7b.js". */
  path: string;
  file: string;
  /** Content hash (hex), also the name of its compressed copies. */
  hash: string;
  type: string;
  size: number;
  /** Served under a content-hashed path: cacheable for a year without revalidation. */
  immutable: boolean;
}

/** ECharts as an ES module, for the staff dashboard (no CDN). */
function echartsModule(): string {
  return join(dirname(require.resolve('echarts/package.json')), 'dist', 'echarts.esm.min.js');
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)]));
}

function describe(file: string, path: (hash: string) => string, immutable: boolean): Asset {
  const content = readFileSync(file);
  const hash = createHash('sha256').update(content).digest('hex').slice(0, 16);
  return { path: path(hash), file, hash, type: TYPES[extname(file)] ?? 'application/octet-stream', size: content.length, immutable };
}

/** Every asset, hashed from the files as they are now. */
export function listAssets(): Asset[] {
  const site = filesUnder(WEB_DIR).map((file) => describe(file, () => `/${relative(WEB_DIR, file).split(sep).join('/')}`, false));
  return [
    ...site,
    describe(WEBCHAT_BUNDLE, (hash) => `/webchat/webchat.${hash}.js`, true),
    // A fixed path the dashboard module imports; revalidated by ETag like the pages.
    describe(echartsModule(), () => '/vendor/echarts.esm.min.js', false),
  ];
}

/** The asset as its file is now (a page edited while the server runs), at the same path. */
export function reread(asset: Asset): Asset {
  return describe(asset.file, () => asset.path, asset.immutable);
}

export function compressedFile(asset: Asset, encoding: Encoding): string {
  return join(COMPRESSED_DIR, `${asset.hash}${ENCODINGS[encoding]}`);
}

/** The encodings whose copy of this exact content the build made. */
export function compressedEncodings(asset: Asset): Encoding[] {
  return (Object.keys(ENCODINGS) as Encoding[]).filter((encoding) => existsSync(compressedFile(asset, encoding)));
}
