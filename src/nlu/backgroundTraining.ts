import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { PROJECT_ROOT } from '../paths';
import type { ModelJson } from './classifier';
import type { Utterance } from './corpus';

/** The compiled worker (tests run the sources, but `npm run build` and the test setup compile it). */
const WORKER = join(PROJECT_ROOT, 'dist', 'src', 'nlu', 'trainWorker.js');

/** Trains a model on `corpus` in a worker thread, so the event loop keeps serving turns meanwhile; `signal` stops it. */
export function trainInBackground(corpus: Utterance[], signal?: AbortSignal): Promise<ModelJson> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: corpus });
    signal?.addEventListener('abort', () => void worker.terminate(), { once: true });
    worker.once('message', (model: string) => resolve(JSON.parse(model) as ModelJson));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the training worker exited with code ${code} before sending a model`)));
  });
}
