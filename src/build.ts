import { compressAssets } from './server/compressAssets';
import { loadCorpus } from './nlu/corpus';
import { ensureModel } from './nlu/modelFile';
import { modelPath } from './nlu/understanding';
import { LOCALES_DIR, PROJECT_ROOT } from './paths';

/**
 * What `npm run build` (and so `npm start`) makes after tsc: the intent model and the compressed copies
 * of the web assets, each only when its inputs changed, so a start with nothing changed skips both.
 */
async function main(): Promise<void> {
  // Compression runs on libuv's threads while training keeps this one busy.
  const compressing = compressAssets();
  if (ensureModel(modelPath(PROJECT_ROOT), loadCorpus(LOCALES_DIR))) process.stderr.write('trained the intent model\n');
  const written = await compressing;
  if (written) process.stderr.write(`compressed ${written} web asset copies into dist/assets/\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`build failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
