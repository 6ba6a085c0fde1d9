import { createReadStream, statSync } from 'node:fs';
import type { Next, Request, Response, Server } from 'restify';
import { compressedEncodings, compressedFile, reread, type Asset, type Encoding } from './assets';
import { sendError } from './http';

const YEAR_SECONDS = 365 * 24 * 3600;

/**
 * The encoding to send among those available (in our order of preference): the one the client weighs
 * highest, ours breaking ties; none when it accepts none of them (`identity` is always acceptable here).
 */
export function chooseEncoding(acceptEncoding: string | undefined, available: readonly Encoding[]): Encoding | undefined {
  const weights = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').toLowerCase().split(',')) {
    const [name, ...params] = part.split(';').map((s) => s.trim());
    const q = params.find((p) => p.startsWith('q='));
    if (name) weights.set(name, q ? Number(q.slice(2)) || 0 : 1);
  }
  const weight = (encoding: Encoding) => weights.get(encoding) ?? weights.get('*') ?? 0;
  return available.filter((encoding) => weight(encoding) > 0).sort((a, b) => weight(b) - weight(a))[0];
}

interface Served {
  asset: Asset;
  /** Byte size per encoding the build compressed it in. */
  sizes: Partial<Record<Encoding, number>>;
  /** The file's modification time when it was described. */
  mtimeMs: number;
}

function serve(asset: Asset): Served {
  const sizes = Object.fromEntries(compressedEncodings(asset).map((encoding) => [encoding, statSync(compressedFile(asset, encoding)).size]));
  return { asset, sizes, mtimeMs: statSync(asset.file).mtimeMs };
}

/**
 * A page or script edited since it was described is described again (new hash, uncompressed until
 * the next build), so an edit under web/ shows at once instead of breaking on a stale length.
 */
function current(served: Served): Served {
  if (served.asset.immutable) return served;
  const mtimeMs = statSync(served.asset.file, { throwIfNoEntry: false })?.mtimeMs;
  if (mtimeMs === undefined || mtimeMs === served.mtimeMs) return served;
  return serve(reread(served.asset));
}

/**
 * The pages and scripts, each in the smallest encoding the browser accepts (copies compressed at build
 * time, never per request). Content-hashed paths are cached for a year without revalidation; the others
 * (the widget's fixed embed URL, the pages) are revalidated each time by ETag.
 */
export function registerStaticRoutes(server: Server, assets: Asset[]): void {
  const byPath = new Map<string, Served>();
  const aliases = new Map<string, string>();
  for (const asset of assets) {
    byPath.set(asset.path, serve(asset));
    if (asset.path.endsWith('/index.html')) aliases.set(asset.path.slice(0, -'index.html'.length), asset.path);
  }

  const send = (req: Request, res: Response, next: Next) => {
    const path = aliases.get(req.getPath()) ?? req.getPath();
    const known = byPath.get(path);
    if (!known) {
      sendError(res, 404, 'NotFound', `${req.getPath()} does not exist`);
      return next(false);
    }
    const served = current(known);
    if (served !== known) byPath.set(path, served);
    const { asset, sizes } = served;
    const encoding = chooseEncoding(req.header('Accept-Encoding'), Object.keys(sizes) as Encoding[]);
    const etag = `"${asset.hash}${encoding ? `-${encoding}` : ''}"`;
    res.header('Vary', 'Accept-Encoding');
    res.header('ETag', etag);
    res.header('Cache-Control', asset.immutable ? `public, max-age=${YEAR_SECONDS}, immutable` : 'no-cache');
    if (req.header('If-None-Match')?.split(',').some((tag) => tag.trim() === etag)) {
      res.writeHead(304);
      res.end();
      return next(false);
    }
    const length = encoding ? sizes[encoding]! : asset.size;
    res.writeHead(200, {
      'Content-Type': asset.type,
      'Content-Length': length,
      ...(encoding ? { 'Content-Encoding': encoding } : {}),
    });
    if (req.method === 'HEAD' || length === 0) {
      res.end();
      return next(false);
    }
    // Never more than the length announced: a file rewritten mid-send would otherwise append bytes
    // the client reads as the start of its next response on the same connection.
    createReadStream(encoding ? compressedFile(asset, encoding) : asset.file, { end: length - 1 })
      .once('end', () => next(false))
      .once('error', (err) => {
        res.destroy(err);
        next(false);
      })
      .pipe(res);
  };
  // HEAD answers as GET without the body (link checkers and monitors use it).
  server.get('/*', send);
  server.head('/*', send);
}
