import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { COMPRESSED_DIR, compressedFile, ENCODINGS, listAssets, type Asset, type Encoding } from './assets';

const COMPRESS: Record<Encoding, (content: Buffer) => Promise<Buffer>> = {
  // Quality 11 takes seconds for Web Chat's 2.2 MB, once per bundle version: under a quarter of its size.
  br: (content) =>
    promisify(brotliCompress)(content, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: content.length },
    }),
  gzip: (content) => promisify(gzip)(content, { level: 9 }),
};

/**
 * Writes the Brotli and gzip copies the build does not have yet (they are named by content hash, so an
 * existing one is current) and removes those of content no longer served. Returns how many it wrote.
 */
export async function compressAssets(assets: Asset[] = listAssets()): Promise<number> {
  mkdirSync(COMPRESSED_DIR, { recursive: true });
  const copies = assets.flatMap((asset) => (Object.keys(ENCODINGS) as Encoding[]).map((encoding) => ({ asset, encoding, target: compressedFile(asset, encoding) })));
  const wanted = new Set(copies.map((copy) => copy.target));
  for (const name of readdirSync(COMPRESSED_DIR)) {
    if (!wanted.has(join(COMPRESSED_DIR, name))) rmSync(join(COMPRESSED_DIR, name), { force: true });
  }
  const missing = copies.filter((copy) => !existsSync(copy.target));
  await Promise.all(
    missing.map(async ({ asset, encoding, target }) => {
      // Written aside and renamed, so a server never sees half a file under the final name.
      writeFileSync(`${target}.tmp`, await COMPRESS[encoding](readFileSync(asset.file)));
      renameSync(`${target}.tmp`, target);
    }),
  );
  return missing.length;
}
