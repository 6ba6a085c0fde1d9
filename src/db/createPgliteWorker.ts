import { workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

// Runs in a worker thread (see drivers.ts): creating a data directory grows PGlite's WebAssembly memory
// to about 600 MB, which goes back to the system only when this thread ends.
const { path, startParams } = workerData as { path: string; startParams: string[] };
void PGlite.create(path, { startParams }).then((db) => db.close());
