import { compressAssets } from './server/compressAssets';
import { buildWebChat } from './server/webChatBundle';
import { loadCorpus } from './nlu/corpus';
import { ensureModel } from './nlu/modelFile';
import { modelPath } from './nlu/understanding';
import { LOCALES_DIR, PROJECT_ROOT } from './paths';

/**
 * What `npm run build` (and so `npm start`) makes after tsc: the intent model, the Web Chat bundle and
 * the compressed copies of the web assets, each only when its inputs changed, so a start with nothing
 * changed skips them all.
 */
async function main(): Promise<void> {
  // esbuild runs in its own process and compression on libuv's threads while training keeps this one busy.
  const compressing = buildWebChat().then((bundled) => {
    if (bundled) process.stderr.write('bundled Web Chat into dist/webchat/\n');
    return compressAssets();
  });
  if (ensureModel(modelPath(PROJECT_ROOT), loadCorpus(LOCALES_DIR))) process.stderr.write('trained the intent model\n');
  const written = await compressing;
  if (written) process.stderr.write(`compressed ${written} web asset copies into dist/assets/\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`build failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
